package history

import (
	"os"
	"testing"

	"github.com/heat-tools/maturity/internal/testkit"
	"github.com/heat-tools/maturity/model"
)

func loadModel(t *testing.T, name string) *model.Model {
	return testkit.Model(t, "models/"+name)
}

// side parses an answers file from the repo's testdata/history (or src when
// it is not a file name) and scores it against m.
func side(t *testing.T, m *model.Model, name, src string) Side {
	t.Helper()
	data := []byte(src)
	if src == "" {
		var err error
		if data, err = os.ReadFile(testkit.Path("history/" + name)); err != nil {
			t.Fatal(err)
		}
	}
	f, r := testkit.Score(t, m, name, data)
	return Side{Model: m, File: f, Result: r}
}

func ids(cs []IndicatorChange) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

// count is the number of indicators named in all lists of in.
func count(in *Indicators) int {
	return len(in.Gained) + len(in.Lost) + len(in.Changed) + len(in.Removed) + len(in.Added)
}
