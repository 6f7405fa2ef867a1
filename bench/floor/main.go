// Command floor is the performance floor for `maturity score`: a minimal Go
// program that only reads and parses an answers file with the same YAML
// library. bench/run.sh compares maturity with it. With -node FILE it
// parses FILE into a yaml.Node alone: the floor for loading a model.
package main

import (
	"os"

	"go.yaml.in/yaml/v3"
)

func main() {
	if len(os.Args) == 3 && os.Args[1] == "-node" {
		data, err := os.ReadFile(os.Args[2])
		if err != nil {
			os.Exit(2)
		}
		var n yaml.Node
		if err := yaml.Unmarshal(data, &n); err != nil {
			os.Exit(2)
		}
		return
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		os.Exit(2)
	}
	var v map[string]any
	if err := yaml.Unmarshal(data, &v); err != nil {
		os.Exit(2)
	}
}
