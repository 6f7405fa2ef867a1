// Package yamlx reads untrusted YAML strictly: size and content limits,
// one document, no aliases, and positioned errors for every problem.
package yamlx

import (
	"fmt"
	"strings"

	"github.com/heat-tools/maturity/internal/safetext"
)

// Error is one problem found in a file, with its position when known.
type Error struct {
	File string
	Line int // 1-based; 0 when unknown
	Col  int // 1-based; 0 when unknown
	Msg  string
	Next string // optional next step for the user
}

// Hint is the next step for the user, if any.
func (e *Error) Hint() string { return e.Next }

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(safetext.Name(e.File))
		b.WriteString(":")
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, "%d:", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, "%d:", e.Col)
		}
	}
	if b.Len() > 0 {
		b.WriteString(" ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// MaxErrors is how many problems of one file are collected; the rest are
// not looked for. The tool prints the first fifty, and a file of a
// quarter of a million mistakes must still be refused in a fraction of a
// second, without a message, a suggestion and a sort for each.
const MaxErrors = 1000

// Errors is a list of problems, reported together.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns es as an error, or nil when it is empty.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// Pos is a position in a file.
type Pos struct{ Line, Col int }

// Errorf builds an Error at pos.
func Errorf(file string, pos Pos, format string, args ...any) *Error {
	return &Error{File: file, Line: pos.Line, Col: pos.Col, Msg: fmt.Sprintf(format, args...)}
}
