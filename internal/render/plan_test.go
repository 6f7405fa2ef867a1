package render

import (
	"bytes"
	"encoding/csv"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/plan"
	"github.com/heat-tools/maturity/internal/schema"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
)

// planFor plans an answers file of testdata against a model (an embedded
// id, or a file of testdata/models).
func planFor(t *testing.T, modelSpec, answersFile string) (*model.Model, *plan.Plan) {
	t.Helper()
	var m *model.Model
	var err error
	if data, rerr := os.ReadFile("../../testdata/models/" + modelSpec + ".yaml"); rerr == nil {
		m, err = model.Parse(modelSpec+".yaml", data)
	} else {
		m, err = model.Embedded(modelSpec)
	}
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../../testdata/answers/" + answersFile)
	if err != nil {
		t.Fatal(err)
	}
	f, err := answers.Parse(answersFile, data)
	if err == nil {
		err = answers.Check(f, m)
	}
	if err != nil {
		t.Fatal(err)
	}
	r, err := score.Score(m, f, score.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.Build(m, f, r, score.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return m, p
}

var planCases = []struct{ model, answers string }{
	{"power-automate", "pa-200-contoso.yaml"},
	{"chain", "chain.yaml"},
}

// TestPlanSameBytes: same input, same bytes, in every format.
func TestPlanSameBytes(t *testing.T) {
	for _, c := range planCases {
		for _, format := range PlanFormats() {
			var a, b bytes.Buffer
			m, p := planFor(t, c.model, c.answers)
			if err := Plan(&a, m, p, format, TextOptions{}); err != nil {
				t.Fatal(err)
			}
			m, p = planFor(t, c.model, c.answers)
			if err := Plan(&b, m, p, format, TextOptions{}); err != nil {
				t.Fatal(err)
			}
			if a.Len() == 0 || !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("%s %s: two runs differ or are empty", c.answers, format)
			}
		}
	}
}

// TestPlanCSVKeys: one row per step, each with its own key.
func TestPlanCSVKeys(t *testing.T) {
	for _, c := range planCases {
		m, p := planFor(t, c.model, c.answers)
		var buf bytes.Buffer
		if err := PlanCSV(&buf, m, p); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs)-1 != p.StepCount() {
			t.Errorf("%s: %d rows, want %d steps", c.answers, len(recs)-1, p.StepCount())
		}
		seen := map[string]bool{}
		for _, rec := range recs[1:] {
			if seen[rec[0]] {
				t.Errorf("%s: key %s twice", c.answers, rec[0])
			}
			seen[rec[0]] = true
		}
	}
}

func TestPlanJSONSchema(t *testing.T) {
	data, _ := schema.Get("plan")
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	comp := jsonschema.NewCompiler()
	if err := comp.AddResource("mem://plan.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := comp.Compile("mem://plan.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range planCases {
		_, p := planFor(t, c.model, c.answers)
		var buf bytes.Buffer
		if err := PlanJSON(&buf, p); err != nil {
			t.Fatal(err)
		}
		v, err := jsonschema.UnmarshalJSON(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(v); err != nil {
			t.Errorf("%s: %v", c.answers, err)
		}
	}
	// A plan missing a required field is refused: the schema can fail.
	v, _ := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(`{"schema_version": 1}`)))
	if s.Validate(v) == nil {
		t.Error("schema accepts a plan without phases")
	}
}
