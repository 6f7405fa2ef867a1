package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/heat-tools/maturity/internal/mdtext"
	"github.com/heat-tools/maturity/model"
)

// MarkdownReport writes the report as Markdown: the same sections as the
// HTML report, with the grid as a table (✓ marks an attained cell) and the
// chart as text bars. Every text that came from a file is escaped.
func MarkdownReport(w io.Writer, list []Scored, opt ReportOptions) error {
	v := buildReport(list, opt)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", md(v.Title))
	var meta []string
	if v.Scope != "" {
		meta = append(meta, "Scope: "+md(v.Scope))
	}
	if v.AssessedAt != "" {
		meta = append(meta, "Assessed: "+md(v.AssessedAt))
	}
	if v.Respondent != "" {
		meta = append(meta, "Respondent: "+md(v.Respondent))
	}
	meta = append(meta, "Model: "+md(v.ModelName+" "+v.ModelVersion))
	b.WriteString(strings.Join(meta, " · ") + "\n")

	b.WriteString("\n## Executive summary\n")
	fmt.Fprintf(&b, "\n### %s\n\n", md(levelHeading(v.Level)))
	fmt.Fprintf(&b, "**%s**\n\n", md(v.Summary))
	if v.Description != "" {
		fmt.Fprintf(&b, "%s\n\n", md(v.Description))
	}
	fmt.Fprintf(&b, "Score **%s** of %d", v.Score, v.Top)
	if v.Next != "" {
		fmt.Fprintf(&b, " · next level **%s**", md(v.Next))
		if v.NextSummary != "" {
			fmt.Fprintf(&b, ": %s", md(v.NextSummary))
		}
	} else {
		b.WriteString(" · the top level is reached in every pillar")
	}
	b.WriteString("\n")
	if v.Exec.Strongest != "" {
		fmt.Fprintf(&b, "\n- Strongest pillar: %s\n- Weakest pillar: %s\n", md(v.Exec.Strongest), md(v.Exec.Weakest))
	}
	if f := v.Exec.First; f != nil {
		fmt.Fprintf(&b, "\n**First: %s to %s**, which gives %s.\n\n", f.Count, md(f.Level), md(f.Result))
		for i, st := range v.Exec.FirstSteps {
			fmt.Fprintf(&b, "%d. %s\n", i+1, md(st.Text))
		}
		if v.Exec.More > 0 {
			fmt.Fprintf(&b, "\n… and %d more in phase 1 of the plan below.\n", v.Exec.More)
		}
		if v.Exec.Later != "" {
			fmt.Fprintf(&b, "\nThen: %s.\n", md(v.Exec.Later))
		}
	} else {
		b.WriteString("\nEvery pillar is at its target: nothing to plan.\n")
	}

	b.WriteString("\n## Pillars × levels\n\n| Pillar | Level | Score |")
	for _, l := range v.Levels {
		fmt.Fprintf(&b, " %d |", l.Value)
	}
	b.WriteString("\n| --- | --- | ---: |" + strings.Repeat(" ---: |", len(v.Levels)) + "\n")
	for _, row := range v.Grid {
		if row.Group != "" {
			fmt.Fprintf(&b, "| **%s** | | %s |%s\n", md(row.Group), row.GroupScore, strings.Repeat(" |", len(row.Cells)))
		}
		fmt.Fprintf(&b, "| %s | %s | %s |", md(row.Pillar), md(row.Level), row.Score)
		for _, c := range row.Cells {
			mark := ""
			if c.Attained {
				mark = "✓ "
			}
			fmt.Fprintf(&b, " %s%s |", mark, c.Text)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "\n✓ attained. A level needs %s coverage, and every level below it.\n", v.Threshold)

	b.WriteString("\n## Score by pillar\n\n```text\n")
	nameW := 0
	for _, row := range v.Grid {
		nameW = max(nameW, textWidth(oneLine(row.Pillar)))
	}
	for _, row := range v.Grid {
		const barW = 40
		filled := min(barW, int(row.ScoreValue/float64(v.Top)*barW+0.5))
		fmt.Fprintf(&b, "%s  %s%s  %s\n", pad(oneLine(row.Pillar), nameW), strings.Repeat("█", filled), strings.Repeat("░", barW-filled), row.Score)
	}
	b.WriteString("```\n")

	if t := v.Trend; t != nil {
		b.WriteString("\n## Score trend\n\n")
		if v.Mixed != "" {
			fmt.Fprintf(&b, "> **Warning:** these assessments are of different %s. A trend compares like with like; read it with care.\n\n", md(v.Mixed))
		}
		b.WriteString("| Assessed | Level | Score | Change |\n| --- | --- | ---: | ---: |\n")
		for _, p := range t.Points {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", md(p.Label), md(p.Level), p.Score, p.Delta)
		}
	}
	if c := v.Change; c != nil {
		fmt.Fprintf(&b, "\n## Change since the previous assessment\n\nFrom %s to %s: level %s; score %s.\n\n", md(c.From), md(c.To), md(c.Level), c.Score)
		b.WriteString("| Pillar | Level before | Level now | Score before | Score now | Change |\n| --- | --- | --- | ---: | ---: | ---: |\n")
		for _, p := range c.Pillars {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", md(p.Pillar), md(p.LevelBefore), md(p.LevelNow), p.ScoreBefore, p.ScoreNow, p.Delta)
		}
	}

	b.WriteString("\n## Plan\n")
	if v.PlanSummary != "" {
		fmt.Fprintf(&b, "\n%s\n", md(v.PlanSummary))
	}
	for _, ph := range v.Plan {
		fmt.Fprintf(&b, "\n### Phase %d · %s · %s\n\nWhy: %s Done, it gives %s.\n\n", ph.Number, md(ph.Level), ph.Count, md(ph.Why), md(ph.Result))
		for _, c := range ph.Cells {
			fmt.Fprintf(&b, "- %s: %s", md(c.Name), c.Coverage)
			if c.Holding {
				b.WriteString(" (holds the level down)")
			}
			if len(c.Resources) > 0 {
				fmt.Fprintf(&b, " — resources: %s", mdLinks(c.Resources))
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
		for _, st := range ph.Steps {
			fmt.Fprintf(&b, "%d. %s (%s) `%s`", st.Number, md(st.Text), md(st.Answer), st.ID)
			if st.Deps != "" {
				fmt.Fprintf(&b, "  \n   Depends on: %s", md(st.Deps))
			}
			if st.Help != "" {
				fmt.Fprintf(&b, "  \n   Help: %s", md(mdtext.Plain(st.Help)))
			}
			if len(st.Resources) > 0 {
				fmt.Fprintf(&b, "  \n   Resources: %s", mdLinks(st.Resources))
			}
			b.WriteString("\n")
		}
	}

	b.WriteString("\n## Notes and evidence\n")
	if len(v.Notes) == 0 {
		b.WriteString("\nNo notes or evidence were recorded.\n")
	}
	writeMarkdownItems(&b, v.Notes)

	if len(v.Context) > 0 {
		b.WriteString("\n## Context from the model\n\nWhat the model says about these levels besides its indicators: shown, never scored.\n")
		for _, p := range v.Context {
			fmt.Fprintf(&b, "\n### %s\n\n", md(p.Pillar))
			for _, c := range p.Cells {
				for _, line := range c.Lines {
					fmt.Fprintf(&b, "- **%d** %s\n", c.Level, md(line))
				}
			}
		}
	}

	b.WriteString("\n## Appendix: input files\n\n| Assessment | Organization | Scope | File |\n| --- | --- | --- | --- |\n")
	for _, in := range v.Inputs {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", md(in.Label), md(in.Organization), md(in.Scope), md(in.File))
	}

	fmt.Fprintf(&b, "\n---\n\n%s.", v.Counts)
	if v.Unanswered > 0 {
		b.WriteString(" Unanswered indicators count as not in place (score 0).")
	}
	fmt.Fprintf(&b, "  \nGenerated %s by maturity %s.\n", v.Generated, md(v.Version))
	_, err := io.WriteString(w, b.String())
	return err
}

func mdList(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = md(s)
	}
	return strings.Join(out, ", ")
}

// mdLink is a Markdown link when url is http(s), else escaped text.
func mdLink(title, url string) string {
	if (strings.HasPrefix(url, "https://") || strings.HasPrefix(url, "http://")) && !strings.ContainsAny(url, " <>()\n") {
		return "[" + md(title) + "](<" + url + ">)"
	}
	return md(title) + " " + md(url)
}

// mdLinks writes links joined by " · ".
func mdLinks(rs []model.Resource) string {
	links := make([]string, len(rs))
	for i, r := range rs {
		links[i] = mdLink(r.Title, r.URL)
	}
	return strings.Join(links, " · ")
}

// writeMarkdownItems writes notes: a heading per pillar, an item per
// indicator with its note and evidence.
func writeMarkdownItems(b *strings.Builder, pillars []pillarItems) {
	for _, p := range pillars {
		fmt.Fprintf(b, "\n### %s\n\n", md(p.Pillar))
		for _, it := range p.Items {
			fmt.Fprintf(b, "- **%d** %s (%s) `%s`\n", it.Level, md(it.Text), md(it.Answer), it.ID)
			if it.Note != "" {
				fmt.Fprintf(b, "  - Note: %s\n", md(it.Note))
			}
			if len(it.Evidence) > 0 {
				fmt.Fprintf(b, "  - Evidence: %s\n", mdList(it.Evidence))
			}
		}
	}
}
