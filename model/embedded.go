package model

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:generate go run ./internal/gen -o embedded_gen.go

//go:embed models/*.yaml
var embeddedFiles embed.FS

// ErrNotEmbedded is returned by Embedded for an id no embedded model has.
var ErrNotEmbedded = errors.New("no embedded model")

// DefaultID is the model used when neither a flag nor an answers file names one.
const DefaultID = "power-automate"

// EmbeddedIDs lists the ids of the models built into the binary, sorted.
func EmbeddedIDs() []string {
	entries, _ := fs.ReadDir(embeddedFiles, "models")
	ids := make([]string, 0, len(entries))
	for _, e := range entries {
		ids = append(ids, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(ids)
	return ids
}

// EmbeddedSource returns the YAML text of an embedded model, comments and all.
func EmbeddedSource(id string) ([]byte, bool) {
	if !modelIDFormat.match(id) {
		return nil, false
	}
	data, err := embeddedFiles.ReadFile(path.Join("models", id+".yaml"))
	return data, err == nil
}

// Embedded returns the embedded model with the given id. Each call returns
// a new value that the caller may change. The models are built from code
// generated from their YAML at build time (see embedded_gen.go), so that
// starting the tool costs no parsing.
func Embedded(id string) (*Model, error) {
	if m := generatedModel(id); m != nil {
		m.prepare()
		return m, nil
	}
	return parseEmbedded(id)
}

// parseEmbedded parses an embedded model from its YAML.
func parseEmbedded(id string) (*Model, error) {
	data, ok := EmbeddedSource(id)
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrNotEmbedded, id)
	}
	return Parse("embedded:"+id, data)
}
