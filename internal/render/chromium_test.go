package render

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/heat-tools/maturity/internal/testkit"
)

var screenshotOut = flag.String("screenshot", "", "also write the Chromium screenshot of the report to this `PNG` file (docs/report.png)")

// TestReportInChromium renders the two-assessment Contoso report in
// headless Chromium: the page must load, have the grid, the bar chart and
// the trend chart in its DOM, and give a screenshot that is not blank.
// Without chromium it skips, except in CI, where it fails (.ci/run
// installs chromium).
func TestReportInChromium(t *testing.T) {
	bin := testkit.Tool(t, "chromium")
	list := []Scored{load(t, "", "answers/contoso-2026-05.yaml"), load(t, "", "answers/contoso-2026-11.yaml")}
	var buf bytes.Buffer
	if err := HTMLReport(&buf, list, ReportOptions{Generated: time.Unix(1795824000, 0), Version: "devel"}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "report.png")

	run := func(args ...string) []byte {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--user-data-dir=" + t.TempDir(), "--window-size=1200,2400"}
		cmd := exec.CommandContext(ctx, bin, append(append(base, args...), "file://"+page)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("chromium %v: %v\n%s", args, err, stderr.String())
		}
		return out
	}

	dom := string(run("--dump-dom"))
	for _, want := range []string{
		`<table class="grid">`,
		`<svg class="bars"`,
		`<rect class="lv3" x="`, // Empower at 300 Defined
		`<svg class="trend"`,
		`<polyline class="line"`,
		`<section id="change">`,
		`<svg class="radar"`,
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered DOM lacks %s", want)
		}
	}
	if n := strings.Count(dom, `<td class="cov `); n != 35 { // 7 pillars × 5 levels
		t.Errorf("grid cells = %d, want 35", n)
	}

	run("--screenshot=" + shot)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() != 1200 || b.Dy() != 2400 {
		t.Errorf("screenshot is %dx%d, want 1200x2400", b.Dx(), b.Dy())
	}
	colors := map[[3]uint32]bool{}
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colors[[3]uint32{r >> 12, g >> 12, bl >> 12}] = true
		}
	}
	if len(colors) < 20 { // a blank or error page has a handful
		t.Errorf("screenshot has only %d colours: blank page?", len(colors))
	}
	if *screenshotOut != "" {
		data, err := os.ReadFile(shot)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(*screenshotOut, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runChromium runs headless Chromium on the page with args and returns
// its stdout.
func runChromium(t *testing.T, bin, page string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, bin, append(append(base, args...), "file://"+page)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, stderr.String())
	}
	return out
}

// writeReport writes the HTML report of list to dir/report.html.
func writeReport(t *testing.T, dir string, list []Scored) string {
	t.Helper()
	var buf bytes.Buffer
	if err := HTMLReport(&buf, list, ReportOptions{Generated: time.Unix(1795824000, 0), Version: "devel"}); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return page
}

// phoneProbe is a page that shows report.html in a 390-pixel-wide frame
// and writes, once it is laid out, the report's scroll and client widths
// and every element that runs past the frame's right edge outside a box
// of its own that scrolls (.scroll). The report itself runs no script
// (its Content-Security-Policy forbids it); the probe reads it from
// outside, which --allow-file-access-from-files permits for file: pages.
const phoneProbe = `<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="report.html" style="width:390px;height:3000px;border:0"></iframe>
<script>
document.getElementById("f").onload = function () {
  var doc = this.contentDocument, root = doc.documentElement, off = [];
  doc.querySelectorAll("body *").forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > root.clientWidth + 0.5 && !e.closest(".scroll")) {
      off.push(e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined ? "." + e.className : "") + "@" + Math.round(r.right));
    }
  });
  document.body.setAttribute("data-scroll-width", root.scrollWidth);
  document.body.setAttribute("data-client-width", root.clientWidth);
  document.body.setAttribute("data-offscreen", off.slice(0, 20).join(" "));
};
</script></body></html>`

