package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/heat-tools/maturity/internal/history"
	"github.com/heat-tools/maturity/internal/score"
)

// column is a pillar shown in a trend table.
type column struct{ id, name string }

// columns is the union of the points' pillars, in order of first appearance.
func columns(points []history.Point) []column {
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

// pointPillar is the pillar id of one point, if its model has it.
func pointPillar(p history.Point, id string) (history.PillarPoint, bool) {
	for _, pp := range p.Pillars {
		if pp.ID == id {
			return pp, true
		}
	}
	return history.PillarPoint{}, false
}

func pointDate(p history.Point) string {
	if p.AssessedAt == nil {
		return "(undated)"
	}
	return *p.AssessedAt
}

// TrendJSON writes the points as a JSON array.
func TrendJSON(w io.Writer, points []history.Point) error {
	return encodeJSON(w, newPointsJSON(points))
}

// TrendCSV writes one row per assessment: file, assessed_at, level,
// level_name, score, then one score column per pillar id (empty when
// that assessment's model has no such pillar).
func TrendCSV(w io.Writer, points []history.Point) error {
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
		row := []string{CSVCell(p.File), at, fmt.Sprint(p.Level.Value), CSVCell(p.Level.Name), p.Score.String()}
		for _, c := range cols {
			if pp, ok := pointPillar(p, c.id); ok {
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
func TrendText(w io.Writer, points []history.Point, sparklines bool) error {
	cols := columns(points)
	head := []string{"Date", "File", "Level", "Score"}
	for _, c := range cols {
		head = append(head, c.name)
	}
	rows := [][]string{head}
	for _, p := range points {
		row := []string{pointDate(p), p.File, p.Level.Label(), p.Score.String()}
		for _, c := range cols {
			if pp, ok := pointPillar(p, c.id); ok {
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
				if pp, ok := pointPillar(p, c.id); ok {
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

func seriesRow(name string, vals []*float64, points []history.Point) []string {
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
func Sparkline(vals []*float64, points []history.Point) string {
	const bars = "▁▂▃▄▅▆▇█"
	rs := []rune(bars)
	var b strings.Builder
	for i, v := range vals {
		top := 0
		if i < len(points) {
			top = points[i].Top
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
			widths[i] = max(widths[i], textWidth(c))
		}
	}
	for _, r := range rows {
		var line strings.Builder
		for i, c := range r {
			if i > 0 {
				line.WriteString("  ")
			}
			pad := strings.Repeat(" ", widths[i]-textWidth(c))
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
func TrendMarkdown(w io.Writer, points []history.Point) error {
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
		fmt.Fprintf(&b, "| %s | %s | %s | %s |", md(pointDate(p)), mdCode(p.File), md(p.Level.Label()), p.Score)
		for _, c := range cols {
			if pp, ok := pointPillar(p, c.id); ok {
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
