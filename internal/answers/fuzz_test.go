package answers

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/heat-tools/maturity/model"
)

// FuzzParse checks that no input makes the answers parser or checker panic,
// and that an accepted file survives Encode and Parse unchanged. Seeds:
// every answers file and bad input under the repository's testdata.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"../../testdata/answers/*.yaml", "../../testdata/bad/*"} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			if data, err := os.ReadFile(name); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte("model: t\nanswers:\n  p.1.training: yes\n  p.1.review: {answer: partial, note: n}\n"))
	m, err := model.Parse("m.yaml", []byte(tinyModel))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = PeekModel(data) // a hint only: it must not panic on anything
		a, err := Parse("fuzz.yaml", data)
		if err != nil {
			return
		}
		_ = Check(a, m)
		out, err := Encode(a)
		if err != nil {
			t.Fatalf("cannot encode an accepted file: %v", err)
		}
		b, err := Parse("again.yaml", out)
		if err != nil {
			t.Fatalf("encoded file does not parse: %v\n%s", err, out)
		}
		if len(a.Entries) != len(b.Entries) {
			t.Fatalf("entries %d -> %d after a round trip", len(a.Entries), len(b.Entries))
		}
		for i := range a.Entries {
			x, y := a.Entries[i], b.Entries[i]
			if x.ID != y.ID || x.Answer != y.Answer || x.Note != y.Note || len(x.Evidence) != len(y.Evidence) {
				t.Fatalf("entry %d changed in a round trip: %+v -> %+v", i, x, y)
			}
		}
	})
}
