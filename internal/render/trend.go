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
		row := []string{CSVCell(p.File), at, fmt.Sprint(p.Level.Value), CSVCell(p.Level.Name), p.Format(p.Score)}
		for _, c := range cols {
			if pp, ok := pointPillar(p, c.id); ok {
				row = append(row, p.Format(pp.Score))
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
//
// width (0: no limit) is the terminal's: a table wider than it is pivoted,
// one column per assessment and one row per pillar, and long pillar names
// wrap (SPEC "Output": a model of many pillars still reads at 80 columns).
func TrendText(w io.Writer, points []history.Point, sparklines bool, width int) error {
	cols := columns(points)
	head := []string{"Date", "File", "Level", "Score"}
	for _, c := range cols {
		head = append(head, c.name)
	}
	rows := [][]string{head}
	for _, p := range points {
		row := []string{pointDate(p), p.File, p.Level.Label(), p.Format(p.Score)}
		for _, c := range cols {
			if pp, ok := pointPillar(p, c.id); ok {
				row = append(row, p.Format(pp.Score))
			} else {
				row = append(row, "–")
			}
		}
		rows = append(rows, row)
	}
	var b strings.Builder
	if width > 0 && tableWidth(rows) > width {
		fitTable(&b, pivot(rows), 1, width, 0)
	} else {
		writeTable(&b, rows, 3)
	}
	if sparklines && len(points) > 0 {
		b.WriteString("\n")
		series := [][]string{{"Trend", "", "First → last"}}
		overall := make([]*float64, len(points))
		for i, p := range points {
			v := float64(p.Score)
			overall[i] = &v
		}
		series = append(series, seriesRow("Score", overall, points))
		for _, c := range cols {
			vals := make([]*float64, len(points))
			for i, p := range points {
				if pp, ok := pointPillar(p, c.id); ok {
					v := float64(pp.Score)
					vals[i] = &v
				}
			}
			series = append(series, seriesRow(c.name, vals, points))
		}
		fitTable(&b, series, -1, width, 0)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// tableWidth is how wide writeTable writes rows.
func tableWidth(rows [][]string) int {
	_, total := columnWidths(rows)
	return total
}

// columnWidths are the widths of rows' columns, and the width of a row
// with two spaces between columns.
func columnWidths(rows [][]string) (widths []int, total int) {
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], textWidth(c))
		}
	}
	for i, w := range widths {
		total += w
		if i > 0 {
			total += 2
		}
	}
	return widths, total
}

// pivot turns a table's rows into its columns: the header row becomes the
// first column.
func pivot(rows [][]string) [][]string {
	if len(rows) == 0 {
		return rows
	}
	out := make([][]string, len(rows[0]))
	for i := range out {
		out[i] = make([]string, len(rows))
		for j, r := range rows {
			if i < len(r) {
				out[i][j] = r[i]
			}
		}
	}
	return out
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
		prec := points[len(points)-1].Precision
		span = fmt.Sprintf("%s → %s", score.FormatScore(*first, prec), score.FormatScore(*last, prec))
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
	fitTable(b, rows, numFrom, 0, 0)
}

// fitTable writes rows as writeTable does; when they are wider than width
// (0: no limit), the cells of column wrap are wrapped to fit, each going on
// under itself on lines of their own.
func fitTable(b *strings.Builder, rows [][]string, numFrom, width, wrap int) {
	widths, total := columnWidths(rows)
	if width > 0 && total > width && wrap < len(widths) {
		widths[wrap] = max(12, widths[wrap]-(total-width))
	}
	start := 0 // the column where the wrapped column begins
	for i := 0; i < wrap && i < len(widths); i++ {
		start += widths[i] + 2
	}
	for _, r := range rows {
		var line strings.Builder
		var more []string
		for i, c := range r {
			if i > 0 {
				line.WriteString("  ")
			}
			if i == wrap && textWidth(c) > widths[i] {
				parts := strings.Split(strings.TrimSuffix(Wrap(c, "", "", widths[i]), "\n"), "\n")
				c, more = parts[0], parts[1:]
			}
			pad := strings.Repeat(" ", max(0, widths[i]-textWidth(c)))
			if numFrom >= 0 && i >= numFrom {
				line.WriteString(pad + c)
			} else {
				line.WriteString(c + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
		for _, m := range more {
			b.WriteString(strings.Repeat(" ", start) + m + "\n")
		}
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
		fmt.Fprintf(&b, "| %s | %s | %s | %s |", md(pointDate(p)), mdCode(p.File), md(p.Level.Label()), p.Format(p.Score))
		for _, c := range cols {
			if pp, ok := pointPillar(p, c.id); ok {
				fmt.Fprintf(&b, " %s |", p.Format(pp.Score))
			} else {
				b.WriteString(" – |")
			}
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
