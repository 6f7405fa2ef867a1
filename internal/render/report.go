package render

import (
	"fmt"
	"strings"
	"time"

	"github.com/heat-tools/maturity/internal/history"
	"github.com/heat-tools/maturity/internal/plan"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
)

// ReportOptions shape a report.
type ReportOptions struct {
	// Generated is the generation time printed in the report; the caller
	// takes it from SOURCE_DATE_EPOCH when set, so output is reproducible.
	Generated time.Time
	// Version is the tool version printed in the footer.
	Version string
}

// reportView is what both report formats show, computed once. Texts are
// raw here; each format escapes them for itself.
type reportView struct {
	Title        string
	BadgeName    string // the level's name under its number; "" when the name holds the number
	Kicker       string
	Context      []pillarContext
	Organization string
	Scope        string
	Respondent   string
	AssessedAt   string
	File         string
	ModelName    string
	ModelVersion string
	Sources      []model.Source
	Generated    string
	Version      string

	Level       score.LevelRef
	LevelLabel  string
	Summary     string
	Description string
	Score       string
	Top         int
	Next        string // "300 Defined", or "" at the top level
	NextSummary string
	Threshold   string
	Ladder      []ladderStep

	Levels []model.Level
	Grid   []gridRow
	Chart  barChart

	Notes []pillarItems

	Exec        execSummary
	Plan        []phaseView
	PlanSummary string
	Radar       *radarChart
	Inputs      []inputView // the appendix: the only place with file paths
	Mixed       string      // organizations or scopes that differ in the trend

	Counts     string
	Unanswered int

	Trend  *trendView  // several files only
	Change *changeView // several files only
}

type ladderStep struct {
	Label, Summary string
	Reached, Now   bool
}

type gridRow struct {
	Pillar, Level, Score string
	ScoreValue           float64
	Cells                []gridCell
	// Group is the heading of the group this row starts ("" inside a
	// group, or without groups), with the group's mean score.
	Group, GroupScore string
}

type gridCell struct {
	Text, Detail, Class, Goal string
	Attained                  bool
}

// pillarItems lists a pillar's notes.
type pillarItems struct {
	Pillar string
	Items  []reportItem
}

// reportItem is an indicator in the notes of a report.
type reportItem struct {
	Level                  int
	ID, Text, Answer, Note string
	AnswerClass            string
	Evidence               []string
}

type trendView struct {
	Chart  lineChart
	Points []trendPoint
}

type trendPoint struct {
	Label, File, Level, Score, Delta, DeltaClass string
	Latest                                       bool
}

type changeView struct {
	From, To                 string
	Level, Score, ScoreClass string
	Pillars                  []pillarChange
}

type pillarChange struct {
	Pillar, LevelBefore, LevelNow, ScoreBefore, ScoreNow, Delta, Class string
}

