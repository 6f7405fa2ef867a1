package render

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/heat-tools/maturity/internal/plan"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
)

// The parts of the report that come from the plan, and the executive
// summary, the radar chart and the appendix of inputs.

// execSummary is the report's first section: where the organization
// stands, its strongest and weakest pillars, and the plan's first steps.
type execSummary struct {
	Strongest, Weakest string // "Empower (300.0)"; "" with one pillar
	First              *phaseView
	// FirstSteps are the first few steps of the first phase; More is how
	// many of its steps are not shown; Later names the phases after it.
	FirstSteps []stepView
	More       int
	Later      string
}

// phaseView is one phase of the plan as the report shows it.
type phaseView struct {
	Number  int
	Level   string
	Steps   []stepView
	Count   string // "7 steps"
	Why     string
	Cells   []cellView
	Result  string // "level 300 Defined, score 308.3"
	Pillars string
}

// cellView is a cell below the threshold, with its links, shown once.
type cellView struct {
	Name, Coverage string
	Holding        bool
	Resources      []model.Resource
}

type stepView struct {
	Number             int
	ID, Text, Answer   string
	AnswerClass, Level string
	Deps               string
	Help               string // the indicator's guidance, Markdown
	Resources          []model.Resource
}

// firstStepsShown is how many steps of the first phase the summary lists.
const firstStepsShown = 3

// buildPlanView fills the report's plan and summary from p.
func buildPlanView(v *reportView, m *model.Model, r *score.Result, p *plan.Plan) {
	help := map[string]string{}
	for _, ref := range m.Indicators() {
		if ref.Indicator.Help != "" {
			help[ref.Indicator.ID] = ref.Indicator.Help
		}
	}
	if p == nil {
		return
	}
	n := 0
	for i, ph := range p.Phases {
		pv := phaseView{Number: i + 1, Level: ph.Level.Label(), Count: Plural(len(ph.Steps), "step"), Why: phaseWhy(m, ph),
			Result: fmt.Sprintf("%s, score %s", levelHeading(ph.Result.Level), r.Format(ph.Result.Score))}
		for _, c := range ph.Cells {
			pv.Cells = append(pv.Cells, cellView{Name: c.PillarName + " · " + levelName(m, c.Level),
				Coverage: percent(float64(c.Coverage)) + " in place", Holding: c.Holding, Resources: c.Resources})
		}
		for _, s := range ph.Steps {
			n++
			sv := stepView{Number: n, ID: s.Indicator, Text: s.Text, Level: fmt.Sprint(s.Level),
				Answer: answerLabel(m, s.Indicator, s.Answer), AnswerClass: answerClass(m, s.Indicator, s.Answer), Resources: s.Resources}
			if len(s.DependsOn) > 0 {
				sv.Deps = depsText(s.DependsOn)
			}
			sv.Help = help[s.Indicator]
			pv.Steps = append(pv.Steps, sv)
		}
		v.Plan = append(v.Plan, pv)
	}
	v.PlanSummary = planSummary(p)
	if len(v.Plan) > 0 {
		first := v.Plan[0]
		v.Exec.First = &first
		v.Exec.FirstSteps = first.Steps[:min(firstStepsShown, len(first.Steps))]
		v.Exec.More = len(first.Steps) - len(v.Exec.FirstSteps)
		var later []string
		for _, ph := range v.Plan[1:] {
			later = append(later, ph.Level)
		}
		v.Exec.Later = strings.Join(later, ", ")
	}
}

// strongestWeakest names the pillars of highest and lowest score, each
// with its score; ties go to the first in model order.
func strongestWeakest(r *score.Result) (string, string) {
	if len(r.Pillars) < 2 {
		return "", ""
	}
	hi, lo := 0, 0
	for i, p := range r.Pillars {
		if p.Score > r.Pillars[hi].Score {
			hi = i
		}
		if p.Score < r.Pillars[lo].Score {
			lo = i
		}
	}
	if r.Pillars[hi].Score == r.Pillars[lo].Score {
		return "", ""
	}
	f := func(p score.PillarResult) string {
		return fmt.Sprintf("%s (%s, %s)", p.Name, p.Level.Label(), r.Format(p.Score))
	}
	return f(r.Pillars[hi]), f(r.Pillars[lo])
}

// inputView is one input file, for the appendix: the one place that
// shows file paths.
type inputView struct {
	Label, File, Organization, Scope string
}

// mixedInputs says, when the files of a trend are of different
// organizations or scopes, which ones; "" when they are all alike.
func mixedInputs(list []Scored) string {
	orgs, scopes := distinct(list, func(in score.InputInfo) string { return in.Organization }),
		distinct(list, func(in score.InputInfo) string { return in.Scope })
	var parts []string
	if len(orgs) > 1 {
		parts = append(parts, "organizations "+strings.Join(orgs, ", "))
	}
	if len(scopes) > 1 {
		parts = append(parts, "scopes "+strings.Join(scopes, ", "))
	}
	return strings.Join(parts, "; ")
}

