package model

import (
	"slices"
	"testing"
)

func TestAnswerScore(t *testing.T) {
	m := &Model{Scale: []ScalePoint{{ID: "full", Label: "Fully", Score: 1}, {ID: "half", Label: "Half", Score: 0.5}, {ID: "none", Label: "Not at all", Score: 0}}}
	tests := []struct {
		answer     string
		score      float64
		applicable bool
	}{
		{"full", 1, true},
		{"half", 0.5, true},
		{"none", 0, true},
		{"NOT AT ALL", 0, true}, // a label, in any case
		{"fully", 1, true},
		{"", 0, true},    // unanswered scores as the lowest answer
		{"yes", 0, true}, // not on this scale: no score
		{"na", 0, false}, // left out of its cell
	}
	for _, tt := range tests {
		s, ok := m.AnswerScore("any", tt.answer)
		if s != tt.score || ok != tt.applicable {
			t.Errorf("AnswerScore(%q) = %v, %v; want %v, %v", tt.answer, s, ok, tt.score, tt.applicable)
		}
	}
}

// namedScales is a model with a default scale, a cell scale and an
// indicator scale that overrides its cell's.
const namedScales = `id: t
name: T
version: "1"
scales:
  four:
    - {id: none, label: "No", score: 0}
    - {id: some, label: "Some", score: 0.25}
    - {id: half, label: "Half", score: 0.5}
    - {id: most, label: "Most or all", score: 1}
  two:
    - {id: off, label: "Off", score: 0}
    - {id: on, label: "On", score: 1}
levels:
  - {value: 1, name: One}
pillars:
  - id: p
    name: P
    cells:
      - level: 1
        scale: four
        indicators:
          - {id: p.1.a, text: A}
          - {id: p.1.b, text: B, scale: two}
  - id: q
    name: Q
    cells:
      - level: 1
        indicators:
          - {id: q.1.a, text: A}
`

func TestScaleFor(t *testing.T) {
	m, err := Parse("m.yaml", []byte(namedScales))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		id, answer string
		score      float64
		found      bool
	}{
		{"p.1.a", "most", 1, true},        // the cell's scale
		{"p.1.a", "MOST OR ALL", 1, true}, // by label
		{"p.1.a", "some", 0.25, true},
		{"p.1.a", "yes", 0, false}, // the default scale's id is refused
		{"p.1.b", "on", 1, true},   // the indicator's own scale wins over the cell's
		{"p.1.b", "most", 0, false},
		{"q.1.a", "partial", 0.5, true}, // the default scale
		{"q.1.a", "Partially", 0.5, true},
		{"q.1.a", "most", 0, false},
	}
	for _, tt := range tests {
		p, ok := m.Point(tt.id, tt.answer)
		if ok != tt.found || p.Score != tt.score {
			t.Errorf("Point(%s, %q) = %v, %v; want score %v, %v", tt.id, tt.answer, p, ok, tt.score, tt.found)
		}
	}
	// The same answers on a model built in code, without prepare's index.
	code := *m
	code.scaleOf = nil
	if p, ok := code.Point("p.1.b", "on"); !ok || p.Score != 1 {
		t.Errorf("without the index: Point(p.1.b, on) = %v, %v", p, ok)
	}
	want := []string{"yes", "partial", "no", "none", "some", "half", "most", "off", "on"}
	if got := m.AnswerIDs(); !slices.Equal(got, want) {
		t.Errorf("AnswerIDs = %v, want %v", got, want)
	}
	// A model whose every indicator has a named scale lists none of the default's.
	only, err := Parse("m.yaml", []byte(namedScales[:len(namedScales)-len("  - id: q\n    name: Q\n    cells:\n      - level: 1\n        indicators:\n          - {id: q.1.a, text: A}\n")]))
	if err != nil {
		t.Fatal(err)
	}
	if got := only.AnswerIDs(); slices.Contains(got, "yes") || len(got) != 6 {
		t.Errorf("AnswerIDs of a model without the default scale = %v", got)
	}
}

// TestHasIndicator holds the three ways a model comes to be (parsed, its
// set kept from the loader's checks; embedded, made by prepare; built in
// code, looked up) to the same answers.
func TestHasIndicator(t *testing.T) {
	parsed, err := Parse("m.yaml", []byte(namedScales))
	if err != nil {
		t.Fatal(err)
	}
	embedded, err := Embedded(DefaultID)
	if err != nil {
		t.Fatal(err)
	}
	byHand := &Model{Pillars: []Pillar{{ID: "p", Cells: []Cell{{Level: 1, Indicators: []Indicator{{ID: "p.1.a"}, {ID: "p.1.b"}}}}}}}
	for _, tc := range []struct {
		name string
		m    *Model
		id   string
		want bool
	}{
		{"parsed, first", parsed, parsed.Pillars[0].Cells[0].Indicators[0].ID, true},
		{"parsed, last", parsed, parsed.Indicators()[parsed.IndicatorCount()-1].Indicator.ID, true},
		{"parsed, a pillar id", parsed, parsed.Pillars[0].ID, false},
		{"parsed, empty", parsed, "", false},
		{"embedded", embedded, "empower.100.coe-initial-training", true},
		{"embedded, unknown", embedded, "empower.100.nothing", false},
		{"by hand", byHand, "p.1.b", true},
		{"by hand, unknown", byHand, "p.1.c", false},
	} {
		if got := tc.m.HasIndicator(tc.id); got != tc.want {
			t.Errorf("%s: HasIndicator(%q) = %v, want %v", tc.name, tc.id, got, tc.want)
		}
	}
}