// TestReportPhoneWidth: at 390 pixels wide nothing of the report runs off
// the screen; wide tables scroll inside their own box. Two reports: the
// Contoso trend, and a model of 19 pillars with long names.
func TestReportPhoneWidth(t *testing.T) {
	bin := testkit.Tool(t, "chromium")
	cases := map[string][]Scored{
		"contoso":   {load(t, "", "answers/contoso-2026-05.yaml"), load(t, "", "answers/contoso-2026-11.yaml")},
		"devsecops": {load(t, "models/devsecops-activities.yaml", "answers/devsecops/q1.yaml")},
	}
	for name, list := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeReport(t, dir, list)
			probe := filepath.Join(dir, "probe.html")
			if err := os.WriteFile(probe, []byte(phoneProbe), 0o644); err != nil {
				t.Fatal(err)
			}
			dom := string(runChromium(t, bin, probe, "--allow-file-access-from-files", "--window-size=600,1200", "--dump-dom"))
			attr := func(name string) string {
				m := regexp.MustCompile(name + `="([^"]*)"`).FindStringSubmatch(dom)
				if m == nil {
					t.Fatalf("the probe wrote no %s: %s", name, dom)
				}
				return m[1]
			}
			sw, _ := strconv.Atoi(attr("data-scroll-width"))
			cw, _ := strconv.Atoi(attr("data-client-width"))
			if cw < 360 || cw > 390 {
				t.Fatalf("the frame is %d pixels wide, want 390 less any scroll bar", cw)
			}
			if sw > cw {
				t.Errorf("page is %d pixels wide in a %d-pixel viewport: it scrolls sideways", sw, cw)
			}
			if off := attr("data-offscreen"); off != "" {
				t.Errorf("elements run off a 390-pixel screen: %s", off)
			}
		})
	}
}

// TestReportPrintsToPDF prints the report to PDF with Chromium's own
// header and footer off: the page numbers come from the report's @page
// rules, the executive summary is on page 1, link targets are printed,
// and no page ends with a heading.
func TestReportPrintsToPDF(t *testing.T) {
	bin := testkit.Tool(t, "chromium")
	pdftotext := testkit.Tool(t, "pdftotext")
	dir := t.TempDir()
	page := writeReport(t, dir, []Scored{load(t, "", "answers/contoso-2026-05.yaml"), load(t, "", "answers/contoso-2026-11.yaml")})
	pdf := filepath.Join(dir, "report.pdf")
	runChromium(t, bin, page, "--no-pdf-header-footer", "--print-to-pdf="+pdf)
	out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(strings.TrimRight(string(out), "\f\n"), "\f")
	if len(pages) < 2 {
		t.Fatalf("%d pages, want several", len(pages))
	}
	for i, p := range pages {
		want := fmt.Sprintf("Page %d of %d", i+1, len(pages))
		if !strings.Contains(p, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
	}
	for _, want := range []string{"Executive summary", "Contoso Ltd", "200", "Repeatable", "Strongest pillar", "First: "} {
		if !strings.Contains(strings.ToLower(pages[0]), strings.ToLower(want)) {
			t.Errorf("page 1 lacks %q:\n%s", want, pages[0])
		}
	}
	if !strings.Contains(string(out), "(https://learn.microsoft.com/") {
		t.Error("no link target is printed after its link")
	}
	headings := regexp.MustCompile(`^\s*(Executive summary|Score by pillar|Pillars × levels|Plan|Score trend|Change since the previous assessment|Notes and evidence|Context from the model|Appendix: input files|Phase \d+ · .*)\s*$`)
	for i, p := range pages {
		var last string
		for _, line := range strings.Split(p, "\n") {
			if strings.TrimSpace(line) != "" && !strings.Contains(line, "Page ") {
				last = line
			}
		}
		if headings.MatchString(last) {
			t.Errorf("page %d ends with the heading %q", i+1, strings.TrimSpace(last))
		}
	}
}
