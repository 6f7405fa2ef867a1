// Package plan turns a result's gaps into a roadmap (SPEC "Plans"):
// phases by level, each the steps that raise every pillar aiming that high
// to the phase's level, in an order that never puts a step before one it
// depends on. It is a pure function of the model, the answers and the
// scoring options; render formats a plan.
package plan

import (
	"fmt"
	"slices"
	"sort"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
)

// SchemaVersion is the version of the JSON plan format.
const SchemaVersion = 1

// epsilon is score's relative tolerance on the threshold (SPEC "Scoring").
const epsilon = 1e-9

// Plan is the roadmap from where an answers file stands to its targets.
type Plan struct {
	Model     score.ModelInfo
	Input     score.InputInfo
	Threshold float64
	From      Point
	Phases    []Phase
	// Precision is the number of decimals scores are written with.
	Precision int
}

// Point is a level and a score: where the plan starts, where a phase ends.
type Point struct {
	Level score.LevelRef
	Score score.OneDecimal
}

// Phase is the steps to one level.
type Phase struct {
	Level score.LevelRef
	// Cells are the cells below the threshold that the phase raises: why
	// it is needed.
	Cells []Cell
	Steps []Step
	// Result is the level and score once every step of this phase and
	// those before it is in place.
	Result Point
	// Pillars are the ids of the pillars this phase raises, in model order.
	Pillars []string
}

// Cell is one pillar × level cell below the threshold.
type Cell struct {
	Pillar     string
	PillarName string
	Level      int
	Coverage   score.Ratio // before the phase
	// Holding says the pillar is one of those at the overall level when
	// the phase starts: it holds the overall level down.
	Holding   bool
	Resources []model.Resource // the cell's own links
}

// Step is one indicator to put in place.
type Step struct {
	Indicator string
	Pillar    string
	Level     int
	Text      string
	Help      string
	Answer    string // the answer now; "" when unanswered
	Note      string
	DependsOn []Dependency
	Resources []model.Resource // the indicator's own links its cell does not list
	Tags      []string
	Effort    *float64
	Impact    *float64
	Weight    float64
	// Pulled says the step is in this phase only because a step of the
	// phase depends on it (its own cell is at a higher level).
	Pulled bool
}

// Dependency is an indicator a step depends on, and where it stands.
type Dependency struct {
	Indicator string
	// Phase is the 1-based phase that holds it, 0 when it is outside the
	// plan (already in place, or not applicable).
	Phase int
	Done  bool // in place already
}

// Build makes the plan for f scored against m with opt; r is that result.
// A pillar aims at its target when a flag or the file sets one, else at
// the top level.
func Build(m *model.Model, f *answers.File, r *score.Result, opt score.Options) (*Plan, error) {
	b := newBuilder(m, f, r, opt)
	p := &Plan{
		Model:     r.Model,
		Input:     r.Input,
		Threshold: b.threshold,
		From:      Point{Level: r.Level, Score: r.Score},
		Precision: r.Precision(),
	}
	maxAim := -1
	for _, a := range b.aim {
		maxAim = max(maxAim, a)
	}
	applied := f.Clone()
	for li := b.overall() + 1; li <= maxAim; li++ {
		ph := b.phase(li, len(p.Phases)+1)
		if len(ph.Steps) == 0 {
			continue
		}
		for _, s := range ph.Steps {
			e, _ := applied.Get(s.Indicator)
			e.ID, e.Answer = s.Indicator, TopPoint(m, s.Indicator)
			applied.Set(e)
		}
		res, err := score.Score(m, applied, opt)
		if err != nil {
			return nil, err
		}
		ph.Result = Point{Level: res.Level, Score: res.Score}
		p.Phases = append(p.Phases, ph)
	}
	return p, nil
}

// TopPoint is the id of the first point of the indicator's scale with the
// highest score: the answer a step is done with.
func TopPoint(m *model.Model, id string) string {
	scale := m.IndicatorScale(id)
	best := 0
	for i, pt := range scale {
		if pt.Score > scale[best].Score {
			best = i
		}
	}
	return scale[best].ID
}

// StepCount is the number of steps of every phase.
func (p *Plan) StepCount() int {
	n := 0
	for _, ph := range p.Phases {
		n += len(ph.Steps)
	}
	return n
}

