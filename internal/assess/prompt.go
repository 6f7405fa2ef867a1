package assess

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/heat-tools/maturity/internal/safetext"
	"github.com/heat-tools/maturity/model"
)

// ErrInterrupted is returned when the person stops the questionnaire
// (Ctrl-C, end of input, a closed terminal) before the last page. Every
// answer given before it is saved.
var ErrInterrupted = errors.New("interrupted")

// MaxLine is the longest line accessible mode reads: 64 KiB.
const MaxLine = 64 << 10

// LineTooLongError is an input line over MaxLine; nothing is recorded
// from it.
type LineTooLongError struct{ Line int }

func (e *LineTooLongError) Error() string {
	return fmt.Sprintf("stdin:%d: the line is over %d KiB; nothing was recorded from it", e.Line, MaxLine>>10)
}

// Lines reads r one line at a time for the whole session through a single
// bufio.Reader, so that no piped answer is lost between questions (huh's
// accessible mode makes a new scanner per prompt and drops them). The
// reading runs in its own goroutine so that a prompt can give up when ctx
// ends while a read is blocked. A line over MaxLine ends the reading with
// *LineTooLongError, without reading the rest of it.
type Lines struct {
	ch <-chan lineResult
}

type lineResult struct {
	line string
	err  error
}

// NewLines starts reading r.
func NewLines(r io.Reader) *Lines {
	ch := make(chan lineResult)
	go func() {
		defer close(ch)
		// Room for the longest line, its \r\n, and one byte to tell.
		br := bufio.NewReaderSize(r, MaxLine+3)
		for n := 1; ; n++ {
			b, err := br.ReadSlice('\n')
			line := strings.TrimRight(string(b), "\r\n")
			if errors.Is(err, bufio.ErrBufferFull) || len(line) > MaxLine {
				ch <- lineResult{err: &LineTooLongError{Line: n}}
				return
			}
			if len(b) > 0 {
				ch <- lineResult{line: line}
			}
			if err != nil {
				ch <- lineResult{err: err}
				return
			}
		}
	}()
	return &Lines{ch: ch}
}

// Next returns the next line, io.EOF at the end, or ctx's error.
func (l *Lines) Next(ctx context.Context) (string, error) {
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case r, ok := <-l.ch:
		if !ok {
			return "", io.EOF
		}
		return r.line, r.err
	}
}

