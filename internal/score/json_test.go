package score

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/model"
)

// reflectJSON is the reference AppendJSON must match: what encoding/json
// writes for r with HTML escaping off, without the encoder's newline.
func reflectJSON(t testing.TB, r *Result) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func checkSameJSON(t testing.TB, r *Result) {
	t.Helper()
	want := reflectJSON(t, r)
	if got := r.AppendJSON(nil); !bytes.Equal(got, want) {
		t.Fatalf("AppendJSON differs from encoding/json\n got: %s\nwant: %s", got, want)
	}
}

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	hostile := "quote \" backslash \\ <b>&amp;</b> \x00\x01\b\f\n\r\t\x1f\x7f é 💡 \u2028\u2029 bad \xff\xfe end"
	tests := map[string]*Result{
		"zero value":  {},
		"empty lists": {Pillars: []PillarResult{}, Gaps: []Gap{}, Unanswered: []string{}, Counts: Counts{Scale: []ScaleCount{}}},
		"every field": {
			SchemaVersion: SchemaVersion,
			Model:         ModelInfo{ID: "m", Name: "Model " + hostile, Version: "1.0"},
			Input:         InputInfo{File: "dir/a b.yaml", AssessedAt: "2026-11-28", Organization: hostile, Scope: "s", Respondent: "r"},
			Threshold:     Ratio(2.0 / 3),
			Level:         LevelRef{Value: 200, Name: "Repeatable"},
			Score:         OneDecimal(237.55),
			NextLevel:     &LevelRef{Value: 300, Name: "Defined"},
			Target:        &LevelRef{Value: -5, Name: ""},
			Pillars: []PillarResult{{ID: "p", Name: hostile, Level: LevelRef{}, Score: 0,
				Levels: []LevelCoverage{{Value: 100, Coverage: 1, Attained: true, Applicable: 3, Answered: 3}, {Value: 200, Coverage: 0.33333, Applicable: 0}}},
				{ID: "q", Levels: nil}},
			Gaps: []Gap{
				{Indicator: "p.200.x", Pillar: "p", Level: 200, Text: hostile, Answer: "partial", Note: hostile,
					Resources: []model.Resource{{Title: hostile, URL: "https://example.com/?a=1&b=<2>"}}},
				{Indicator: "p.200.y", Resources: nil},
				{Indicator: "p.200.z", Resources: []model.Resource{}},
			},
			Unanswered: []string{"a", hostile},
			Counts:     Counts{Indicators: 9, Scale: []ScaleCount{{"yes", 1}, {"partial", 2}, {"no", 3}}, NA: 1, Unanswered: 2},
		},
		"omitted input fields": {Input: InputInfo{File: "f"}, Unanswered: nil},
	}
	for name, r := range tests {
		t.Run(name, func(t *testing.T) { checkSameJSON(t, r) })
	}
}

// Every answers file the repository ships, scored against the embedded
// model, encodes the same both ways.
func TestAppendJSONMatchesOnTestdata(t *testing.T) {
	m, err := model.Embedded(model.DefaultID)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../testdata/answers/pa-*.yaml")
	more, _ := filepath.Glob("../../testdata/answers/contoso-*.yaml")
	files = append(files, more...)
	if len(files) < 3 {
		t.Fatalf("found only %d answers files", len(files))
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := answers.Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		for _, target := range []int{0, 500} {
			r, err := Score(m, f, Options{Target: target})
			if err != nil {
				t.Fatal(err)
			}
			checkSameJSON(t, r)
		}
	}
}

// FuzzAppendJSON puts arbitrary text in every string field and random
// models under the scorer, and compares with encoding/json.
func FuzzAppendJSON(f *testing.F) {
	f.Add("plain", "note", []byte{3, 2, 1, 2, 3, 4, 1, 1})
	f.Add("\x00\x1f\"\\<>&", "\u2028\u2029\ufffd", []byte{0})
	f.Add("\xff\xc3", "\xe2\x80", []byte{255, 255, 255, 255})
	f.Fuzz(func(t *testing.T, text, note string, shape []byte) {
		m, a := modelFromBytes(shape)
		m.Name = text
		for i := range a.Entries {
			a.Entries[i].Note = note
		}
		a.Name, a.Organization, a.Respondent = text, note, text+note
		r, err := Score(m, a, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i := range r.Gaps {
			r.Gaps[i].Text = text
			r.Gaps[i].Resources = append(r.Gaps[i].Resources, model.Resource{Title: note, URL: text})
		}
		r.Unanswered = append(r.Unanswered, text, note)
		checkSameJSON(t, r)
	})
}
