package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/heat-tools/maturity/internal/safetext"
	"github.com/heat-tools/maturity/internal/score"
)

// SummaryRow is one result's line of the summary table of a batch (file,
// organization, date, level, score, gaps and unanswered indicators), as
// cells. Rows can be made in parallel and written with SummaryTable.
func SummaryRow(r *score.Result) []string {
	return []string{
		printable(r.Input.File), printable(r.Input.Organization), r.Input.AssessedAt, printable(r.Level.Label()),
		r.Format(r.Score), fmt.Sprint(len(r.Gaps)), fmt.Sprint(len(r.Unanswered)),
	}
}

// SummaryTable writes rows from SummaryRow under a header, in aligned
// columns.
func SummaryTable(w io.Writer, rows [][]string, opt TextOptions) error {
	st := Style{On: opt.Color}
	header := []string{"File", "Organization", "Assessed", "Level", "Score", "Gaps", "Unanswered"}
	right := []bool{false, false, false, false, true, true, true}
	table := append([][]string{header}, rows...)
	widths, _ := columnWidths(table)
	var b strings.Builder
	for n, row := range table {
		var line strings.Builder
		for i, c := range row {
			if i > 0 {
				line.WriteString("  ")
			}
			switch {
			case right[i]:
				line.WriteString(strings.Repeat(" ", widths[i]-textWidth(c)) + c)
			case i == len(row)-1:
				line.WriteString(c)
			default:
				line.WriteString(pad(c, widths[i]))
			}
		}
		s := strings.TrimRight(line.String(), " ")
		if n == 0 {
			s = st.Bold(s)
		}
		b.WriteString(s + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// printable folds white space like oneLine and escapes what the output's
// sanitizer would, so that column widths count what is shown.
func printable(s string) string { return safetext.Line(oneLine(s)) }
