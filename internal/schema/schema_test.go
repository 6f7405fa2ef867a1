package schema

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

func compile(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	data, ok := Get(name)
	if !ok {
		t.Fatalf("no schema %q", name)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s schema is not JSON: %v", name, err)
	}
	c := jsonschema.NewCompiler()
	url := "mem://" + name + ".schema.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("%s schema does not compile: %v", name, err)
	}
	return s
}

// yamlInstance reads a YAML file as the JSON value an editor would see.
func yamlInstance(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return jsonInstance(t, normalize(v))
}

func normalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normalize(e)
		}
	case []any:
		for i, e := range x {
			x[i] = normalize(e)
		}
	case time.Time:
		return x.Format("2006-01-02")
	}
	return v
}

func jsonInstance(t *testing.T, v any) any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

func glob(t *testing.T, patterns ...string) []string {
	var out []string
	for _, p := range patterns {
		m, err := filepath.Glob(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	if len(out) == 0 {
		t.Fatalf("no files match %v", patterns)
	}
	return out
}

func TestModelSchemaAcceptsTheModels(t *testing.T) {
	s := compile(t, "model")
	for _, name := range glob(t, "../../testdata/models/*.yaml", "../../model/models/*.yaml") {
		data, _ := os.ReadFile(name)
		if err := s.Validate(yamlInstance(t, data)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestModelSchemaRejectsABadModel(t *testing.T) {
	s := compile(t, "model")
	data, _ := os.ReadFile("../../testdata/bad/bad-model.yaml")
	if err := s.Validate(yamlInstance(t, data)); err == nil {
		t.Error("bad-model.yaml validates against the model schema")
	}
}

func TestAnswersSchemaAcceptsTheAnswers(t *testing.T) {
	s := compile(t, "answers")
	for _, name := range glob(t, "../../testdata/answers/*.yaml", "../../testdata/answers/*/*.yaml") {
		data, _ := os.ReadFile(name)
		if err := s.Validate(yamlInstance(t, data)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestAnswersSchemaRejectsBadShapes(t *testing.T) {
	s := compile(t, "answers")
	for _, name := range []string{"wrong-type.yaml", "bad-model.yaml"} {
		data, _ := os.ReadFile(filepath.Join("../../testdata/bad", name))
		if err := s.Validate(yamlInstance(t, data)); err == nil {
			t.Errorf("%s validates against the answers schema", name)
		}
	}
}

// TestModelSchemaV2 holds the schema to the loader's rules for the fields
// of format v2 that a schema can express.
func TestModelSchemaV2(t *testing.T) {
	s := compile(t, "model")
	const base = `id: t
name: T
version: "1"
scoring: cumulative
precision: 2
scales:
  four: [{id: n, label: N, score: 0}, {id: s, label: S, score: 0.5}, {id: y, label: Y, score: 1}]
levels: [{value: 1, name: One}]
groups: [{id: g, name: G}]
pillars:
  - id: p
    name: P
    group: g
    cells:
      - level: 1
        scale: four
        indicators:
          - {id: p.1.a, text: A, scale: four, effort: 2, impact: 3, depends_on: [p.1.b], tags: [x]}
          - {id: p.1.b, text: B}
`
	if err := s.Validate(yamlInstance(t, []byte(base))); err != nil {
		t.Fatalf("the v2 base model: %v", err)
	}
	bad := map[string][2]string{
		"unknown scoring":   {"scoring: cumulative", "scoring: summed"},
		"precision 4":       {"precision: 2", "precision: 4"},
		"scale of one":      {"[{id: n, label: N, score: 0}, {id: s, label: S, score: 0.5}, {id: y, label: Y, score: 1}]", "[{id: y, label: Y, score: 1}]"},
		"scale without a 1": {"{id: y, label: Y, score: 1}", "{id: y, label: Y, score: 0.9}"},
		"scale without a 0": {"{id: n, label: N, score: 0}", "{id: n, label: N, score: 0.1}"},
		"effort 0":          {"effort: 2", "effort: 0"},
		"impact negative":   {"impact: 3", "impact: -1"},
		"group not text":    {"group: g", "group: [g]"},
		"bad scale name":    {"  four:", "  Four!:"},
	}
	for name, r := range bad {
		doc := strings.Replace(base, r[0], r[1], 1)
		if doc == base {
			t.Fatalf("%s: %q not in the base", name, r[0])
		}
		if err := s.Validate(yamlInstance(t, []byte(doc))); err == nil {
			t.Errorf("%s: validates against the model schema", name)
		}
	}
}
