// Package testkit loads the repository's test data for the tests of other
// packages: models, answers and their results, failing the test on error.
package testkit

import (
	"os"
	"os/exec"
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

// Tool is the path of the program name on PATH. When it is missing the
// test skips, except in CI (CI set), where it fails: .ci/run installs
// every tool the tests need, so a skip there would hide a missing step.
func Tool(t testing.TB, name string) string {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err == nil {
		return bin
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not on PATH, and CI is set: .ci/run must install it", name)
	}
	t.Skipf("%s is not on PATH (CI installs it; apt-get install %s)", name, name)
	return ""
}

// SkipUnlessCI skips a test for the reason given, except in CI, where the
// test fails instead: what CI must cover never passes by skipping.
func SkipUnlessCI(t testing.TB, reason string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("cannot run in CI: %s", reason)
	}
	t.Skip(reason)
}
