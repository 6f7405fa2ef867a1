package history

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
)

func loadModel(t *testing.T, name string) *model.Model {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "models", name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// side parses an answers file from the repo's testdata/history (or src when
// it is not a file name) and scores it against m.
func side(t *testing.T, m *model.Model, name, src string) Side {
	t.Helper()
	data := []byte(src)
	if src == "" {
		var err error
		data, err = os.ReadFile(filepath.Join("..", "..", "testdata", "history", name))
		if err != nil {
			t.Fatal(err)
		}
	}
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
	return Side{Model: m, File: f, Result: r}
}

func ids(cs []IndicatorChange) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}
