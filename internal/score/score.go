// Package score computes a maturity result from a model and answers. It is
// a pure function: no I/O, no clock, the same inputs give the same result.
package score

import (
	"fmt"
	"math"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/model"
)

// SchemaVersion is the version of the JSON result format.
const SchemaVersion = 1

// epsilon absorbs float error when comparing a coverage with the threshold,
// so that three thirds reach a threshold of 1. It is relative (SPEC:
// c ≥ t − 1e-9·t), so that a coverage of 0 reaches no threshold, however small.
const epsilon = 1e-9

// Options change how a result is computed.
type Options struct {
	Threshold float64 // 0 means the model's threshold
	Target    int     // 0 means the level after the overall level
	// PillarTargets are per-pillar targets (--target PILLAR=LEVEL), level
	// values by pillar id; they come before the file's targets.
	PillarTargets map[string]int
}

// OptionError is a bad option value, such as a target that is not a level.
type OptionError struct{ Msg, Next string }

func (e *OptionError) Error() string { return e.Msg }
func (e *OptionError) Hint() string  { return e.Next }

// Score computes the result of f against m.
func Score(m *model.Model, f *answers.File, opt Options) (*Result, error) {
	thr := m.EffectiveThreshold()
	if opt.Threshold != 0 {
		if opt.Threshold < 0 || opt.Threshold > 1 || math.IsNaN(opt.Threshold) {
			return nil, &OptionError{Msg: fmt.Sprintf("threshold %v is outside (0,1]", opt.Threshold)}
		}
		thr = opt.Threshold
	}
	if opt.Target != 0 {
		if _, ok := m.Level(opt.Target); !ok {
			return nil, &OptionError{Msg: fmt.Sprintf("target %d is not a level of model %s", opt.Target, m.ID), Next: "levels: " + levelList(m)}
		}
	}
	for id, v := range opt.PillarTargets {
		if _, ok := m.Pillar(id); !ok {
			return nil, &OptionError{Msg: fmt.Sprintf("target: %q is not a pillar of model %s", id, m.ID)}
		}
		if _, ok := m.Level(v); !ok {
			return nil, &OptionError{Msg: fmt.Sprintf("target %s=%d: %d is not a level of model %s", id, v, v, m.ID), Next: "levels: " + levelList(m)}
		}
	}

	r := &Result{
		SchemaVersion: SchemaVersion,
		Model:         ModelInfo{ID: m.ID, Name: m.Name, Version: m.Version},
		Input:         InputInfo{File: f.Name, AssessedAt: f.AssessedAt, Organization: f.Organization, Scope: f.Scope, Respondent: f.Respondent},
		Threshold:     Ratio(thr),
		Scoring:       m.EffectiveScoring(),
		Gaps:          []Gap{},
		Unanswered:    []string{},
	}
	r.SetPrecision(m.EffectivePrecision())
	ids := m.AnswerIDs()
	r.Counts.Scale = make([]ScaleCount, len(ids))
	for i, id := range ids {
		r.Counts.Scale[i].ID = id
	}

	byCell := answersByCell(m, f)

	// Counts and unanswered, over the whole model in model order (the
	// loops of m.Indicators, without building its list for every file).
	for p := range m.Pillars {
		for c := range m.Pillars[p].Cells {
			cell := &m.Pillars[p].Cells[c]
			for i, a := range byCell[cell] {
				countAnswer(r, cell.Indicators[i].ID, a.answer)
			}
		}
	}

	overall := -1 // index into m.Levels; -1 is None
	var scoreSum float64
	for p := range m.Pillars {
		pil := &m.Pillars[p]
		pr := PillarResult{ID: pil.ID, Name: pil.Name, Group: pil.Group, Levels: make([]LevelCoverage, len(m.Levels))}
		reached := -1
		blocked := false
		for li, lvl := range m.Levels {
			lc := LevelCoverage{Value: lvl.Value}
			var sumW, sumWS float64
			if cell, ok := pil.Cell(lvl.Value); ok {
				for i, a := range byCell[cell] {
					if !a.applicable {
						continue
					}
					lc.Applicable++
					if a.answer != "" {
						lc.Answered++
					}
					w := cell.Indicators[i].EffectiveWeight()
					sumW += w
					sumWS += w * a.score
				}
			}
			cov := 1.0
			if sumW > 0 {
				cov = sumWS / sumW
			}
			lc.Coverage = Ratio(cov)
			if !blocked && cov >= thr-epsilon*thr {
				reached = li
			} else {
				blocked = true
			}
			pr.Levels[li] = lc
		}
		for li := range pr.Levels {
			pr.Levels[li].Attained = li <= reached
		}
		pr.Level = levelRef(m, reached)
		pillarScore := pillarScore(m, pr.Levels, reached)
		pr.Score = OneDecimal(pillarScore)
		pr.reached = reached
		scoreSum += pillarScore
		if p == 0 || reached < overall {
			overall = reached
		}
		r.Pillars = append(r.Pillars, pr)
	}
	r.Level = levelRef(m, overall)
	r.Score = OneDecimal(scoreSum / float64(len(m.Pillars)))
	r.Groups = groupScores(m, r.Pillars)
	if overall+1 < len(m.Levels) {
		next := levelRef(m, overall+1)
		r.NextLevel = &next
	}

	target := opt.Target
	if target == 0 && r.NextLevel != nil {
		target = r.NextLevel.Value
	}
	if target != 0 {
		t, _ := m.Level(target)
		r.Target = &LevelRef{Value: t.Value, Name: t.Name}
	}
	for p := range r.Pillars {
		if v := PillarTarget(m, f, opt, m.Pillars[p].ID, target); v != 0 {
			t, _ := m.Level(v)
			r.Pillars[p].Target = &LevelRef{Value: t.Value, Name: t.Name}
		}
	}
	r.Gaps = gaps(m, f, r, byCell)
	return r, nil
}

