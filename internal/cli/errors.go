package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/internal/yamlx"
)

// Exit codes (SPEC.md).
const (
	ExitOK          = 0
	ExitFinding     = 1   // below --min-level, or a regression
	ExitError       = 2   // cannot do the job
	ExitInterrupted = 130 // the user stopped; answers are saved
)

// usageError is bad usage: a wrong flag value or argument.
type usageError struct{ msg, hint string }

func (e *usageError) Error() string { return e.msg }

func usagef(hint, format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...), hint: hint}
}

// findingError is a result the user asked to fail on; exit 1.
type findingError struct{ msg string }

func (e *findingError) Error() string { return e.msg }

// interruptError is a stop by the user; exit 130.
type interruptError struct{ msg, hint string }

func (e *interruptError) Error() string { return e.msg }

// hintError adds a next step to any error.
type hintError struct {
	err  error
	hint string
}

func (e *hintError) Error() string { return e.err.Error() }
func (e *hintError) Unwrap() error { return e.err }

func withHint(err error, hint string) error { return &hintError{err: err, hint: hint} }

// reported is an error whose lines were already printed; only its code counts.
type reported struct{ code int }

func (e *reported) Error() string { return fmt.Sprintf("exit %d", e.code) }

// exitCode maps an error to the process exit code.
func exitCode(err error) int {
	var (
		f *findingError
		i *interruptError
		r *reported
	)
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &r):
		return r.code
	case errors.As(err, &f):
		return ExitFinding
	case errors.As(err, &i):
		return ExitInterrupted
	}
	return ExitError
}

// maxErrorsShown is how many problems of one file are printed; a file with
// thousands of mistakes needs fixing at its first ones.
const maxErrorsShown = 50

// printError writes err as "maturity: ..." lines with hints, one line per
// problem for a list of positioned errors.
func printError(w io.Writer, err error) {
	var r *reported
	if errors.As(err, &r) {
		return
	}
	var list yamlx.Errors
	if errors.As(err, &list) {
		for i, e := range list {
			if i == maxErrorsShown && len(list) > maxErrorsShown+1 {
				fmt.Fprintf(w, "maturity: %s: and %d more problems\n", e.File, len(list)-i)
				return
			}
			printOne(w, e.Error(), e.Hint)
		}
		return
	}
	printOne(w, err.Error(), hintOf(err))
}

func printOne(w io.Writer, msg, hint string) {
	fmt.Fprintf(w, "maturity: %s\n", msg)
	if hint != "" {
		fmt.Fprintf(w, "hint: %s\n", hint)
	}
}

func hintOf(err error) string {
	var (
		h  *hintError
		u  *usageError
		i  *interruptError
		y  *yamlx.Error
		oe *score.OptionError
	)
	switch {
	case errors.As(err, &h):
		return h.hint
	case errors.As(err, &u):
		return u.hint
	case errors.As(err, &i):
		return i.hint
	case errors.As(err, &y):
		return y.Hint
	case errors.As(err, &oe):
		return oe.Hint
	}
	return ""
}
