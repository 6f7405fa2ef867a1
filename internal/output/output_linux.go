//go:build linux

package output

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// openUnnamed opens the temporary file with O_TMPFILE: it has no name until
// Commit links it, so that no kill can leave it behind. ok is false, with
// no error, when the system cannot: the filesystem lacks O_TMPFILE, /proc
// is not mounted (the link goes through /proc/self/fd), or the umask cannot
// be read.
func (f *File) openUnnamed() (ok bool, err error) {
	if f.old == nil {
		umask, ok := readUmask()
		if !ok {
			return false, nil
		}
		f.mode = 0o666 &^ umask
	}
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		return false, nil
	}
	dir := filepath.Dir(f.target)
	fd, err := unix.Open(dir, unix.O_TMPFILE|unix.O_WRONLY|unix.O_CLOEXEC, 0o600)
	switch {
	case err == nil:
		f.f = os.NewFile(uintptr(fd), f.path)
		return true, nil
	case errors.Is(err, unix.EOPNOTSUPP), errors.Is(err, unix.EISDIR), errors.Is(err, unix.EINVAL):
		// No O_TMPFILE here (EISDIR: a kernel older than 3.11 reads it as
		// O_DIRECTORY).
		return false, nil
	}
	return false, &fs.PathError{Op: "write", Path: f.path, Err: err}
}

// linkUnnamed names the complete O_TMPFILE file: linkat straight to the
// target when there is none (or when it must not be replaced: linkat fails
// if the name exists), else to a temporary name renamed over the target,
// the one moment the file has a name other than the target's.
func (f *File) linkUnnamed() error {
	defer f.f.Close()
	proc := "/proc/self/fd/" + strconv.Itoa(int(f.f.Fd()))
	link := func(name string) error {
		return unix.Linkat(unix.AT_FDCWD, proc, unix.AT_FDCWD, name, unix.AT_SYMLINK_FOLLOW)
	}
	if f.old == nil || f.noReplace {
		err := link(f.target)
		if f.noReplace || !errors.Is(err, unix.EEXIST) {
			return err
		}
		// A file appeared at the target since Create: replace it.
	}
	for try := 0; ; try++ {
		name := tempName(f.target)
		err := link(name)
		if err == nil {
			if err := unix.Rename(name, f.target); err != nil {
				os.Remove(name)
				return err
			}
			return nil
		}
		if !errors.Is(err, unix.EEXIST) || try == 100 {
			return err
		}
	}
}

// readUmask reads the process's umask from /proc/self/status (Linux 4.7
// and later). Unlike umask(2), which can only be read by setting it, this
// cannot change the mode of a file another goroutine creates meanwhile.
func readUmask() (fs.FileMode, bool) {
	file, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, false
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "Umask:"); ok {
			m, err := strconv.ParseUint(strings.TrimSpace(v), 8, 32)
			if err != nil {
				return 0, false
			}
			return fs.FileMode(m) & fs.ModePerm, true
		}
	}
	return 0, false
}

// openScratchUnnamed opens an unnamed read-write file in dir with
// O_TMPFILE; ok is false when the filesystem cannot.
func openScratchUnnamed(dir string) (*os.File, bool) {
	fd, err := unix.Open(dir, unix.O_TMPFILE|unix.O_RDWR|unix.O_CLOEXEC, 0o600)
	if err != nil {
		return nil, false
	}
	return os.NewFile(uintptr(fd), filepath.Join(dir, "(scratch)")), true
}
