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
