// Package render writes results for people and programs. Renderers take a
// computed result and write bytes; they know nothing of flags or files.
package render

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/heat-tools/maturity/internal/mdtext"
	"github.com/heat-tools/maturity/internal/safetext"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
)

// TextOptions shape the text output.
type TextOptions struct {
	Color bool // ANSI colour and bars: only on a terminal
	Width int  // terminal width for wrapping; 0 means 80
	// PlanLine, when set, is the plan's first phase in one line (PlanLine):
	// a gap list longer than LongGapList is left out for it.
	PlanLine string
}

// LongGapList is the most gaps Text lists when it has a plan line instead.
const LongGapList = 10

// Style applies ANSI styles when On; off, it returns text as it is. Text
// renderers of every command share it. The styles are safetext colour
// marks, which only the output's sanitizing writer turns into escapes.
type Style struct{ On bool }

func (s Style) wrap(code, text string) string {
	if !s.On || text == "" {
		return text
	}
	return safetext.Color(code, text)
}

// Bold, Dim, Red, Green, Yellow and Cyan style t.
func (s Style) Bold(t string) string   { return s.wrap("1", t) }
func (s Style) Dim(t string) string    { return s.wrap("2", t) }
func (s Style) Red(t string) string    { return s.wrap("31", t) }
func (s Style) Green(t string) string  { return s.wrap("32", t) }
func (s Style) Yellow(t string) string { return s.wrap("33", t) }
func (s Style) Cyan(t string) string   { return s.wrap("36", t) }

