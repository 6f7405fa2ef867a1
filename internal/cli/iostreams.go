package cli

import (
	"io"
	"os"

	"golang.org/x/term"
)

// IO carries the streams and environment a command may use, so that tests
// can swap them and pretend to be a terminal.
type IO struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	InTTY  bool
	OutTTY bool
	ErrTTY bool
	Getenv func(string) string
}

// SystemIO is the process's real streams and environment.
func SystemIO() *IO {
	return &IO{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		InTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		ErrTTY: term.IsTerminal(int(os.Stderr.Fd())),
		Getenv: os.Getenv,
	}
}

// ColorOut says whether stdout may carry colour: a terminal, no NO_COLOR,
// and no --no-color.
func (s *IO) ColorOut(noColor bool) bool {
	return s.OutTTY && !noColor && s.Getenv("NO_COLOR") == "" && s.Getenv("TERM") != "dumb"
}

// TerminalWidth is stdout's width, or 0 when it is not a terminal.
func (s *IO) TerminalWidth() int {
	if f, ok := s.Out.(*os.File); ok && s.OutTTY {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil {
			return w
		}
	}
	return 0
}
