// Package output writes the files a command produces, so that a reader of
// the path sees the old content or the new, never a part, and no temporary
// file outlives an error.
//
// A regular file is replaced atomically: the new content goes to a
// temporary file in the same folder, which is synced and then renamed over
// the path (on Linux the temporary file has no name until it is complete,
// so even a kill -9 leaves none). A symbolic link is followed and its
// target replaced; the link stays a link. A path that exists but is not a
// regular file (a character device such as /dev/null, a FIFO) is written
// in place, never replaced. A directory is an error.
//
// A new file gets the mode 0666 less the umask; a replaced file keeps its
// mode, and its owner and group when the process runs as root.
package output

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
)

// maxLinks is how many symbolic links a path may go through, as on Linux.
const maxLinks = 40

// File is written in pieces and reaches its path only on Commit; until then
// the path keeps its old content, or stays absent. A File written in place
// (a device or a FIFO) receives each Write directly.
type File struct {
	f         *os.File
	path      string      // as the caller named it, for errors
	target    string      // where the content goes: path with its links followed
	old       fs.FileInfo // the file replaced; nil for a new one
	noReplace bool        // CreateNew: Commit fails when target exists
	inPlace   bool        // a device or FIFO, written directly
	tmpName   string      // the named temporary file; "" when unnamed or in place
	mode      fs.FileMode // the mode the file gets at Commit
	done      bool
}

// Create starts writing path. Call Commit to put the content in place, or
// Abort to leave the path as it was.
func Create(path string) (*File, error) { return create(path, false, true) }

// CreateNew is Create for a file that must not exist: Commit fails with an
// error matching fs.ErrExist when path exists by then (a link included, even
// a dangling one), and never replaces it. The check is the final link
// itself, not a look beforehand, so it holds against a file created
// meanwhile.
func CreateNew(path string) (*File, error) { return create(path, true, true) }

// WriteFile replaces path with data (see Create).
func WriteFile(path string, data []byte) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	return f.writeAll(data)
}

// WriteNew writes data to path, which must not exist (see CreateNew).
func WriteNew(path string, data []byte) error {
	f, err := CreateNew(path)
	if err != nil {
		return err
	}
	return f.writeAll(data)
}

func (f *File) writeAll(data []byte) error {
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

// create is Create or CreateNew; unnamed false forces a named temporary
// file, so that tests reach the fallback on Linux too.
func create(path string, noReplace, unnamed bool) (*File, error) {
	f := &File{path: path, target: path, noReplace: noReplace}
	if noReplace {
		// A name that exists is never written through, whatever it is.
		if _, err := os.Lstat(path); err == nil {
			return nil, &fs.PathError{Op: "write", Path: path, Err: fs.ErrExist}
		}
	} else {
		// A device or FIFO is written in place, through any links: the
		// kernel follows them, also the /proc links of /dev/stdout, which
		// name a pipe that Readlink cannot follow.
		if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() && !st.IsDir() {
			if err := f.openInPlace(); err != nil {
				return nil, err
			}
			return f, nil
		}
		target, err := resolve(path)
		if err != nil {
			return nil, &fs.PathError{Op: "write", Path: path, Err: unwrap(err)}
		}
		f.target = target
	}
	st, err := os.Lstat(f.target)
	switch {
	case err == nil && st.IsDir():
		return nil, &fs.PathError{Op: "write", Path: path, Err: syscall.EISDIR}
	case err == nil && !st.Mode().IsRegular():
		if err := f.openInPlace(); err != nil {
			return nil, err
		}
		return f, nil
	case err == nil:
		f.old = st
		f.mode = st.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky)
	case !errors.Is(err, fs.ErrNotExist):
		return nil, &fs.PathError{Op: "write", Path: path, Err: unwrap(err)}
	}
	if unnamed {
		ok, err := f.openUnnamed()
		if err != nil {
			return nil, err
		}
		if ok {
			return f, nil
		}
	}
	if err := f.openNamed(); err != nil {
		return nil, err
	}
	return f, nil
}

// resolve follows the symbolic links of path to the file they name, which
// need not exist (a dangling link names the file to create). A relative
// link is appended to the link's folder as text and only the final folder
// is resolved, by the system, so that ".." means what it means to the
// kernel.
func resolve(path string) (string, error) {
	for i := 0; ; i++ {
		st, err := os.Lstat(path)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			break
		}
		if i == maxLinks {
			return "", syscall.ELOOP
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			dir, _ := filepath.Split(path)
			link = dir + link // not Join: cleaning "dir/.." before the kernel resolves dir could change it
		}
		path = link
	}
	// The temporary file goes in the target's real folder: filepath.Dir
	// would clean "a/b/../c" lexically, wrong when b is a link.
	dir, file := filepath.Split(path)
	if dir == "" {
		return path, nil
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", err
	}
	return filepath.Join(real, file), nil
}

