package score

import (
	"fmt"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/model"
)

// BenchmarkValidateAndScore loads a generated model (validating it), parses
// its answers and scores them, at sizes from 1,000 to 50,000 indicators:
// ns/op divided by the size should stay flat (linear cost). SPEC: 10,000
// indicators in under 100 ms.
func BenchmarkValidateAndScore(b *testing.B) {
	for _, size := range []struct{ pillars, levels, perCell int }{
		{10, 5, 20},   // 1,000
		{10, 5, 200},  // 10,000
		{10, 5, 1000}, // 50,000: the largest that fits the limits on input
	} {
		n := size.pillars * size.levels * size.perCell
		modelYAML, answersYAML := generatedModel(size.pillars, size.levels, size.perCell)
		b.Run(fmt.Sprintf("indicators=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(modelYAML) + len(answersYAML)))
			for b.Loop() {
				m, err := model.Parse("m.yaml", []byte(modelYAML))
				if err != nil {
					b.Fatal(err)
				}
				f, err := answers.Parse("a.yaml", []byte(answersYAML))
				if err != nil {
					b.Fatal(err)
				}
				if err := answers.Check(f, m); err != nil {
					b.Fatal(err)
				}
				if _, err := Score(m, f, Options{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/indicator")
		})
	}
}

// BenchmarkModelAgainstNodeParse compares, for a model of 10,000
// indicators, parsing its file into a yaml.Node alone (the floor) with
// validating it (model.Parse) and with validating and scoring complete
// answers. SPEC: within 1.3× of the node parse (docs/benchmarks.md).
func BenchmarkModelAgainstNodeParse(b *testing.B) {
	modelYAML, answersYAML := generatedModel(10, 5, 200)
	b.Run("node", func(b *testing.B) {
		for b.Loop() {
			var n yaml.Node
			if err := yaml.Unmarshal([]byte(modelYAML), &n); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("validate", func(b *testing.B) {
		for b.Loop() {
			if _, err := model.Parse("m.yaml", []byte(modelYAML)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("validate+score", func(b *testing.B) {
		for b.Loop() {
			m, err := model.Parse("m.yaml", []byte(modelYAML))
			if err != nil {
				b.Fatal(err)
			}
			f, err := answers.Parse("a.yaml", []byte(answersYAML))
			if err != nil {
				b.Fatal(err)
			}
			if err := answers.Check(f, m); err != nil {
				b.Fatal(err)
			}
			if _, err := Score(m, f, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkNodeParseBoth is the floor for validate+score above: both the
// model file and the answers file parsed into yaml.Nodes.
func BenchmarkNodeParseBoth(b *testing.B) {
	modelYAML, answersYAML := generatedModel(10, 5, 200)
	for b.Loop() {
		var n, a yaml.Node
		if err := yaml.Unmarshal([]byte(modelYAML), &n); err != nil {
			b.Fatal(err)
		}
		if err := yaml.Unmarshal([]byte(answersYAML), &a); err != nil {
			b.Fatal(err)
		}
	}
}
