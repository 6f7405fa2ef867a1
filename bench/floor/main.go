// Command floor is the performance floor for `maturity score`: a minimal Go
// program that only reads and parses an answers file with the same YAML
// library. bench/run.sh compares maturity with it.
package main

import (
	"os"

	"go.yaml.in/yaml/v3"
)

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		os.Exit(2)
	}
	var v map[string]any
	if err := yaml.Unmarshal(data, &v); err != nil {
		os.Exit(2)
	}
}
