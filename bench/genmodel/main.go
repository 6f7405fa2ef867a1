// Command genmodel writes a generated model with N indicators and a complete
// answers file for it, for bench/run.sh:
//
//	go run ./bench/genmodel -n 10000 -model m.yaml -answers a.yaml
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
)

func main() {
	n := flag.Int("n", 10000, "number of indicators (a multiple of pillars × levels)")
	modelPath := flag.String("model", "model.yaml", "model file to write")
	answersPath := flag.String("answers", "answers.yaml", "answers file to write")
	flag.Parse()
	if err := write(*n, *modelPath, *answersPath); err != nil {
		fmt.Fprintln(os.Stderr, "genmodel:", err)
		os.Exit(1)
	}
}

func write(n int, modelPath, answersPath string) error {
	const pillars, levels = 10, 5
	perCell := max(1, n/(pillars*levels))
	mf, err := os.Create(modelPath)
	if err != nil {
		return err
	}
	defer mf.Close()
	af, err := os.Create(answersPath)
	if err != nil {
		return err
	}
	defer af.Close()
	m, a := bufio.NewWriter(mf), bufio.NewWriter(af)
	fmt.Fprintf(m, "id: generated\nname: Generated model\nversion: \"1\"\nlevels:\n")
	for l := 1; l <= levels; l++ {
		fmt.Fprintf(m, "  - {value: %d, name: Level %d}\n", l*100, l)
	}
	fmt.Fprintf(m, "pillars:\n")
	fmt.Fprintf(a, "model: generated\nmodel_version: \"1\"\nanswers:\n")
	answers := []string{`"yes"`, "partial", `"no"`, "na", `"yes"`, `"yes"`}
	k := 0
	for p := 0; p < pillars; p++ {
		fmt.Fprintf(m, "  - id: p%d\n    name: Pillar %d\n    cells:\n", p, p)
		for l := 1; l <= levels; l++ {
			fmt.Fprintf(m, "      - level: %d\n        goal: Goal of pillar %d at level %d\n        indicators:\n", l*100, p, l)
			for i := 0; i < perCell; i++ {
				id := fmt.Sprintf("p%d.%d.indicator-%d", p, l*100, i)
				fmt.Fprintf(m, "          - id: %s\n            text: Indicator number %d is in place.\n            weight: %d\n", id, k, 1+k%3)
				fmt.Fprintf(a, "  %s: %s\n", id, answers[k%len(answers)])
				k++
			}
		}
	}
	if err := m.Flush(); err != nil {
		return err
	}
	return a.Flush()
}
