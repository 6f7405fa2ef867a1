package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// modes runs a test with the unnamed temporary file (where the system has
// it) and with the named fallback.
var modes = []struct {
	name    string
	unnamed bool
}{{"unnamed", true}, {"named", false}}

func writeVia(path string, data []byte, noReplace, unnamed bool) error {
	f, err := create(path, noReplace, unnamed)
	if err != nil {
		return err
	}
	return f.writeAll(data)
}

// assertOnly fails unless dir holds exactly names: no temporary file left.
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	slices.Sort(names)
	if !slices.Equal(got, names) {
		t.Fatalf("folder holds %q, want %q", got, names)
	}
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReplaceKeepsContentAndMode(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "a.yaml")
			if err := os.WriteFile(path, []byte("one, longer than the next"), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, 0o640); err != nil { // whatever the umask
				t.Fatal(err)
			}
			if err := writeVia(path, []byte("two"), false, m.unnamed); err != nil {
				t.Fatal(err)
			}
			if got := readString(t, path); got != "two" {
				t.Errorf("content %q, want two", got)
			}
			st, _ := os.Stat(path)
			if st.Mode() != 0o640 {
				t.Errorf("mode %v, want the old file's -rw-r-----", st.Mode())
			}
			assertOnly(t, dir, "a.yaml")
		})
	}
}

func TestDirectoryIsAnError(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "out")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, write := range []func(string, []byte) error{WriteFile, WriteNew} {
		err := write(target, []byte("x"))
		if err == nil || !strings.HasSuffix(err.Error(), "out: is a directory") && !errors.Is(err, fs.ErrExist) {
			t.Errorf("err = %v, want is a directory (or exists, for WriteNew)", err)
		}
	}
	if err := WriteFile(target, []byte("x")); err == nil || !strings.HasSuffix(err.Error(), "out: is a directory") {
		t.Errorf("WriteFile: err = %v, want ...out: is a directory", err)
	}
	assertOnly(t, dir, "out")
	assertOnly(t, target)
}

func TestFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFile(filepath.Join(dir, "missing", "out"), []byte("x")); err == nil {
		t.Error("writing into a missing folder succeeded")
	}
	assertOnly(t, dir)

	if os.Geteuid() != 0 { // root ignores folder permissions
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o555)
		defer os.Chmod(ro, 0o755)
		if err := WriteFile(filepath.Join(ro, "a"), []byte("x")); err == nil {
			t.Error("writing into a read-only folder succeeded")
		}
		assertOnly(t, ro)
	}
}

func TestWriteNewNeverReplaces(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "a.yaml")
			dangling := filepath.Join(dir, "dangling.yaml")
			os.WriteFile(path, []byte("mine"), 0o644)
			os.Symlink("nowhere.yaml", dangling)
			for _, p := range []string{path, dangling} {
				err := writeVia(p, []byte("theirs"), true, m.unnamed)
				if !errors.Is(err, fs.ErrExist) {
					t.Errorf("%s: err = %v, want ErrExist", filepath.Base(p), err)
				}
			}
			if got := readString(t, path); got != "mine" {
				t.Errorf("existing file changed to %q", got)
			}
			assertOnly(t, dir, "a.yaml", "dangling.yaml")

			// A new name is written, with the mode of a new file.
			fresh := filepath.Join(dir, "new.yaml")
			if err := writeVia(fresh, []byte("new"), true, m.unnamed); err != nil {
				t.Fatal(err)
			}
			if got := readString(t, fresh); got != "new" {
				t.Errorf("new file holds %q", got)
			}
			assertOnly(t, dir, "a.yaml", "dangling.yaml", "new.yaml")
		})
	}
}

// A file created at the path after CreateNew but before Commit is not
// replaced: the check is the final link, not a look at the start.
func TestCreateNewRaceLosesToTheOtherFile(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "a.yaml")
			f, err := create(path, true, m.unnamed)
			if err != nil {
				t.Fatal(err)
			}
			f.Write([]byte("theirs"))
			os.WriteFile(path, []byte("mine"), 0o644)
			if err := f.Commit(); !errors.Is(err, fs.ErrExist) {
				t.Errorf("Commit: err = %v, want ErrExist", err)
			}
			if got := readString(t, path); got != "mine" {
				t.Errorf("the other file changed to %q", got)
			}
			assertOnly(t, dir, "a.yaml")
		})
	}
}

