package history

import "github.com/heat-tools/maturity/internal/score"

// Point is one assessment in a trend.
type Point struct {
	File       string
	AssessedAt *string // nil when the file has no date
	Level      score.LevelRef
	Score      score.OneDecimal
	Pillars    []PillarPoint
	Top        int // the model's top level value: the height of a sparkline
	Precision  int // decimals its scores are written with: its model's precision
}

// Format writes a score of this point with its precision.
func (p Point) Format(v score.OneDecimal) string { return score.FormatScore(float64(v), p.Precision) }

// PillarPoint is one pillar of one assessment.
type PillarPoint struct {
	ID    string
	Name  string
	Level score.LevelRef
	Score score.OneDecimal
}

// Trend orders results by assessed_at, then file name (Order), and
// returns one point per result, with the files that had no date.
func Trend(results []*score.Result) (points []Point, undated []string) {
	rs := append([]*score.Result(nil), results...)
	score.OrderByDate(rs, func(r *score.Result) score.InputInfo { return r.Input })
	points = []Point{}
	for _, r := range rs {
		p := Point{File: r.Input.File, Level: r.Level, Score: r.Score, Pillars: []PillarPoint{}, Precision: r.Precision()}
		if _, ok := score.AssessedTime(r.Input.AssessedAt); ok {
			at := r.Input.AssessedAt
			p.AssessedAt = &at
		} else {
			undated = append(undated, r.Input.File)
		}
		for _, pr := range r.Pillars {
			p.Pillars = append(p.Pillars, PillarPoint{ID: pr.ID, Name: pr.Name, Level: pr.Level, Score: pr.Score})
			if n := len(pr.Levels); n > 0 {
				p.Top = max(p.Top, pr.Levels[n-1].Value)
			}
		}
		points = append(points, p)
	}
	return points, undated
}