// buildReport computes the view of list, ordered oldest first; the last
// entry is the assessment the report is about.
func buildReport(list []Scored, opt ReportOptions) *reportView {
	s := list[len(list)-1]
	m, r := s.Model, s.Result
	v := &reportView{
		Organization: r.Input.Organization, Scope: r.Input.Scope, Respondent: r.Input.Respondent,
		AssessedAt: r.Input.AssessedAt, File: r.Input.File,
		ModelName: m.Name, ModelVersion: m.Version, Sources: m.Sources,
		Generated: opt.Generated.UTC().Format("2006-01-02 15:04 UTC"), Version: opt.Version,
		Level: r.Level, LevelLabel: r.Level.Label(), Score: r.Format(r.Score),
		Top: m.Levels[len(m.Levels)-1].Value, Threshold: fmt.Sprintf("%.0f%%", float64(r.Threshold)*100),
		Levels: m.Levels, Unanswered: len(r.Unanswered),
	}
	v.BadgeName = r.Level.Name
	if r.Level.Value != 0 && r.Level.Label() == r.Level.Name {
		v.BadgeName = ""
	}
	v.Exec.Strongest, v.Exec.Weakest = strongestWeakest(r)
	if s.Answers != nil {
		if p, err := plan.Build(m, s.Answers, r, s.Options); err == nil {
			buildPlanView(v, m, r, p)
		}
	}
	v.Radar = newRadarChart(m, r)
	for i, in := range list {
		v.Inputs = append(v.Inputs, inputView{Label: assessmentLabel(list, i), File: in.Result.Input.File,
			Organization: in.Result.Input.Organization, Scope: in.Result.Input.Scope})
	}
	v.Title = m.Name + " report"
	v.Kicker = m.Name + " · assessment"
	if v.Organization != "" {
		v.Title += ": " + v.Organization
	}
	if l, ok := m.Level(r.Level.Value); ok {
		v.Summary, v.Description = l.Summary, l.Description
	} else {
		v.Summary = fmt.Sprintf("No level is attained yet: %s is not complete in every pillar.", score.LevelRef{Value: m.Levels[0].Value, Name: m.Levels[0].Name}.Label())
	}
	if r.NextLevel != nil {
		v.Next = r.NextLevel.Label()
		if l, ok := m.Level(r.NextLevel.Value); ok {
			v.NextSummary = l.Summary
		}
	}
	for _, l := range m.Levels {
		v.Ladder = append(v.Ladder, ladderStep{Label: l.Label(), Summary: l.Summary,
			Reached: l.Value <= r.Level.Value, Now: l.Value == r.Level.Value})
	}

	var parts []string
	for _, sc := range r.Counts.Scale {
		parts = append(parts, fmt.Sprintf("%d %s", sc.N, sc.ID))
	}
	parts = append(parts, fmt.Sprintf("%d na", r.Counts.NA), fmt.Sprintf("%d unanswered", r.Counts.Unanswered))
	v.Counts = fmt.Sprintf("%d indicators: %s", r.Counts.Indicators, strings.Join(parts, ", "))

	for pi, p := range r.Pillars {
		row := gridRow{Pillar: p.Name, Level: p.Level.Label(), Score: r.Format(p.Score), ScoreValue: float64(p.Score)}
		pil := &m.Pillars[pi]
		for _, lc := range p.Levels {
			c := gridCell{Class: coverageClass(lc), Attained: lc.Attained, Text: fmt.Sprintf("%.0f%%", float64(lc.Coverage)*100),
				Detail: fmt.Sprintf("%d of %d answered", lc.Answered, lc.Applicable)}
			if lc.Applicable == 0 {
				c.Text, c.Detail = "–", "nothing to assess"
			}
			if cell, ok := pil.Cell(lc.Value); ok {
				c.Goal = cell.Goal
			}
			row.Cells = append(row.Cells, c)
		}
		v.Grid = append(v.Grid, row)
	}
	v.Grid = groupRows(m, r, v.Grid)
	v.Chart = newBarChart(m, r)
	v.Context = modelContext(m)

	for _, row := range rows(s) {
		if row.Note == "" && len(row.Evidence) == 0 {
			continue
		}
		if len(v.Notes) == 0 || v.Notes[len(v.Notes)-1].Pillar != row.Pillar.Name {
			v.Notes = append(v.Notes, pillarItems{Pillar: row.Pillar.Name})
		}
		pn := &v.Notes[len(v.Notes)-1]
		pn.Items = append(pn.Items, reportItem{Level: row.Level, ID: row.Indicator.ID, Text: row.Indicator.Text,
			Answer: answerLabel(m, row.Indicator.ID, row.Answer), AnswerClass: answerClass(m, row.Indicator.ID, row.Answer), Note: row.Note, Evidence: row.Evidence})
	}

	if len(list) > 1 {
		v.Trend = buildTrend(list)
		v.Change = buildChange(list[len(list)-2].Result, r, assessmentLabel(list, len(list)-2), assessmentLabel(list, len(list)-1))
		v.Mixed = mixedInputs(list)
	}
	return v
}

func coverageClass(lc score.LevelCoverage) string {
	c := float64(lc.Coverage)
	switch {
	case lc.Applicable == 0:
		return "cov-none"
	case lc.Attained:
		return "cov-ok"
	case c >= 0.75:
		return "cov-3"
	case c >= 0.5:
		return "cov-2"
	case c > 0:
		return "cov-1"
	}
	return "cov-0"
}

// groupRows orders the grid's rows (one per pillar, in pillar order)
// under their groups, the first row of each carrying its group's heading;
// rows as they are for a model without groups.
func groupRows(m *model.Model, r *score.Result, rows []gridRow) []gridRow {
	if len(r.Groups) == 0 {
		return rows
	}
	out := make([]gridRow, 0, len(rows))
	for _, g := range r.Groups {
		first := true
		for i, p := range r.Pillars {
			if p.Group == g.ID {
				row := rows[i]
				if first {
					row.Group, row.GroupScore, first = g.Name, r.Format(g.Score), false
				}
				out = append(out, row)
			}
		}
	}
	first := true
	for i, p := range r.Pillars {
		if _, ok := m.Group(p.Group); !ok {
			row := rows[i]
			if first {
				row.Group, first = "Other pillars", false
			}
			out = append(out, row)
		}
	}
	return out
}

