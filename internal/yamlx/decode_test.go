package yamlx

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestEachPairDuplicates holds the two ways EachPair finds a repeated key
// (looking back in a small mapping, a map in a large one) to the same
// answers: each repeat reported at its line with the first one's line, the
// others passed on in file order.
func TestEachPairDuplicates(t *testing.T) {
	// keys writes a mapping of n distinct keys k0.., then the extra keys.
	keys := func(n int, extra ...string) (string, []string) {
		var b strings.Builder
		var want []string
		for i := range n {
			fmt.Fprintf(&b, "k%d: 1\n", i)
			want = append(want, fmt.Sprintf("k%d", i))
		}
		for _, k := range extra {
			fmt.Fprintf(&b, "%s: 1\n", k)
		}
		return b.String(), want
	}
	for _, tc := range []struct {
		name     string
		distinct int
		extra    []string
		passed   []string // after the distinct keys
		problems []string
	}{
		{"small, none repeated", 3, nil, nil, nil},
		{"small, one repeated twice", 3, []string{"k1", "x", "k1"}, []string{"x"},
			[]string{"4: duplicate key \"k1\" (first at line 2)", "6: duplicate key \"k1\" (first at line 2)"}},
		{"at the bound", smallMapping - 1, []string{"k0"}, nil,
			[]string{fmt.Sprintf("%d: duplicate key \"k0\" (first at line 1)", smallMapping)}},
		{"over the bound", smallMapping, []string{"k0"}, nil,
			[]string{fmt.Sprintf("%d: duplicate key \"k0\" (first at line 1)", smallMapping+1)}},
		{"large, one repeated twice", 40, []string{"k39", "y", "k39"}, []string{"y"},
			[]string{"41: duplicate key \"k39\" (first at line 40)", "43: duplicate key \"k39\" (first at line 40)"}},
		{"non-text key is not a first use", 2, []string{"[k5]", "k5", "k5"}, []string{"k5"},
			[]string{"3: want a field name, got a list", "5: duplicate key \"k5\" (first at line 4)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, want := keys(tc.distinct, tc.extra...)
			want = append(want, tc.passed...)
			root, err := Parse("x.yaml", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			var passed, problems []string
			report := func(at *yaml.Node, msg string) { problems = append(problems, fmt.Sprintf("%d: %s", at.Line, msg)) }
			EachPair(root, "a field name", report, func(k, v *yaml.Node) { passed = append(passed, k.Value) })
			if !slices.Equal(passed, want) {
				t.Errorf("passed on %v, want %v", passed, want)
			}
			if !slices.Equal(problems, tc.problems) {
				t.Errorf("problems %q, want %q", problems, tc.problems)
			}
		})
	}
}
