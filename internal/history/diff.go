// Package history compares assessments over time: the diff of two
// assessments and the trend of many. It computes; the cli package wires
// flags and files.
package history

import (
	"encoding/json"
	"fmt"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
)

// Side is one assessment in a diff: an answers file scored against its
// model, or a JSON result alone (Model and File nil).
type Side struct {
	Model  *model.Model
	File   *answers.File
	Result *score.Result
	// Unknown holds the file's answers to indicators that Model does not
	// have (written for another version of it); they were left out of
	// scoring and count as indicators gone from the model.
	Unknown []answers.Entry
}

// Diff is what changed from Old to New.
type Diff struct {
	Old          Summary        `json:"old"`
	New          Summary        `json:"new"`
	Detail       string         `json:"detail"` // "answers", or "results" when either side is a JSON result
	ModelChanged bool           `json:"model_changed"`
	Regression   bool           `json:"regression"`
	Regressions  []string       `json:"regressions"`
	Pillars      []PillarChange `json:"pillars"`
	// With Detail "answers":
	Indicators *Indicators  `json:"indicators,omitempty"`
	Notes      []NoteChange `json:"notes,omitempty"`
	// With Detail "results":
	Counts     []CountChange `json:"counts,omitempty"`
	Answered   []string      `json:"answered,omitempty"`   // unanswered before, answered now
	Unanswered []string      `json:"unanswered,omitempty"` // answered before, unanswered now
	GapsClosed []string      `json:"gaps_closed,omitempty"`
	GapsOpened []string      `json:"gaps_opened,omitempty"`
}

// Summary is one side's headline.
type Summary struct {
	File       string          `json:"file"`
	AssessedAt string          `json:"assessed_at,omitempty"`
	Model      score.ModelInfo `json:"model"` // the model it was scored with
	// WrittenFor is the file's model_version when it differs from
	// Model.Version: the answers were written for another version.
	WrittenFor string           `json:"written_for,omitempty"`
	Level      score.LevelRef   `json:"level"`
	Score      score.OneDecimal `json:"score"`
}

// PillarChange is one pillar before and after. Change is "up", "down" or
// "same" for the level, or "gone" / "new" for a pillar in one side only.
type PillarChange struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Change      string            `json:"change"`
	Old         *PillarState      `json:"old"`
	New         *PillarState      `json:"new"`
	ScoreChange *score.OneDecimal `json:"score_change,omitempty"`
}

// PillarState is a pillar's level and score on one side.
type PillarState struct {
	Level score.LevelRef   `json:"level"`
	Score score.OneDecimal `json:"score"`
}

// Indicators are the answer changes, each list in pillar then model order.
//
//   - Gained: the new answer earns the top score of the scale (yes) and the
//     old one did not (any other answer, na, or unanswered).
//   - Lost: the old answer earned the top score and the new one does not.
//   - Changed: any other change of answer, to or from na and unanswered
//     included (partial → no, na → no, unanswered → partial, …).
//   - Removed: an indicator of the old side that the new side's model does
//     not have; Added: the reverse. Their answer is the one side's.
type Indicators struct {
	Gained  []IndicatorChange `json:"gained"`
	Lost    []IndicatorChange `json:"lost"`
	Changed []IndicatorChange `json:"changed"`
	Removed []IndicatorChange `json:"removed"`
	Added   []IndicatorChange `json:"added"`
}

// Count is the number of indicators named in all lists.
func (in *Indicators) Count() int {
	return len(in.Gained) + len(in.Lost) + len(in.Changed) + len(in.Removed) + len(in.Added)
}

// IndicatorChange is one indicator's answer before and after; "" is
// unanswered (null in JSON). Pillar is "" for an id no model knows.
type IndicatorChange struct {
	ID     string
	Pillar string
	Level  int
	Old    string
	New    string
	// Direction is +1 when the new answer scores higher, -1 lower, 0
	// otherwise (the same score, or to or from na).
	Direction int
	order     int
}

// MarshalJSON writes unanswered as null.
func (c IndicatorChange) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ID     string  `json:"id"`
		Pillar string  `json:"pillar"`
		Level  int     `json:"level"`
		Old    *string `json:"old"`
		New    *string `json:"new"`
	}{c.ID, c.Pillar, c.Level, answerPtr(c.Old), answerPtr(c.New)})
}

func answerPtr(a string) *string {
	if a == "" {
		return nil
	}
	return &a
}

// NoteChange is a note added, removed or edited ("" is no note).
type NoteChange struct {
	ID     string `json:"id"`
	Pillar string `json:"pillar"`
	Old    string `json:"old"`
	New    string `json:"new"`
	order  int
}

// CountChange is one answer count before and after.
type CountChange struct {
	Kind string `json:"kind"`
	Old  int    `json:"old"`
	New  int    `json:"new"`
}

