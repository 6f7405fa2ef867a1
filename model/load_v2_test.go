package model

import (
	"strconv"
	"strings"
	"testing"
)

// validV2 uses every field of format v2; each case below breaks one thing.
const validV2 = `id: t
name: T
version: "1"
scoring: cumulative
precision: 2
sources: [{title: S, url: "https://example.com/s", author: A, license: L, license_url: "https://example.com/l"}]
scales:
  four:
    - {id: none, label: "No", score: 0}
    - {id: most, label: "Most", score: 1}
levels:
  - {value: 1, name: One}
  - {value: 2, name: Two}
groups:
  - {id: g, name: G}
pillars:
  - id: p
    name: P
    group: g
    cells:
      - level: 1
        scale: four
        indicators:
          - {id: p.1.a, text: A, effort: 2, impact: 3, tags: [x]}
          - {id: p.1.b, text: B, depends_on: [p.1.a]}
          - {id: p.1.c, text: C, scale: four, depends_on: [p.1.b]}
`

func TestParseV2(t *testing.T) {
	m, err := Parse("m.yaml", []byte(validV2))
	if err != nil {
		t.Fatal(err)
	}
	if m.EffectiveScoring() != Cumulative || m.EffectivePrecision() != 2 || m.Pillars[0].Group != "g" {
		t.Errorf("scoring %q, precision %d, group %q", m.EffectiveScoring(), m.EffectivePrecision(), m.Pillars[0].Group)
	}
	if c := m.Pillars[0].Cells[0]; c.Goal != "" || *c.Indicators[0].Effort != 2 || *c.Indicators[0].Impact != 3 || c.Indicators[1].DependsOn[0] != "p.1.a" {
		t.Errorf("cell decoded as %+v", c)
	}
	if s := m.Sources[0]; s.Author != "A" || s.LicenseURL != "https://example.com/l" {
		t.Errorf("source decoded as %+v", s)
	}
	def, err := Parse("m.yaml", []byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	if def.EffectiveScoring() != Staged || def.EffectivePrecision() != 1 {
		t.Errorf("defaults: scoring %q, precision %d", def.EffectiveScoring(), def.EffectivePrecision())
	}
}

func TestParseV2Rejects(t *testing.T) {
	r := func(old, new string) string {
		if !strings.Contains(validV2, old) {
			panic("no " + old)
		}
		return strings.Replace(validV2, old, new, 1)
	}
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"undeclared cell scale", r("scale: four\n", "scale: five\n"),
			[]string{`m.yaml:22:16: scale "five" is not declared under scales (declared: four)`}},
		{"undeclared indicator scale", r("text: C, scale: four", "text: C, scale: sixes"),
			[]string{`m.yaml:26:41: scale "sixes" is not declared under scales (declared: four)`}},
		{"scale without scales", strings.Replace(r("scale: four\n", "scale: four\n"), "scales:\n  four:\n    - {id: none, label: \"No\", score: 0}\n    - {id: most, label: \"Most\", score: 1}\n", "", 1),
			[]string{`scale "four" is not declared under scales (the model declares none)`, `scale "four" is not declared`}},
		{"undeclared group", r("group: g", "group: h"),
			[]string{`m.yaml:19:12: group "h" is not declared under groups`}},
		{"undeclared dependency", r("depends_on: [p.1.a]", "depends_on: [p.1.x]"),
			[]string{`m.yaml:25:47: depends_on: "p.1.x" is not an indicator of this model (did you mean "p.1.a"?)`}},
		{"self dependency", r("depends_on: [p.1.a]", "depends_on: [p.1.b]"),
			[]string{`m.yaml:25:47: indicator "p.1.b" depends on itself`}},
		{"cycle", r("text: A, effort: 2", "text: A, depends_on: [p.1.c], effort: 2"),
			[]string{`m.yaml:24:46: depends_on has a cycle: p.1.a → p.1.c → p.1.b → p.1.a`}},
		{"scale without a 1", r(`{id: most, label: "Most", score: 1}`, `{id: most, label: "Most", score: 0.9}`),
			[]string{`m.yaml:8:3: scale four has no point scoring 1: one must mean fully in place`}},
		{"scale without a 0", r(`{id: none, label: "No", score: 0}`, `{id: none, label: "No", score: 0.1}`),
			[]string{`m.yaml:8:3: scale four has no point scoring 0: one must mean not in place`}},
		{"scale of one point", r("    - {id: most, label: \"Most\", score: 1}\n", ""),
			[]string{`m.yaml:8:3: scale four has 1 point(s); want two at least`}},
		{"named scale id repeats", r(`{id: most, label: "Most", score: 1}`, `{id: none, label: "Most", score: 1}`),
			[]string{`m.yaml:10:12: scale id "none" is repeated`}},
		{"scale name repeats", r("  four:\n", "  two: [{id: a, label: A, score: 0}, {id: b, label: B, score: 1}]\n  two: []\n  four:\n"),
			[]string{`m.yaml:9:3: duplicate key "two" (first at line 8)`}},
		{"scales not a mapping", r("scales:\n  four:\n    - {id: none, label: \"No\", score: 0}\n    - {id: most, label: \"Most\", score: 1}\n", "scales: [a]\n"),
			[]string{`m.yaml:7:9: scales: want a mapping of scale name to its points, got a list`, `scale "four" is not declared`, `scale "four" is not declared`}},
		{"scoring unknown", r("scoring: cumulative", "scoring: summed"),
			[]string{`m.yaml:4:10: scoring "summed" is not staged or cumulative`}},
		{"precision too high", r("precision: 2", "precision: 4"),
			[]string{`m.yaml:5:12: precision 4 is outside 0..3`}},
		{"precision negative", r("precision: 2", "precision: -1"),
			[]string{`m.yaml:5:12: precision -1 is outside 0..3`}},
		{"effort not positive", r("effort: 2", "effort: 0"),
			[]string{`m.yaml:24:42: indicator effort 0 must be above 0`}},
		{"impact not positive", r("impact: 3", "impact: -1"),
			[]string{`m.yaml:24:53: indicator impact -1 must be above 0`}},
		{"empty tag", r("tags: [x]", `tags: [""]`),
			[]string{`m.yaml:24:63: tag is empty`}},
		{"malformed group id", r("{id: g, name: G}", "{id: G!, name: G}"),
			[]string{`m.yaml:15:10: group id "G!" is malformed`, `m.yaml:19:12: group "g" is not declared`}},
		{"license url relative", r(`license_url: "https://example.com/l"`, `license_url: "/l"`),
			[]string{`m.yaml:6:88: source license_url "/l" is not an absolute http(s) URL`}},
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

func TestParseLongCycleIsNamedByItsEnds(t *testing.T) {
	var b strings.Builder
	b.WriteString("id: t\nname: T\nversion: \"1\"\nlevels: [{value: 1, name: One}]\npillars:\n  - id: p\n    name: P\n    cells:\n      - level: 1\n        indicators:\n")
	const n = 12 // p.0 → p.1 → … → p.11 → p.0
	for i := range n {
		b.WriteString("          - {id: p." + strconv.Itoa(i) + ", text: t, depends_on: [p." + strconv.Itoa((i+1)%n) + "]}\n")
	}
	_, err := Parse("m.yaml", []byte(b.String()))
	lines := errorLines(err)
	want := "depends_on has a cycle: p.0 → p.1 → p.2 → p.3 → … 6 more … → p.10 → p.11 → p.0"
	if len(lines) != 1 || !strings.Contains(lines[0], want) {
		t.Errorf("errors = %q, want one with %q", lines, want)
	}
}
