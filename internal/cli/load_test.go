package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestPrefetch: a guessed model file is loaded ahead only when it is a
// regular file; a named one whatever it is, but never standard input; and
// what was loaded ahead is what get returns.
func TestPrefetch(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.yaml")
	data, err := os.ReadFile("../../testdata/models/tiny.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(model, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name        string
		spec        string
		regularOnly bool
		want        bool
	}{
		{"a regular file, guessed", model, true, true},
		{"a regular file, named", model, false, true},
		{"a directory, guessed", dir, true, false},
		{"a missing file, guessed", filepath.Join(dir, "none.yaml"), true, false},
		{"a missing file, named (get reports it)", filepath.Join(dir, "none.yaml"), false, true},
		{"standard input", "-", false, false},
	} {
		c := newModelCache(benchIO())
		c.prefetch(tc.spec, tc.regularOnly)
		if got := c.has(tc.spec); got != tc.want {
			t.Errorf("%s: started %v, want %v", tc.name, got, tc.want)
		}
	}
	c := newModelCache(benchIO())
	c.prefetch(model, true)
	m, err := c.get(model)
	if err != nil || m.ID != "tiny" {
		t.Fatalf("get after prefetch: %v, %v", m, err)
	}
	again, _ := c.get(model)
	if again != m {
		t.Error("get loaded the model a second time")
	}
}