// Compare computes the diff from old to new. It never fails: indicators
// and pillars that only one side has are listed, not errors.
func Compare(old, new Side) *Diff {
	d := &Diff{
		Old:         summary(old),
		New:         summary(new),
		Detail:      "answers",
		Regressions: []string{},
	}
	d.ModelChanged = d.Old.Model.ID != d.New.Model.ID || d.Old.Model.Version != d.New.Model.Version
	if d.New.Level.Value < d.Old.Level.Value {
		d.Regression = true
		d.Regressions = append(d.Regressions, fmt.Sprintf("overall level %s → %s", levelText(d.Old.Level), levelText(d.New.Level)))
	}
	d.Pillars = comparePillars(old.Result, new.Result)
	for _, p := range d.Pillars {
		if p.Change == "down" {
			d.Regression = true
			d.Regressions = append(d.Regressions, fmt.Sprintf("%s %s → %s", p.Name, levelText(p.Old.Level), levelText(p.New.Level)))
		}
	}
	if old.File == nil || new.File == nil || old.Model == nil || new.Model == nil {
		d.Detail = "results"
		compareResults(d, old.Result, new.Result)
		return d
	}
	compareAnswers(d, old, new)
	return d
}

func summary(s Side) Summary {
	r := s.Result
	sum := Summary{File: r.Input.File, AssessedAt: r.Input.AssessedAt, Model: r.Model, Level: r.Level, Score: r.Score}
	if s.File != nil && s.File.ModelVersion != "" && s.File.ModelVersion != r.Model.Version {
		sum.WrittenFor = s.File.ModelVersion
	}
	return sum
}

func levelText(l score.LevelRef) string {
	if l.Value == 0 {
		return l.Name
	}
	return fmt.Sprintf("%d %s", l.Value, l.Name)
}

func comparePillars(old, new *score.Result) []PillarChange {
	var out []PillarChange
	oldBy := map[string]score.PillarResult{}
	for _, p := range old.Pillars {
		oldBy[p.ID] = p
	}
	inNew := map[string]bool{}
	for _, np := range new.Pillars {
		inNew[np.ID] = true
		pc := PillarChange{ID: np.ID, Name: np.Name, New: &PillarState{np.Level, np.Score}}
		op, ok := oldBy[np.ID]
		if !ok {
			pc.Change = "new"
			out = append(out, pc)
			continue
		}
		pc.Old = &PillarState{op.Level, op.Score}
		delta := score.OneDecimal(np.Score.Round() - op.Score.Round())
		pc.ScoreChange = &delta
		switch {
		case np.Level.Value > op.Level.Value:
			pc.Change = "up"
		case np.Level.Value < op.Level.Value:
			pc.Change = "down"
		default:
			pc.Change = "same"
		}
		out = append(out, pc)
	}
	for _, op := range old.Pillars {
		if !inNew[op.ID] {
			out = append(out, PillarChange{ID: op.ID, Name: op.Name, Change: "gone", Old: &PillarState{op.Level, op.Score}})
		}
	}
	return out
}

// place is where an indicator id sits, for grouping and ordering.
type place struct {
	pillar string
	level  int
	order  int
}

