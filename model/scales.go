package model

import (
	"bytes"
	"encoding/json"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/heat-tools/maturity/internal/yamlx"
)

// DecodeNode reads named scales from their YAML mapping of name to points,
// keeping file order.
func (s *Scales) DecodeNode(d *yamlx.Decoder, n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "scales: want a mapping of scale name to its points, got %s", yamlx.KindName(n))
		return
	}
	// Allocate once so that the addresses kept in d.Pos stay valid.
	out := make(Scales, 0, len(n.Content)/2)
	report := func(at *yaml.Node, msg string) { d.Errorf(at, "%s", msg) }
	yamlx.EachPair(n, "a scale name", report, func(k, v *yaml.Node) {
		out = append(out, NamedScale{ID: k.Value})
		ns := &out[len(out)-1]
		d.Record(&ns.ID, k)
		d.Record(ns, k)
		d.DecodeAt(v, &ns.Points, "scales: "+k.Value)
	})
	*s = out
}

// MarshalYAML writes the scales as a mapping of name to points, in order.
func (s Scales) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for _, ns := range s {
		var v yaml.Node
		if err := v.Encode(ns.Points); err != nil {
			return nil, err
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: ns.ID}, &v)
	}
	return n, nil
}

// MarshalJSON writes the scales as an object of name to points, in order.
func (s Scales) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, ns := range s {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(ns.ID)
		v, err := json.Marshal(ns.Points)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// MarshalNormalized writes m as a model file in the format's field order,
// with the default scale left out when m uses it unchanged, so that a file
// exported and read again gives the same model.
func (m *Model) MarshalNormalized() ([]byte, error) {
	out := *m
	if slices.Equal(out.Scale, DefaultScale()) {
		out.Scale = nil
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&out); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
