package history

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/heat-tools/maturity/internal/render"
	"github.com/heat-tools/maturity/internal/score"
)

// Point is one assessment in a trend.
type Point struct {
	File       string           `json:"file"`
	AssessedAt *string          `json:"assessed_at"` // null when the file has no date
	Level      score.LevelRef   `json:"level"`
	Score      score.OneDecimal `json:"score"`
	Pillars    []PillarPoint    `json:"pillars"`
	top        int              // the model's top level value, for sparklines
}

// PillarPoint is one pillar of one assessment.
type PillarPoint struct {
	ID    string           `json:"id"`
	Name  string           `json:"name"`
	Level score.LevelRef   `json:"level"`
	Score score.OneDecimal `json:"score"`
}

// Trend orders results by assessed_at, then file name (Order), and
// returns one point per result, with the files that had no date.
func Trend(results []*score.Result) (points []Point, undated []string) {
	rs := append([]*score.Result(nil), results...)
	score.OrderByDate(rs, func(r *score.Result) score.InputInfo { return r.Input })
	points = []Point{}
	for _, r := range rs {
		p := Point{File: r.Input.File, Level: r.Level, Score: r.Score, Pillars: []PillarPoint{}}
		if _, ok := score.AssessedTime(r.Input.AssessedAt); ok {
			at := r.Input.AssessedAt
			p.AssessedAt = &at
		} else {
			undated = append(undated, r.Input.File)
		}
		for _, pr := range r.Pillars {
			p.Pillars = append(p.Pillars, PillarPoint{ID: pr.ID, Name: pr.Name, Level: pr.Level, Score: pr.Score})
			if n := len(pr.Levels); n > 0 {
				p.top = max(p.top, pr.Levels[n-1].Value)
			}
		}
		points = append(points, p)
	}
	return points, undated
}

// column is a pillar shown in a trend table.
type column struct{ id, name string }

// columns is the union of the points' pillars, in order of first appearance.
func columns(points []Point) []column {
	var cols []column
	seen := map[string]bool{}
	for _, p := range points {
		for _, pp := range p.Pillars {
			if !seen[pp.ID] {
				seen[pp.ID] = true
				cols = append(cols, column{pp.ID, pp.Name})
			}
		}
	}
	return cols
}

func (p Point) pillar(id string) (PillarPoint, bool) {
	for _, pp := range p.Pillars {
		if pp.ID == id {
			return pp, true
		}
	}
	return PillarPoint{}, false
}

func (p Point) date() string {
	if p.AssessedAt == nil {
		return "(undated)"
	}
	return *p.AssessedAt
}

// TrendJSON writes the points as a JSON array.
func TrendJSON(w io.Writer, points []Point) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(points)
}

// TrendCSV writes one row per assessment: file, assessed_at, level,
// level_name, score, then one score column per pillar id (empty when
// that assessment's model has no such pillar).
func TrendCSV(w io.Writer, points []Point) error {
	cols := columns(points)
	cw := csv.NewWriter(w)
	head := []string{"file", "assessed_at", "level", "level_name", "score"}
	for _, c := range cols {
		head = append(head, c.id)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, p := range points {
		at := ""
		if p.AssessedAt != nil {
			at = *p.AssessedAt
		}
		row := []string{render.CSVCell(p.File), at, fmt.Sprint(p.Level.Value), render.CSVCell(p.Level.Name), p.Score.String()}
		for _, c := range cols {
			if pp, ok := p.pillar(c.id); ok {
				row = append(row, pp.Score.String())
			} else {
				row = append(row, "")
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// TrendText writes a table: date, file, level, score and each pillar's
// score, one row per assessment in order. With sparklines (on a terminal)
// a second table follows: one row for the overall score and one per
// pillar, each with a sparkline of its scores over time (from 0 to the
// model's top level), then the first and last value.
func TrendText(w io.Writer, points []Point, sparklines bool) error {
	cols := columns(points)
	head := []string{"Date", "File", "Level", "Score"}
	for _, c := range cols {
		head = append(head, c.name)
	}
	rows := [][]string{head}
	for _, p := range points {
		row := []string{p.date(), p.File, levelText(p.Level), p.Score.String()}
		for _, c := range cols {
			if pp, ok := p.pillar(c.id); ok {
				row = append(row, pp.Score.String())
			} else {
				row = append(row, "–")
			}
		}
		rows = append(rows, row)
	}
	var b strings.Builder
	writeTable(&b, rows, 3)
	if sparklines && len(points) > 0 {
		b.WriteString("\n")
		series := [][]string{{"Trend", "", "First → last"}}
		overall := make([]*float64, len(points))
		for i, p := range points {
			v := p.Score.Round()
			overall[i] = &v
		}
		series = append(series, seriesRow("Score", overall, points))
		for _, c := range cols {
			vals := make([]*float64, len(points))
			for i, p := range points {
				if pp, ok := p.pillar(c.id); ok {
					v := pp.Score.Round()
					vals[i] = &v
				}
			}
			series = append(series, seriesRow(c.name, vals, points))
		}
		writeTable(&b, series, -1)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func seriesRow(name string, vals []*float64, points []Point) []string {
	var first, last *float64
	for _, v := range vals {
		if v != nil {
			if first == nil {
				first = v
			}
			last = v
		}
	}
	span := ""
	if first != nil {
		span = fmt.Sprintf("%s → %s", score.OneDecimal(*first), score.OneDecimal(*last))
	}
	return []string{name, Sparkline(vals, points), span}
}

// Sparkline draws each value as one of ▁▂▃▄▅▆▇█ on a scale from 0 to its
// point's top level value; a missing value is a space.
func Sparkline(vals []*float64, points []Point) string {
	const bars = "▁▂▃▄▅▆▇█"
	rs := []rune(bars)
	var b strings.Builder
	for i, v := range vals {
		top := 0
		if i < len(points) {
			top = points[i].top
		}
		if v == nil || top <= 0 {
			b.WriteRune(' ')
			continue
		}
		idx := int(math.Round(*v / float64(top) * float64(len(rs)-1)))
		idx = min(max(idx, 0), len(rs)-1)
		b.WriteRune(rs[idx])
	}
	return b.String()
}

// writeTable aligns columns with two spaces between them; columns from
// numFrom on (when ≥ 0) are right-aligned.
func writeTable(b *strings.Builder, rows [][]string, numFrom int) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], visibleLen(c))
		}
	}
	for _, r := range rows {
		var line strings.Builder
		for i, c := range r {
			if i > 0 {
				line.WriteString("  ")
			}
			pad := strings.Repeat(" ", widths[i]-visibleLen(c))
			if numFrom >= 0 && i >= numFrom {
				line.WriteString(pad + c)
			} else {
				line.WriteString(c + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
}

// TrendMarkdown writes the trend table as markdown.
func TrendMarkdown(w io.Writer, points []Point) error {
	cols := columns(points)
	var b strings.Builder
	b.WriteString("| Date | File | Level | Score |")
	for _, c := range cols {
		b.WriteString(" " + md(c.name) + " |")
	}
	b.WriteString("\n| --- | --- | --- | ---: |")
	for range cols {
		b.WriteString(" ---: |")
	}
	b.WriteString("\n")
	for _, p := range points {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |", md(p.date()), mdCode(p.File), md(levelText(p.Level)), p.Score)
		for _, c := range cols {
			if pp, ok := p.pillar(c.id); ok {
				fmt.Fprintf(&b, " %s |", pp.Score)
			} else {
				b.WriteString(" – |")
			}
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
