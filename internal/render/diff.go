package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/heat-tools/maturity/internal/history"
	"github.com/heat-tools/maturity/internal/score"
)

// DiffJSON writes d as indented JSON.
func DiffJSON(w io.Writer, d *history.Diff) error {
	return encodeJSON(w, newDiffJSON(d))
}

// DiffText writes d for a person: levels and scores before and after with
// arrows (colour only when color is set), then the indicators and notes
// that changed, grouped by pillar.
//
// width (0: no limit) is the terminal's; long pillar names wrap to fit it.
func DiffText(w io.Writer, d *history.Diff, color bool, width int) error {
	st := Style{On: color}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", st.Dim("Old"), sideLine(d.Old))
	fmt.Fprintf(&b, "%s %s\n", st.Dim("New"), sideLine(d.New))
	if d.ModelChanged {
		fmt.Fprintf(&b, "%s\n", st.Yellow(fmt.Sprintf("Model changed: %s %s → %s %s", d.Old.Model.ID, d.Old.Model.Version, d.New.Model.ID, d.New.Model.Version)))
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "%s  %s\n", st.Bold("Level"), levelChange(st, d.Old.Level, d.New.Level))
	fmt.Fprintf(&b, "%s  %s\n\n", st.Bold("Score"), scoreChange(st, d.Old.Score, d.New.Score, d.Precision))

	rows := [][3]string{}
	for _, p := range d.Pillars {
		var lvl, sc string
		switch p.Change {
		case "new":
			lvl, sc = st.Dim("(new) ")+p.New.Level.Label(), score.FormatScore(float64(p.New.Score), d.Precision)
		case "gone":
			lvl, sc = st.Dim("(gone) ")+p.Old.Level.Label(), score.FormatScore(float64(p.Old.Score), d.Precision)
		default:
			lvl, sc = levelChange(st, p.Old.Level, p.New.Level), scoreChange(st, p.Old.Score, p.New.Score, d.Precision)
		}
		rows = append(rows, [3]string{p.Name, lvl, sc})
	}
	table := [][]string{{"Pillar", "Level", "Score"}}
	for _, r := range rows {
		table = append(table, r[:])
	}
	var t strings.Builder
	fitTable(&t, table, -1, width, 0)
	head, body, _ := strings.Cut(t.String(), "\n")
	fmt.Fprintf(&b, "%s\n%s", st.Bold(head), body)

	names := pillarNames(d)
	if d.Indicators != nil {
		in := d.Indicators
		fmt.Fprintf(&b, "\n%s\n", st.Bold(fmt.Sprintf("Indicators: %d gained, %d lost, %d changed", len(in.Gained), len(in.Lost), len(in.Changed))))
		groups := in.ByPillar()
		idW := 0
		for _, g := range groups {
			for _, c := range g.Items {
				idW = max(idW, len(c.Change.ID))
			}
		}
		for _, g := range groups {
			fmt.Fprintf(&b, "%s\n", wrapTo(names(g.Pillar), "", width))
			for _, c := range g.Items {
				mark := map[string]string{"gained": st.Green("+"), "lost": st.Red("-"), "changed": st.Yellow("~")}[c.Kind]
				fmt.Fprintf(&b, "  %s %s  %s → %s%s\n", mark, pad(c.Change.ID, idW), answerText(c.Change.Old), answerText(c.Change.New), dirMark(st, c))
			}
		}
		writeModelChanges(&b, st, d, "Removed", fmt.Sprintf("not in %s %s", d.New.Model.ID, d.New.Model.Version), in.Removed, true)
		writeModelChanges(&b, st, d, "Added", fmt.Sprintf("new in %s %s", d.New.Model.ID, d.New.Model.Version), in.Added, false)
		if len(d.Notes) > 0 {
			fmt.Fprintf(&b, "\n%s\n", st.Bold(fmt.Sprintf("Notes changed: %d", len(d.Notes))))
			for _, n := range d.Notes {
				fmt.Fprintf(&b, "  %s\n", n.ID)
				fmt.Fprintf(&b, "    %s %s\n", st.Dim("before:"), noteText(n.Old))
				fmt.Fprintf(&b, "    %s  %s\n", st.Dim("after:"), noteText(n.New))
			}
		}
	} else {
		writeResultChanges(&b, st, d)
	}
	if d.Regression {
		fmt.Fprintf(&b, "\n%s\n", st.Red(wrapTo("Regression: "+strings.Join(d.Regressions, "; "), "  ", width)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// wrapTo wraps text at width, the lines after the first indented; the
// text as it is for width 0 (no limit). No final newline.
func wrapTo(text, indent string, width int) string {
	if width <= 0 {
		return text
	}
	return strings.TrimSuffix(Wrap(text, "", indent, width), "\n")
}

func writeModelChanges(b *strings.Builder, st Style, d *history.Diff, title, what string, cs []history.IndicatorChange, old bool) {
	if len(cs) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s\n", st.Bold(fmt.Sprintf("%s: %s %s", title, Plural(len(cs), "indicator"), what)))
	idW := 0
	for _, c := range cs {
		idW = max(idW, len(c.ID))
	}
	for _, c := range cs {
		if old {
			fmt.Fprintf(b, "  %s  %s\n", pad(c.ID, idW), st.Dim("was "+answerText(c.Old)))
		} else {
			fmt.Fprintf(b, "  %s  %s\n", pad(c.ID, idW), st.Dim("now "+answerText(c.New)))
		}
	}
}

func writeResultChanges(b *strings.Builder, st Style, d *history.Diff) {
	fmt.Fprintf(b, "\n%s\n", st.Bold("Answer counts"))
	kindW := 0
	for _, c := range d.Counts {
		kindW = max(kindW, len(c.Kind))
	}
	for _, c := range d.Counts {
		fmt.Fprintf(b, "  %s  %d → %d\n", pad(c.Kind, kindW), c.Old, c.New)
	}
	list := func(title string, ids []string) {
		if len(ids) > 0 {
			fmt.Fprintf(b, "\n%s\n", st.Bold(fmt.Sprintf("%s: %d", title, len(ids))))
			for _, id := range ids {
				fmt.Fprintf(b, "  %s\n", id)
			}
		}
	}
	list("Answered now", d.Answered)
	list("Unanswered now", d.Unanswered)
	list("Gaps closed", d.GapsClosed)
	list("Gaps opened", d.GapsOpened)
	fmt.Fprintf(b, "\n%s\n", st.Dim("A JSON result does not hold every answer: diff the answers files to see each indicator gained, lost or changed, and the notes."))
}

func pillarNames(d *history.Diff) func(string) string {
	names := map[string]string{}
	for _, p := range d.Pillars {
		names[p.ID] = p.Name
	}
	return func(id string) string {
		if id == "" {
			return "Not in either model"
		}
		if n, ok := names[id]; ok {
			return n
		}
		return id
	}
}

func dirMark(st Style, c history.KindChange) string {
	if c.Kind != "changed" {
		return ""
	}
	switch c.Change.Direction {
	case 1:
		return "  " + st.Green("↑")
	case -1:
		return "  " + st.Red("↓")
	}
	return ""
}

func sideLine(s history.Summary) string {
	parts := []string{s.File}
	if s.AssessedAt != "" {
		parts = append(parts, s.AssessedAt)
	}
	m := s.Model.ID + " " + s.Model.Version
	if s.WrittenFor != "" {
		m += " (answers written for " + s.WrittenFor + ")"
	}
	parts = append(parts, m)
	return strings.Join(parts, " · ")
}

func levelChange(st Style, old, new score.LevelRef) string {
	switch {
	case new.Value > old.Value:
		return old.Label() + " → " + st.Green(new.Label()+" ↑")
	case new.Value < old.Value:
		return old.Label() + " → " + st.Red(new.Label()+" ↓")
	}
	return new.Label() + " " + st.Dim("=")
}

// scoreChange writes old → new (±delta) with precision decimals.
func scoreChange(st Style, old, new score.OneDecimal, precision int) string {
	delta := score.RoundScore(float64(new), precision) - score.RoundScore(float64(old), precision)
	s := fmt.Sprintf("%s → %s (%s)", score.FormatScore(float64(old), precision), score.FormatScore(float64(new), precision), signed(delta, precision))
	switch d := score.RoundScore(delta, precision); {
	case d > 0:
		return st.Green(s)
	case d < 0:
		return st.Red(s)
	}
	return s
}

// signed writes a change with its sign and precision decimals; no change
// is +0.0.
func signed(d float64, precision int) string {
	d = score.RoundScore(d, precision)
	if d >= 0 {
		return "+" + score.FormatScore(d+0, precision)
	}
	return "-" + score.FormatScore(-d, precision)
}

func answerText(a string) string {
	if a == "" {
		return "unanswered"
	}
	return a
}

func noteText(n string) string {
	if n == "" {
		return "(none)"
	}
	return strings.ReplaceAll(n, "\n", " ")
}

// DiffMarkdown writes d as GitHub-flavoured markdown, for a pull-request
// comment. Text from files is escaped.
func DiffMarkdown(w io.Writer, d *history.Diff) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### Maturity: %s · score %s\n\n", mdLevelChange(d.Old.Level, d.New.Level), mdScore(d.Old.Score, d.New.Score, d.Precision))
	fmt.Fprintf(&b, "%s → %s\n", mdSide(d.Old), mdSide(d.New))
	if d.ModelChanged {
		fmt.Fprintf(&b, "\n> **Model changed:** %s %s → %s %s\n", md(d.Old.Model.ID), md(d.Old.Model.Version), md(d.New.Model.ID), md(d.New.Model.Version))
	}
	if d.Regression {
		fmt.Fprintf(&b, "\n> **Regression:** %s\n", md(strings.Join(d.Regressions, "; ")))
	}
	b.WriteString("\n| Pillar | Level | Score |\n| --- | --- | --- |\n")
	for _, p := range d.Pillars {
		switch p.Change {
		case "new":
			fmt.Fprintf(&b, "| %s | (new) %s | %s |\n", md(p.Name), md(p.New.Level.Label()), score.FormatScore(float64(p.New.Score), d.Precision))
		case "gone":
			fmt.Fprintf(&b, "| %s | (gone) %s | %s |\n", md(p.Name), md(p.Old.Level.Label()), score.FormatScore(float64(p.Old.Score), d.Precision))
		default:
			fmt.Fprintf(&b, "| %s | %s | %s |\n", md(p.Name), mdLevelChange(p.Old.Level, p.New.Level), mdScore(p.Old.Score, p.New.Score, d.Precision))
		}
	}
	names := pillarNames(d)
	if in := d.Indicators; in != nil {
		fmt.Fprintf(&b, "\n#### Indicators: %d gained, %d lost, %d changed\n", len(in.Gained), len(in.Lost), len(in.Changed))
		for _, g := range in.ByPillar() {
			fmt.Fprintf(&b, "\n**%s**\n\n", md(names(g.Pillar)))
			for _, c := range g.Items {
				fmt.Fprintf(&b, "- %s `%s`: %s → %s\n", c.Kind, c.Change.ID, md(answerText(c.Change.Old)), md(answerText(c.Change.New)))
			}
		}
		if len(in.Removed) > 0 {
			fmt.Fprintf(&b, "\n#### Removed: %s not in %s %s\n\n", Plural(len(in.Removed), "indicator"), md(d.New.Model.ID), md(d.New.Model.Version))
			for _, c := range in.Removed {
				fmt.Fprintf(&b, "- `%s` (was %s)\n", c.ID, md(answerText(c.Old)))
			}
		}
		if len(in.Added) > 0 {
			fmt.Fprintf(&b, "\n#### Added: %s new in %s %s\n\n", Plural(len(in.Added), "indicator"), md(d.New.Model.ID), md(d.New.Model.Version))
			for _, c := range in.Added {
				fmt.Fprintf(&b, "- `%s` (now %s)\n", c.ID, md(answerText(c.New)))
			}
		}
		if len(d.Notes) > 0 {
			fmt.Fprintf(&b, "\n#### Notes changed: %d\n\n| Indicator | Before | After |\n| --- | --- | --- |\n", len(d.Notes))
			for _, n := range d.Notes {
				fmt.Fprintf(&b, "| `%s` | %s | %s |\n", n.ID, md(noteText(n.Old)), md(noteText(n.New)))
			}
		}
	} else {
		b.WriteString("\n| Answer counts | Before | After |\n| --- | --- | --- |\n")
		for _, c := range d.Counts {
			fmt.Fprintf(&b, "| %s | %d | %d |\n", md(c.Kind), c.Old, c.New)
		}
		for _, l := range []struct {
			title string
			ids   []string
		}{{"Answered now", d.Answered}, {"Unanswered now", d.Unanswered}, {"Gaps closed", d.GapsClosed}, {"Gaps opened", d.GapsOpened}} {
			if len(l.ids) > 0 {
				fmt.Fprintf(&b, "\n**%s:** %s\n", l.title, mdIDs(l.ids))
			}
		}
		b.WriteString("\n_A JSON result does not hold every answer: diff the answers files to see each indicator gained, lost or changed._\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdSide(s history.Summary) string {
	out := mdCode(s.File)
	if s.AssessedAt != "" {
		out += " (" + md(s.AssessedAt) + ")"
	}
	if s.WrittenFor != "" {
		out += " (answers written for " + md(s.Model.ID) + " " + md(s.WrittenFor) + ", scored with " + md(s.Model.Version) + ")"
	}
	return out
}

// mdCode is text as inline code, safe in a table cell.
func mdCode(s string) string {
	return "`" + strings.NewReplacer("`", "'", "|", "\\|", "\n", " ").Replace(s) + "`"
}

func mdIDs(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = "`" + id + "`"
	}
	return strings.Join(q, ", ")
}

func mdLevelChange(old, new score.LevelRef) string {
	switch {
	case new.Value > old.Value:
		return md(old.Label()) + " → **" + md(new.Label()) + "** ▲"
	case new.Value < old.Value:
		return md(old.Label()) + " → **" + md(new.Label()) + "** ▼"
	}
	return md(new.Label())
}

func mdScore(old, new score.OneDecimal, precision int) string {
	delta := score.RoundScore(float64(new), precision) - score.RoundScore(float64(old), precision)
	return fmt.Sprintf("%s → %s (%s)", score.FormatScore(float64(old), precision), score.FormatScore(float64(new), precision), signed(delta, precision))
}

// Plural is n and the word, with an s unless n is 1: "1 indicator",
// "3 indicators".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
