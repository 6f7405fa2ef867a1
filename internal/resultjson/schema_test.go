package resultjson

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/schema"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
)

// The result schema, the contract that internal/schema embeds for editors
// and `maturity schema result`, holds for what Append writes.
func compileResultSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	data, ok := schema.Get("result")
	if !ok {
		t.Fatal("no result schema")
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("result schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	const url = "mem://result.schema.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("result schema does not compile: %v", err)
	}
	return s
}

func TestResultSchemaAcceptsResults(t *testing.T) {
	s := compileResultSchema(t)
	cases := []struct{ model, answers string }{
		{"power-automate", "../../testdata/answers/pa-200-contoso.yaml"},
		{"power-automate", "../../testdata/answers/pa-500-full.yaml"},
		{"power-automate", "../../testdata/answers/pa-partial.yaml"},
		{"../../testdata/models/tiny.yaml", "../../testdata/answers/tiny.yaml"},
		{"../../testdata/models/appsec-practices.yaml", "../../testdata/answers/appsec/q1.yaml"}, // scoring, groups, two decimals
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
			if err := answers.Check(f, m); err != nil {
				t.Fatal(err)
			}
			r, err := score.Score(m, f, score.Options{})
			if err != nil {
				t.Fatal(err)
			}
			out := Append(nil, r)
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
	s := compileResultSchema(t)
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(`{"schema_version": 1}`))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(inst); err == nil {
		t.Error("a result without level, score and pillars validates")
	}
}
