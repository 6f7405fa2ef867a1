package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileReplacesAtomically(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.yaml")
	if err := WriteFile(path, []byte("one"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("two"), 0o644); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if string(data) != "two" {
		t.Errorf("content %q, want two", data)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v: an existing file should keep its permissions", st.Mode().Perm())
	}
	assertOnly(t, dir, "a.yaml")
}

func TestWriteFileFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	// The target is a directory: the write fails and no temporary file stays.
	target := filepath.Join(dir, "out")
	os.Mkdir(target, 0o755)
	if err := WriteFile(target, []byte("x"), 0o644); err == nil {
		t.Error("writing over a directory succeeded")
	}
	assertOnly(t, dir, "out")

	// The folder does not exist.
	if err := WriteFile(filepath.Join(dir, "missing", "out"), []byte("x"), 0o644); err == nil {
		t.Error("writing into a missing folder succeeded")
	}
	assertOnly(t, dir, "out")
}

func TestWriteFileIntoReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores folder permissions")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	if err := WriteFile(filepath.Join(dir, "a"), []byte("x"), 0o644); err == nil {
		t.Error("writing into a read-only folder succeeded")
	}
	assertOnly(t, dir)
}

func TestWriteNewNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.yaml")
	os.WriteFile(path, []byte("mine"), 0o644)
	err := WriteNew(path, []byte("theirs"), 0o644)
	if !errors.Is(err, fs.ErrExist) {
		t.Errorf("err = %v, want ErrExist", err)
	}
	data, _ := os.ReadFile(path)
	if string(data) != "mine" {
		t.Errorf("existing file changed to %q", data)
	}
	assertOnly(t, dir, "a.yaml")
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if len(got) != len(names) {
		t.Fatalf("folder holds %v, want %v", got, names)
	}
	for i := range names {
		if got[i] != names[i] {
			t.Fatalf("folder holds %v, want %v", got, names)
		}
	}
}

// A File written in pieces shows nothing at its path until Commit, and an
// aborted one leaves the old content.
func TestFileInPieces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := os.WriteFile(path, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	read := func() string { b, _ := os.ReadFile(path); return string(b) }

	f, err := Create(path, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("[1,"))
	f.Write([]byte("2]"))
	if got := read(); got != "old" {
		t.Fatalf("before Commit the path holds %q, want the old content", got)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	f.Abort() // after Commit: does nothing
	if got := read(); got != "[1,2]" {
		t.Errorf("after Commit the path holds %q", got)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want the old file's 0640", st.Mode().Perm())
	}
	assertOnly(t, dir, "out.json")

	f, err = Create(path, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("partial"))
	f.Abort()
	if got := read(); got != "[1,2]" {
		t.Errorf("after Abort the path holds %q, want the committed content", got)
	}
	assertOnly(t, dir, "out.json")
}
