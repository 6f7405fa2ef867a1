package render

import (
	"fmt"
	"strings"

	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
)

// Inline SVG charts for the HTML report. Geometry is computed here as
// formatted numbers; the template only places them, and escapes every
// text (pillar names, labels) like any other.

type barChart struct {
	Width, Height        int
	LabelX, PlotX, AxisY int
	Ticks                []tick
	Bars                 []bar
}

type tick struct {
	X     string
	Label string
}

type bar struct {
	Label, Value, Class string
	Y, TextY, W, ValueX string
	Lines               []labelLine // the label, wrapped to fit its column
}

// labelLine is one line of a wrapped label; DY is its offset from the
// line before (the first from TextY).
type labelLine struct{ Text, DY string }

// labelLines wraps a pillar name to lines of at most perLine characters,
// at most maxLines of them, the last cut with "…" when the name is longer:
// the full name stays in the bar's title.
func labelLines(name string, perLine, maxLines int) []string {
	lines := strings.Split(strings.TrimSuffix(Wrap(name, "", "", perLine), "\n"), "\n")
	if len(lines) > maxLines {
		lines = lines[:maxLines]
		last := []rune(lines[maxLines-1])
		if len(last) > perLine-1 {
			last = last[:perLine-1]
		}
		lines[maxLines-1] = string(last) + "…"
	}
	return lines
}

// pixel formats a coordinate with at most one decimal.
func pixel(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	return strings.TrimSuffix(s, ".0")
}

// newBarChart draws each pillar's score on a 0..top axis, with a grid line
// at every level.
func newBarChart(m *model.Model, r *score.Result) barChart {
	const (
		labelW  = 180
		plotW   = 500
		rowH    = 30
		barH    = 18
		top     = 8
		lineH   = 14 // of a label's lines, at the report's 12 px
		perLine = 26 // characters that fit the label column
	)
	topValue := float64(m.Levels[len(m.Levels)-1].Value)
	c := barChart{Width: labelW + plotW + 60, LabelX: labelW - 10, PlotX: labelW}
	c.Ticks = append(c.Ticks, tick{X: pixel(labelW), Label: "0"})
	for _, l := range m.Levels {
		c.Ticks = append(c.Ticks, tick{X: pixel(labelW + float64(l.Value)/topValue*plotW), Label: fmt.Sprint(l.Value)})
	}
	y0 := float64(top)
	for _, p := range r.Pillars {
		lines := labelLines(p.Name, perLine, 3)
		h := max(float64(rowH), float64(len(lines)*lineH+12))
		w := float64(p.Score) / topValue * plotW
		y := y0 + (h-barH)/2
		b := bar{
			Label: p.Name, Value: r.Format(p.Score), Class: fmt.Sprintf("lv%d", levelIndex(m, p.Level.Value)),
			Y: pixel(y), TextY: pixel(y + barH/2 + 4 - float64(len(lines)-1)*lineH/2), W: pixel(w), ValueX: pixel(labelW + w + 6),
		}
		for i, l := range lines {
			dy := "0"
			if i > 0 {
				dy = fmt.Sprint(lineH)
			}
			b.Lines = append(b.Lines, labelLine{Text: l, DY: dy})
		}
		c.Bars = append(c.Bars, b)
		y0 += h
	}
	c.AxisY = int(y0 + 0.5)
	c.Height = c.AxisY + 24
	return c
}

// levelIndex is 0 for None and i+1 for the model's i-th level.
func levelIndex(m *model.Model, value int) int {
	for i, l := range m.Levels {
		if l.Value == value {
			return min(i+1, 5)
		}
	}
	return 0
}

type lineChart struct {
	Width, Height    int
	PlotX, PlotRight int
	AxisY            int
	Grid             []hline
	Points           string
	Dots             []dot
}

type hline struct {
	Y, Label string
}

type dot struct {
	X, Y, Label, Value, LabelY string
	ShowLabel                  bool
}

// newLineChart draws the overall score of each assessment, oldest first,
// evenly spaced, on a 0..top axis with a grid line at every level.
func newLineChart(list []Scored) lineChart {
	const (
		left   = 56
		right  = 24
		top    = 16
		plotW  = 660
		plotH  = 200
		labels = 12 // at most this many x labels; else only first and last
	)
	m := list[len(list)-1].Model
	topValue := float64(m.Levels[len(m.Levels)-1].Value)
	c := lineChart{Width: left + plotW + right, PlotX: left, PlotRight: left + plotW, AxisY: top + plotH}
	c.Height = c.AxisY + 40
	y := func(v float64) float64 { return top + plotH - min(v, topValue)/topValue*plotH }
	c.Grid = append(c.Grid, hline{Y: pixel(y(0)), Label: "0"})
	for _, l := range m.Levels {
		c.Grid = append(c.Grid, hline{Y: pixel(y(float64(l.Value))), Label: fmt.Sprint(l.Value)})
	}
	var pts []string
	n := len(list)
	for i, s := range list {
		x := float64(left) + float64(plotW)/2
		if n > 1 {
			x = float64(left) + 20 + float64(i)*float64(plotW-40)/float64(n-1)
		}
		yy := y(s.Result.Score.Round())
		pts = append(pts, pixel(x)+","+pixel(yy))
		c.Dots = append(c.Dots, dot{X: pixel(x), Y: pixel(yy), Label: assessmentLabel(s.Result), Value: s.Result.Format(s.Result.Score),
			LabelY: pixel(float64(c.AxisY) + 18), ShowLabel: n <= labels || i == 0 || i == n-1})
	}
	c.Points = strings.Join(pts, " ")
	return c
}
