package answers

import (
	"reflect"
	"strings"
	"testing"

	"github.com/heat-tools/maturity/internal/yamlx"
	"github.com/heat-tools/maturity/model"
)

func TestTargets(t *testing.T) {
	m, err := model.Parse("m.yaml", []byte(tinyModel))
	if err != nil {
		t.Fatal(err)
	}
	src := "model: t\n# what we aim for\ntargets:\n  p: One # by name\nanswers: {}\n"
	f, err := Parse("a.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Target{{Pillar: "p", Level: "One", Pos: yamlx.Pos{Line: 4, Col: 3}, ValuePos: yamlx.Pos{Line: 4, Col: 6}}}
	if !reflect.DeepEqual(f.Targets, want) {
		t.Errorf("targets = %+v, want %+v", f.Targets, want)
	}
	if err := Check(f, m); err != nil {
		t.Errorf("check: %v", err)
	}
	if len(UnknownFields(f)) != 0 {
		t.Errorf("targets warned about as unknown")
	}
	// A rewrite keeps targets as written, comments too.
	out, err := Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"# what we aim for\ntargets:\n  p: One # by name\n"} {
		if !strings.Contains(string(out), s) {
			t.Errorf("rewrite lost %q:\n%s", s, out)
		}
	}
}

func TestTargetErrors(t *testing.T) {
	m, err := model.Parse("m.yaml", []byte(tinyModel))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ src, want string }{
		{"model: t\ntargets: [p]\n", "a.yaml:2:10: targets: want a mapping of pillar id to level, got a list"},
		{"model: t\ntargets: {p: [1]}\n", "a.yaml:2:14: targets: p: want a level value or name"},
		{"model: t\ntargets: {q: 1}\n", `a.yaml:2:11: targets: unknown pillar "q" in model t (did you mean "p"?)`},
		{"model: t\ntargets: {p: 2}\n", `a.yaml:2:14: targets: p: "2" is not a level of model t`},
	}
	for _, tt := range tests {
		f, err := Parse("a.yaml", []byte(tt.src))
		if err == nil {
			err = Check(f, m)
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want %q", tt.src, err, tt.want)
		}
	}
}