func compareAnswers(d *Diff, old, new Side) {
	// Places: the new model's order, then what only the old model has,
	// then ids no model knows (answers left out of scoring), last.
	places := map[string]place{}
	pillarRank := map[string]int{}
	n := 0
	addModel := func(m *model.Model) {
		for _, p := range m.Pillars {
			if _, ok := pillarRank[p.ID]; !ok {
				pillarRank[p.ID] = len(pillarRank)
			}
		}
		for _, ref := range m.Indicators() {
			if _, ok := places[ref.Indicator.ID]; !ok {
				places[ref.Indicator.ID] = place{ref.Pillar.ID, ref.Cell.Level, 0}
			}
		}
	}
	addModel(new.Model)
	addModel(old.Model)
	for _, side := range []Side{new, old} {
		for _, e := range side.Unknown {
			if _, ok := places[e.ID]; !ok {
				places[e.ID] = place{"", 0, 0}
			}
		}
	}
	// Order: pillar rank, then first appearance (new model, old model, unknown).
	seq := func(id string) {
		p := places[id]
		if p.order == 0 {
			n++
			rank := len(pillarRank)
			if r, ok := pillarRank[p.pillar]; ok {
				rank = r
			}
			p.order = rank*1_000_000 + n
			places[id] = p
		}
	}
	for _, m := range []*model.Model{new.Model, old.Model} {
		for _, ref := range m.Indicators() {
			seq(ref.Indicator.ID)
		}
	}
	for _, side := range []Side{new, old} {
		for _, e := range side.Unknown {
			seq(e.ID)
		}
	}

	oldIDs, newIDs := universe(old), universe(new)
	entry := func(s Side, id string) answers.Entry {
		if e, ok := s.File.Get(id); ok {
			return e
		}
		for _, e := range s.Unknown {
			if e.ID == id {
				return e
			}
		}
		return answers.Entry{}
	}

	in := &Indicators{Gained: []IndicatorChange{}, Lost: []IndicatorChange{}, Changed: []IndicatorChange{}, Removed: []IndicatorChange{}, Added: []IndicatorChange{}}
	var notes []NoteChange
	for id, p := range places {
		inOld, inNew := oldIDs[id], newIDs[id]
		oe, ne := entry(old, id), entry(new, id)
		c := IndicatorChange{ID: id, Pillar: p.pillar, Level: p.level, Old: oe.Answer, New: ne.Answer, order: p.order}
		switch {
		case inOld && !inNew:
			c.New = ""
			in.Removed = append(in.Removed, c)
		case inNew && !inOld:
			c.Old = ""
			in.Added = append(in.Added, c)
		case oe.Answer != ne.Answer:
			so, oldApplicable := answerScore(old.Model, oe.Answer)
			sn, newApplicable := answerScore(new.Model, ne.Answer)
			if oldApplicable && newApplicable {
				switch {
				case sn > so:
					c.Direction = 1
				case sn < so:
					c.Direction = -1
				}
			}
			oldFull := oldApplicable && oe.Answer != "" && so >= topScore(old.Model)
			newFull := newApplicable && ne.Answer != "" && sn >= topScore(new.Model)
			switch {
			case newFull && !oldFull:
				in.Gained = append(in.Gained, c)
			case oldFull && !newFull:
				in.Lost = append(in.Lost, c)
			default:
				in.Changed = append(in.Changed, c)
			}
		}
		if oe.Note != ne.Note {
			notes = append(notes, NoteChange{ID: id, Pillar: p.pillar, Old: oe.Note, New: ne.Note, order: p.order})
		}
	}
	for _, list := range []*[]IndicatorChange{&in.Gained, &in.Lost, &in.Changed, &in.Removed, &in.Added} {
		sortChanges(*list)
	}
	sortNotes(notes)
	d.Indicators = in
	d.Notes = notes
	if d.Notes == nil {
		d.Notes = []NoteChange{}
	}
}

// universe is the ids a side speaks of: its model's, and its answers to
// ids the model does not have.
func universe(s Side) map[string]bool {
	ids := map[string]bool{}
	for _, ref := range s.Model.Indicators() {
		ids[ref.Indicator.ID] = true
	}
	for _, e := range s.Unknown {
		ids[e.ID] = true
	}
	return ids
}

// answerScore is s(i) of an answer: its scale score, 0 when unanswered;
// applicable is false for na.
func answerScore(m *model.Model, a string) (s float64, applicable bool) {
	switch a {
	case model.NotApplicable:
		return 0, false
	case "":
		return 0, true
	}
	p, _ := m.ScalePoint(a)
	return p.Score, true
}

// topScore is the highest score of m's scale: 1 (yes) by default.
func topScore(m *model.Model) float64 {
	top := 0.0
	for _, s := range m.Scale {
		top = max(top, s.Score)
	}
	return top
}

func compareResults(d *Diff, old, new *score.Result) {
	d.Counts = []CountChange{{"indicators", old.Counts.Indicators, new.Counts.Indicators}}
	seen := map[string]bool{}
	for _, s := range new.Counts.Scale {
		seen[s.ID] = true
		d.Counts = append(d.Counts, CountChange{s.ID, old.Counts.Of(s.ID), s.N})
	}
	for _, s := range old.Counts.Scale {
		if !seen[s.ID] {
			d.Counts = append(d.Counts, CountChange{s.ID, s.N, 0})
		}
	}
	d.Counts = append(d.Counts,
		CountChange{"na", old.Counts.NA, new.Counts.NA},
		CountChange{"unanswered", old.Counts.Unanswered, new.Counts.Unanswered})

	d.Answered = minus(old.Unanswered, new.Unanswered)
	d.Unanswered = minus(new.Unanswered, old.Unanswered)
	if old.Target != nil && new.Target != nil && old.Target.Value == new.Target.Value {
		d.GapsClosed = minus(gapIDs(old), gapIDs(new))
		d.GapsOpened = minus(gapIDs(new), gapIDs(old))
	}
}

func gapIDs(r *score.Result) []string {
	out := make([]string, len(r.Gaps))
	for i, g := range r.Gaps {
		out[i] = g.Indicator
	}
	return out
}

// minus is a without the elements of b, in a's order.
func minus(a, b []string) []string {
	drop := make(map[string]bool, len(b))
	for _, s := range b {
		drop[s] = true
	}
	out := []string{}
	for _, s := range a {
		if !drop[s] {
			out = append(out, s)
		}
	}
	return out
}
