package cli

import (
	"io"
	"os"
	"strconv"

	"golang.org/x/term"

	"github.com/heat-tools/maturity/internal/safetext"
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

	// Screen is stderr as it is, for the questionnaire's terminal UI alone:
	// it draws with escape sequences of its own and passes the model's text
	// through safetext itself. Out and Err never reach the terminal raw.
	Screen io.Writer
	// rawOut is stdout as it is, to ask the terminal its width.
	rawOut io.Writer
	// clean says Out and Err already pass the sanitizer.
	clean bool
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

// sanitized returns a copy of s whose Out and Err pass every byte through
// the one sanitizer (safetext), and a function that writes out what they
// hold back. Every command runs on it, so no output or message can forget
// the rule. Colour marks become escape sequences only on a terminal.
func (s *IO) sanitized() (*IO, func()) {
	if s.clean {
		return s, func() {}
	}
	c := *s
	c.clean = true
	out := safetext.NewWriter(s.Out, s.OutTTY)
	errw := safetext.NewWriter(s.Err, false)
	c.Out, c.Err = out, errw
	if c.Screen == nil {
		c.Screen = s.Err
	}
	if c.rawOut == nil {
		c.rawOut = s.Out
	}
	return &c, func() {
		out.Flush()
		errw.Flush()
	}
}

// ColorOut says whether stdout may carry colour: a terminal, no NO_COLOR,
// and no --no-color.
func (s *IO) ColorOut(noColor bool) bool {
	return s.OutTTY && !noColor && s.Getenv("NO_COLOR") == "" && s.Getenv("TERM") != "dumb"
}

// TerminalWidth is stdout's width, or 0 when it is not a terminal. The
// environment variable COLUMNS, when set to a number, wins, terminal or
// not: as in other tools, and so that tests can fix a width.
func (s *IO) TerminalWidth() int {
	if n, err := strconv.Atoi(s.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	raw := s.rawOut
	if raw == nil {
		raw = s.Out
	}
	if f, ok := raw.(*os.File); ok && s.OutTTY {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil {
			return w
		}
	}
	return 0
}
