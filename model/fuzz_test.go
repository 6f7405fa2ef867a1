package model

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/heat-tools/maturity/internal/yamlx"
)

// FuzzParse checks that no input makes the model loader panic or hang, and
// that whatever it accepts is consistent. Seeds: every model file and bad
// input under the repository's testdata.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"../testdata/models/*.yaml", "../testdata/bad/*", "models/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			if data, err := os.ReadFile(name); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(valid))
	f.Fuzz(func(t *testing.T, data []byte) {
		if root, err := yamlx.Parse("fuzz.yaml", data); err == nil {
			// Parse checks with the positions of empty values only and
			// decodes again only when that finds a problem: both ways must
			// find one, or none.
			_, quick := decodeModel("fuzz.yaml", root, true)
			_, full := decodeModel("fuzz.yaml", root, false)
			if (len(quick) == 0) != (len(full) == 0) {
				t.Fatalf("checked with empty positions only: %d problems; with all: %d (%v)", len(quick), len(full), full)
			}
		}
		m, err := Parse("fuzz.yaml", data)
		if err != nil {
			if m != nil {
				t.Fatal("model returned with an error")
			}
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if len(m.Levels) == 0 || len(m.Pillars) == 0 || len(m.Scale) == 0 {
			t.Fatalf("accepted a model without levels, pillars or scale: %+v", m)
		}
		for i := 1; i < len(m.Levels); i++ {
			if m.Levels[i].Value <= m.Levels[i-1].Value {
				t.Fatalf("accepted levels out of order: %+v", m.Levels)
			}
		}
		seen := map[string]bool{}
		for _, ref := range m.Indicators() {
			if seen[ref.Indicator.ID] {
				t.Fatalf("accepted a repeated indicator id %q", ref.Indicator.ID)
			}
			seen[ref.Indicator.ID] = true
		}
	})
}