// PillarTarget is T(p) (SPEC "Scoring"): the pillar's --target PILLAR=L,
// else its entry in the file's targets, else fallback (--target L, or the
// level after the overall level); 0 when there is none.
func PillarTarget(m *model.Model, f *answers.File, opt Options, pillar string, fallback int) int {
	if v, ok := opt.PillarTargets[pillar]; ok {
		return v
	}
	if f != nil {
		if s, ok := f.TargetOf(pillar); ok {
			if l, ok := m.FindLevel(s); ok {
				return l.Value
			}
		}
	}
	return fallback
}

// ExplicitTarget is a pillar's target when a flag or the file sets one
// (the plan aims at the top level otherwise); 0 when neither does.
func ExplicitTarget(m *model.Model, f *answers.File, opt Options, pillar string) int {
	return PillarTarget(m, f, opt, pillar, opt.Target)
}

// pillarScore is a pillar's score by the model's scoring rule (SPEC
// "Scoring"), from its coverages and the index of the level it reached.
func pillarScore(m *model.Model, levels []LevelCoverage, reached int) float64 {
	if m.EffectiveScoring() == model.Cumulative {
		// Every level counts what is in place, complete or not.
		sum, below := 0.0, 0
		for li, lvl := range m.Levels {
			sum += float64(levels[li].Coverage) * float64(lvl.Value-below)
			below = lvl.Value
		}
		return sum
	}
	s := float64(levelValue(m, reached))
	if reached+1 < len(m.Levels) {
		next := m.Levels[reached+1].Value
		s += float64(next-levelValue(m, reached)) * float64(levels[reached+1].Coverage)
	}
	return s
}

