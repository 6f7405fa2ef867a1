package plan

import (
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
)

func mustModel(t testing.TB, src string) *model.Model {
	t.Helper()
	m, err := model.Parse("m.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func file(pairs ...string) *answers.File {
	f := &answers.File{Name: "a.yaml", Model: "t"}
	for i := 0; i+1 < len(pairs); i += 2 {
		f.Set(answers.Entry{ID: pairs[i], Answer: pairs[i+1]})
	}
	return f
}

func build(t testing.TB, m *model.Model, f *answers.File, opt score.Options) *Plan {
	t.Helper()
	r, err := score.Score(m, f, opt)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build(m, f, r, opt)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// phaseSteps lists each phase as "level: step step ...".
func phaseSteps(p *Plan) []string {
	var out []string
	for _, ph := range p.Phases {
		var ids []string
		for _, s := range ph.Steps {
			ids = append(ids, s.Indicator)
		}
		out = append(out, fmt.Sprintf("%d: %s", ph.Level.Value, strings.Join(ids, " ")))
	}
	return out
}

// chain is a model with a dependency chain across pillars: a2 (pillar a,
// level 2) depends on b2 (pillar b), which depends on c3 (pillar c, level 3).
const chain = `id: t
name: T
version: "1"
levels: [{value: 1, name: One}, {value: 2, name: Two}, {value: 3, name: Three}]
pillars:
  - id: a
    name: A
    cells:
      - {level: 1, indicators: [{id: a1, text: t}]}
      - {level: 2, indicators: [{id: a2, text: t, depends_on: [b2], impact: 9}]}
      - {level: 3, indicators: [{id: a3, text: t}]}
  - id: b
    name: B
    cells:
      - {level: 1, indicators: [{id: b1, text: t}]}
      - {level: 2, indicators: [{id: b2, text: t, depends_on: [c3, b1]}]}
  - id: c
    name: C
    cells:
      - {level: 1, indicators: [{id: c1, text: t}]}
      - {level: 3, resources: [{title: cell link, url: "https://example.com/c3"}], indicators: [{id: c3, text: t, effort: 5}]}
`

func TestChainAcrossPillars(t *testing.T) {
	m := mustModel(t, chain)
	// a1, b1, c1 yes: a and b are at One (a2, b2 missing); c has no cell at
	// Two (coverage 1), so c is at Two, c3 missing. Overall One.
	p := build(t, m, file("a1", "yes", "b1", "yes", "c1", "yes"), score.Options{})
	// Phase Two raises a and b: a2 and b2. a2 needs b2, b2 needs c3 (not
	// in place, at Three: pulled into this phase) and b1 (done). Order:
	// c3 first (nothing before it), then b2, then a2, although a2's
	// impact 9 ranks it first otherwise. Phase Three: a3 only (c3 is done).
	want := []string{"2: c3 b2 a2", "3: a3"}
	if got := phaseSteps(p); !reflect.DeepEqual(got, want) {
		t.Errorf("phases = %q, want %q", got, want)
	}
	ph := p.Phases[0]
	if !ph.Steps[0].Pulled || ph.Steps[1].Pulled {
		t.Errorf("pulled = %v %v, want c3 pulled in, b2 not", ph.Steps[0].Pulled, ph.Steps[1].Pulled)
	}
	// b2's dependencies: c3 in phase 1, b1 done outside the plan.
	wantDeps := []Dependency{{Indicator: "c3", Phase: 1}, {Indicator: "b1", Done: true}}
	if !reflect.DeepEqual(ph.Steps[1].DependsOn, wantDeps) {
		t.Errorf("b2 depends on %+v, want %+v", ph.Steps[1].DependsOn, wantDeps)
	}
	// After phase Two: a at Two (a3 missing), b at Three (no cells above),
	// c at Three: overall Two. After phase Three: Three.
	if ph.Result.Level.Value != 2 || p.Phases[1].Result.Level.Value != 3 {
		t.Errorf("results = %d, %d, want 2, 3", ph.Result.Level.Value, p.Phases[1].Result.Level.Value)
	}
	// Why: a's cell at Two (coverage 0) and b's at Two, both holding.
	if len(ph.Cells) != 2 || ph.Cells[0].Pillar != "a" || ph.Cells[1].Pillar != "b" || !ph.Cells[0].Holding {
		t.Errorf("cells = %+v", ph.Cells)
	}
}

// TestThresholdChoosesEnough: with a threshold below 1 a phase holds only
// enough steps, chosen by impact × weight / effort, then model order.
func TestThresholdChoosesEnough(t *testing.T) {
	src := `id: t
name: T
version: "1"
threshold: 0.5
levels: [{value: 1, name: One}]
pillars:
  - id: p
    name: P
    cells:
      - level: 1
        indicators:
          - {id: x1, text: t}
          - {id: x2, text: t, weight: 2, effort: 4}
          - {id: x3, text: t, impact: 3}
          - {id: x4, text: t}
`
	m := mustModel(t, src)
	// Weights 1+2+1+1 = 5, the threshold needs 2.5. Values: x1 1, x2
	// 2/4 = 0.5, x3 3, x4 1. x3: 1/5; + x1: 2/5; + x4: 3/5 ≥ 0.5, stop.
	p := build(t, m, file(), score.Options{})
	if got, want := phaseSteps(p), []string{"1: x3 x1 x4"}; !reflect.DeepEqual(got, want) {
		t.Errorf("phases = %q, want %q", got, want)
	}
	// With x3 partial (0.5): 0.5/5 = 0.1 now; x3 to 1: 1/5; x1: 2/5; x4: 3/5.
	// --threshold 0.2 (flag): x3 alone reaches 1/5.
	p = build(t, m, file("x3", "partial"), score.Options{Threshold: 0.2})
	if got, want := phaseSteps(p), []string{"1: x3"}; !reflect.DeepEqual(got, want) {
		t.Errorf("phases = %q, want %q", got, want)
	}
}

// TestHoldingPillarsFirst: the pillars at the overall level come first in
// a phase, whatever their value.
func TestHoldingPillarsFirst(t *testing.T) {
	src := `id: t
name: T
version: "1"
levels: [{value: 1, name: One}, {value: 2, name: Two}]
pillars:
  - id: a
    name: A
    cells:
      - {level: 1, indicators: [{id: a1, text: t}]}
      - {level: 2, indicators: [{id: a2, text: t, impact: 5}]}
  - id: b
    name: B
    cells:
      - {level: 1, indicators: [{id: b1, text: t}]}
      - {level: 2, indicators: [{id: b2, text: t}]}
`
	m := mustModel(t, src)
	// a1 yes: a at One, b at None: overall None. Phase One: b1. Phase Two:
	// a and b both at One, holding: a2 (impact 5) then b2.
	p := build(t, m, file("a1", "yes"), score.Options{})
	if got, want := phaseSteps(p), []string{"1: b1", "2: a2 b2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("phases = %q, want %q", got, want)
	}
	// With b at One already and a2... a1, b1 yes, a2 no: a at One, b at One.
	// Target a=1 by flag: only b aims at Two: phase Two is b2 alone.
	p = build(t, m, file("a1", "yes", "b1", "yes"), score.Options{PillarTargets: map[string]int{"a": 1}})
	if got, want := phaseSteps(p), []string{"2: b2"}; !reflect.DeepEqual(got, want) {
		t.Errorf("phases = %q, want %q", got, want)
	}
}

func loadContoso(t testing.TB) (*model.Model, *answers.File) {
	t.Helper()
	m, err := model.Embedded("power-automate")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../../testdata/answers/pa-200-contoso.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := answers.Parse("pa-200-contoso.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if err := answers.Check(f, m); err != nil {
		t.Fatal(err)
	}
	return m, f
}

// TestContoso: the Must-show of issue 14. pa-200-contoso is at 200; its
// plan has phases 300, 400, 500, and phase 300's steps answered yes give
// level 300.
func TestContoso(t *testing.T) {
	m, f := loadContoso(t)
	p := build(t, m, f, score.Options{})
	var levels []int
	for _, ph := range p.Phases {
		levels = append(levels, ph.Level.Value)
	}
	if !reflect.DeepEqual(levels, []int{300, 400, 500}) {
		t.Fatalf("phase levels = %v, want [300 400 500]", levels)
	}
	g := f.Clone()
	for _, s := range p.Phases[0].Steps {
		g.Set(answers.Entry{ID: s.Indicator, Answer: "yes"})
	}
	r, err := score.Score(m, g, score.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Level.Value != 300 || p.Phases[0].Result.Level.Value != 300 {
		t.Errorf("after phase 300: level %d (plan says %d), want 300", r.Level.Value, p.Phases[0].Result.Level.Value)
	}
	// The seven gaps to 300 are phase 300's steps.
	if len(p.Phases[0].Steps) != 7 {
		t.Errorf("phase 300 has %d steps, want the 7 gaps", len(p.Phases[0].Steps))
	}
}

// checkProperties holds a plan to SPEC "Plans": every gap of the result
// appears once (at threshold 1); no step before one it depends on; each
// phase's steps, with those before, answered with the top point give the
// phase's result, and every pillar aiming that high reaches the level.
func checkProperties(t *testing.T, m *model.Model, f *answers.File, opt score.Options) {
	t.Helper()
	r, err := score.Score(m, f, opt)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build(m, f, r, opt)
	if err != nil {
		t.Fatal(err)
	}
	pos := map[string]int{}
	n := 0
	for _, ph := range p.Phases {
		for _, s := range ph.Steps {
			if _, dup := pos[s.Indicator]; dup {
				t.Fatalf("step %s appears twice", s.Indicator)
			}
			pos[s.Indicator] = n
			n++
		}
	}
	if float64(r.Threshold) >= 1 {
		for _, g := range r.Gaps {
			if _, ok := pos[g.Indicator]; !ok {
				t.Errorf("gap %s is not in the plan", g.Indicator)
			}
		}
	}
	applied := f.Clone()
	for _, ph := range p.Phases {
		for _, s := range ph.Steps {
			for _, d := range s.DependsOn {
				dp, in := pos[d.Indicator]
				if in && dp >= pos[s.Indicator] {
					t.Errorf("step %s comes before %s, which it depends on", s.Indicator, d.Indicator)
				}
				if !in {
					e, _ := f.Get(d.Indicator)
					if sc, applicable := m.AnswerScore(d.Indicator, e.Answer); applicable && sc < 1 {
						t.Errorf("step %s depends on %s, not in place and not in the plan", s.Indicator, d.Indicator)
					}
				}
			}
			applied.Set(answers.Entry{ID: s.Indicator, Answer: TopPoint(m, s.Indicator)})
		}
		res, err := score.Score(m, applied, opt)
		if err != nil {
			t.Fatal(err)
		}
		if res.Level != ph.Result.Level || res.Score != ph.Result.Score {
			t.Errorf("phase %d: re-scored %v %v, plan says %v %v", ph.Level.Value, res.Level, res.Score, ph.Result.Level, ph.Result.Score)
		}
		for i, pr := range res.Pillars {
			aim := m.Levels[len(m.Levels)-1].Value
			if v := score.ExplicitTarget(m, f, opt, m.Pillars[i].ID); v != 0 {
				aim = v
			}
			if aim >= ph.Level.Value && pr.Level.Value < ph.Level.Value {
				t.Errorf("phase %d: pillar %s at %d, want at least %d", ph.Level.Value, pr.ID, pr.Level.Value, ph.Level.Value)
			}
		}
		if !hasExplicitTargets(m, f, opt) && res.Level.Value < ph.Level.Value {
			t.Errorf("phase %d: overall level %d after it", ph.Level.Value, res.Level.Value)
		}
	}
	// Nothing left below an aim once every phase is done.
	final, _ := score.Score(m, applied, opt)
	for i, pr := range final.Pillars {
		aim := m.Levels[len(m.Levels)-1].Value
		if v := score.ExplicitTarget(m, f, opt, m.Pillars[i].ID); v != 0 {
			aim = v
		}
		if pr.Level.Value < aim {
			t.Errorf("after the plan: pillar %s at %d, below its aim %d", pr.ID, pr.Level.Value, aim)
		}
	}
	again, _ := Build(m, f, r, opt)
	if !reflect.DeepEqual(p, again) {
		t.Errorf("two builds differ")
	}
}

func hasExplicitTargets(m *model.Model, f *answers.File, opt score.Options) bool {
	for _, p := range m.Pillars {
		if score.ExplicitTarget(m, f, opt, p.ID) != 0 {
			return true
		}
	}
	return false
}

func TestPropertiesEmbedded(t *testing.T) {
	m, f := loadContoso(t)
	checkProperties(t, m, f, score.Options{})
	checkProperties(t, m, f, score.Options{Threshold: 0.6})
	checkProperties(t, m, f, score.Options{Target: 400, PillarTargets: map[string]int{"secure-govern": 500}})
	// Random answers on the embedded model.
	rng := rand.New(rand.NewPCG(14, 1))
	choices := []string{"yes", "partial", "no", "na", ""}
	for i := 0; i < 30; i++ {
		g := &answers.File{Name: "r.yaml", Model: m.ID}
		for _, ref := range m.Indicators() {
			g.Set(answers.Entry{ID: ref.Indicator.ID, Answer: choices[rng.IntN(len(choices))]})
		}
		checkProperties(t, m, g, score.Options{Threshold: []float64{0, 0.5, 0.8}[i%3]})
	}
}

// randomModel writes a model with weights, efforts, impacts, a scale of
// four points and depends_on on earlier indicators of any pillar (so no
// cycle), and random answers for it.
func randomModel(rng *rand.Rand) (string, *answers.File) {
	var b strings.Builder
	levels := 2 + rng.IntN(3)
	b.WriteString("id: t\nname: T\nversion: \"1\"\n")
	b.WriteString("scale: [{id: full, label: Full, score: 1}, {id: most, label: Most, score: 0.75}, {id: some, label: Some, score: 0.25}, {id: none, label: None, score: 0}]\n")
	b.WriteString("levels:\n")
	for l := 1; l <= levels; l++ {
		fmt.Fprintf(&b, "  - {value: %d, name: L%d}\n", l, l)
	}
	b.WriteString("pillars:\n")
	var ids []string
	f := &answers.File{Name: "r.yaml", Model: "t"}
	answersOf := []string{"full", "most", "some", "none", "na", ""}
	pillars := 1 + rng.IntN(4)
	for p := 0; p < pillars; p++ {
		fmt.Fprintf(&b, "  - id: p%d\n    name: P%d\n    cells:\n", p, p)
		for l := 1; l <= levels; l++ {
			if rng.IntN(5) == 0 {
				continue // no cell
			}
			fmt.Fprintf(&b, "      - level: %d\n        indicators:\n", l)
			for i := 0; i < 1+rng.IntN(3); i++ {
				id := fmt.Sprintf("p%d.%d.%d", p, l, i)
				fmt.Fprintf(&b, "          - {id: %s, text: t, weight: %d, effort: %d, impact: %d", id, 1+rng.IntN(3), 1+rng.IntN(5), 1+rng.IntN(5))
				if len(ids) > 0 && rng.IntN(2) == 0 {
					fmt.Fprintf(&b, ", depends_on: [%s]", ids[rng.IntN(len(ids))])
				}
				b.WriteString("}\n")
				ids = append(ids, id)
				f.Set(answers.Entry{ID: id, Answer: answersOf[rng.IntN(len(answersOf))]})
			}
		}
	}
	return b.String(), f
}

func TestPropertiesRandomModels(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2))
	for i := 0; i < 300; i++ {
		src, f := randomModel(rng)
		m, err := model.Parse("m.yaml", []byte(src))
		if err != nil {
			// A model whose every indicator is depends-free is fine; one
			// that fails to load is a bug in the generator.
			t.Fatalf("model %d: %v\n%s", i, err, src)
		}
		opt := score.Options{Threshold: []float64{0, 0.5, 0.75, 1}[i%4]}
		if i%5 == 0 {
			opt.PillarTargets = map[string]int{"p0": 1 + rng.IntN(len(m.Levels))}
		}
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkProperties(t, m, f, opt) })
	}
}
