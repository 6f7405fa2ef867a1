package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/heat-tools/maturity/internal/resultjson"
	"github.com/heat-tools/maturity/internal/score"
)

// YAML writes a result as YAML with the JSON result's field names, key
// order and number text: it is the JSON result, re-written as block YAML.
func YAML(w io.Writer, r *score.Result) error {
	n, err := resultNode(r)
	if err != nil {
		return err
	}
	return encodeYAML(w, n)
}

// YAMLList writes several results as one YAML sequence: its items one
// after the other, as a batch writes them.
func YAMLList(w io.Writer, rs []*score.Result) error {
	for _, r := range rs {
		item, err := yamlItem(r)
		if err != nil {
			return err
		}
		if _, err := w.Write(item); err != nil {
			return err
		}
	}
	return nil
}

// yamlItem is one result as an item of a block sequence; a sequence is
// the concatenation of its items.
func yamlItem(r *score.Result) ([]byte, error) {
	n, err := resultNode(r)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = encodeYAML(&b, &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{n}})
	return b.Bytes(), err
}

func encodeYAML(w io.Writer, n *yaml.Node) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return err
	}
	return enc.Close()
}

// resultNode is r's JSON as a YAML node tree. Reading the JSON with
// encoding/json's tokens, not with a YAML parser, keeps each number's text
// ("1.0" stays 1.0) and accepts every character a JSON string may hold
// raw (DEL and C1 controls, which YAML may not).
func resultNode(r *score.Result) (*yaml.Node, error) {
	dec := json.NewDecoder(bytes.NewReader(resultjson.Append(nil, r)))
	dec.UseNumber()
	return jsonNode(dec)
}

func jsonNode(dec *json.Decoder) (*yaml.Node, error) {
	t, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch v := t.(type) {
	case json.Delim:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		if v == '[' {
			n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		}
		for dec.More() {
			if n.Kind == yaml.MappingNode {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				// A key is written plain unless that would read back as
				// another type, as for a yaml.Node ("yes: 5" in counts).
				n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k.(string)})
			}
			c, err := jsonNode(dec)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, c)
		}
		if _, err := dec.Token(); err != nil { // the closing ] or }
			return nil, err
		}
		return n, nil
	case string:
		return stringNode(v), nil
	case json.Number:
		tag := "!!int"
		if strings.ContainsAny(v.String(), ".eE") {
			tag = "!!float"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v.String()}, nil
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(v)}, nil
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}, nil
	}
	return nil, fmt.Errorf("unexpected JSON token %v", t)
}

// stringNode is a string value as yaml.v3 writes a Go string: quoted when
// YAML 1.1 would read it as a bool (yes, no, on, off…) or a base-60
// number, so that `answer: "no"` stays a string for older parsers too.
func stringNode(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if !strings.Contains(s, "\n") && (yaml11Bool(s) || base60Float().MatchString(s)) {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

func yaml11Bool(s string) bool {
	switch s {
	case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
		"n", "N", "no", "No", "NO", "off", "Off", "OFF":
		return true
	}
	return false
}

// base60Float is yaml.v3's own pattern for YAML 1.1 sexagesimal numbers,
// compiled on first use (only YAML output needs it).
var base60Float = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`)
})
