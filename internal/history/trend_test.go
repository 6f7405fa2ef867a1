package history

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/heat-tools/maturity/internal/score"
)

func trendResults(t *testing.T, names ...string) []*score.Result {
	m := loadModel(t, "tiny.yaml")
	var rs []*score.Result
	for _, n := range names {
		rs = append(rs, side(t, m, n, "").Result)
	}
	return rs
}

func TestTrendOrderAndMissingDates(t *testing.T) {
	points, undated := Trend(trendResults(t, "undated.yaml", "q3.yaml", "q1.yaml", "q2.yaml"))
	var files []string
	var scores []float64
	for _, p := range points {
		files = append(files, p.File)
		scores = append(scores, p.Score.Round())
	}
	if want := []string{"q1.yaml", "q2.yaml", "q3.yaml", "undated.yaml"}; !reflect.DeepEqual(files, want) {
		t.Errorf("order %v, want %v", files, want)
	}
	// Hand-computed in the files' comments: 12.5, 21.1, 14.4, 12.5.
	if want := []float64{12.5, 21.1, 14.4, 12.5}; !reflect.DeepEqual(scores, want) {
		t.Errorf("scores %v, want %v", scores, want)
	}
	if !reflect.DeepEqual(undated, []string{"undated.yaml"}) {
		t.Errorf("undated %v, want [undated.yaml]", undated)
	}
	if points[3].AssessedAt != nil || points[0].AssessedAt == nil || *points[0].AssessedAt != "2026-03-31" {
		t.Errorf("assessed_at not carried: %v %v", points[0].AssessedAt, points[3].AssessedAt)
	}
}

func TestSparkline(t *testing.T) {
	// Top level 30; index = round(v/30 * 7): 0 -> 0 ▁, 7.5 -> 1.75 -> 2 ▃,
	// 15 -> 3.5 -> 4 ▅, 30 -> 7 █; a missing value is a space.
	pts := []Point{{top: 30}, {top: 30}, {top: 30}, {top: 30}, {top: 30}}
	f := func(v float64) *float64 { return &v }
	got := Sparkline([]*float64{f(0), f(7.5), f(15), nil, f(30)}, pts)
	if got != "▁▃▅ █" {
		t.Errorf("sparkline %q, want %q", got, "▁▃▅ █")
	}
}

func TestTrendText(t *testing.T) {
	points, _ := Trend(trendResults(t, "q3.yaml", "q1.yaml", "q2.yaml"))
	var plain, tty bytes.Buffer
	if err := TrendText(&plain, points, false); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(plain.String(), "▁▂▃▄▅▆▇█") {
		t.Errorf("sparklines without a terminal:\n%s", plain.String())
	}
	if err := TrendText(&tty, points, true); err != nil {
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
	m := loadModel(t, "tiny.yaml")
	s := side(t, m, "=cmd.yaml", "model: tiny\nassessed_at: 2026-01-02\nanswers: {}\n")
	points, _ := Trend([]*score.Result{s.Result})
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
