package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/heat-tools/maturity/internal/mdtext"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
)

// Markdown writes a compact summary for a CI step summary or a merge
// request comment: the level, a pillar table and the gaps (folded in a
// details element). Every text that came from a file is escaped. With
// several results, a summary table comes first and each result follows
// under its own heading.
func Markdown(w io.Writer, list []Scored) error {
	var b strings.Builder
	if len(list) > 1 {
		b.WriteString(markdownBatchHead)
		for _, s := range list {
			b.WriteString(markdownRow(s.Result))
		}
		for _, s := range list {
			b.WriteString("\n")
			markdownOne(&b, s, "###")
		}
	} else {
		for _, s := range list {
			markdownOne(&b, s, "##")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownBatchHead starts the summary table of several results.
const markdownBatchHead = "## Maturity\n\n| File | Organization | Assessed | Level | Score | Gaps |\n| --- | --- | --- | --- | ---: | ---: |\n"

// markdownRow is one result's line of the summary table.
func markdownRow(r *score.Result) string {
	return fmt.Sprintf("| %s | %s | %s | %s | %s | %d |\n", md(r.Input.File), md(r.Input.Organization),
		md(r.Input.AssessedAt), md(r.Level.Label()), r.Format(r.Score), len(r.Gaps))
}

func markdownOne(b *strings.Builder, s Scored, h string) {
	r, m := s.Result, s.Model
	fmt.Fprintf(b, "%s Maturity: %s\n\n", h, md(r.Level.Label()))
	if head := inputLine(r.Input); head != "" {
		fmt.Fprintf(b, "%s  \n", md(head))
	}
	top := m.Levels[len(m.Levels)-1].Value
	fmt.Fprintf(b, "Score **%s** of %d", r.Format(r.Score), top)
	if r.NextLevel != nil {
		fmt.Fprintf(b, " · next level %s", md(r.NextLevel.Label()))
	} else {
		b.WriteString(" · top level reached")
	}
	fmt.Fprintf(b, " · %s %s\n", md(r.Model.Name), md(r.Model.Version))
	if l, ok := m.Level(r.Level.Value); ok && l.Summary != "" {
		fmt.Fprintf(b, "\n> %s\n", md(mdtext.Plain(l.Summary)))
	}

	b.WriteString("\n| Pillar | Level | Score | Toward next |\n| --- | --- | ---: | ---: |\n")
	group := ""
	for _, p := range groupedPillars(m, r) {
		if p.Group != group {
			group = p.Group
			if g, ok := m.Group(group); ok {
				fmt.Fprintf(b, "| **%s** | | %s | |\n", md(g.Name), groupScore(r, group))
			}
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", md(p.Name), md(p.Level.Label()), r.Format(p.Score), towardNext(p))
	}

	if r.Target != nil {
		if len(r.Gaps) == 0 {
			fmt.Fprintf(b, "\nNo gaps to %s.\n", md(r.Target.Label()))
		} else {
			fmt.Fprintf(b, "\n<details><summary>Gaps to %s: %d</summary>\n\n", htmlText(r.Target.Label()), len(r.Gaps))
			for _, g := range r.Gaps {
				line := fmt.Sprintf("- **%s** %d `%s` (%s): %s", md(pillarName(m, g.Pillar)), g.Level, g.Indicator, md(answerLabel(m, g.Indicator, g.Answer)), md(g.Text))
				if g.Note != "" {
					line += " · _" + md(g.Note) + "_"
				}
				b.WriteString(line + "\n")
			}
			b.WriteString("\n</details>\n")
		}
	}
	if n := len(r.Unanswered); n > 0 {
		fmt.Fprintf(b, "\n%d of %d indicators unanswered; %s.\n", n, r.Counts.Indicators, unansweredNote)
	}
}

// groupedPillars is r's pillars in group order (model order within a
// group, pillars of no group last); as they are without groups.
func groupedPillars(m *model.Model, r *score.Result) []score.PillarResult {
	if len(r.Groups) == 0 {
		return r.Pillars
	}
	out := make([]score.PillarResult, 0, len(r.Pillars))
	for _, g := range m.Groups {
		for _, p := range r.Pillars {
			if p.Group == g.ID {
				out = append(out, p)
			}
		}
	}
	for _, p := range r.Pillars {
		if _, ok := m.Group(p.Group); !ok {
			out = append(out, p)
		}
	}
	return out
}

// groupScore is a group's mean score as written, "" for no such group.
func groupScore(r *score.Result, id string) string {
	for _, g := range r.Groups {
		if g.ID == id {
			return r.Format(g.Score)
		}
	}
	return ""
}

// towardNext is the coverage of the pillar's first level not attained.
func towardNext(p score.PillarResult) string {
	for _, l := range p.Levels {
		if !l.Attained {
			return fmt.Sprintf("%.0f%% of %d", float64(l.Coverage)*100, l.Value)
		}
	}
	return "top level"
}

func pillarName(m *model.Model, id string) string {
	if p, ok := m.Pillar(id); ok {
		return p.Name
	}
	return id
}

// md escapes text for Markdown (CommonMark and GFM): markup characters get
// a backslash, so "<script>" shows as text and "|" cannot end a table
// cell; line breaks become spaces. An @ gets a zero-width space after it,
// so "@team" shows as itself but notifies no one: GitHub and GitLab link
// mentions in the text after Markdown is parsed, and the parser has
// already dropped the backslash of "\@team" by then, while U+200B between
// the @ and the name breaks the match.
func md(s string) string {
	var b strings.Builder
	for _, r := range oneLine(s) {
		if strings.ContainsRune("\\`*_[]<>|~#&!$", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		if r == '@' {
			b.WriteRune('\u200b')
		}
	}
	return b.String()
}

// htmlText escapes text for the raw HTML parts of Markdown output.
func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(oneLine(s))
}