// openInPlace opens a device or FIFO for writing; opening a FIFO waits for
// its reader, as a shell redirection does.
func (f *File) openInPlace() error {
	file, err := os.OpenFile(f.target, os.O_WRONLY, 0)
	if err != nil {
		return &fs.PathError{Op: "write", Path: f.path, Err: unwrap(err)}
	}
	if st, err := file.Stat(); err != nil || st.Mode().IsRegular() || st.IsDir() {
		// Replaced between the look and the open: writing in place now
		// would leave the old file's tail.
		file.Close()
		return &fs.PathError{Op: "write", Path: f.path, Err: errors.New("changed while being opened; try again")}
	}
	f.f, f.inPlace = file, true
	return nil
}

// openNamed creates the temporary file with a name, in the target's
// folder. A new file is created 0666 so that the kernel applies the umask;
// a replacement gets the old mode at Commit.
func (f *File) openNamed() error {
	perm := fs.FileMode(0o666)
	if f.old != nil {
		perm = 0o600
	}
	for try := 0; ; try++ {
		name := tempName(f.target)
		file, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if err == nil {
			f.f, f.tmpName = file, name
			return nil
		}
		if !errors.Is(err, fs.ErrExist) || try == 100 {
			return &fs.PathError{Op: "write", Path: f.path, Err: unwrap(err)}
		}
	}
}

// tempName is a fresh name for a temporary file next to target, hidden and
// recognisably the target's.
func tempName(target string) string {
	dir, base := filepath.Split(target)
	return dir + "." + base + ".tmp-" + strconv.FormatUint(rand.Uint64(), 36)
}

// Write writes to the temporary file, or to the device or FIFO in place.
func (f *File) Write(p []byte) (int, error) {
	if f.done {
		return 0, &fs.PathError{Op: "write", Path: f.path, Err: fs.ErrClosed}
	}
	n, err := f.f.Write(p)
	if err != nil {
		return n, &fs.PathError{Op: "write", Path: f.path, Err: unwrap(err)}
	}
	return n, nil
}

// Commit puts the content at the path: the temporary file gets its mode
// (and owner, as root), is synced, and then named; the folder is synced
// too. After a failed Commit nothing of the File is left and the path is
// unchanged.
func (f *File) Commit() error {
	if f.done {
		return &fs.PathError{Op: "write", Path: f.path, Err: fs.ErrClosed}
	}
	if f.inPlace {
		f.done = true
		if err := f.f.Close(); err != nil {
			return &fs.PathError{Op: "write", Path: f.path, Err: unwrap(err)}
		}
		return nil
	}
	if err := f.commit(); err != nil {
		f.Abort()
		return &fs.PathError{Op: "write", Path: f.path, Err: unwrap(err)}
	}
	f.done = true
	syncDir(filepath.Dir(f.target))
	return nil
}

func (f *File) commit() error {
	if f.old != nil && os.Geteuid() == 0 {
		if uid, gid, ok := owner(f.old); ok {
			if err := f.f.Chown(uid, gid); err != nil {
				return err
			}
		}
	}
	// After Chown, which clears set-id bits; a new named file already has
	// its mode from the kernel.
	if f.old != nil || f.tmpName == "" {
		if err := f.f.Chmod(f.mode); err != nil {
			return err
		}
	}
	if err := f.f.Sync(); err != nil {
		return err
	}
	if f.tmpName == "" {
		return f.linkUnnamed() // closes f.f once named
	}
	if err := f.f.Close(); err != nil {
		return err
	}
	if f.noReplace {
		// link fails when the name exists; rename would replace it.
		err := os.Link(f.tmpName, f.target)
		os.Remove(f.tmpName)
		f.tmpName = ""
		return unwrapLink(err)
	}
	if err := os.Rename(f.tmpName, f.target); err != nil {
		return unwrapLink(err)
	}
	f.tmpName = ""
	return nil
}

// Abort drops what was written: the temporary file is removed and the path
// stays as it was. It does nothing after Commit, so it can be deferred.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.f.Close()
	if f.tmpName != "" {
		os.Remove(f.tmpName)
	}
}

// syncDir makes a rename in dir durable. Errors are ignored: some systems
// cannot sync a folder, and the file itself is already synced and in place.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// SameFile reports whether out names the same file as one of inputs, and
// which: the output would replace an input it is reading. Links are
// followed; "-", inputs that do not exist and an out that is not an
// existing regular file (a FIFO, a terminal, /dev/stdout, written in place
// and never replaced) are ignored.
func SameFile(out string, inputs []string) (string, bool) {
	if out == "" || out == "-" {
		return "", false
	}
	ost, err := os.Stat(out)
	if err != nil || !ost.Mode().IsRegular() {
		return "", false
	}
	for _, in := range inputs {
		if in == "" || in == "-" {
			continue
		}
		if st, err := os.Stat(in); err == nil && os.SameFile(ost, st) {
			return in, true
		}
	}
	return "", false
}

// unwrap drops the path an os error carries, since File's errors name the
// path the caller gave.
func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func unwrapLink(err error) error {
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return unwrap(err)
}
