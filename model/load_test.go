package model

import (
	"errors"
	"strings"
	"testing"

	"github.com/heat-tools/maturity/internal/yamlx"
)

// valid is a small correct model; each rejection case below breaks one thing.
const valid = `id: t
name: T
version: "1"
levels:
  - {value: 1, name: One}
  - {value: 2, name: Two}
pillars:
  - id: p
    name: P
    cells:
      - level: 1
        goal: G
        indicators:
          - {id: p.1.a, text: A}
`

func TestParseValid(t *testing.T) {
	m, err := Parse("m.yaml", []byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	if m.EffectiveThreshold() != 1 || len(m.Scale) != 3 || m.IndicatorCount() != 1 {
		t.Errorf("defaults not applied: threshold %v, scale %d, indicators %d", m.EffectiveThreshold(), len(m.Scale), m.IndicatorCount())
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // each "LINE:COL: message" substring, in order
	}{
		{"unknown field", strings.Replace(valid, "name: T", "name: T\ncolour: red", 1),
			[]string{`m.yaml:3:1: unknown field "colour"`}},
		{"unknown field with suggestion", strings.Replace(valid, "name: P", "nmae: P", 1),
			[]string{`m.yaml:8:5: pillar name is missing`, `m.yaml:9:5: unknown field "nmae" (did you mean "name"?)`}},
		{"wrong type", strings.Replace(valid, "{value: 2, name: Two}", "{value: two, name: Two}", 1),
			[]string{`m.yaml:6:13: value: want a whole number, got text "two"`}},
		{"wrong type list", strings.Replace(valid, "pillars:\n", "pillars: nope\nx:\n", 1),
			[]string{`m.yaml:7:10: pillars: want a list, got text "nope"`, `m.yaml:8:1: unknown field "x"`}},
		{"duplicate key", strings.Replace(valid, "version: \"1\"", "version: \"1\"\nversion: \"2\"", 1),
			[]string{`m.yaml:4:1: duplicate key "version" (first at line 3)`}},
		{"malformed model id", strings.Replace(valid, "id: t", "id: T_1", 1),
			[]string{`m.yaml:1:5: model id "T_1" is malformed`}},
		{"malformed indicator id", strings.Replace(valid, "id: p.1.a", "id: P 1", 1),
			[]string{`m.yaml:14:18: indicator id "P 1" is malformed`}},
		{"duplicate indicator id", strings.Replace(valid, "{id: p.1.a, text: A}", "{id: p.1.a, text: A}\n          - {id: p.1.a, text: B}", 1),
			[]string{`m.yaml:15:18: indicator id "p.1.a" is repeated (first at line 14)`}},
		{"duplicate pillar id", valid + "  - {id: p, name: Q, cells: []}\n",
			[]string{`m.yaml:15:10: pillar id "p" is repeated`}},
		{"levels not increasing", strings.Replace(valid, "{value: 2, name: Two}", "{value: 1, name: Two}", 1),
			[]string{`m.yaml:6:13: level 1 is not above the level before it (1)`}},
		{"undeclared cell level", strings.Replace(valid, "level: 1", "level: 3", 1),
			[]string{`m.yaml:11:16: cell level 3 is not a declared level`}},
		{"cell twice", valid + "      - {level: 1, goal: again}\n",
			[]string{`m.yaml:15:17: pillar "p" has a second cell for level 1`}},
		{"scale id repeats", strings.Replace(valid, "levels:", "scale:\n  - {id: y, label: Y, score: 1}\n  - {id: y, label: Y2, score: 0}\nlevels:", 1),
			[]string{`m.yaml:6:10: scale id "y" is repeated`}},
		{"scale score out of range", strings.Replace(valid, "levels:", "scale:\n  - {id: y, label: Y, score: 1.5}\n  - {id: n, label: N, score: 0}\nlevels:", 1),
			[]string{`m.yaml:5:3: scale has no point scoring 1`, `m.yaml:5:30: scale score 1.5 is outside [0,1]`}},
		{"scale id na reserved", strings.Replace(valid, "levels:", "scale:\n  - {id: na, label: N, score: 0}\n  - {id: y, label: Y, score: 1}\nlevels:", 1),
			[]string{`m.yaml:5:10: scale id "na" is reserved`}},
		{"threshold zero", strings.Replace(valid, "levels:", "threshold: 0\nlevels:", 1),
			[]string{`m.yaml:4:12: threshold 0 is outside (0,1]`}},
		{"threshold above one", strings.Replace(valid, "levels:", "threshold: 1.2\nlevels:", 1),
			[]string{`m.yaml:4:12: threshold 1.2 is outside (0,1]`}},
		{"empty text", strings.Replace(valid, "text: A", "text: \"\"", 1),
			[]string{`m.yaml:14:31: indicator text is empty`}},
		{"empty goal", strings.Replace(valid, "goal: G", "goal: \"\"", 1),
			[]string{`m.yaml:12:15: cell goal is empty`}},
		{"relative url", strings.Replace(valid, "{id: p.1.a, text: A}", "{id: p.1.a, text: A, resources: [{title: R, url: /power-automate/x}]}", 1),
			[]string{`m.yaml:14:62: resource url "/power-automate/x" is not an absolute http(s) URL`}},
		{"ftp url", strings.Replace(valid, "levels:", "sources: [{title: S, url: \"ftp://x.org/a\"}]\nlevels:", 1),
			[]string{`m.yaml:4:27: source url "ftp://x.org/a" is not an absolute http(s) URL`}},
		{"weight not positive", strings.Replace(valid, "text: A}", "text: A, weight: 0}", 1),
			[]string{`m.yaml:14:42: indicator weight 0 must be above 0`}},
		{"weight !!float nan", strings.Replace(valid, "text: A}", "text: A, weight: !!float nan}", 1),
			[]string{`m.yaml:14:42: weight: number nan is not finite`}},
		{"weight !!float inf", strings.Replace(valid, "text: A}", "text: A, weight: !!float inf}", 1),
			[]string{`m.yaml:14:42: weight: number inf is not finite`}},
		{"weight .nan", strings.Replace(valid, "text: A}", "text: A, weight: .nan}", 1),
			[]string{`m.yaml:14:42: weight: number .nan is not finite`}},
		{"weight -.inf", strings.Replace(valid, "text: A}", "text: A, weight: -.inf}", 1),
			[]string{`m.yaml:14:42: weight: number -.inf is not finite`}},
		{"weight 1e400", strings.Replace(valid, "text: A}", "text: A, weight: 1e400}", 1),
			[]string{`m.yaml:14:42: weight: number 1e400 is not finite (too large)`}},
		{"threshold !!float NaN", strings.Replace(valid, "levels:", "threshold: !!float NaN\nlevels:", 1),
			[]string{`m.yaml:4:12: threshold: number NaN is not finite`}},
		{"scale score !!float nan", strings.Replace(valid, "levels:", "scale:\n  - {id: y, label: Y, score: !!float nan}\n  - {id: n, label: N, score: 1}\n  - {id: z, label: Z, score: 0}\nlevels:", 1),
			[]string{`m.yaml:5:30: score: number nan is not finite`}},
		{"several mistakes at once", strings.Replace(strings.Replace(strings.Replace(valid,
			"id: t", "id: Bad!", 1), "level: 1", "level: 9", 1), "text: A", "text: \"\"", 1),
			[]string{`m.yaml:1:5: model id`, `m.yaml:11:16: cell level 9`, `m.yaml:14:31: indicator text is empty`}},
		{"alias", "id: &x t\nname: *x\n", []string{`m.yaml:2:7: YAML aliases are not supported (*x)`}},
		{"not a mapping", "- a\n- b\n", []string{`m.yaml:1:1: want a mapping with id, name, levels and pillars, got a list`}},
		{"a bare tag", "!", []string{`m.yaml:1:1: want a mapping with id, name, levels and pillars, got`}},
		{"empty file", "", []string{`m.yaml:1:1: file is empty`}},
		{"two documents", valid + "---\nid: u\n", []string{`m.yaml:15:1: several YAML documents, want one`}},
		{"syntax error", "id: [\n", []string{`m.yaml:1: invalid YAML: did not find expected node content`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("m.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatal("no error")
			}
			lines := errorLines(err)
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

func errorLines(err error) []string {
	var list yamlx.Errors
	if errors.As(err, &list) {
		out := make([]string, len(list))
		for i, e := range list {
			out[i] = e.Error()
		}
		return out
	}
	return []string{err.Error()}
}

func TestIDFormats(t *testing.T) {
	tests := []struct {
		format idFormat
		id     string
		want   bool
	}{
		{modelIDFormat, "power-automate", true},
		{modelIDFormat, "-leading-dash-is-fine", true},
		{modelIDFormat, "Upper", false},
		{modelIDFormat, "", false},
		{modelIDFormat, "a.b", false},
		{pillarIDFormat, "build-test", true},
		{pillarIDFormat, "-x", false},
		{indicatorIDFormat, "design.300.exception-handling", true},
		{indicatorIDFormat, ".x", false},
		{indicatorIDFormat, "a_b", false},
		{indicatorIDFormat, "é", false},
		{scaleIDFormat, "mostly_yes", true},
		{scaleIDFormat, "_x", false},
	}
	for _, tt := range tests {
		if got := tt.format.match(tt.id); got != tt.want {
			t.Errorf("%s matches %q = %v, want %v", tt.format.pattern, tt.id, got, tt.want)
		}
	}
}

func TestParseNumbersInAnyBase(t *testing.T) {
	// YAML 1.2 ints: 0x10 = 16, 0o17 = 15, 0b11 = 3, 1_000 = 1000, and
	// 017 = 17 (a leading zero is no octal in YAML 1.2).
	for spelling, want := range map[string]float64{"0x10": 16, "0o17": 15, "0b11": 3, "1_000": 1000, "017": 17, "2.5": 2.5, "!!float 3": 3, "2e-300": 2e-300} {
		m, err := Parse("m.yaml", []byte(strings.Replace(valid, "text: A}", "text: A, weight: "+spelling+"}", 1)))
		if err != nil {
			t.Errorf("weight %s: %v", spelling, err)
			continue
		}
		if got := m.Pillars[0].Cells[0].Indicators[0].EffectiveWeight(); got != want {
			t.Errorf("weight %s = %v, want %v", spelling, got, want)
		}
	}
}

// TestManyProblemsAreBounded: a model file of very many mistakes reports
// the first yamlx.MaxErrors, in file order (how fast: docs/benchmarks.md).
func TestManyProblemsAreBounded(t *testing.T) {
	var b strings.Builder
	for i := range 3 * yamlx.MaxErrors {
		b.WriteString("f" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + strings.Repeat("y", i/26) + ": 1\n")
	}
	_, err := Parse("m.yaml", []byte(b.String()))
	lines := errorLines(err)
	if len(lines) != yamlx.MaxErrors {
		t.Fatalf("%d problems, want %d", len(lines), yamlx.MaxErrors)
	}
	if !strings.HasPrefix(lines[0], `m.yaml:1:1: unknown field "fa"`) {
		t.Errorf("first = %q", lines[0])
	}
}
