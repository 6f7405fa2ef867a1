package render

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/heat-tools/maturity/internal/score"
)

// JSON writes a result as indented JSON with a trailing newline.
func JSON(w io.Writer, r *score.Result) error {
	var b bytes.Buffer
	if err := json.Indent(&b, r.AppendJSON(nil), "", "  "); err != nil {
		return err
	}
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}

// JSONList writes several results as one indented JSON array.
func JSONList(w io.Writer, rs []*score.Result) error {
	items := make([][]byte, len(rs))
	for i, r := range rs {
		item, err := JSONListItem(r)
		if err != nil {
			return err
		}
		items[i] = item
	}
	for _, p := range JSONListParts(items) {
		if _, err := w.Write(p); err != nil {
			return err
		}
	}
	return nil
}

// JSONListItem is a result as it stands in JSONList's array: indented one
// level, without a trailing newline. Items can be made in parallel and
// joined with JoinJSONList.
func JSONListItem(r *score.Result) ([]byte, error) {
	var b bytes.Buffer
	if err := json.Indent(&b, r.AppendJSON(nil), "  ", "  "); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// JSONListParts arranges items from JSONListItem, with the brackets and
// separators between them, into the parts that written one after the other
// are the bytes of JSONList.
func JSONListParts(items [][]byte) [][]byte {
	if len(items) == 0 {
		return [][]byte{[]byte("[]\n")}
	}
	parts := make([][]byte, 0, 2*len(items)+1)
	for i, it := range items {
		sep := ",\n  "
		if i == 0 {
			sep = "[\n  "
		}
		parts = append(parts, []byte(sep), it)
	}
	return append(parts, []byte("\n]\n"))
}

// JSONLines writes one compact JSON result per line.
func JSONLines(w io.Writer, rs []*score.Result) error {
	for _, r := range rs {
		line, err := JSONLine(r)
		if err != nil {
			return err
		}
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	return nil
}

// JSONLine is one result as compact JSON and a newline: a line of jsonl.
func JSONLine(r *score.Result) ([]byte, error) {
	return append(r.AppendJSON(nil), '\n'), nil
}
