package render

import (
	"io"

	"go.yaml.in/yaml/v3"

	"github.com/heat-tools/maturity/internal/score"
)

// YAML writes a result as YAML with the JSON result's field names and
// number formatting.
func YAML(w io.Writer, r *score.Result) error {
	return encodeYAML(w, r)
}

// YAMLList writes several results as one YAML sequence.
func YAMLList(w io.Writer, rs []*score.Result) error {
	return encodeYAML(w, rs)
}

func encodeYAML(w io.Writer, v any) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return enc.Close()
}
