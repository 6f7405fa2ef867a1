package render

import (
	"encoding/json"
	"io"

	"github.com/heat-tools/maturity/internal/history"
	"github.com/heat-tools/maturity/internal/score"
)

// The JSON of a diff and of a trend: history computes them and knows no
// format; these types name their fields (a contract like the result's:
// add fields, never rename them) and write scores with the model's
// precision (one decimal by default).
type (
	diffJSON struct {
		Old          summaryJSON        `json:"old"`
		New          summaryJSON        `json:"new"`
		Detail       string             `json:"detail"`
		ModelChanged bool               `json:"model_changed"`
		Regression   bool               `json:"regression"`
		Regressions  []string           `json:"regressions"`
		Pillars      []pillarChangeJSON `json:"pillars"`
		Indicators   *indicatorsJSON    `json:"indicators,omitempty"`
		Notes        []noteChangeJSON   `json:"notes,omitempty"`
		Counts       []countChangeJSON  `json:"counts,omitempty"`
		Answered     []string           `json:"answered,omitempty"`
		Unanswered   []string           `json:"unanswered,omitempty"`
		GapsClosed   []string           `json:"gaps_closed,omitempty"`
		GapsOpened   []string           `json:"gaps_opened,omitempty"`
	}
	summaryJSON struct {
		File       string          `json:"file"`
		AssessedAt string          `json:"assessed_at,omitempty"`
		Model      score.ModelInfo `json:"model"`
		WrittenFor string          `json:"written_for,omitempty"`
		Level      score.LevelRef  `json:"level"`
		Score      decimals        `json:"score"`
	}
	pillarChangeJSON struct {
		ID          string           `json:"id"`
		Name        string           `json:"name"`
		Change      string           `json:"change"`
		Old         *pillarStateJSON `json:"old"`
		New         *pillarStateJSON `json:"new"`
		ScoreChange *decimals        `json:"score_change,omitempty"`
	}
	pillarStateJSON struct {
		Level score.LevelRef `json:"level"`
		Score decimals       `json:"score"`
	}
	indicatorsJSON struct {
		Gained  []indicatorChangeJSON `json:"gained"`
		Lost    []indicatorChangeJSON `json:"lost"`
		Changed []indicatorChangeJSON `json:"changed"`
		Removed []indicatorChangeJSON `json:"removed"`
		Added   []indicatorChangeJSON `json:"added"`
	}
	// indicatorChangeJSON writes unanswered as null.
	indicatorChangeJSON struct {
		ID     string  `json:"id"`
		Pillar string  `json:"pillar"`
		Level  int     `json:"level"`
		Old    *string `json:"old"`
		New    *string `json:"new"`
	}
	noteChangeJSON struct {
		ID     string `json:"id"`
		Pillar string `json:"pillar"`
		Old    string `json:"old"`
		New    string `json:"new"`
	}
	countChangeJSON struct {
		Kind string `json:"kind"`
		Old  int    `json:"old"`
		New  int    `json:"new"`
	}

	pointJSON struct {
		File       string            `json:"file"`
		AssessedAt *string           `json:"assessed_at"` // null when the file has no date
		Level      score.LevelRef    `json:"level"`
		Score      decimals          `json:"score"`
		Pillars    []pillarPointJSON `json:"pillars"`
	}
	pillarPointJSON struct {
		ID    string         `json:"id"`
		Name  string         `json:"name"`
		Level score.LevelRef `json:"level"`
		Score decimals       `json:"score"`
	}
)

// decimals is a score in JSON with its model's precision.
type decimals struct {
	v float64
	p int
}

func (d decimals) MarshalJSON() ([]byte, error) { return []byte(score.FormatScore(d.v, d.p)), nil }

func newDiffJSON(d *history.Diff) *diffJSON {
	out := &diffJSON{
		Old: newSummaryJSON(d.Old, d.Precision), New: newSummaryJSON(d.New, d.Precision), Detail: d.Detail,
		ModelChanged: d.ModelChanged, Regression: d.Regression, Regressions: d.Regressions,
		Answered: d.Answered, Unanswered: d.Unanswered,
		GapsClosed: d.GapsClosed, GapsOpened: d.GapsOpened,
	}
	if d.Pillars != nil {
		out.Pillars = []pillarChangeJSON{}
	}
	for _, p := range d.Pillars {
		out.Pillars = append(out.Pillars, pillarChangeJSON{ID: p.ID, Name: p.Name, Change: p.Change,
			Old: newPillarStateJSON(p.Old, d.Precision), New: newPillarStateJSON(p.New, d.Precision), ScoreChange: decimalsPtr(p.ScoreChange, d.Precision)})
	}
	if d.Notes != nil {
		out.Notes = make([]noteChangeJSON, len(d.Notes))
	}
	for i, n := range d.Notes {
		out.Notes[i] = noteChangeJSON{ID: n.ID, Pillar: n.Pillar, Old: n.Old, New: n.New}
	}
	if d.Counts != nil {
		out.Counts = make([]countChangeJSON, len(d.Counts))
	}
	for i, c := range d.Counts {
		out.Counts[i] = countChangeJSON{Kind: c.Kind, Old: c.Old, New: c.New}
	}
	if in := d.Indicators; in != nil {
		out.Indicators = &indicatorsJSON{Gained: changesJSON(in.Gained), Lost: changesJSON(in.Lost),
			Changed: changesJSON(in.Changed), Removed: changesJSON(in.Removed), Added: changesJSON(in.Added)}
	}
	return out
}

func newSummaryJSON(s history.Summary, precision int) summaryJSON {
	return summaryJSON{File: s.File, AssessedAt: s.AssessedAt, Model: s.Model, WrittenFor: s.WrittenFor, Level: s.Level, Score: decimals{float64(s.Score), precision}}
}

func newPillarStateJSON(s *history.PillarState, precision int) *pillarStateJSON {
	if s == nil {
		return nil
	}
	return &pillarStateJSON{Level: s.Level, Score: decimals{float64(s.Score), precision}}
}

func decimalsPtr(v *score.OneDecimal, precision int) *decimals {
	if v == nil {
		return nil
	}
	return &decimals{float64(*v), precision}
}

func changesJSON(cs []history.IndicatorChange) []indicatorChangeJSON {
	if cs == nil {
		return nil
	}
	out := make([]indicatorChangeJSON, len(cs))
	for i, c := range cs {
		out[i] = indicatorChangeJSON{ID: c.ID, Pillar: c.Pillar, Level: c.Level, Old: answerPtr(c.Old), New: answerPtr(c.New)}
	}
	return out
}

func answerPtr(a string) *string {
	if a == "" {
		return nil
	}
	return &a
}

func newPointsJSON(points []history.Point) []pointJSON {
	if points == nil {
		return nil
	}
	out := make([]pointJSON, len(points))
	for i, p := range points {
		pj := pointJSON{File: p.File, AssessedAt: p.AssessedAt, Level: p.Level, Score: decimals{float64(p.Score), p.Precision}}
		if p.Pillars != nil {
			pj.Pillars = make([]pillarPointJSON, len(p.Pillars))
		}
		for j, pp := range p.Pillars {
			pj.Pillars[j] = pillarPointJSON{ID: pp.ID, Name: pp.Name, Level: pp.Level, Score: decimals{float64(pp.Score), p.Precision}}
		}
		out[i] = pj
	}
	return out
}

// encodeJSON writes v as indented JSON, with <, > and & as they are.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
