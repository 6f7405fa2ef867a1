package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/heat-tools/maturity/internal/yamlx"
)

// Exit codes (SPEC.md).
const (
	ExitOK          = 0
	ExitFinding     = 1   // below --min-level, or a regression
	ExitError       = 2   // cannot do the job
	ExitInterrupted = 130 // the user stopped; answers are saved
)

// usageError is bad usage: an unknown command or flag, a wrong flag value,
// too few or too many arguments.
type usageError struct{ msg, hint string }

func (e *usageError) Error() string { return e.msg }
func (e *usageError) Hint() string  { return e.hint }

func usagef(hint, format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...), hint: hint}
}

// findingError is a result the user asked to fail on; exit 1.
type findingError struct{ msg string }

func (e *findingError) Error() string { return e.msg }

// interruptError is a stop by the user; exit 130.
type interruptError struct{ msg, hint string }

func (e *interruptError) Error() string { return e.msg }
func (e *interruptError) Hint() string  { return e.hint }

// hintError adds a next step to any error.
type hintError struct {
	err  error
	hint string
}

func (e *hintError) Error() string { return e.err.Error() }
func (e *hintError) Unwrap() error { return e.err }
func (e *hintError) Hint() string  { return e.hint }

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
				printOne(w, fmt.Sprintf("%s: and %d more problems", e.File, len(list)-i), "")
				return
			}
			printOne(w, e.Error(), e.Hint())
		}
		return
	}
	printOne(w, err.Error(), hintOf(err))
}

// maxLineLen is the most characters an error or hint line has (SPEC.md):
// a long key or value is cut, so that the line stays readable.
const maxLineLen = 300

func printOne(w io.Writer, msg, hint string) {
	fmt.Fprintln(w, errorLine("maturity: ", msg))
	if hint != "" {
		fmt.Fprintln(w, errorLine("hint: ", hint))
	}
}

// errorLine is prefix and msg as one line of at most maxLineLen
// characters: a line break inside msg is shown as \n, and a longer line
// loses its middle, so that both the FILE:LINE:COL: position at the start
// and the suggestion that often ends a message are kept.
func errorLine(prefix, msg string) string {
	msg = strings.NewReplacer("\r\n", `\r\n`, "\n", `\n`, "\r", `\r`).Replace(msg)
	r := []rune(prefix + msg)
	if len(r) <= maxLineLen {
		return string(r)
	}
	const tail = maxLineLen / 3
	head := maxLineLen - tail - 1 // one for the …
	return string(r[:head]) + "…" + string(r[len(r)-tail:])
}

// hintOf is the next step the error knows, from the outermost error in its
// chain that has one.
func hintOf(err error) string {
	var h interface{ Hint() string }
	if errors.As(err, &h) {
		return h.Hint()
	}
	return ""
}
