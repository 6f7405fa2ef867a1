//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package assess

import (
	"errors"
	"os"
	"syscall"
)

// tryLock takes an exclusive lock of f without waiting; held says another
// process has it. An flock ends with its process, so it is never stale.
func tryLock(f *os.File) (held bool, err error) {
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return true, nil
	}
	return false, err
}