func distinct(list []Scored, key func(score.InputInfo) string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range list {
		k := key(s.Result.Input)
		if k == "" {
			k = "(none)"
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// textPx is a generous estimate of the width of text at the charts' 12 px
// font, so that a label's room is never too small.
func textPx(s string) float64 { return float64(utf8.RuneCountInString(s)) * 7.2 }

// splitLabel breaks a long label into at most two lines, at the space
// nearest its middle.
func splitLabel(s string, max int) []string {
	if utf8.RuneCountInString(s) <= max {
		return []string{s}
	}
	mid, best := len(s)/2, -1
	for i, r := range s {
		if r == ' ' && (best < 0 || abs(i-mid) < abs(best-mid)) {
			best = i
		}
	}
	if best < 0 {
		return []string{s}
	}
	return []string{s[:best], s[best+1:]}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// radarChart is the pillar scores on one axis per pillar, with the
// targets as a second outline. Its view box holds every label.
type radarChart struct {
	ViewBox       string
	Width, Height string
	Rings         []string // polygon points, one per level
	Axes          []radarAxis
	Scores        string // polygon points
	Targets       string // polygon points; "" without targets
}

type radarAxis struct {
	X2, Y2      string
	LabelX      string
	LabelY      string
	Anchor      string
	Lines       []radarLine
	Title       string
	Score, Goal string
}

type radarLine struct {
	Text, DY string
}

// newRadarChart draws r's pillars; nil for fewer than three pillars, which
// make no area.
func newRadarChart(m *model.Model, r *score.Result) *radarChart {
	n := len(r.Pillars)
	if n < 3 {
		return nil
	}
	const radius = 150.0
	top := float64(m.Levels[len(m.Levels)-1].Value)
	angle := func(i int) float64 { return -math.Pi/2 + 2*math.Pi*float64(i)/float64(n) }
	at := func(i int, v float64) (float64, float64) {
		f := math.Min(v, top) / top * radius
		return f * math.Cos(angle(i)), f * math.Sin(angle(i))
	}
	poly := func(v func(i int) float64) string {
		pts := make([]string, n)
		for i := range n {
			x, y := at(i, v(i))
			pts[i] = pixel(x) + "," + pixel(y)
		}
		return strings.Join(pts, " ")
	}
	c := &radarChart{}
	for _, l := range m.Levels {
		c.Rings = append(c.Rings, poly(func(int) float64 { return float64(l.Value) }))
	}
	c.Scores = poly(func(i int) float64 { return r.Pillars[i].Score.Round() })
	hasTargets := false
	for _, p := range r.Pillars {
		if p.Target != nil {
			hasTargets = true
		}
	}
	if hasTargets {
		c.Targets = poly(func(i int) float64 {
			if t := r.Pillars[i].Target; t != nil {
				return float64(t.Value)
			}
			return top
		})
	}
	minX, maxX, minY, maxY := -radius, radius, -radius, radius
	for i, p := range r.Pillars {
		x2, y2 := at(i, top)
		cos, sin := math.Cos(angle(i)), math.Sin(angle(i))
		lx, ly := (radius+14)*cos, (radius+14)*sin
		ax := radarAxis{X2: pixel(x2), Y2: pixel(y2), Title: p.Name, Score: r.Format(p.Score)}
		switch {
		case cos > 0.3:
			ax.Anchor = "start"
		case cos < -0.3:
			ax.Anchor = "end"
		default:
			ax.Anchor = "middle"
		}
		lines := splitLabel(p.Name, 24)
		lines = append(lines, r.Format(p.Score))
		if p.Target != nil {
			lines[len(lines)-1] += " · target " + fmt.Sprint(p.Target.Value)
		}
		// Lines go down from the label point; a label above the centre is
		// raised by its height, so it never overlaps the chart.
		lineH := 14.0
		h := lineH * float64(len(lines))
		y0 := ly + 4
		if sin < -0.3 {
			y0 = ly - h + lineH
		} else if sin <= 0.3 {
			y0 = ly - h/2 + lineH/2 + 4
		}
		w := 0.0
		for j, l := range lines {
			dy := "0"
			if j > 0 {
				dy = pixel(lineH)
			}
			ax.Lines = append(ax.Lines, radarLine{Text: l, DY: dy})
			w = math.Max(w, textPx(l))
		}
		ax.LabelX, ax.LabelY = pixel(lx), pixel(y0)
		left, right := lx, lx+w
		switch ax.Anchor {
		case "end":
			left, right = lx-w, lx
		case "middle":
			left, right = lx-w/2, lx+w/2
		}
		minX, maxX = math.Min(minX, left), math.Max(maxX, right)
		minY, maxY = math.Min(minY, y0-lineH), math.Max(maxY, y0+h-lineH+4)
		c.Axes = append(c.Axes, ax)
	}
	const pad = 8
	minX, minY, maxX, maxY = math.Floor(minX-pad), math.Floor(minY-pad), math.Ceil(maxX+pad), math.Ceil(maxY+pad)
	c.ViewBox = fmt.Sprintf("%s %s %s %s", pixel(minX), pixel(minY), pixel(maxX-minX), pixel(maxY-minY))
	c.Width, c.Height = pixel(maxX-minX), pixel(maxY-minY)
	return c
}
