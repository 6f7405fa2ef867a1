package render

import (
	"bytes"
	"html"
	"strings"
	"testing"
	"time"
)

// TestReportNotesOnceAndPathsInAppendix: each note and each evidence item
// is in the report once, in HTML and Markdown; an input's path is only in
// the appendix; a cell's links are shown under the cell, never as a step's.
func TestReportNotesOnceAndPathsInAppendix(t *testing.T) {
	list := []Scored{load(t, "", "answers/contoso-2026-05.yaml"), load(t, "", "answers/contoso-2026-11.yaml")}
	var h, m bytes.Buffer
	opt := ReportOptions{Generated: time.Unix(1795824000, 0), Version: "test"}
	if err := HTMLReport(&h, list, opt); err != nil {
		t.Fatal(err)
	}
	if err := MarkdownReport(&m, list, opt); err != nil {
		t.Fatal(err)
	}
	notes := 0
	for _, e := range list[1].Answers.Entries {
		if e.Note == "" {
			continue
		}
		notes++
		if n := strings.Count(h.String(), html.EscapeString(e.Note)); n != 1 {
			t.Errorf("html: note %q appears %d times", e.Note, n)
		}
		if n := strings.Count(m.String(), md(e.Note)); n != 1 {
			t.Errorf("markdown: note %q appears %d times", e.Note, n)
		}
		for _, ev := range e.Evidence {
			// an http(s) link is in its href and its text: one <a>
			if n := strings.Count(h.String(), ">"+html.EscapeString(ev)+"<"); n != 1 {
				t.Errorf("html: evidence %q appears %d times", ev, n)
			}
		}
	}
	if notes < 3 {
		t.Fatalf("only %d notes in the test data: the test proves little", notes)
	}
	for _, s := range list {
		file := s.Result.Input.File
		hs := h.String()
		appendix := strings.Index(hs, `<section id="appendix">`)
		if appendix < 0 || strings.Contains(hs[:appendix], file) || !strings.Contains(hs[appendix:], file) {
			t.Errorf("html: %s is not in the appendix alone", file)
		}
		ms := m.String()
		appendix = strings.Index(ms, "## Appendix: input files")
		if appendix < 0 || strings.Contains(ms[:appendix], md(file)) {
			t.Errorf("markdown: %s is not in the appendix alone", file)
		}
	}
	// build-test.300.key-vault-credentials has no link of its own; its
	// cell's (gateways, exception handling) are under the cell.
	hs := h.String()
	i := strings.Index(hs, "<code>build-test.300.key-vault-credentials</code>")
	if i < 0 {
		t.Fatal("the key vault step is not in the plan")
	}
	if end := strings.Index(hs[i:], "</li>"); strings.Contains(hs[i:i+end], "serverlessnotes.com") {
		t.Error("the key vault step shows its cell's gateway link as its own")
	}
	if n := strings.Count(hs, `href="https://www.serverlessnotes.com/docs/automating-on-premises-gateways-using-powershell"`); n != 1 {
		t.Errorf("the cell's gateway link is shown %d times, want once", n)
	}
}

// TestReportTitleFromModel: a report of another model carries that
// model's name, and never the embedded model's words.
func TestReportTitleFromModel(t *testing.T) {
	s := load(t, "models/devsecops-activities.yaml", "answers/devsecops/q1.yaml")
	var h bytes.Buffer
	if err := HTMLReport(&h, []Scored{s}, ReportOptions{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h.String(), "<title>"+html.EscapeString(s.Model.Name)+" report") {
		t.Errorf("title lacks the model's name %q", s.Model.Name)
	}
	if strings.Contains(strings.ToLower(h.String()), "automation maturity") {
		t.Error("the report of another model speaks of automation maturity")
	}
}

// TestReportMixedTrendWarns: files of different organizations in one
// trend get a warning; files of one organization and scope do not.
func TestReportMixedTrendWarns(t *testing.T) {
	same := []Scored{load(t, "", "answers/contoso-2026-05.yaml"), load(t, "", "answers/contoso-2026-11.yaml")}
	mixed := []Scored{load(t, "models/tiny.yaml", "batch/gamma.yaml"), load(t, "models/tiny.yaml", "batch/alpha.yaml")}
	for _, tt := range []struct {
		list []Scored
		warn bool
	}{{same, false}, {mixed, true}} {
		var h bytes.Buffer
		if err := HTMLReport(&h, tt.list, ReportOptions{Version: "test"}); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(h.String(), `<p class="warn">`); got != tt.warn {
			t.Errorf("%s: warning %v, want %v", tt.list[0].Result.Input.File, got, tt.warn)
		}
	}
}
