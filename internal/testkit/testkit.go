// Package testkit loads the repository's test data for the tests of other
// packages: models, answers and their results, failing the test on error.
package testkit

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
)

// Path is the path of a file under the repository's top-level testdata,
// such as Path("models/tiny.yaml"), wherever the test runs from.
func Path(rel string) string {
	_, here, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(here), "..", "..", "testdata", filepath.FromSlash(rel))
}

// Model parses a model file under testdata.
func Model(t testing.TB, rel string) *model.Model {
	t.Helper()
	data, err := os.ReadFile(Path(rel))
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Parse(filepath.Base(rel), data)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Score parses answers data named name, checks it against m and scores it.
func Score(t testing.TB, m *model.Model, name string, data []byte) (*answers.File, *score.Result) {
	t.Helper()
	f, err := answers.Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	if err := answers.Check(f, m); err != nil {
		t.Fatal(err)
	}
	r, err := score.Score(m, f, score.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f, r
}
