package render

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CSV writes one row per indicator, in model order, under the header
// pillar,level,id,text,answer,score,note. With file set (several inputs),
// a first column names the answers file. score is the scale score of the
// answer (0 when unanswered) and empty for na. A cell that a spreadsheet
// would run as a formula (starting with = + - @, a tab or a carriage
// return) gets a leading apostrophe.
func CSV(w io.Writer, list []Scored, file bool) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader(file)); err != nil {
		return err
	}
	for _, s := range list {
		if err := csvRows(cw, s, file); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func csvHeader(file bool) []string {
	header := []string{"pillar", "level", "id", "text", "answer", "score", "note"}
	if file {
		header = append([]string{"file"}, header...)
	}
	return header
}

// csvRows writes the rows of one result.
func csvRows(cw *csv.Writer, s Scored, file bool) error {
	for _, row := range rows(s) {
		sc := strconv.FormatFloat(row.Score, 'f', -1, 64)
		if row.Answer == "na" {
			sc = ""
		}
		rec := []string{row.Pillar.ID, strconv.Itoa(row.Level), row.Indicator.ID, CSVCell(row.Indicator.Text), row.Answer, sc, CSVCell(row.Note)}
		if file {
			rec = append([]string{CSVCell(s.Result.Input.File)}, rec...)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	return nil
}

// CSVCell defuses text that a spreadsheet would evaluate as a formula, by a
// leading apostrophe: text whose first character after any spaces is
// = + - @, a tab or a carriage return, or the full-width ＝ ＋ － ＠ that
// some spreadsheets also read as those.
func CSVCell(s string) string {
	t := strings.TrimLeft(s, " ")
	if t == "" {
		return s
	}
	if r, _ := utf8.DecodeRuneInString(t); strings.ContainsRune("=+-@\t\r＝＋－＠", r) {
		return "'" + s
	}
	return s
}
