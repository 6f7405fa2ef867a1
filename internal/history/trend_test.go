package history

import (
	"reflect"
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
