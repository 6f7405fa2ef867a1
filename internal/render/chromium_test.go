package render

import (
	"bytes"
	"context"
	"flag"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
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
