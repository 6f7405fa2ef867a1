package render

import (
	"encoding/json"
	"io"

	"github.com/heat-tools/maturity/internal/score"
)

// JSON writes a result as indented JSON with a trailing newline.
func JSON(w io.Writer, r *score.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// JSONList writes several results as one JSON array.
func JSONList(w io.Writer, rs []*score.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(rs)
}

// JSONLines writes one compact JSON result per line.
func JSONLines(w io.Writer, rs []*score.Result) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range rs {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}