// pillarContext is the context lines of a pillar's cells, in level order.
type pillarContext struct {
	Pillar string
	Cells  []cellContext
}

type cellContext struct {
	Level int
	Lines []string
}

// modelContext collects every cell's context lines (SPEC: shown, never
// scored), by pillar.
func modelContext(m *model.Model) []pillarContext {
	var out []pillarContext
	for _, p := range m.Pillars {
		pc := pillarContext{Pillar: p.Name}
		for _, l := range m.Levels {
			if c, ok := p.Cell(l.Value); ok && len(c.Context) > 0 {
				pc.Cells = append(pc.Cells, cellContext{Level: l.Value, Lines: c.Context})
			}
		}
		if len(pc.Cells) > 0 {
			out = append(out, pc)
		}
	}
	return out
}

// assessmentLabel names the i-th assessment of list: its date, else its
// place ("assessment 2"); file paths are for the appendix only.
func assessmentLabel(list []Scored, i int) string {
	if at := list[i].Result.Input.AssessedAt; at != "" {
		return at
	}
	return fmt.Sprintf("assessment %d", i+1)
}

// buildTrend takes the order and each point's level and score from
// history.Trend, the computation `maturity trend` shows.
func buildTrend(list []Scored) *trendView {
	rs := make([]*score.Result, len(list))
	for i, s := range list {
		rs[i] = s.Result
	}
	points, _ := history.Trend(rs)
	t := &trendView{}
	for i, p := range points {
		tp := trendPoint{Label: fmt.Sprintf("assessment %d", i+1), File: p.File, Level: p.Level.Label(), Score: p.Format(p.Score), Latest: i == len(points)-1}
		if p.AssessedAt != nil {
			tp.Label = *p.AssessedAt
		}
		if i > 0 {
			tp.Delta, tp.DeltaClass = delta(points[i-1].Score.Round(), p.Score.Round())
		}
		t.Points = append(t.Points, tp)
	}
	t.Chart = newLineChart(list)
	return t
}

// buildChange shows history.Compare's levels and pillar changes, the
// computation `maturity diff` shows, from prev to cur.
func buildChange(prev, cur *score.Result, from, to string) *changeView {
	d := history.Compare(history.Side{Result: prev}, history.Side{Result: cur})
	c := &changeView{From: from, To: to}
	c.Level = d.Old.Level.Label() + " → " + d.New.Level.Label()
	if d.Old.Level.Value == d.New.Level.Value {
		c.Level = d.New.Level.Label() + " (unchanged)"
	}
	var sd string
	sd, c.ScoreClass = delta(d.Old.Score.Round(), d.New.Score.Round())
	c.Score = fmt.Sprintf("%s → %s (%s)", prev.Format(d.Old.Score), cur.Format(d.New.Score), sd)
	for _, p := range d.Pillars {
		switch p.Change {
		case "gone": // the report is about cur's pillars
			continue
		case "new":
			c.Pillars = append(c.Pillars, pillarChange{Pillar: p.Name, LevelNow: p.New.Level.Label(), ScoreNow: cur.Format(p.New.Score),
				LevelBefore: "–", ScoreBefore: "–", Delta: "new", Class: "same"})
			continue
		}
		pc := pillarChange{Pillar: p.Name, LevelNow: p.New.Level.Label(), ScoreNow: cur.Format(p.New.Score),
			LevelBefore: p.Old.Level.Label(), ScoreBefore: prev.Format(p.Old.Score)}
		pc.Delta, pc.Class = signedDelta(*p.ScoreChange)
		c.Pillars = append(c.Pillars, pc)
	}
	return c
}

// delta writes the change from a to b with a sign, and its class.
func delta(a, b float64) (string, string) { return signedDelta(score.OneDecimal(b - a)) }

// signedDelta writes a change with a sign, and its class.
func signedDelta(d score.OneDecimal) (string, string) {
	switch {
	case d.Round() > 0:
		return "+" + d.String(), "up"
	case d.Round() < 0:
		return "−" + score.OneDecimal(-float64(d)).String(), "down"
	}
	return "±0.0", "same"
}
