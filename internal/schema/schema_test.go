package schema

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
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
	for _, name := range glob(t, "../../testdata/answers/*.yaml") {
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

func TestResultSchemaAcceptsResults(t *testing.T) {
	s := compile(t, "result")
	cases := []struct{ model, answers string }{
		{"power-automate", "../../testdata/answers/pa-200-contoso.yaml"},
		{"power-automate", "../../testdata/answers/pa-500-full.yaml"},
		{"power-automate", "../../testdata/answers/pa-partial.yaml"},
		{"../../testdata/models/tiny.yaml", "../../testdata/answers/tiny.yaml"},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.answers), func(t *testing.T) {
			var m *model.Model
			var err error
			if filepath.Ext(c.model) == ".yaml" {
				data, _ := os.ReadFile(c.model)
				m, err = model.Parse(c.model, data)
			} else {
				m, err = model.Embedded(c.model)
			}
			if err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(c.answers)
			f, err := answers.Parse(c.answers, data)
			if err != nil {
				t.Fatal(err)
			}
			r, err := score.Score(m, f, score.Options{})
			if err != nil {
				t.Fatal(err)
			}
			out, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Validate(inst); err != nil {
				t.Errorf("%v\n%s", err, out)
			}
		})
	}
}

func TestResultSchemaRejectsAMissingField(t *testing.T) {
	s := compile(t, "result")
	inst := jsonInstance(t, map[string]any{"schema_version": 1})
	if err := s.Validate(inst); err == nil {
		t.Error("a result without level, score and pillars validates")
	}
}
