package render

import (
	"fmt"
	"math"
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

// barLabelRunes is the longest bar label kept on one line.
const barLabelRunes = 40

type bar struct {
	Lines               []string // the label, in one or two lines
	LabelY              string
	Label, Value, Class string
	Y, TextY, W, ValueX string
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
		plotW = 500
		rowH  = 30
		barH  = 18
		top   = 8
	)
	topValue := float64(m.Levels[len(m.Levels)-1].Value)
	// The label column is as wide as the longest label needs (a long name
	// takes two lines), so that no label is ever cut off at the left.
	labelW := 120
	for _, p := range r.Pillars {
		for _, line := range splitLabel(p.Name, barLabelRunes) {
			labelW = max(labelW, int(math.Ceil(textPx(line)))+16)
		}
	}
	c := barChart{Width: labelW + plotW + 60, LabelX: labelW - 10, PlotX: labelW}
	c.AxisY = top + rowH*len(r.Pillars)
	c.Height = c.AxisY + 24
	lw := float64(labelW)
	c.Ticks = append(c.Ticks, tick{X: pixel(lw), Label: "0"})
	for _, l := range m.Levels {
		c.Ticks = append(c.Ticks, tick{X: pixel(lw + float64(l.Value)/topValue*plotW), Label: fmt.Sprint(l.Value)})
	}
	for i, p := range r.Pillars {
		w := p.Score.Round() / topValue * plotW
		y := float64(top + i*rowH + (rowH-barH)/2)
		lines := splitLabel(p.Name, barLabelRunes)
		firstY := y + barH/2 + 4
		if len(lines) == 2 {
			firstY -= 6
		}
		c.Bars = append(c.Bars, bar{
			Label: p.Name, Lines: lines, LabelY: pixel(firstY), Value: p.Score.String(), Class: fmt.Sprintf("lv%d", levelIndex(m, p.Level.Value)),
			Y: pixel(y), TextY: pixel(y + barH/2 + 4), W: pixel(w), ValueX: pixel(lw + w + 6),
		})
	}
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
		c.Dots = append(c.Dots, dot{X: pixel(x), Y: pixel(yy), Label: assessmentLabel(list, i), Value: s.Result.Score.String(),
			LabelY: pixel(float64(c.AxisY) + 18), ShowLabel: n <= labels || i == 0 || i == n-1})
	}
	c.Points = strings.Join(pts, " ")
	return c
}
