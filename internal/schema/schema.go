// Package schema holds the JSON Schemas of the file formats.
package schema

import "embed"

//go:embed *.schema.json
var files embed.FS

// Names lists the schemas, in the order the help shows them.
func Names() []string { return []string{"model", "answers", "result", "plan"} }

// Get returns the JSON Schema with the given name.
func Get(name string) ([]byte, bool) {
	data, err := files.ReadFile(name + ".schema.json")
	return data, err == nil
}