// builder holds the state while phases are made: every indicator's score
// as if the steps chosen so far were in place.
type builder struct {
	m         *model.Model
	f         *answers.File
	threshold float64
	aim       []int // per pillar, the index of the level it aims at
	refs      map[string]model.IndicatorRef
	s         map[string]float64 // current score of each applicable indicator
	na        map[string]bool
	phaseOf   map[string]int  // 1-based phase of each chosen step
	pulled    map[string]bool // steps chosen only as a dependency
}

func newBuilder(m *model.Model, f *answers.File, r *score.Result, opt score.Options) *builder {
	b := &builder{
		m: m, f: f, threshold: float64(r.Threshold),
		refs:    map[string]model.IndicatorRef{},
		s:       map[string]float64{},
		na:      map[string]bool{},
		phaseOf: map[string]int{},
		pulled:  map[string]bool{},
	}
	for _, ref := range m.Indicators() {
		id := ref.Indicator.ID
		b.refs[id] = ref
		e, _ := f.Get(id)
		s, applicable := m.AnswerScore(id, e.Answer)
		if !applicable {
			b.na[id] = true
			continue
		}
		b.s[id] = s
	}
	top := len(m.Levels) - 1
	for _, pil := range m.Pillars {
		a := top
		if v := score.ExplicitTarget(m, f, opt, pil.ID); v != 0 {
			a = levelIndex(m, v)
		}
		b.aim = append(b.aim, a)
	}
	return b
}

func levelIndex(m *model.Model, value int) int {
	for i, l := range m.Levels {
		if l.Value == value {
			return i
		}
	}
	return -1
}

// reaches says whether coverage c reaches the threshold (SPEC "Scoring").
func (b *builder) reaches(c float64) bool { return c >= b.threshold-epsilon*b.threshold }

// coverage is c(p,L) in the current state.
func (b *builder) coverage(cell *model.Cell) float64 {
	var sumW, sumWS float64
	for i := range cell.Indicators {
		ind := &cell.Indicators[i]
		s, ok := b.s[ind.ID]
		if !ok {
			continue
		}
		w := ind.EffectiveWeight()
		sumW += w
		sumWS += w * s
	}
	if sumW == 0 {
		return 1
	}
	return sumWS / sumW
}

// level is the index of the level pillar p reaches in the current state.
func (b *builder) level(p int) int {
	pil := &b.m.Pillars[p]
	reached := -1
	for li, l := range b.m.Levels {
		if cell, ok := pil.Cell(l.Value); ok && !b.reaches(b.coverage(cell)) {
			break
		}
		reached = li
	}
	return reached
}

// overall is the index of the overall level in the current state.
func (b *builder) overall() int {
	o := len(b.m.Levels) - 1
	for p := range b.m.Pillars {
		o = min(o, b.level(p))
	}
	return o
}

// value is impact × weight / effort, missing values counting as 1.
func value(ind *model.Indicator) float64 {
	v := ind.EffectiveWeight()
	if ind.Impact != nil {
		v *= *ind.Impact
	}
	if ind.Effort != nil {
		v /= *ind.Effort
	}
	return v
}

// phase makes phase number n, to the level of index li, and puts its
// steps in place in the builder's state.
func (b *builder) phase(li, n int) Phase {
	m := b.m
	lvl := m.Levels[li]
	ph := Phase{Level: score.LevelRef{Value: lvl.Value, Name: lvl.Name}}
	overall := b.overall()
	holding := map[string]bool{}
	var chosen []string
	choose := func(id string, pulled bool) {
		b.phaseOf[id] = n
		b.s[id] = 1
		chosen = append(chosen, id)
		b.pulled[id] = pulled
	}
	for p := range m.Pillars {
		pil := &m.Pillars[p]
		if b.aim[p] < li || b.level(p) >= li {
			continue
		}
		ph.Pillars = append(ph.Pillars, pil.ID)
		hold := b.level(p) == overall
		holding[pil.ID] = hold
		for _, l := range m.Levels[:li+1] {
			cell, ok := pil.Cell(l.Value)
			if !ok {
				continue
			}
			c := b.coverage(cell)
			if b.reaches(c) {
				continue
			}
			ph.Cells = append(ph.Cells, Cell{Pillar: pil.ID, PillarName: pil.Name, Level: l.Value,
				Coverage: score.Ratio(c), Holding: hold, Resources: cell.Resources})
			for _, id := range b.candidates(cell) {
				choose(id, false)
				if b.threshold < 1 && b.reaches(b.coverage(cell)) {
					break
				}
			}
		}
	}
	// Pull in what the chosen steps depend on and is not in place yet,
	// so that no step comes before one it needs.
	for i := 0; i < len(chosen); i++ {
		for _, d := range b.refs[chosen[i]].Indicator.DependsOn {
			if _, done := b.phaseOf[d]; done || b.na[d] || b.s[d] >= 1 {
				continue
			}
			choose(d, true)
		}
	}
	ph.Steps = b.order(chosen, holding)
	return ph
}

