package resultjson

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/internal/testkit"
	"github.com/heat-tools/maturity/model"
)

// The reference Append must match: the result's shape written out as Go
// types for encoding/json, the schema's field names in its tags, numbers
// with their fixed decimals. It is spelled out apart from Append so that
// the two cannot drift together.
type (
	refResult struct {
		SchemaVersion int             `json:"schema_version"`
		Model         score.ModelInfo `json:"model"`
		Input         score.InputInfo `json:"input"`
		Threshold     refRatio        `json:"threshold"`
		Scoring       string          `json:"scoring"`
		Level         score.LevelRef  `json:"level"`
		Score         refDecimal      `json:"score"`
		NextLevel     *score.LevelRef `json:"next_level"`
		Target        *score.LevelRef `json:"target"`
		Pillars       []refPillar     `json:"pillars"`
		Groups        []refGroup      `json:"groups,omitempty"`
		Gaps          []score.Gap     `json:"gaps"`
		Unanswered    []string        `json:"unanswered"`
		Counts        refCounts       `json:"counts"`
	}
	refPillar struct {
		ID     string          `json:"id"`
		Name   string          `json:"name"`
		Group  string          `json:"group,omitempty"`
		Level  score.LevelRef  `json:"level"`
		Score  refDecimal      `json:"score"`
		Target *score.LevelRef `json:"target"`
		Levels []refCoverage   `json:"levels"`
	}
	refGroup struct {
		ID      string     `json:"id"`
		Name    string     `json:"name"`
		Score   refDecimal `json:"score"`
		Pillars int        `json:"pillars"`
	}
	refCoverage struct {
		Value      int      `json:"value"`
		Coverage   refRatio `json:"coverage"`
		Attained   bool     `json:"attained"`
		Applicable int      `json:"applicable"`
		Answered   int      `json:"answered"`
	}
	refDecimal float64
	refRatio   float64
	refCounts  score.Counts
)

// refPrecision is the precision of the result being referenced.
var refPrecision = 1

func (d refDecimal) MarshalJSON() ([]byte, error) {
	return []byte(score.FormatScore(float64(d), refPrecision)), nil
}
func (r refRatio) MarshalJSON() ([]byte, error) { return []byte(score.Ratio(r).String()), nil }

// MarshalJSON writes the keys in their fixed order, each by encoding/json.
func (c refCounts) MarshalJSON() ([]byte, error) {
	b := []byte(`{"indicators":` + strconv.Itoa(c.Indicators))
	for _, s := range c.Scale {
		k, err := json.Marshal(s.ID)
		if err != nil {
			return nil, err
		}
		b = append(b, ',')
		b = append(append(b, k...), ':')
		b = strconv.AppendInt(b, int64(s.N), 10)
	}
	return append(b, `,"na":`+strconv.Itoa(c.NA)+`,"unanswered":`+strconv.Itoa(c.Unanswered)+"}"...), nil
}

func reference(r *score.Result) *refResult {
	ref := &refResult{
		SchemaVersion: r.SchemaVersion, Model: r.Model, Input: r.Input, Threshold: refRatio(r.Threshold), Scoring: r.Scoring,
		Level: r.Level, Score: refDecimal(r.Score), NextLevel: r.NextLevel, Target: r.Target,
		Gaps: r.Gaps, Unanswered: r.Unanswered, Counts: refCounts(r.Counts),
	}
	if r.Pillars != nil {
		ref.Pillars = []refPillar{}
	}
	for _, p := range r.Pillars {
		rp := refPillar{ID: p.ID, Name: p.Name, Group: p.Group, Level: p.Level, Score: refDecimal(p.Score), Target: p.Target}
		if p.Levels != nil {
			rp.Levels = []refCoverage{}
		}
		for _, c := range p.Levels {
			rp.Levels = append(rp.Levels, refCoverage{c.Value, refRatio(c.Coverage), c.Attained, c.Applicable, c.Answered})
		}
		ref.Pillars = append(ref.Pillars, rp)
	}
	for _, g := range r.Groups {
		ref.Groups = append(ref.Groups, refGroup{g.ID, g.Name, refDecimal(g.Score), g.Pillars})
	}
	refPrecision = r.Precision()
	return ref
}

// encodeReference is what encoding/json writes for r's reference with
// HTML escaping off and the given indent, with the encoder's newline.
func encodeReference(t testing.TB, v any, indent string) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func checkSameJSON(t testing.TB, r *score.Result) {
	t.Helper()
	want := bytes.TrimSuffix(encodeReference(t, reference(r), ""), []byte("\n"))
	if got := Append(nil, r); !bytes.Equal(got, want) {
		t.Fatalf("Append differs from encoding/json\n got: %s\nwant: %s", got, want)
	}
}