// groupScores is the mean score of each group's pillars, in group order;
// nil for a model without groups. A group without pillars is left out.
func groupScores(m *model.Model, pillars []PillarResult) []GroupResult {
	if len(m.Groups) == 0 {
		return nil
	}
	out := make([]GroupResult, 0, len(m.Groups))
	for _, g := range m.Groups {
		gr := GroupResult{ID: g.ID, Name: g.Name}
		sum := 0.0
		for _, p := range pillars {
			if p.Group == g.ID {
				gr.Pillars++
				sum += float64(p.Score)
			}
		}
		if gr.Pillars == 0 {
			continue
		}
		gr.Score = OneDecimal(sum / float64(gr.Pillars))
		out = append(out, gr)
	}
	return out
}

// answered is an indicator's answer and its score s(i); applicable is
// false for na.
type answered struct {
	answer     string
	score      float64
	applicable bool
}

// answersByCell looks up and scores every indicator's answer once, each
// cell's in the order of its indicators: the counts, the levels and the
// gaps all read them, and a large model made three map look-ups of each.
func answersByCell(m *model.Model, f *answers.File) map[*model.Cell][]answered {
	all := make([]answered, 0, m.IndicatorCount())
	byCell := make(map[*model.Cell][]answered)
	for p := range m.Pillars {
		for c := range m.Pillars[p].Cells {
			cell := &m.Pillars[p].Cells[c]
			start := len(all)
			for i := range cell.Indicators {
				id := cell.Indicators[i].ID
				a := f.Answer(id)
				s, applicable := m.AnswerScore(id, a)
				all = append(all, answered{answer: a, score: s, applicable: applicable})
			}
			byCell[cell] = all[start:len(all):len(all)]
		}
	}
	return byCell
}

// countAnswer counts one indicator's answer, and lists it when unanswered.
func countAnswer(r *Result, id, a string) {
	r.Counts.Indicators++
	switch a {
	case "":
		r.Counts.Unanswered++
		r.Unanswered = append(r.Unanswered, id)
	case model.NotApplicable:
		r.Counts.NA++
	default:
		for i := range r.Counts.Scale {
			if r.Counts.Scale[i].ID == a {
				r.Counts.Scale[i].N++
			}
		}
	}
}

// gaps are every applicable indicator not fully in place, up to its
// pillar's target, in the pillars below their target.
func gaps(m *model.Model, f *answers.File, r *Result, byCell map[*model.Cell][]answered) []Gap {
	out := []Gap{}
	for p := range m.Pillars {
		pil := &m.Pillars[p]
		if r.Pillars[p].Target == nil {
			continue
		}
		target := r.Pillars[p].Target.Value
		if levelValue(m, r.Pillars[p].reached) >= target {
			continue
		}
		for _, lvl := range m.Levels {
			if lvl.Value > target {
				break
			}
			cell, ok := pil.Cell(lvl.Value)
			if !ok {
				continue
			}
			for i, a := range byCell[cell] {
				ind := &cell.Indicators[i]
				if !a.applicable || a.score >= 1 {
					continue
				}
				e, _ := f.Get(ind.ID)
				// The indicator's own links only (SPEC): a cell's belong
				// to the cell, and the report and plan show them there.
				out = append(out, Gap{
					Indicator: ind.ID, Pillar: pil.ID, Level: lvl.Value, Text: ind.Text,
					Answer: a.answer, Note: e.Note, Resources: append([]model.Resource{}, ind.Resources...),
				})
			}
		}
	}
	return out
}

func levelValue(m *model.Model, idx int) int {
	if idx < 0 {
		return 0
	}
	return m.Levels[idx].Value
}

func levelRef(m *model.Model, idx int) LevelRef {
	if idx < 0 {
		return LevelRef{Value: 0, Name: "None"}
	}
	return LevelRef{Value: m.Levels[idx].Value, Name: m.Levels[idx].Name}
}

func levelList(m *model.Model) string {
	s := ""
	for i, l := range m.Levels {
		if i > 0 {
			s += ", "
		}
		s += l.Label()
	}
	return s
}
