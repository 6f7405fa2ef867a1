package cli

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heat-tools/maturity/model"
)

// TestEmbeddedContextIsShown: every context line of the embedded model
// appears in `model show power-automate` and in the HTML report.
func TestEmbeddedContextIsShown(t *testing.T) {
	m, err := model.Embedded(model.DefaultID)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, p := range m.Pillars {
		for _, c := range p.Cells {
			lines = append(lines, c.Context...)
		}
	}
	if len(lines) == 0 {
		t.Fatal("the embedded model has no context lines to check")
	}

	io, out, _ := testIO("", false, nil)
	if err := modelShowRun(&modelShowOptions{IO: io, Model: model.DefaultID}); err != nil {
		t.Fatal(err)
	}
	show := strings.Join(strings.Fields(out.String()), " ") // show wraps lines

	report := filepath.Join(t.TempDir(), "r.html")
	io, _, _ = testIO("", false, map[string]string{"SOURCE_DATE_EPOCH": "1795824000"})
	answers := filepath.Join("..", "..", "testdata", "answers", "pa-200-contoso.yaml")
	if err := reportRun(&reportOptions{IO: io, Inputs: []string{answers}, Format: "html", Output: report}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	page := html.UnescapeString(string(data))
	for _, line := range lines {
		plain := strings.Join(strings.Fields(line), " ")
		if !strings.Contains(show, plain) {
			t.Errorf("model show lacks context %q", line)
		}
		if !strings.Contains(page, plain) {
			t.Errorf("the HTML report lacks context %q", line)
		}
	}
}