func TestAppendMatchesEncodingJSON(t *testing.T) {
	hostile := "quote \" backslash \\ <b>&amp;</b> \x00\x01\b\f\n\r\t\x1f\x7f é 💡 \u2028\u2029 bad \xff\xfe end"
	tests := map[string]*score.Result{
		"zero value":  {},
		"empty lists": {Pillars: []score.PillarResult{}, Gaps: []score.Gap{}, Unanswered: []string{}, Counts: score.Counts{Scale: []score.ScaleCount{}}},
		"every field": {
			SchemaVersion: score.SchemaVersion,
			Model:         score.ModelInfo{ID: "m", Name: "Model " + hostile, Version: "1.0"},
			Input:         score.InputInfo{File: "dir/a b.yaml", AssessedAt: "2026-11-28", Organization: hostile, Scope: "s", Respondent: "r"},
			Threshold:     score.Ratio(2.0 / 3),
			Level:         score.LevelRef{Value: 200, Name: "Repeatable"},
			Score:         score.OneDecimal(237.55),
			NextLevel:     &score.LevelRef{Value: 300, Name: "Defined"},
			Target:        &score.LevelRef{Value: -5, Name: ""},
			Pillars: []score.PillarResult{{ID: "p", Name: hostile, Level: score.LevelRef{}, Score: 0,
				Levels: []score.LevelCoverage{{Value: 100, Coverage: 1, Attained: true, Applicable: 3, Answered: 3}, {Value: 200, Coverage: 0.33333, Applicable: 0}}},
				{ID: "q", Levels: nil}},
			Gaps: []score.Gap{
				{Indicator: "p.200.x", Pillar: "p", Level: 200, Text: hostile, Answer: "partial", Note: hostile,
					Resources: []model.Resource{{Title: hostile, URL: "https://example.com/?a=1&b=<2>"}}},
				{Indicator: "p.200.y", Resources: nil},
				{Indicator: "p.200.z", Resources: []model.Resource{}},
			},
			Unanswered: []string{"a", hostile},
			Counts:     score.Counts{Indicators: 9, Scale: []score.ScaleCount{{ID: "yes", N: 1}, {ID: "partial", N: 2}, {ID: "no", N: 3}}, NA: 1, Unanswered: 2},
		},
		"omitted input fields": {Input: score.InputInfo{File: "f"}, Unanswered: nil},
	}
	for name, r := range tests {
		t.Run(name, func(t *testing.T) { checkSameJSON(t, r) })
	}
}

// Every answers file the repository ships, scored against the embedded
// model, encodes the same both ways.
func TestAppendMatchesOnTestdata(t *testing.T) {
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
			r, err := score.Score(m, f, score.Options{Target: target})
			if err != nil {
				t.Fatal(err)
			}
			checkSameJSON(t, r)
		}
	}
}

// FuzzAppendJSON puts arbitrary text in every string field of a scored
// result, with answers chosen by the fuzzer, and compares with
// encoding/json.
func FuzzAppendJSON(f *testing.F) {
	f.Add("plain", "note", []byte{3, 2, 1, 2, 3, 4, 1, 1})
	f.Add("\x00\x1f\"\\<>&", "\u2028\u2029\ufffd", []byte{0})
	f.Add("\xff\xc3", "\xe2\x80", []byte{255, 255, 255, 255})
	f.Fuzz(func(t *testing.T, text, note string, shape []byte) {
		m, a := tinyFromBytes(t, shape)
		m.Name = text
		for i := range a.Entries {
			a.Entries[i].Note = note
		}
		a.Name, a.Organization, a.Respondent = text, note, text+note
		r, err := score.Score(m, a, score.Options{})
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

// tinyFromBytes is the tiny model with one answer per indicator, taken in
// turn from data (unanswered when data runs out).
func tinyFromBytes(t testing.TB, data []byte) (*model.Model, *answers.File) {
	m := testkit.Model(t, "models/tiny.yaml")
	choices := []string{"", "yes", "partial", "no", "na"}
	a := &answers.File{Name: "f.yaml", Model: m.ID}
	for i, ref := range m.Indicators() {
		if i < len(data) {
			a.Set(answers.Entry{ID: ref.Indicator.ID, Answer: choices[int(data[i])%len(choices)]})
		}
	}
	return m, a
}
