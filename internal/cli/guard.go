package cli

import (
	"fmt"
	"runtime/debug"
)

// bugError is a panic turned into an error: a bug in maturity, never the
// user's fault, named with the file being processed.
type bugError struct {
	file  string
	value any
	stack []byte
}

func (e *bugError) Error() string {
	where := ""
	if e.file != "" {
		where = e.file + ": "
	}
	return fmt.Sprintf("%sinternal error: %v (this is a bug in maturity; please report it with the file that caused it)", where, e.value)
}

// guard runs fn and turns a panic in it into a bugError naming file, so that
// one bad input among many cannot crash a batch.
func guard(file string, fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &bugError{file: file, value: r, stack: debug.Stack()}
		}
	}()
	return fn()
}
