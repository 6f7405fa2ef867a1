// Package atomicfile writes files so that a reader sees the old content or
// the new, never a part: a temporary file in the same folder, fsync, rename.
package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists is returned by WriteNew when the file is already there.
var ErrExists = fs.ErrExist

// File is written in pieces and replaces its path only on Commit; until
// then the path keeps its old content, or stays absent.
type File struct {
	tmp       *os.File
	path      string
	perm      fs.FileMode
	committed bool
}

// Create starts writing path. An existing file keeps its permissions; a
// new one gets perm. Call Commit to put the file in place, or Abort.
func Create(path string, perm fs.FileMode) (*File, error) {
	if st, err := os.Stat(path); err == nil {
		if st.IsDir() {
			return nil, &fs.PathError{Op: "write", Path: path, Err: errors.New("is a directory")}
		}
		perm = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	return &File{tmp: tmp, path: path, perm: perm}, nil
}

// Write writes to the temporary file.
func (f *File) Write(p []byte) (int, error) { return f.tmp.Write(p) }

// Commit syncs the temporary file and renames it to the path. After a
// failed Commit the temporary file is removed and the path is unchanged.
func (f *File) Commit() (err error) {
	defer func() {
		if err != nil {
			f.Abort()
		}
	}()
	if err = f.tmp.Chmod(f.perm); err != nil {
		return err
	}
	if err = f.tmp.Sync(); err != nil {
		return err
	}
	if err = f.tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(f.tmp.Name(), f.path); err != nil {
		return err
	}
	// Make the rename itself durable; not every filesystem supports it.
	f.committed = true
	if d, derr := os.Open(filepath.Dir(f.path)); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// Abort removes the temporary file, leaving the path as it was. It does
// nothing after a successful Commit.
func (f *File) Abort() {
	if f.committed {
		return
	}
	f.tmp.Close()
	os.Remove(f.tmp.Name())
}

// WriteFile replaces path with data atomically. An existing file keeps its
// permissions; a new one gets perm.
func WriteFile(path string, data []byte, perm fs.FileMode) error {
	f, err := Create(path, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

// WriteNew is WriteFile that refuses to replace an existing file.
func WriteNew(path string, data []byte, perm fs.FileMode) error {
	if _, err := os.Lstat(path); err == nil {
		return &fs.PathError{Op: "write", Path: path, Err: ErrExists}
	}
	return WriteFile(path, data, perm)
}