// candidates are the indicators of cell not in place, best first: by
// impact × weight / effort, then model order.
func (b *builder) candidates(cell *model.Cell) []string {
	var out []*model.Indicator
	for i := range cell.Indicators {
		ind := &cell.Indicators[i]
		if s, ok := b.s[ind.ID]; ok && s < 1 {
			out = append(out, ind)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return value(out[i]) > value(out[j]) })
	ids := make([]string, len(out))
	for i, ind := range out {
		ids[i] = ind.ID
	}
	return ids
}

// order sorts a phase's steps: never before a step of the phase they
// depend on; otherwise the pillars that hold the overall level down
// first, then impact × weight / effort, then model order.
func (b *builder) order(ids []string, holding map[string]bool) []Step {
	in := map[string]bool{}
	for _, id := range ids {
		in[id] = true
	}
	waiting := map[string]int{} // unplaced dependencies within the phase
	dependents := map[string][]string{}
	for _, id := range ids {
		for _, d := range b.refs[id].Indicator.DependsOn {
			if in[d] {
				waiting[id]++
				dependents[d] = append(dependents[d], id)
			}
		}
	}
	before := func(x, y string) bool {
		rx, ry := b.refs[x], b.refs[y]
		if hx, hy := holding[rx.Pillar.ID], holding[ry.Pillar.ID]; hx != hy {
			return hx
		}
		if vx, vy := value(rx.Indicator), value(ry.Indicator); vx != vy {
			return vx > vy
		}
		return rx.Index < ry.Index
	}
	var ready []string
	for _, id := range ids {
		if waiting[id] == 0 {
			ready = append(ready, id)
		}
	}
	var steps []Step
	for len(ready) > 0 {
		best := 0
		for i := range ready {
			if before(ready[i], ready[best]) {
				best = i
			}
		}
		id := ready[best]
		ready = append(ready[:best], ready[best+1:]...)
		steps = append(steps, b.step(id))
		for _, d := range dependents[id] {
			if waiting[d]--; waiting[d] == 0 {
				ready = append(ready, d)
			}
		}
	}
	if len(steps) != len(ids) {
		// depends_on has no cycles (the model loader refuses them).
		panic(fmt.Sprintf("plan: %d of %d steps ordered: a depends_on cycle", len(steps), len(ids)))
	}
	return steps
}

func (b *builder) step(id string) Step {
	ref := b.refs[id]
	ind := ref.Indicator
	e, _ := b.f.Get(id)
	st := Step{
		Indicator: id, Pillar: ref.Pillar.ID, Level: ref.Cell.Level, Text: ind.Text, Help: ind.Help,
		Answer: e.Answer, Note: e.Note, Resources: ownResources(ind, ref.Cell), Tags: ind.Tags,
		Effort: ind.Effort, Impact: ind.Impact, Weight: ind.EffectiveWeight(), Pulled: b.pulled[id],
	}
	for _, d := range ind.DependsOn {
		dep := Dependency{Indicator: d, Phase: b.phaseOf[d]}
		if dep.Phase == 0 {
			dep.Done = !b.na[d]
		}
		st.DependsOn = append(st.DependsOn, dep)
	}
	return st
}

// ownResources are the indicator's links that its cell does not list
// already: a plan shows a cell's links once, under the cell.
func ownResources(ind *model.Indicator, cell *model.Cell) []model.Resource {
	var out []model.Resource
	for _, r := range ind.Resources {
		if !slices.Contains(cell.Resources, r) {
			out = append(out, r)
		}
	}
	return out
}
