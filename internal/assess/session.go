// Package assess is the questionnaire behind `maturity assess`: which pages
// to ask, in which order, with which defaults and progress, and saving the
// answers file after every single answer. It knows nothing of terminals;
// form.go drives it with huh, prompt.go with plain lines for screen
// readers and scripts.
package assess

import (
	"fmt"
	"strings"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/mdtext"
	"github.com/heat-tools/maturity/internal/yamlx"
	"github.com/heat-tools/maturity/model"
)

// Saver writes the answers file; it is called after every answer and must
// leave a complete, valid file behind (answers.Encode plus an atomic write).
type Saver func(f *answers.File) error

// Session is one run of the questionnaire over some pillars of a model.
type Session struct {
	Model *model.Model
	File  *answers.File
	Pages []Page // every page of the selected pillars, in model order
	Total int    // indicators on those pages
	save  Saver
}

// Page is one pillar at one level: a cell with its indicators.
type Page struct {
	Pillar *model.Pillar
	Level  model.Level
	Cell   *model.Cell
	First  int // number of the page's first question in the session, from 1
}

// UnknownPillarError is a --pillar that the model does not have.
type UnknownPillarError struct {
	ID, Suggestion string
	Known          []string
}

func (e *UnknownPillarError) Error() string {
	msg := fmt.Sprintf("unknown pillar %q", e.ID)
	if e.Suggestion != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", e.Suggestion)
	}
	return msg
}

// New prepares a session over the pillars given by id (all when none), in
// the model's order. Cells without indicators have no page.
func New(m *model.Model, f *answers.File, pillars []string, save Saver) (*Session, error) {
	want := map[string]bool{}
	known := make([]string, len(m.Pillars))
	for i, p := range m.Pillars {
		known[i] = p.ID
	}
	for _, id := range pillars {
		if _, ok := m.Pillar(id); !ok {
			return nil, &UnknownPillarError{ID: id, Suggestion: yamlx.Nearest(id, known), Known: known}
		}
		want[id] = true
	}
	s := &Session{Model: m, File: f, save: save}
	for pi := range m.Pillars {
		p := &m.Pillars[pi]
		if len(want) > 0 && !want[p.ID] {
			continue
		}
		for _, l := range m.Levels {
			c, ok := p.Cell(l.Value)
			if !ok || len(c.Indicators) == 0 {
				continue
			}
			s.Pages = append(s.Pages, Page{Pillar: p, Level: l, Cell: c, First: s.Total + 1})
			s.Total += len(c.Indicators)
		}
	}
	return s, nil
}

// Title is the page's heading: pillar, level and progress, such as
// "Design · 300 Defined · 41/112" for a page whose first question is the
// 41st of 112.
func (s *Session) Title(p Page) string {
	return fmt.Sprintf("%s · %d %s · %d/%d", p.Pillar.Name, p.Level.Value, p.Level.Name, p.First, s.Total)
}

// Complete says whether every indicator of the page has an answer.
func (s *Session) Complete(p Page) bool {
	for _, ind := range p.Cell.Indicators {
		if e, ok := s.File.Get(ind.ID); !ok || e.Answer == "" {
			return false
		}
	}
	return true
}

// Todo is the pages to ask: those not fully answered, or all with revisit.
func (s *Session) Todo(revisit bool) []Page {
	var out []Page
	for _, p := range s.Pages {
		if revisit || !s.Complete(p) {
			out = append(out, p)
		}
	}
	return out
}

// Answered counts the session's indicators that have an answer.
func (s *Session) Answered() int {
	n := 0
	for _, p := range s.Pages {
		for _, ind := range p.Cell.Indicators {
			if e, ok := s.File.Get(ind.ID); ok && e.Answer != "" {
				n++
			}
		}
	}
	return n
}

// Default is what a question starts on: the answer and note already in the
// file; an empty answer when it has none, so that passing a question
// leaves it unanswered (it is never recorded as the lowest point).
func (s *Session) Default(id string) (answer, note string) {
	e, _ := s.File.Get(id)
	return e.Answer, e.Note
}

// Choice is one possible answer to a question.
type Choice struct {
	ID    string // a scale id or model.NotApplicable
	Label string
	Score float64 // on the indicator's scale; -1 for not applicable
}

// Choices are the points of the indicator's own scale (its own, its
// cell's or the model's default), followed by "Not applicable".
func (s *Session) Choices(ind *model.Indicator) []Choice {
	scale := s.Model.IndicatorScale(ind.ID)
	out := make([]Choice, 0, len(scale)+1)
	for _, sp := range scale {
		out = append(out, Choice{ID: sp.ID, Label: sp.Label, Score: sp.Score})
	}
	return append(out, Choice{ID: model.NotApplicable, Label: "Not applicable", Score: -1})
}

// Record sets one indicator's answer ("" for unanswered) and note, keeping
// its evidence, and saves the whole file at once.
func (s *Session) Record(id, answer, note string) error {
	e, ok := s.File.Get(id)
	if !ok {
		e = answers.Entry{ID: id}
	}
	e.Answer, e.Note = answer, strings.TrimSpace(note)
	s.File.Set(e)
	return s.Save()
}

// Save writes the file as it stands.
func (s *Session) Save() error { return s.save(s.File) }

// HelpText is an indicator's guidance and its resources, for showing under
// the question; empty when there is neither.
func HelpText(ind *model.Indicator) string {
	var parts []string
	if ind.Help != "" {
		parts = append(parts, mdtext.Plain(ind.Help)) // Markdown, shown as plain text
	}
	for _, r := range ind.Resources {
		parts = append(parts, "→ "+r.Title+": "+r.URL)
	}
	return strings.Join(parts, "\n")
}

// CellText is a page's goal followed by the cell's context lines and its
// resources.
func CellText(c *model.Cell) string {
	parts := []string{mdtext.Plain(c.Goal)}
	for _, ctx := range c.Context {
		parts = append(parts, "· "+mdtext.Plain(ctx))
	}
	for _, r := range c.Resources {
		parts = append(parts, "→ "+r.Title+": "+r.URL)
	}
	return strings.Join(parts, "\n")
}
