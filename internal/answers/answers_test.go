package answers

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/heat-tools/maturity/internal/yamlx"
	"github.com/heat-tools/maturity/model"
)

const tinyModel = `id: t
name: T
version: "1"
levels: [{value: 1, name: One}]
pillars:
  - id: p
    name: P
    cells:
      - level: 1
        goal: g
        indicators:
          - {id: p.1.training, text: t}
          - {id: p.1.tooling, text: t}
          - {id: p.1.review, text: t}
`

func TestParseForms(t *testing.T) {
	src := `model: t
model_version: "1"
assessed_at: 2026-11-28
organization: Contoso
scope: Finance
respondent: Lead
custom_field: kept
answers:
  p.1.training: yes
  p.1.tooling: false
  p.1.review:
    answer: partial
    note: only some
    evidence: [https://example.com/a, b]
`
	f, err := Parse("a.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if f.Model != "t" || f.ModelVersion != "1" || f.AssessedAt != "2026-11-28" || f.Organization != "Contoso" || f.Scope != "Finance" || f.Respondent != "Lead" {
		t.Errorf("header = %+v", f)
	}
	got := map[string]Entry{}
	for _, e := range f.Entries {
		e.Pos, e.ValuePos = yamlx.Pos{}, yamlx.Pos{}
		got[e.ID] = e
	}
	want := map[string]Entry{
		"p.1.training": {ID: "p.1.training", Answer: "yes"},
		"p.1.tooling":  {ID: "p.1.tooling", Answer: "no"},
		"p.1.review":   {ID: "p.1.review", Answer: "partial", Note: "only some", Evidence: []string{"https://example.com/a", "b"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entries = %+v\nwant %+v", got, want)
	}
	if len(f.Extra) != 2 || f.Extra[0].Value != "custom_field" {
		t.Errorf("extra fields not kept: %v", f.Extra)
	}
}

func TestParseAndCheckRejects(t *testing.T) {
	m, err := model.Parse("m.yaml", []byte(tinyModel))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unknown id with suggestion", "model: t\nanswers:\n  p.1.trainign: yes\n",
			[]string{`a.yaml:3:3: unknown indicator "p.1.trainign" in model t (did you mean "p.1.training"?)`}},
		{"unknown id far from any", "model: t\nanswers:\n  zzz: yes\n",
			[]string{`a.yaml:3:3: unknown indicator "zzz" in model t`}},
		{"answer outside the scale", "model: t\nanswers:\n  p.1.training: maybe\n",
			[]string{`a.yaml:3:17: p.1.training: answer "maybe" is not one of yes, partial, no, na`}},
		{"answer near the scale", "model: t\nanswers:\n  p.1.training: Yess\n",
			[]string{`(did you mean "yes"?)`}},
		{"duplicate key", "model: t\nanswers:\n  p.1.training: yes\n  p.1.training: no\n",
			[]string{`a.yaml:4:3: duplicate key "p.1.training" (first at line 3)`}},
		{"duplicate top-level key", "model: t\nmodel: u\n",
			[]string{`a.yaml:2:1: duplicate key "model" (first at line 1)`}},
		{"wrong type", "model: t\nanswers:\n  p.1.training: [yes]\n",
			[]string{`a.yaml:3:17: p.1.training: want an answer or a mapping with answer, note and evidence, got a list`}},
		{"number answer", "model: t\nanswers:\n  p.1.training: 1\n",
			[]string{`a.yaml:3:17: p.1.training: want an answer (a point of the indicator's scale, or na), got a number (1)`}},
		{"custom tag", "model: t\nanswers:\n  p.1.training: !custom yes\n",
			[]string{`a.yaml:3:17: p.1.training: a YAML tag (!custom) has no meaning here; write the answer without it`}},
		{"binary tag", "model: t\nanswers:\n  p.1.training: !!binary eWVz\n",
			[]string{`a.yaml:3:17: p.1.training: a YAML tag (!!binary) has no meaning here; write the answer without it`}},
		{"answers not a mapping", "model: t\nanswers: [a]\n",
			[]string{`a.yaml:2:10: answers: want a mapping of indicator id to answer, got a list`}},
		{"mapping without answer", "model: t\nanswers:\n  p.1.training: {note: x}\n",
			[]string{`a.yaml:3:17: p.1.training: answer is missing`}},
		{"unknown field in mapping", "model: t\nanswers:\n  p.1.training: {answer: yes, notes: x}\n",
			[]string{`a.yaml:3:31: p.1.training: unknown field "notes" (want answer, note, evidence or responses)`}},
		{"missing model", "answers: {}\n",
			[]string{`a.yaml:1:1: model is missing`}},
		{"bad date", "model: t\nassessed_at: last week\n",
			[]string{`a.yaml:2:14: assessed_at: "last week" is not a date (want YYYY-MM-DD or RFC 3339)`}},
		{"no such day", "model: t\nassessed_at: 2026-02-30\n",
			[]string{`a.yaml:2:14: assessed_at: "2026-02-30" is not a date (want YYYY-MM-DD or RFC 3339)`}},
		{"not a mapping", "just text\n",
			[]string{`a.yaml:1:1: want a mapping with model and answers, got text "just text"`}},
		{"empty", "\n\n", []string{`a.yaml:1:1: file is empty`}},
		{"several documents", "model: t\n---\nmodel: t\n", []string{`a.yaml:2:1: several YAML documents, want one`}},
		{"binary", "model: t\x00\x01", []string{`a.yaml:1:9: binary data (NUL byte at offset 8)`}},
		{"invalid utf-8", "model: t\norganization: \xff\n", []string{`a.yaml:2:15: invalid UTF-8`}},
		{"alias bomb", "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\nmodel: t\n", []string{`a.yaml:2:8: YAML aliases are not supported (*a)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("a.yaml", []byte(tt.src))
			if err == nil {
				err = Check(f, m)
			}
			if err == nil {
				t.Fatal("no error")
			}
			var lines []string
			var list yamlx.Errors
			if errors.As(err, &list) {
				for _, e := range list {
					lines = append(lines, e.Error())
				}
			} else {
				lines = []string{err.Error()}
			}
			if len(lines) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%s", len(lines), len(tt.want), strings.Join(lines, "\n"))
			}
			for i, w := range tt.want {
				if !strings.Contains(lines[i], w) {
					t.Errorf("error %d = %q, want it to contain %q", i, lines[i], w)
				}
			}
		})
	}
}

func TestNullIsUnanswered(t *testing.T) {
	f, err := Parse("a.yaml", []byte("model: t\nanswers:\n  p.1.training:\n  p.1.tooling: ~\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range f.Entries {
		if e.Answer != "" {
			t.Errorf("%s = %q, want unanswered", e.ID, e.Answer)
		}
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	src := `model: t
model_version: "1"
assessed_at: 2026-11-28
organization: Contoso
custom: {keep: me}
answers:
  p.1.training: "yes"
  p.1.tooling:
    answer: "no"
    note: |-
      two
      lines
    evidence:
      - https://example.com
  p.1.review:
`
	f, err := Parse("a.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != src {
		t.Errorf("round trip changed the file:\n%s\nwant:\n%s", out, src)
	}
}

func TestTemplateListsEveryIndicatorUnanswered(t *testing.T) {
	m, err := model.Parse("m.yaml", []byte(tinyModel))
	if err != nil {
		t.Fatal(err)
	}
	data, err := Template(m, &File{Model: "t", ModelVersion: "1"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse("tmpl.yaml", data)
	if err != nil {
		t.Fatalf("template does not parse: %v\n%s", err, data)
	}
	if err := Check(f, m); err != nil {
		t.Fatal(err)
	}
	if len(f.Entries) != 3 {
		t.Errorf("template has %d entries, want 3", len(f.Entries))
	}
	for _, e := range f.Entries {
		if e.Answer != "" {
			t.Errorf("%s answered in template", e.ID)
		}
	}
	if !strings.Contains(string(data), "# ── P · 1 One ──") {
		t.Errorf("template lacks the cell heading comment:\n%s", data)
	}
}

func TestSplitUnknown(t *testing.T) {
	m, err := model.Parse("m.yaml", []byte(tinyModel))
	if err != nil {
		t.Fatal(err)
	}
	f := &File{Name: "a.yaml", Model: "t", Organization: "O"}
	f.Set(Entry{ID: "p.1.training", Answer: "yes"})
	f.Set(Entry{ID: "p.1.gone", Answer: "no"})
	f.Set(Entry{ID: "p.1.review", Answer: "na"})
	kept, unknown := SplitUnknown(f, m)
	if len(kept.Entries) != 2 || len(unknown) != 1 || unknown[0].ID != "p.1.gone" || kept.Organization != "O" {
		t.Errorf("kept %+v, unknown %+v", kept.Entries, unknown)
	}
	if _, ok := kept.Get("p.1.gone"); ok {
		t.Error("the kept file still finds the unknown answer")
	}
	if len(f.Entries) != 3 {
		t.Error("SplitUnknown changed its input")
	}
}

// TestAnswerAndGet holds Answer to Get's entry, on a parsed file (indexed
// when parsed), after Set, and on a clone that has its own index.
func TestAnswerAndGet(t *testing.T) {
	f, err := Parse("a.yaml", []byte("model: t\nanswers:\n  p.1.a: yes\n  p.1.b: {answer: no, note: n}\n  p.1.c:\n"))
	if err != nil {
		t.Fatal(err)
	}
	c := f.Clone()
	c.Set(Entry{ID: "p.1.a", Answer: "partial"})
	c.Set(Entry{ID: "p.1.d", Answer: "na"})
	for _, tc := range []struct {
		name string
		f    *File
		id   string
		want string
	}{
		{"parsed", f, "p.1.a", "yes"},
		{"parsed, with a note", f, "p.1.b", "no"},
		{"parsed, unanswered", f, "p.1.c", ""},
		{"parsed, unknown", f, "p.1.d", ""},
		{"clone, replaced", c, "p.1.a", "partial"},
		{"clone, added", c, "p.1.d", "na"},
		{"clone, kept", c, "p.1.b", "no"},
	} {
		e, _ := tc.f.Get(tc.id)
		if got := tc.f.Answer(tc.id); got != tc.want || got != e.Answer {
			t.Errorf("%s: Answer(%q) = %q, Get's answer %q; want %q", tc.name, tc.id, got, e.Answer, tc.want)
		}
	}
}

// TestManyProblemsAreBounded checks what a file of very many mistakes
// reports: the first yamlx.MaxErrors, in file order. (How fast is
// measured in docs/benchmarks.md, not here.)
func TestManyProblemsAreBounded(t *testing.T) {
	m, err := model.Embedded(model.DefaultID)
	if err != nil {
		t.Fatal(err)
	}
	const n = 3 * yamlx.MaxErrors
	var unknown, dups strings.Builder
	unknown.WriteString("model: " + model.DefaultID + "\nanswers:\n")
	dups.WriteString("model: " + model.DefaultID + "\nanswers:\n")
	for i := range n {
		fmt.Fprintf(&unknown, "  u%d: yes\n", i)
		dups.WriteString("  u: yes\n")
	}
	tests := []struct {
		name, data, first, last string
	}{
		// Line 3 holds u0; the MaxErrors-th problem is on line MaxErrors+2.
		{"unknown ids", unknown.String(), `a.yaml:3:3: unknown indicator "u0"`, fmt.Sprintf(`a.yaml:%d:3: unknown indicator "u%d"`, yamlx.MaxErrors+2, yamlx.MaxErrors-1)},
		// The first u (line 3) is kept; its repeats start on line 4.
		{"duplicate keys", dups.String(), `a.yaml:4:3: duplicate key "u" (first at line 3)`, fmt.Sprintf(`a.yaml:%d:3: duplicate key "u"`, yamlx.MaxErrors+3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("a.yaml", []byte(tt.data))
			if err == nil {
				err = Check(f, m)
			}
			var list yamlx.Errors
			if !errors.As(err, &list) {
				t.Fatalf("err = %v, want a list", err)
			}
			if len(list) != yamlx.MaxErrors {
				t.Fatalf("%d problems, want %d", len(list), yamlx.MaxErrors)
			}
			if got := list[0].Error(); !strings.HasPrefix(got, tt.first) {
				t.Errorf("first = %q, want %q", got, tt.first)
			}
			if got := list[len(list)-1].Error(); !strings.HasPrefix(got, tt.last) {
				t.Errorf("last = %q, want %q", got, tt.last)
			}
		})
	}
}

func TestUnknownFields(t *testing.T) {
	data := "model: tiny\nanswer:\n  a: yes\norganisation: C\ntargets: {p: 20}\nzzz: 1\n"
	f, err := Parse("a.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range UnknownFields(f) {
		got = append(got, e.Error()+" | "+e.Hint())
	}
	want := []string{
		`a.yaml:2:1: unknown field "answer" | did you mean answers?`,
		`a.yaml:4:1: unknown field "organisation" | did you mean organization?`,
		// targets is a field of the format: no warning.
		`a.yaml:6:1: unknown field "zzz" | known fields: model, model_version, assessed_at, organization, scope, respondent, targets, answers`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(f.Extra) != 8 {
		t.Errorf("Extra has %d nodes, want the 4 unknown fields kept as key and value", len(f.Extra))
	}
}
