package model_test

import (
	"errors"
	"testing"

	"github.com/heat-tools/maturity/model"
)

// A bad model's error is a model.Errors that another module can take
// apart with errors.As, each problem with its position.
func TestParseErrorIsModelErrors(t *testing.T) {
	_, err := model.Parse("bad.yaml", []byte("id: Bad Id\nname: x\nlevels: []\npillars: []\n"))
	var es model.Errors
	if !errors.As(err, &es) {
		t.Fatalf("errors.As(%T, *model.Errors) = false; err = %v", err, err)
	}
	if len(es) == 0 {
		t.Fatal("no errors in model.Errors")
	}
	var first *model.Error = es[0]
	if first.File != "bad.yaml" || first.Line != 1 || first.Col == 0 {
		t.Errorf("first error at %s:%d:%d, want bad.yaml:1:COL", first.File, first.Line, first.Col)
	}
}
