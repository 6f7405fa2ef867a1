// Package history compares assessments over time: the diff of two
// assessments and the trend of many. It computes; render writes the
// results out, and the cli package wires flags and files.
package history

import (
	"fmt"
	"sort"

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
	Old          Summary
	New          Summary
	Detail       string // "answers", or "results" when either side is a JSON result
	ModelChanged bool
	Regression   bool
	Regressions  []string
	Pillars      []PillarChange
	Precision    int // decimals of the scores: the new side's model's precision
	// With Detail "answers":
	Indicators *Indicators
	Notes      []NoteChange
	// With Detail "results":
	Counts     []CountChange
	Answered   []string // unanswered before, answered now
	Unanswered []string // answered before, unanswered now
	GapsClosed []string
	GapsOpened []string
}

// Summary is one side's headline.
type Summary struct {
	File       string
	AssessedAt string
	Model      score.ModelInfo // the model it was scored with
	// WrittenFor is the file's model_version when it differs from
	// Model.Version: the answers were written for another version.
	WrittenFor string
	Level      score.LevelRef
	Score      score.OneDecimal
}

// PillarChange is one pillar before and after. Change is "up", "down" or
// "same" for the level, or "gone" / "new" for a pillar in one side only.
type PillarChange struct {
	ID          string
	Name        string
	Change      string
	Old         *PillarState
	New         *PillarState
	ScoreChange *score.OneDecimal
}

// PillarState is a pillar's level and score on one side.
type PillarState struct {
	Level score.LevelRef
	Score score.OneDecimal
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
	Gained  []IndicatorChange
	Lost    []IndicatorChange
	Changed []IndicatorChange
	Removed []IndicatorChange
	Added   []IndicatorChange
}

// IndicatorChange is one indicator's answer before and after; "" is
// unanswered. Pillar is "" for an id no model knows.
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

// NoteChange is a note added, removed or edited ("" is no note).
type NoteChange struct {
	ID     string
	Pillar string
	Old    string
	New    string
	order  int
}

// CountChange is one answer count before and after.
type CountChange struct {
	Kind string
	Old  int
	New  int
}

// Compare computes the diff from old to new. It never fails: indicators
// and pillars that only one side has are listed, not errors.
func Compare(old, new Side) *Diff {
	d := &Diff{
		Old:         summary(old),
		New:         summary(new),
		Detail:      "answers",
		Regressions: []string{},
		Precision:   new.Result.Precision(),
	}
	d.ModelChanged = d.Old.Model.ID != d.New.Model.ID || d.Old.Model.Version != d.New.Model.Version
	if d.New.Level.Value < d.Old.Level.Value {
		d.Regression = true
		d.Regressions = append(d.Regressions, fmt.Sprintf("overall level %s → %s", d.Old.Level.Label(), d.New.Level.Label()))
	}
	d.Pillars = comparePillars(old.Result, new.Result, d.Precision)
	for _, p := range d.Pillars {
		if p.Change == "down" {
			d.Regression = true
			d.Regressions = append(d.Regressions, fmt.Sprintf("%s %s → %s", p.Name, p.Old.Level.Label(), p.New.Level.Label()))
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

func comparePillars(old, new *score.Result, precision int) []PillarChange {
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
		delta := score.OneDecimal(score.RoundScore(float64(np.Score), precision) - score.RoundScore(float64(op.Score), precision))
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
			so, oldApplicable := old.Model.AnswerScore(id, oe.Answer)
			sn, newApplicable := new.Model.AnswerScore(id, ne.Answer)
			if oldApplicable && newApplicable {
				switch {
				case sn > so:
					c.Direction = 1
				case sn < so:
					c.Direction = -1
				}
			}
			oldFull := oldApplicable && oe.Answer != "" && so >= topScore(old.Model.IndicatorScale(id))
			newFull := newApplicable && ne.Answer != "" && sn >= topScore(new.Model.IndicatorScale(id))
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

// topScore is the highest score of an indicator's scale: 1 (yes) by default.
func topScore(scale []model.ScalePoint) float64 {
	top := 0.0
	for _, s := range scale {
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

// ChangeGroup is one pillar's gained, lost and changed indicators, each
// with its kind ("gained", "lost" or "changed"), in model order.
type ChangeGroup struct {
	Pillar string // "" for ids no model knows
	Items  []KindChange
}

// KindChange is an indicator change with the list it is in.
type KindChange struct {
	Kind   string
	Change IndicatorChange
}

// ByPillar merges gained, lost and changed in model order, grouped by
// pillar: the order a person reads a diff in.
func (in *Indicators) ByPillar() []ChangeGroup {
	var all []KindChange
	for _, k := range []struct {
		kind string
		cs   []IndicatorChange
	}{{"gained", in.Gained}, {"lost", in.Lost}, {"changed", in.Changed}} {
		for _, c := range k.cs {
			all = append(all, KindChange{k.kind, c})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Change.order < all[j].Change.order })
	var groups []ChangeGroup
	for _, it := range all {
		if len(groups) == 0 || groups[len(groups)-1].Pillar != it.Change.Pillar {
			groups = append(groups, ChangeGroup{Pillar: it.Change.Pillar})
		}
		g := &groups[len(groups)-1]
		g.Items = append(g.Items, it)
	}
	return groups
}