// Text writes a result for a person: the level and its tagline, a line per
// pillar with progress toward its next level, then the gaps by pillar.
func Text(w io.Writer, m *model.Model, r *score.Result, opt TextOptions) error {
	st := Style{On: opt.Color}
	width := opt.lineWidth()
	var b strings.Builder
	writeHead(&b, st, r.Input, r.Model, width)

	fmt.Fprintf(&b, "%s\n", st.Bold(levelHeading(r.Level)))
	if l, ok := m.Level(r.Level.Value); ok && l.Summary != "" {
		b.WriteString(wrapIndent(mdtext.Plain(l.Summary), "  ", width))
	}
	top := m.Levels[len(m.Levels)-1].Value
	fmt.Fprintf(&b, "Score %s of %d", r.Format(r.Score), top)
	if r.NextLevel != nil {
		fmt.Fprintf(&b, " · next level %s", r.NextLevel.Label())
	} else {
		b.WriteString(" · top level reached")
	}
	b.WriteString("\n\n")

	writePillarTable(&b, st, m, r, width)

	short := opt.PlanLine != "" && len(r.Gaps) > LongGapList
	if short {
		fmt.Fprintf(&b, "\n%s\n", st.Bold(fmt.Sprintf("%s: %d", gapsHeading(r), len(r.Gaps))))
	} else {
		writeGaps(&b, st, m, r, width)
	}

	if n := len(r.Unanswered); n > 0 {
		note := Wrap(fmt.Sprintf("%d of %d indicators unanswered; %s.", n, r.Counts.Indicators, unansweredNote), "", "", width)
		fmt.Fprintf(&b, "\n%s\n", st.Yellow(strings.TrimSuffix(note, "\n")))
	}
	if short {
		fmt.Fprintf(&b, "\n%s\n", st.Bold(opt.PlanLine))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// levelHeading is "Level 200 Repeatable", or the label alone when the
// level's name already says "Level" ("Level 1", not "Level Level 1").
func levelHeading(l score.LevelRef) string {
	label := l.Label()
	if f := strings.Fields(label); len(f) > 0 && strings.EqualFold(f[0], "level") {
		return label
	}
	return "Level " + label
}

// writePillarTable writes a line per pillar (level, progress toward its
// next level) that fits width: a long pillar name wraps within its column.
// With groups, pillars come under their group's name and mean score.
func writePillarTable(b *strings.Builder, st Style, m *model.Model, r *score.Result, width int) {
	indent := ""
	if len(r.Groups) > 0 {
		indent = "  "
	}
	levelW, progW := len("Level"), len("Toward next")
	prog := make([]string, len(r.Pillars))
	for i, p := range r.Pillars {
		levelW = max(levelW, textWidth(p.Level.Label()))
		prog[i] = progress(st, m, p, width)
		progW = max(progW, textWidth(prog[i]))
	}
	nameW := len("Pillar")
	for _, p := range r.Pillars {
		nameW = max(nameW, textWidth(p.Name))
	}
	// The name column takes what the others leave, and at least 16.
	nameW = min(nameW, max(16, width-len(indent)-2-levelW-2-progW))
	fmt.Fprintf(b, "%s\n", st.Bold(fmt.Sprintf("%s%-*s  %-*s  %s", indent, nameW, "Pillar", levelW, "Level", "Toward next")))
	row := func(i int) {
		p := r.Pillars[i]
		lines := strings.Split(strings.TrimSuffix(Wrap(p.Name, "", "", nameW), "\n"), "\n")
		fmt.Fprintf(b, "%s%s  %s  %s\n", indent, pad(lines[0], nameW), pad(p.Level.Label(), levelW), prog[i])
		for _, l := range lines[1:] {
			fmt.Fprintf(b, "%s  %s\n", indent, l)
		}
	}
	if len(r.Groups) == 0 {
		for i := range r.Pillars {
			row(i)
		}
		return
	}
	for _, g := range r.Groups {
		fmt.Fprintf(b, "%s\n", st.Bold(fmt.Sprintf("%s · mean score %s", g.Name, r.Format(g.Score))))
		for i, p := range r.Pillars {
			if p.Group == g.ID {
				row(i)
			}
		}
	}
	first := true
	for i, p := range r.Pillars {
		if _, ok := m.Group(p.Group); !ok {
			if first {
				fmt.Fprintf(b, "%s\n", st.Bold("Other pillars"))
				first = false
			}
			row(i)
		}
	}
}

func inputLine(in score.InputInfo) string {
	var parts []string
	for _, s := range []string{in.Organization, in.Scope, in.AssessedAt} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if in.File != "" {
		parts = append(parts, in.File)
	}
	return strings.Join(parts, " · ")
}

// lineWidth is the width text output wraps at: the terminal's, up to 100
// columns (longer lines read badly), else 80.
func (o TextOptions) lineWidth() int {
	if o.Width <= 0 || o.Width > 100 {
		return 80
	}
	return o.Width
}

// writeHead writes the dimmed lines that open a text result or plan: who
// and what was assessed, and the model.
func writeHead(b *strings.Builder, st Style, in score.InputInfo, mi score.ModelInfo, width int) {
	if head := inputLine(in); head != "" {
		b.WriteString(st.Dim(strings.TrimSuffix(Wrap(head, "", "", width), "\n")) + "\n")
	}
	b.WriteString(st.Dim(strings.TrimSuffix(Wrap(mi.Name+" "+mi.Version, "", "", width), "\n")) + "\n\n")
}

// progress is the coverage of the pillar's next level, as a percentage
// and, with colour on, a bar.
func progress(st Style, m *model.Model, p score.PillarResult, width int) string {
	next := -1
	for i, l := range p.Levels {
		if !l.Attained {
			next = i
			break
		}
	}
	if next < 0 {
		return st.Green("top level")
	}
	cov := float64(p.Levels[next].Coverage)
	pct := fmt.Sprintf("%3.0f%% of %d", cov*100, p.Levels[next].Value)
	if !st.On {
		return pct
	}
	barW := 20
	if width < 100 {
		barW = 10 // room for the names on a narrow terminal
	}
	filled := int(cov*float64(barW) + 0.5)
	return st.Cyan(strings.Repeat("█", filled)) + st.Dim(strings.Repeat("░", barW-filled)) + " " + pct
}

func writeGaps(b *strings.Builder, st Style, m *model.Model, r *score.Result, width int) {
	if r.Target == nil {
		return
	}
	if len(r.Gaps) == 0 {
		fmt.Fprintf(b, "\n%s\n", st.Green(fmt.Sprintf("No gaps to %s.", r.Target.Label())))
		return
	}
	fmt.Fprintf(b, "\n%s\n", st.Bold(fmt.Sprintf("%s: %d", gapsHeading(r), len(r.Gaps))))
	pillar := ""
	for _, g := range r.Gaps {
		if g.Pillar != pillar {
			pillar = g.Pillar
			name := pillar
			if p, ok := m.Pillar(pillar); ok {
				name = p.Name
			}
			b.WriteString("\n" + st.Bold(strings.TrimSuffix(Wrap(name, "", "", width), "\n")) + "\n")
		}
		fmt.Fprintf(b, "  %s %d %s %s\n", textMark(st, m.AnswerMark(g.Indicator, g.Answer)), g.Level, g.Indicator, st.Dim("("+m.AnswerLabel(g.Indicator, g.Answer)+")"))
		b.WriteString(wrapIndent(g.Text, "      ", width))
		if g.Note != "" {
			b.WriteString(wrapIndent("note: "+g.Note, "      ", width))
		}
		for _, res := range g.Resources {
			fmt.Fprintf(b, "      %s %s\n", st.Dim("→ "+res.Title+":"), res.URL)
		}
	}
}

// gapsHeading is "Gaps to 300 Defined", or, when pillars aim at different
// levels, "Gaps to the pillars' targets".
func gapsHeading(r *score.Result) string {
	for _, p := range r.Pillars {
		if p.Target != nil && p.Target.Value != r.Target.Value {
			return "Gaps to the pillars' targets"
		}
	}
	return "Gaps to " + r.Target.Label()
}

// textMark is an answer's mark in text: from its score, never its id.
func textMark(st Style, mk model.Mark) string {
	switch mk {
	case model.MarkFull:
		return st.Green("✓")
	case model.MarkPartial:
		return st.Yellow("◐")
	case model.MarkNA:
		return st.Dim("–")
	}
	return st.Red("✗")
}

// textWidth is how many columns s takes once written: colour marks take
// none, and a character the sanitizer escapes takes its escape's.
func textWidth(s string) int { return utf8.RuneCountInString(safetext.String(safetext.Visible(s))) }

// pad fills s with spaces to w columns.
func pad(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-textWidth(s)))
}

// wrapIndent wraps text at width, each line indented, ending in a newline.
func wrapIndent(text, indent string, width int) string {
	if strings.TrimSpace(text) == "" {
		return ""
	}
	return Wrap(text, indent, indent, width)
}

// Wrap wraps text at width: the first line starts with first, the others
// with rest; the result ends in a newline.
func Wrap(text, first, rest string, width int) string {
	var b strings.Builder
	line, empty := first, true
	for _, w := range strings.Fields(text) {
		if !empty && textWidth(line)+1+textWidth(w) > width {
			b.WriteString(line + "\n")
			line, empty = rest, true
		}
		if !empty {
			line += " "
		}
		line += w
		empty = false
	}
	b.WriteString(line + "\n")
	return b.String()
}
