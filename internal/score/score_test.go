package score

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/model"
)

// twoByThree: levels 1, 2, 3; pillar a has cells at 1 (a1 weight 1, a2
// weight 3), 2 (a3) and none at 3; pillar b has cells at 1 (b1), 2 (empty:
// no indicators) and 3 (b3).
const twoByThree = `id: t
name: T
version: "1"
levels: [{value: 1, name: One}, {value: 2, name: Two}, {value: 3, name: Three}]
pillars:
  - id: a
    name: A
    cells:
      - level: 1
        goal: g
        indicators:
          - {id: a1, text: t}
          - {id: a2, text: t, weight: 3}
      - level: 2
        goal: g
        resources: [{title: cell link, url: "https://example.com/cell"}]
        indicators:
          - {id: a3, text: t}
  - id: b
    name: B
    cells:
      - {level: 1, goal: g, indicators: [{id: b1, text: t, resources: [{title: own link, url: "https://example.com/own"}]}]}
      - {level: 2, goal: g, indicators: []}
      - {level: 3, goal: g, indicators: [{id: b3, text: t}]}
`

func mustModel(t *testing.T, src string) *model.Model {
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

func TestScore(t *testing.T) {
	m := mustModel(t, twoByThree)
	tests := []struct {
		name       string
		answers    *answers.File
		opt        Options
		level      int
		score      float64
		pillars    []float64 // pillar scores
		levels     []int     // pillar levels
		gaps       []string
		target     int // 0: none expected
		unanswered int
	}{
		{
			// Nothing answered: a1, a2, b1 unanswered score 0, so c(a,1) = 0 and
			// c(b,1) = 0: both None. a = 0 + 1*0 = 0, b = 0. Gaps to 1: a1, a2, b1.
			name: "nothing answered is None", answers: file(),
			level: 0, score: 0, pillars: []float64{0, 0}, levels: []int{0, 0},
			gaps: []string{"a1", "a2", "b1"}, target: 1, unanswered: 5,
		},
		{
			// a1 yes, a2 partial: c(a,1) = (1*1 + 3*0.5)/4 = 0.625 -> None,
			// a = 0 + 1*0.625 = 0.625. b1 yes: c(b,1)=1; c(b,2): no indicators = 1;
			// b3 unanswered: c(b,3) = 0 -> b at 2, score 2 + 1*0 = 2.
			// Overall None; score mean(0.625, 2) = 1.3125 -> 1.3. Gaps to 1: a2 only
			// (b is at 2 >= 1).
			name: "weights and partial", answers: file("a1", "yes", "a2", "partial", "b1", "yes"),
			level: 0, score: 1.3, pillars: []float64{0.625, 2}, levels: []int{0, 2},
			gaps: []string{"a2"}, target: 1, unanswered: 2,
		},
		{
			// Same answers, threshold 0.6: c(a,1) = 0.625 >= 0.6 -> a at 1; c(a,2):
			// a3 unanswered = 0 -> a stays 1, score 1 + 1*0 = 1. b at 2, score 2.
			// Overall 1; mean(1, 2) = 1.5. Next 2: gaps in pillars below 2 (a):
			// levels <= 2 with s < 1: a2 (partial), a3 (unanswered).
			name: "threshold lowers the bar", answers: file("a1", "yes", "a2", "partial", "b1", "yes"),
			opt:   Options{Threshold: 0.6},
			level: 1, score: 1.5, pillars: []float64{1, 2}, levels: []int{1, 2},
			gaps: []string{"a2", "a3"}, target: 2, unanswered: 2,
		},
		{
			// na leaves an indicator out: a2 na -> c(a,1) = a1 = 1; a3 na -> cell
			// 2 has no applicable indicator = 1; no cell at 3 = 1 -> a at top 3,
			// score 3. b: b1 yes, b3 no -> b at 2, score 2 + 1*0 = 2. Overall 2,
			// mean 2.5. Next 3: b is below: b3 (no). a is at 3, no gaps.
			name: "na and missing cells", answers: file("a1", "yes", "a2", "na", "a3", "na", "b1", "yes", "b3", "no"),
			level: 2, score: 2.5, pillars: []float64{3, 2}, levels: []int{3, 2},
			gaps: []string{"b3"}, target: 3,
		},
		{
			// Everything yes: both pillars at the top level 3; score 3; no next
			// level, no target, no gaps.
			name: "top level", answers: file("a1", "yes", "a2", "yes", "a3", "yes", "b1", "yes", "b3", "yes"),
			level: 3, score: 3, pillars: []float64{3, 3}, levels: []int{3, 3},
		},
		{
			// Target above the next level: a1 no -> a None (score 0 + 1*(3/4) = 0.75
			// with a2 yes); b1 yes -> b at 2 (b3 unanswered), score 2. Overall None,
			// next 1, but target 3: pillars below 3 are a and b; a: a1 (no), a3
			// (unanswered); b: b3 (unanswered). Score mean(0.75, 2) = 1.375 -> 1.4.
			name: "target above the next level", answers: file("a1", "no", "a2", "yes", "b1", "yes"),
			opt:   Options{Target: 3},
			level: 0, score: 1.4, pillars: []float64{0.75, 2}, levels: []int{0, 2},
			gaps: []string{"a1", "a3", "b3"}, target: 3, unanswered: 2,
		},
		{
			// Target at the top when already there: no pillar is below 3, no gaps.
			name: "target reached", answers: file("a1", "yes", "a2", "yes", "a3", "yes", "b1", "yes", "b3", "yes"),
			opt:   Options{Target: 3},
			level: 3, score: 3, pillars: []float64{3, 3}, levels: []int{3, 3}, target: 3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Score(m, tt.answers, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if r.Level.Value != tt.level {
				t.Errorf("level = %d, want %d", r.Level.Value, tt.level)
			}
			if got := r.Score.Round(); got != tt.score {
				t.Errorf("score = %v, want %v", got, tt.score)
			}
			var scores []float64
			var levels []int
			for _, p := range r.Pillars {
				scores = append(scores, float64(p.Score))
				levels = append(levels, p.Level.Value)
			}
			if !reflect.DeepEqual(scores, tt.pillars) {
				t.Errorf("pillar scores = %v, want %v", scores, tt.pillars)
			}
			if !reflect.DeepEqual(levels, tt.levels) {
				t.Errorf("pillar levels = %v, want %v", levels, tt.levels)
			}
			var gaps []string
			for _, g := range r.Gaps {
				gaps = append(gaps, g.Indicator)
			}
			if !reflect.DeepEqual(gaps, tt.gaps) {
				t.Errorf("gaps = %v, want %v", gaps, tt.gaps)
			}
			switch {
			case tt.target == 0 && r.Target != nil:
				t.Errorf("target = %v, want none", r.Target)
			case tt.target != 0 && (r.Target == nil || r.Target.Value != tt.target):
				t.Errorf("target = %v, want %d", r.Target, tt.target)
			}
			if len(r.Unanswered) != tt.unanswered || r.Counts.Unanswered != tt.unanswered {
				t.Errorf("unanswered = %v (count %d), want %d", r.Unanswered, r.Counts.Unanswered, tt.unanswered)
			}
		})
	}
}

func TestScoreTopLevelHasNoNextLevel(t *testing.T) {
	m := mustModel(t, twoByThree)
	r, err := Score(m, file("a1", "yes", "a2", "yes", "a3", "yes", "b1", "yes", "b3", "yes"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.NextLevel != nil || len(r.Gaps) != 0 {
		t.Errorf("next = %v, gaps = %v; want none at the top", r.NextLevel, r.Gaps)
	}
}

func TestScoreCoverageDetails(t *testing.T) {
	m := mustModel(t, twoByThree)
	// a1 yes, a2 na, a3 partial: c(a,1) = 1 (1 applicable, 1 answered);
	// c(a,2) = 0.5; c(a,3) = 1 (no cell, 0 applicable). a at 1.
	r, err := Score(m, file("a1", "yes", "a2", "na", "a3", "partial"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []LevelCoverage{
		{Value: 1, Coverage: 1, Attained: true, Applicable: 1, Answered: 1},
		{Value: 2, Coverage: 0.5, Attained: false, Applicable: 1, Answered: 1},
		{Value: 3, Coverage: 1, Attained: false, Applicable: 0, Answered: 0},
	}
	if got := r.Pillars[0].Levels; !reflect.DeepEqual(got, want) {
		t.Errorf("levels = %+v, want %+v", got, want)
	}
	// Counts: 5 indicators; yes 1 (a1), partial 1 (a3), no 0, na 1 (a2),
	// unanswered 2 (b1, b3).
	c := r.Counts
	if c.Indicators != 5 || c.Of("yes") != 1 || c.Of("partial") != 1 || c.Of("no") != 0 || c.NA != 1 || c.Unanswered != 2 {
		t.Errorf("counts = %+v", c)
	}
}

func TestScoreGapResources(t *testing.T) {
	m := mustModel(t, twoByThree)
	r, err := Score(m, file("a1", "yes", "a2", "yes"), Options{Target: 2})
	if err != nil {
		t.Fatal(err)
	}
	// A gap carries its indicator's own links only (SPEC): a3 has none (its
	// cell's link stays with the cell), b1 has its own.
	got := map[string]string{}
	for _, g := range r.Gaps {
		if len(g.Resources) > 0 {
			got[g.Indicator] = g.Resources[0].Title
		}
	}
	want := map[string]string{"b1": "own link"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("gap resources = %v, want %v", got, want)
	}
}

func TestScoreCustomScale(t *testing.T) {
	src := strings.Replace(twoByThree, "levels:", "scale: [{id: full, label: Full, score: 1}, {id: most, label: Most, score: 0.75}, {id: none, label: None, score: 0}]\nlevels:", 1)
	m := mustModel(t, src)
	// a1 most (0.75), a2 full: c(a,1) = (0.75 + 3)/4 = 0.9375 -> None at
	// threshold 1; with threshold 0.9 a reaches 1.
	r, err := Score(m, file("a1", "most", "a2", "full"), Options{Threshold: 0.9})
	if err != nil {
		t.Fatal(err)
	}
	if r.Pillars[0].Level.Value != 1 || float64(r.Pillars[0].Levels[0].Coverage) != 0.9375 {
		t.Errorf("pillar a = %+v", r.Pillars[0])
	}
	if r.Counts.Of("most") != 1 || r.Counts.Of("full") != 1 {
		t.Errorf("counts = %+v", r.Counts)
	}
}

func TestScoreThresholdToleratesFloatError(t *testing.T) {
	// Weights 0.1 and 0.7 yes, 0.2 no: coverage (0.1 + 0.7) / 1.0 computes
	// as 0.7999999999999999 in floats; it must still reach a threshold of 0.8.
	src := strings.Replace(strings.Replace(twoByThree,
		"{id: a1, text: t}", "{id: a1, text: t, weight: 0.1}\n          - {id: a0, text: t, weight: 0.2}", 1),
		"weight: 3", "weight: 0.7", 1)
	m := mustModel(t, src)
	r, err := Score(m, file("a1", "yes", "a0", "no", "a2", "yes"), Options{Threshold: 0.8})
	if err != nil {
		t.Fatal(err)
	}
	if r.Pillars[0].Level.Value != 1 {
		t.Errorf("a = %+v (coverage %v), want level 1", r.Pillars[0].Level, r.Pillars[0].Levels[0].Coverage)
	}
}

func TestScoreRejectsBadOptions(t *testing.T) {
	m := mustModel(t, twoByThree)
	for _, opt := range []Options{{Target: 5}, {Threshold: 1.5}, {Threshold: -1}} {
		_, err := Score(m, file(), opt)
		var oe *OptionError
		if !errors.As(err, &oe) {
			t.Errorf("%+v: err = %v, want an OptionError", opt, err)
		}
	}
}

func TestScoreThresholdToleranceIsRelative(t *testing.T) {
	// Pillar a, level 1: a1 (weight w, yes) and a2 (weight 3, no), so
	// coverage c = w/(w+3). The level is reached when c ≥ t − 1e-9·t.
	tests := []struct {
		name      string
		weight    string
		answers   []string
		threshold float64
		want      int // pillar a's level
	}{
		// c = 0: no threshold is reached, however small.
		{"zero coverage, tiny threshold", "1", nil, 1e-10, 0},
		{"zero coverage, smallest threshold", "1", nil, 5e-324, 0},
		// c = 1/4 ≥ 1e-10.
		{"some coverage, tiny threshold", "1", []string{"a1", "yes", "a2", "no"}, 1e-10, 1},
		// w = 3 − 8.4e-9: c ≈ 0.5 − 7e-10, below 0.5 − 5e-10 (an absolute 1e-9 let it pass).
		{"just below half", "2.9999999916", []string{"a1", "yes", "a2", "no"}, 0.5, 0},
		// w = 3 − 3.6e-9: c ≈ 0.5 − 3e-10, within 0.5·1e-9.
		{"within half's tolerance", "2.9999999964", []string{"a1", "yes", "a2", "no"}, 0.5, 1},
		// w = 6e9: c = 1 − 3/(6e9+3) ≈ 1 − 5e-10, within 1e-9 of 1.
		{"within one's tolerance", "6e9", []string{"a1", "yes", "a2", "no"}, 1, 1},
		// w = 1e9: c ≈ 1 − 3e-9.
		{"below one's tolerance", "1e9", []string{"a1", "yes", "a2", "no"}, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustModel(t, strings.Replace(twoByThree, "{id: a1, text: t}", "{id: a1, text: t, weight: "+tt.weight+"}", 1))
			r, err := Score(m, file(tt.answers...), Options{Threshold: tt.threshold})
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Pillars[0].Level.Value; got != tt.want {
				t.Errorf("pillar a at level %d (coverage %v), want %d", got, r.Pillars[0].Levels[0].Coverage, tt.want)
			}
		})
	}
}