func TestSymlinkTargetReplacedLinkKept(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			real := filepath.Join(dir, "real")
			sub := filepath.Join(dir, "sub")
			os.Mkdir(real, 0o755)
			os.Symlink("real", sub) // sub -> real, a folder link
			target := filepath.Join(real, "target.json")
			os.WriteFile(target, []byte("old"), 0o644)
			// link -> sub/../real/target.json: ".." after a folder link is
			// the link target's parent, as the kernel reads it.
			link := filepath.Join(dir, "link.json")
			os.Symlink("sub/../real/target.json", link)
			// chain -> link -> ...: links to links are followed.
			chain := filepath.Join(dir, "chain.json")
			os.Symlink("link.json", chain)

			for i, p := range []string{link, chain} {
				want := []string{"new", "newer"}[i]
				if err := writeVia(p, []byte(want), false, m.unnamed); err != nil {
					t.Fatal(err)
				}
				if got := readString(t, target); got != want {
					t.Errorf("target holds %q, want %q", got, want)
				}
				for _, l := range []string{link, chain} {
					if st, err := os.Lstat(l); err != nil || st.Mode()&fs.ModeSymlink == 0 {
						t.Errorf("%s is no longer a link", filepath.Base(l))
					}
				}
			}
			assertOnly(t, dir, "chain.json", "link.json", "real", "sub")
			assertOnly(t, real, "target.json")

			// A dangling link names the file to create.
			dangling := filepath.Join(dir, "dangling.json")
			os.Symlink("real/created.json", dangling)
			if err := writeVia(dangling, []byte("made"), false, m.unnamed); err != nil {
				t.Fatal(err)
			}
			if got := readString(t, filepath.Join(real, "created.json")); got != "made" {
				t.Errorf("created file holds %q", got)
			}
			if st, _ := os.Lstat(dangling); st.Mode()&fs.ModeSymlink == 0 {
				t.Error("the dangling link was replaced by a file")
			}
		})
	}
}

func TestSymlinkLoopIsAnError(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.Symlink("b", a)
	os.Symlink("a", b)
	if err := WriteFile(a, []byte("x")); err == nil {
		t.Error("writing through a link loop succeeded")
	}
	assertOnly(t, dir, "a", "b")
}

// A File written in pieces shows nothing at its path until Commit, and an
// aborted one leaves the old content.
func TestFileInPieces(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.json")
			os.WriteFile(path, []byte("old"), 0o644)

			f, err := create(path, false, m.unnamed)
			if err != nil {
				t.Fatal(err)
			}
			f.Write([]byte("[1,"))
			f.Write([]byte("2]"))
			if got := readString(t, path); got != "old" {
				t.Fatalf("before Commit the path holds %q, want the old content", got)
			}
			if err := f.Commit(); err != nil {
				t.Fatal(err)
			}
			f.Abort() // after Commit: does nothing
			if got := readString(t, path); got != "[1,2]" {
				t.Errorf("after Commit the path holds %q", got)
			}
			if err := f.Commit(); err == nil {
				t.Error("a second Commit succeeded")
			}
			assertOnly(t, dir, "out.json")

			f, err = create(path, false, m.unnamed)
			if err != nil {
				t.Fatal(err)
			}
			f.Write([]byte("partial"))
			f.Abort()
			if got := readString(t, path); got != "[1,2]" {
				t.Errorf("after Abort the path holds %q, want the committed content", got)
			}
			if _, err := f.Write([]byte("x")); err == nil {
				t.Error("Write after Abort succeeded")
			}
			assertOnly(t, dir, "out.json")
		})
	}
}

func TestSameFile(t *testing.T) {
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	os.WriteFile(at("a.yaml"), []byte("a"), 0o644)
	os.WriteFile(at("b.yaml"), []byte("b"), 0o644)
	os.Symlink("a.yaml", at("link.yaml"))
	os.Link(at("a.yaml"), at("hard.yaml"))
	tests := []struct {
		out    string
		inputs []string
		want   string // the input named, "" for none
	}{
		{at("a.yaml"), []string{at("b.yaml"), at("a.yaml")}, at("a.yaml")},
		{at("a.yaml"), []string{at("b.yaml")}, ""},
		{at("link.yaml"), []string{at("a.yaml")}, at("a.yaml")},    // out is a link to an input
		{at("a.yaml"), []string{at("link.yaml")}, at("link.yaml")}, // an input is a link to out
		{at("hard.yaml"), []string{at("a.yaml")}, at("a.yaml")},    // another name of the same file
		{at("new.yaml"), []string{at("a.yaml")}, ""},               // out does not exist yet
		{at("a.yaml"), []string{"-", at("missing.yaml"), ""}, ""},  // stdin and missing inputs
		{"-", []string{"-"}, ""},
		{"", []string{at("a.yaml")}, ""},
		{dir, []string{dir}, ""}, // a folder is never replaced
	}
	for _, tt := range tests {
		got, ok := SameFile(tt.out, tt.inputs)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("SameFile(%s, %q) = %q, %v; want %q", filepath.Base(tt.out), tt.inputs, got, ok, tt.want)
		}
	}
}
