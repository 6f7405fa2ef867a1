package render

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/heat-tools/maturity/internal/testkit"
)

// TestTextFitsTheWidth: with bars (colour on) or without, the text of a
// model of 19 long-named pillars has no line wider than the terminal.
func TestTextFitsTheWidth(t *testing.T) {
	m := testkit.Model(t, "models/devsecops-activities.yaml")
	data, err := os.ReadFile(testkit.Path("answers/devsecops/q1.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	_, r := testkit.Score(t, m, "q1.yaml", data)
	for _, width := range []int{60, 80, 120, 200} {
		for _, color := range []bool{false, true} {
			var b bytes.Buffer
			if err := Text(&b, m, r, TextOptions{Color: color, Width: width}); err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(b.String(), "\n") {
				if w := textWidth(line); w > width {
					t.Errorf("width %d, colour %v: line of %d columns: %q", width, color, w, line)
				}
			}
			if !strings.Contains(b.String(), "Build and deployment · mean score 2.0") {
				t.Errorf("width %d: no group heading with its mean score", width)
			}
		}
	}
}
