package render

import (
	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
)

// Scored is one answers file with the model it was scored against and its
// result: what the per-indicator formats (csv, junit) and the report need
// beyond the result itself.
type Scored struct {
	Model   *model.Model
	Answers *answers.File
	Result  *score.Result
	// Options are the scoring options Result was computed with (targets,
	// threshold): the report's plan aims by them.
	Options score.Options
}

// indicatorRow is one indicator as the per-indicator formats show it.
type indicatorRow struct {
	Pillar    *model.Pillar
	Level     int
	Indicator *model.Indicator
	Answer    string  // scale id, "na", or "" when unanswered
	Score     float64 // scale score; 0 when unanswered or na
	Note      string
	Evidence  []string
}

// rows lists the indicators of s in model order, with their answers.
func rows(s Scored) []indicatorRow {
	var out []indicatorRow
	for p := range s.Model.Pillars {
		pil := &s.Model.Pillars[p]
		for c := range pil.Cells {
			cell := &pil.Cells[c]
			for i := range cell.Indicators {
				ind := &cell.Indicators[i]
				row := indicatorRow{Pillar: pil, Level: cell.Level, Indicator: ind}
				if s.Answers != nil {
					if e, ok := s.Answers.Get(ind.ID); ok {
						row.Answer, row.Note, row.Evidence = e.Answer, e.Note, e.Evidence
					}
				}
				row.Score, _ = s.Model.AnswerScore(ind.ID, row.Answer)
				out = append(out, row)
			}
		}
	}
	return out
}

// gapSet indexes a result's gaps by indicator id.
func gapSet(r *score.Result) map[string]*score.Gap {
	m := make(map[string]*score.Gap, len(r.Gaps))
	for i := range r.Gaps {
		m[r.Gaps[i].Indicator] = &r.Gaps[i]
	}
	return m
}

// answerLabel names an answer for people: "unanswered" for none.
func answerLabel(m *model.Model, id, a string) string { return m.AnswerLabel(id, a) }

// answerClass is the CSS class of an answer's mark in HTML.
func answerClass(m *model.Model, id, a string) string {
	switch m.AnswerMark(id, a) {
	case model.MarkFull:
		return "ans-full"
	case model.MarkPartial:
		return "ans-part"
	case model.MarkNA:
		return "ans-na"
	}
	return "ans-none"
}

// unansweredNote says how unanswered indicators count, in no scale's words.
const unansweredNote = "they count as not in place (score 0)"
