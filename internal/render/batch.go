package render

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/heat-tools/maturity/internal/resultjson"
)

// batchFormats are the formats a Batch writes.
var batchFormats = []string{"text", "json", "jsonl", "yaml", "markdown", "junit", "csv"}

// Batch writes the results of many inputs in one format as they come, in
// input order, so that a batch's memory does not grow with its size: each
// result is written and dropped, and only what must come before the
// results (the text summary's rows, the markdown summary table, JUnit's
// totals) is kept until Close. Where the results must follow that part
// (markdown, junit), they wait in a scratch file meanwhile.
//
// Prepare renders one result alone and may run in parallel; Add takes the
// prepared parts in input order.
type Batch struct {
	format  string
	w       io.Writer
	scratch io.ReadWriteSeeker // markdown sections, junit suites
	opt     TextOptions

	n      int
	rows   [][]string // text
	lines  []string   // markdown summary table
	totals JUnitTotals
	list   resultjson.ListWriter
}

// Part is what Prepare makes of one result for Add.
type Part struct {
	row    []string
	line   string
	text   []byte
	totals JUnitTotals
}

// NewBatch writes format to w. scratch holds what waits for Close; it is
// needed by markdown and junit only (nil otherwise).
func NewBatch(format string, w io.Writer, scratch io.ReadWriteSeeker, opt TextOptions) (*Batch, error) {
	if !slices.Contains(batchFormats, format) {
		return nil, fmt.Errorf("render: no batch format %q", format)
	}
	return &Batch{format: format, w: w, scratch: scratch, opt: opt, list: resultjson.ListWriter{W: w}}, nil
}

// NeedsScratch says whether format keeps its results in a scratch file.
func NeedsScratch(format string) bool { return format == "markdown" || format == "junit" }

// Prepare renders s for Add.
func (b *Batch) Prepare(s Scored) (Part, error) {
	var p Part
	var err error
	switch b.format {
	case "text":
		p.row = SummaryRow(s.Result)
	case "json":
		p.text = resultjson.ListItem(s.Result)
	case "jsonl":
		p.text = resultjson.Line(s.Result)
	case "yaml":
		p.text, err = yamlItem(s.Result)
	case "csv":
		var buf bytes.Buffer
		cw := csv.NewWriter(&buf)
		if err = csvRows(cw, s, true); err == nil {
			cw.Flush()
			err = cw.Error()
		}
		p.text = buf.Bytes()
	case "markdown":
		p.line = markdownRow(s.Result)
		var sb strings.Builder
		sb.WriteString("\n")
		markdownOne(&sb, s, "###")
		p.text = []byte(sb.String())
	case "junit":
		p.text = junitResult(s, true, &p.totals)
	}
	return p, err
}

// Add writes one prepared result, in input order.
func (b *Batch) Add(p Part) error {
	first := b.n == 0
	b.n++
	switch b.format {
	case "text":
		b.rows = append(b.rows, p.row)
		return nil
	case "json":
		return b.list.Item(p.text)
	case "csv":
		if first {
			cw := csv.NewWriter(b.w)
			if err := cw.Write(csvHeader(true)); err != nil {
				return err
			}
			cw.Flush()
			if err := cw.Error(); err != nil {
				return err
			}
		}
	case "markdown":
		b.lines = append(b.lines, p.line)
		_, err := b.scratch.Write(p.text)
		return err
	case "junit":
		b.totals.Tests += p.totals.Tests
		b.totals.Failures += p.totals.Failures
		b.totals.Skipped += p.totals.Skipped
		_, err := b.scratch.Write(p.text)
		return err
	}
	_, err := b.w.Write(p.text)
	return err
}

// Close writes what comes after (or, for a summary, before) the results;
// it writes nothing when no result was added.
func (b *Batch) Close() error {
	if b.n == 0 {
		return nil
	}
	switch b.format {
	case "text":
		return SummaryTable(b.w, b.rows, b.opt)
	case "json":
		return b.list.Close()
	case "markdown":
		if _, err := io.WriteString(b.w, markdownBatchHead); err != nil {
			return err
		}
		for _, l := range b.lines {
			if _, err := io.WriteString(b.w, l); err != nil {
				return err
			}
		}
		return b.copyScratch(b.w)
	case "junit":
		if _, err := b.scratch.Seek(0, io.SeekStart); err != nil {
			return err
		}
		return writeJUnit(b.w, b.totals, b.scratch)
	}
	return nil
}

func (b *Batch) copyScratch(w io.Writer) error {
	if _, err := b.scratch.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := io.Copy(w, b.scratch)
	return err
}
