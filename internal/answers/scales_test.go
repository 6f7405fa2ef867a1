package answers

import (
	"strings"
	"testing"

	"github.com/heat-tools/maturity/model"
)

// scalesModel gives one indicator a scale of its own: it takes that
// scale's ids and labels and refuses the default scale's.
const scalesModel = `id: t
name: T
version: "1"
scales:
  coverage:
    - {id: none, label: "Not at all", score: 0}
    - {id: some, label: "Yes, for some", score: 0.25}
    - {id: most, label: "Yes, for most or all", score: 1}
levels: [{value: 1, name: One}]
pillars:
  - id: p
    name: P
    cells:
      - level: 1
        indicators:
          - {id: p.1.own, text: t, scale: coverage}
          - {id: p.1.default, text: t}
`

func TestCheckPerIndicatorScale(t *testing.T) {
	m, err := model.Parse("m.yaml", []byte(scalesModel))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, own, def string
		wantOwn        string // the id Check leaves, or the error
		wantDef        string
	}{
		{"ids", "most", "partial", "most", "partial"},
		{"labels in any case", `"yes, FOR some"`, "PARTIALLY", "some", "partial"},
		{"na in full", `"not applicable"`, "na", "na", "na"},
		{"YAML booleans on the default scale", "none", "yes", "none", "yes"},
		{"the default scale's id refused on its own scale", "yes", "no",
			`a.yaml:3:12: p.1.own: answer "yes" is not one of none, some, most, na`, ""},
		{"its own scale's id refused on the default", "none", "most",
			"", `a.yaml:4:16: p.1.default: answer "most" is not one of yes, partial, no, na`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "model: t\nanswers:\n  p.1.own: " + tt.own + "\n  p.1.default: " + tt.def + "\n"
			f, err := Parse("a.yaml", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			err = Check(f, m)
			want := tt.wantOwn + tt.wantDef
			if strings.HasPrefix(want, "a.yaml") {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Fatalf("error = %v, want %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			own, _ := f.Get("p.1.own")
			def, _ := f.Get("p.1.default")
			if own.Answer != tt.wantOwn || def.Answer != tt.wantDef {
				t.Errorf("answers = %q, %q; want %q, %q", own.Answer, def.Answer, tt.wantOwn, tt.wantDef)
			}
		})
	}
}
