package render

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/heat-tools/maturity/internal/history"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/internal/testkit"
)

// trendResults scores files of testdata/history against the tiny model.
func trendResults(t *testing.T, names ...string) []*score.Result {
	var rs []*score.Result
	for _, n := range names {
		data, err := os.ReadFile(testkit.Path("history/" + n))
		if err != nil {
			t.Fatal(err)
		}
		_, r := testkit.Score(t, tinyModel(t), n, data)
		rs = append(rs, r)
	}
	return rs
}

func TestSparkline(t *testing.T) {
	// Top level 30; index = round(v/30 * 7): 0 -> 0 ▁, 7.5 -> 1.75 -> 2 ▃,
	// 15 -> 3.5 -> 4 ▅, 30 -> 7 █; a missing value is a space.
	pts := []history.Point{{Top: 30}, {Top: 30}, {Top: 30}, {Top: 30}, {Top: 30}}
	f := func(v float64) *float64 { return &v }
	got := Sparkline([]*float64{f(0), f(7.5), f(15), nil, f(30)}, pts)
	if got != "▁▃▅ █" {
		t.Errorf("sparkline %q, want %q", got, "▁▃▅ █")
	}
}

func TestTrendText(t *testing.T) {
	points, _ := history.Trend(trendResults(t, "q3.yaml", "q1.yaml", "q2.yaml"))
	var plain, tty bytes.Buffer
	if err := TrendText(&plain, points, false, 0); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(plain.String(), "▁▂▃▄▅▆▇█") {
		t.Errorf("sparklines without a terminal:\n%s", plain.String())
	}
	if err := TrendText(&tty, points, true, 0); err != nil {
		t.Fatal(err)
	}
	// Overall 12.5, 21.1, 14.4 of 30: 2.9 -> ▄, 4.9 -> ▆, 3.4 -> ▄.
	// Tools 20, 20, 0: 4.7 -> ▆, ▆, ▁.
	for _, want := range []string{"Score    ▄▆▄  12.5 → 14.4", "Tools    ▆▆▁  20.0 → 0.0"} {
		if !strings.Contains(tty.String(), want) {
			t.Errorf("no %q in\n%s", want, tty.String())
		}
	}
}

func TestTrendCSV(t *testing.T) {
	_, r := testkit.Score(t, tinyModel(t), "=cmd.yaml", []byte("model: tiny\nassessed_at: 2026-01-02\nanswers: {}\n"))
	points, _ := history.Trend([]*score.Result{r})
	var b bytes.Buffer
	if err := TrendCSV(&b, points); err != nil {
		t.Fatal(err)
	}
	// Nothing answered: every pillar None with score 0; the file name that
	// starts with = is quoted against spreadsheet formulas.
	want := "file,assessed_at,level,level_name,score,people,process,tools\n'=cmd.yaml,2026-01-02,0,None,0.0,0.0,0.0,0.0\n"
	if b.String() != want {
		t.Errorf("csv\n%s\nwant\n%s", b.String(), want)
	}
}