// Prompt asks the pages' questions line by line: the question, the
// numbered choices, then one line of input per question:
//
//	ANSWER [NOTE]
//
// ANSWER is a choice's number, id or full label (any case), y or n for
// yes or no, "n/a" for not applicable. An empty line skips the question:
// it keeps the answer already in the file, else stays unanswered. NOTE,
// the rest of the line, replaces the note; "-" removes it; no NOTE keeps
// the note already there. "?" shows the question's help and links, "<"
// goes back to the previous question. Each answer is saved at once. The
// end of input, or ctx ending, returns ErrInterrupted; a line over
// MaxLine returns *LineTooLongError. With echo (input that is not a
// terminal, so not echoed by it) each line read is written after its
// prompt, so that the transcript reads like a session.
func Prompt(ctx context.Context, s *Session, pages []Page, in *Lines, w io.Writer, echo bool) error {
	type question struct {
		page int
		ind  *model.Indicator
		num  int
	}
	var qs []question
	for pi, p := range pages {
		for i := range p.Cell.Indicators {
			qs = append(qs, question{pi, &p.Cell.Indicators[i], p.First + i})
		}
	}
	if len(qs) > 0 {
		fmt.Fprintln(w, "Type a number, an answer or its label (y/n for yes/no), then an optional note; an empty line skips, ? shows help, < goes back.")
	}
	shown := -1 // the page whose heading was written last
	for qi := 0; qi < len(qs); {
		q := qs[qi]
		if q.page != shown {
			p := pages[q.page]
			fmt.Fprintf(w, "\n== %s ==\n%s\n", safetext.Line(s.Title(p)), safetext.String(CellText(p.Cell)))
			shown = q.page
		}
		fmt.Fprintf(w, "\n[%d/%d] %s\n%s\n", q.num, s.Total, safetext.Line(q.ind.ID), safetext.String(q.ind.Text))
		if HelpText(q.ind) != "" {
			fmt.Fprintln(w, "  (? for help)")
		}
		choices := s.Choices(q.ind)
		fmt.Fprintf(w, "%s\n", menu(choices))
		def, note := s.Default(q.ind.ID)
		for {
			if def == "" {
				fmt.Fprint(w, "Answer (empty skips): ")
			} else {
				fmt.Fprintf(w, "Answer [%s]: ", safetext.Line(def))
			}
			line, err := in.Next(ctx)
			if err != nil {
				fmt.Fprintln(w)
				var long *LineTooLongError
				if errors.As(err, &long) {
					return err
				}
				return ErrInterrupted
			}
			if echo {
				fmt.Fprintln(w, safetext.Line(line))
			}
			switch strings.TrimSpace(line) {
			case "?":
				if h := HelpText(q.ind); h != "" {
					fmt.Fprintf(w, "%s\n", indent(safetext.String(h), "  "))
				} else {
					fmt.Fprintln(w, "  This question has no help.")
				}
				continue
			case "<":
				if qi == 0 {
					fmt.Fprintln(w, "  This is the first question.")
					continue
				}
				qi--
			default:
				answer, newNote, ok := ParseLine(line, choices, def, note)
				if !ok {
					tok, _, _ := strings.Cut(strings.TrimSpace(line), " ")
					fmt.Fprintf(w, "%q is not an answer: type a number from 1 to %d, an answer such as %s, or an empty line to skip\n",
						safetext.Line(tok), len(choices), choices[0].ID)
					continue
				}
				if answer != def || CleanNote(newNote) != note {
					if err := s.Record(q.ind.ID, answer, CleanNote(newNote)); err != nil {
						return err
					}
				}
				qi++
			}
			break
		}
	}
	return nil
}

// ParseLine reads one accessible-mode line (see Prompt) into an answer and
// a note; ok is false when the line starts with no answer of choices.
// A full label may hold spaces ("Not applicable"): the longest label the
// line starts with wins.
func ParseLine(line string, choices []Choice, def, note string) (answer, newNote string, ok bool) {
	line = strings.TrimSpace(line)
	if line == "" {
		return def, note, true
	}
	rest := ""
	best := -1
	for i, c := range choices {
		l := c.Label
		if len(line) >= len(l) && strings.EqualFold(line[:len(l)], l) && (len(line) == len(l) || line[len(l)] == ' ') {
			if best < 0 || len(l) > len(choices[best].Label) {
				best = i
			}
		}
	}
	if best >= 0 {
		answer, rest = choices[best].ID, strings.TrimSpace(line[len(choices[best].Label):])
	} else {
		tok, r, _ := strings.Cut(line, " ")
		answer, ok = choiceOf(tok, choices)
		if !ok {
			return "", "", false
		}
		rest = strings.TrimSpace(r)
	}
	switch rest {
	case "":
		return answer, note, true
	case "-":
		return answer, "", true
	}
	return answer, rest, true
}

func choiceOf(tok string, choices []Choice) (string, bool) {
	if n, err := strconv.Atoi(tok); err == nil {
		if n >= 1 && n <= len(choices) {
			return choices[n-1].ID, true
		}
		return "", false
	}
	if strings.EqualFold(tok, "n/a") {
		return model.NotApplicable, true
	}
	for _, c := range choices {
		if strings.EqualFold(tok, c.ID) || strings.EqualFold(tok, c.Label) {
			return c.ID, true
		}
	}
	// y and n stand for yes and no when the scale has them.
	for short, id := range map[string]string{"y": "yes", "n": "no"} {
		if strings.EqualFold(tok, short) {
			for _, c := range choices {
				if c.ID == id {
					return id, true
				}
			}
		}
	}
	return "", false
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// menu is a question's numbered choices on one line.
func menu(choices []Choice) string {
	var b strings.Builder
	for i, c := range choices {
		if i > 0 {
			b.WriteString("  ")
		}
		fmt.Fprintf(&b, "%d %s", i+1, safetext.Line(c.Label))
	}
	return b.String()
}
