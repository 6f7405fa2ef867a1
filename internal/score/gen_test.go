package score

import (
	"fmt"
	"strings"
)

// generatedModel writes a model with pillars × levels × perCell indicators,
// and answers for it (every third partial, every seventh na, the rest yes),
// for benchmarks and property tests of large inputs.
func generatedModel(pillars, levels, perCell int) (modelYAML, answersYAML string) {
	var m, a strings.Builder
	m.WriteString("id: generated\nname: Generated\nversion: \"1\"\nlevels:\n")
	for l := 1; l <= levels; l++ {
		fmt.Fprintf(&m, "  - {value: %d, name: L%d}\n", l*100, l)
	}
	m.WriteString("pillars:\n")
	a.WriteString("model: generated\nanswers:\n")
	n := 0
	for p := 0; p < pillars; p++ {
		fmt.Fprintf(&m, "  - id: p%d\n    name: Pillar %d\n    cells:\n", p, p)
		for l := 1; l <= levels; l++ {
			fmt.Fprintf(&m, "      - level: %d\n        goal: Goal %d.%d\n        indicators:\n", l*100, p, l)
			for i := 0; i < perCell; i++ {
				id := fmt.Sprintf("p%d.%d.i%d", p, l*100, i)
				fmt.Fprintf(&m, "          - {id: %s, text: Indicator %d, weight: %d}\n", id, n, 1+n%3)
				answer := "yes"
				switch {
				case n%7 == 0:
					answer = "na"
				case n%3 == 0:
					answer = "partial"
				}
				fmt.Fprintf(&a, "  %s: %s\n", id, answer)
				n++
			}
		}
	}
	return m.String(), a.String()
}
