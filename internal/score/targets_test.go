package score

import (
	"reflect"
	"testing"

	"github.com/heat-tools/maturity/internal/answers"
)

// TestPillarTargets follows T(p) (SPEC "Scoring") on twoByThree: the
// --target PILLAR=L flag, else the file's targets, else --target L, else
// the level after the overall level; and the gaps that follow from it.
func TestPillarTargets(t *testing.T) {
	m := mustModel(t, twoByThree)
	// a1, a2 yes: c(a,1) = 1, a3 unanswered so c(a,2) = 0: a is at One.
	// b1 yes: b at One; b's cell at 2 is empty (coverage 1), so b is at
	// Two; b3 unanswered: c(b,3) = 0. Overall = min(One, Two) = One.
	base := func(targets ...answers.Target) *answers.File {
		f := file("a1", "yes", "a2", "yes", "b1", "yes")
		f.Targets = targets
		return f
	}
	tests := []struct {
		name    string
		file    *answers.File
		opt     Options
		targets []int // per pillar a, b; 0 means null
		gaps    []string
	}{
		{
			// No targets: both aim at the level after One, Two. a is below
			// it: gap a3; b is at Two already: no gap.
			name: "default is the next level", file: base(),
			targets: []int{2, 2}, gaps: []string{"a3"},
		},
		{
			// --target 3: a gaps a3 (a has no cell at 3); b gaps b3.
			name: "--target L for all", file: base(), opt: Options{Target: 3},
			targets: []int{3, 3}, gaps: []string{"a3", "b3"},
		},
		{
			// The file sets b: 3 by name; a falls back to the next level, 2.
			name: "file targets by name", file: base(answers.Target{Pillar: "b", Level: "three"}),
			targets: []int{2, 3}, gaps: []string{"a3", "b3"},
		},
		{
			// The flag b=1 wins over the file's b: 3; --target 3 sets a.
			// b is at Two, above 1: no gap for b.
			name: "flag over file over --target", file: base(answers.Target{Pillar: "b", Level: "3"}),
			opt:     Options{Target: 3, PillarTargets: map[string]int{"b": 1}},
			targets: []int{3, 1}, gaps: []string{"a3"},
		},
		{
			// a aims at One, which it holds: no gap; b at Three: b3.
			name: "every pillar by flag", file: base(),
			opt:     Options{PillarTargets: map[string]int{"a": 1, "b": 3}},
			targets: []int{1, 3}, gaps: []string{"b3"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Score(m, tt.file, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			var targets []int
			for _, p := range r.Pillars {
				v := 0
				if p.Target != nil {
					v = p.Target.Value
				}
				targets = append(targets, v)
			}
			if !reflect.DeepEqual(targets, tt.targets) {
				t.Errorf("targets = %v, want %v", targets, tt.targets)
			}
			var gaps []string
			for _, g := range r.Gaps {
				gaps = append(gaps, g.Indicator)
			}
			if !reflect.DeepEqual(gaps, tt.gaps) {
				t.Errorf("gaps = %v, want %v", gaps, tt.gaps)
			}
		})
	}
}

// TestPillarTargetNullAtTop: with everything in place the overall level
// is the top, no target is set, and every pillar's target is null.
func TestPillarTargetNullAtTop(t *testing.T) {
	m := mustModel(t, twoByThree)
	r, err := Score(m, file("a1", "yes", "a2", "yes", "a3", "yes", "b1", "yes", "b3", "yes"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Pillars {
		if p.Target != nil {
			t.Errorf("pillar %s target = %+v, want null", p.ID, *p.Target)
		}
	}
	if len(r.Gaps) != 0 {
		t.Errorf("gaps = %v, want none", r.Gaps)
	}
}

func TestPillarTargetErrors(t *testing.T) {
	m := mustModel(t, twoByThree)
	for _, opt := range []Options{
		{PillarTargets: map[string]int{"zz": 1}},
		{PillarTargets: map[string]int{"a": 4}},
	} {
		if _, err := Score(m, file(), opt); err == nil {
			t.Errorf("Score(%+v): no error", opt)
		}
	}
}
