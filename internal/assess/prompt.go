package assess

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/heat-tools/maturity/model"
)

// ErrInterrupted is returned when the person stops the questionnaire
// (Ctrl-C, end of input, a closed terminal) before the last page. Every
// answer given before it is saved.
var ErrInterrupted = errors.New("interrupted")

// Lines reads r one line at a time for the whole session through a single
// bufio.Reader, so that no piped answer is lost between questions (huh's
// accessible mode makes a new scanner per prompt and drops them). The
// reading runs in its own goroutine so that a prompt can give up when ctx
// ends while a read is blocked.
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
		br := bufio.NewReader(r)
		for {
			s, err := br.ReadString('\n')
			if s != "" {
				ch <- lineResult{line: strings.TrimRight(s, "\r\n")}
			}
			if err != nil {
				ch <- lineResult{err: err}
				close(ch)
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

// Prompt asks the pages' questions line by line: the question, its help,
// the numbered choices, then one line of input per question:
//
//	ANSWER [NOTE]
//
// ANSWER is a choice's number, id or label (any case), "n/a" for not
// applicable, or empty to keep the default (the answer already in the file,
// else the first point of the scale). NOTE, the rest of the line, replaces
// the note; "-" removes it; no NOTE keeps the note already there. Each
// answer is saved at once. The end of input, or ctx ending, returns
// ErrInterrupted. With echo (input that is not a terminal, so not echoed
// by it) each line read is written after its prompt, so that the
// transcript reads like a session.
func Prompt(ctx context.Context, s *Session, pages []Page, in *Lines, w io.Writer, echo bool) error {
	choices := s.Choices()
	var menu strings.Builder
	for i, c := range choices {
		if i > 0 {
			menu.WriteString("  ")
		}
		fmt.Fprintf(&menu, "%d %s", i+1, c.Label)
	}
	for _, p := range pages {
		fmt.Fprintf(w, "\n== %s ==\n%s\n", s.Title(p), CellText(p.Cell))
		for i := range p.Cell.Indicators {
			ind := &p.Cell.Indicators[i]
			fmt.Fprintf(w, "\n[%d/%d] %s\n%s\n", p.First+i, s.Total, ind.ID, ind.Text)
			if h := HelpText(ind); h != "" {
				fmt.Fprintf(w, "%s\n", indent(h, "  "))
			}
			fmt.Fprintf(w, "%s\n", menu.String())
			def, note := s.Default(ind.ID)
			for {
				fmt.Fprintf(w, "Answer [%s]: ", def)
				line, err := in.Next(ctx)
				if err != nil {
					fmt.Fprintln(w)
					return ErrInterrupted
				}
				if echo {
					fmt.Fprintln(w, line)
				}
				answer, newNote, ok := ParseLine(line, choices, def, note)
				if !ok {
					fmt.Fprintf(w, "%q is not an answer: type a number from 1 to %d, an answer such as %s, or nothing for %s\n",
						strings.Fields(line)[0], len(choices), choices[0].ID, def)
					continue
				}
				if err := s.Record(ind.ID, answer, newNote); err != nil {
					return err
				}
				break
			}
		}
	}
	return nil
}

// ParseLine reads one accessible-mode line (see Prompt) into an answer and
// a note; ok is false when the answer is not one of choices.
func ParseLine(line string, choices []Choice, def, note string) (answer, newNote string, ok bool) {
	line = strings.TrimSpace(line)
	if line == "" {
		return def, note, true
	}
	tok, rest, _ := strings.Cut(line, " ")
	rest = strings.TrimSpace(rest)
	answer, ok = choiceOf(tok, choices)
	if !ok {
		return "", "", false
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
	return "", false
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
