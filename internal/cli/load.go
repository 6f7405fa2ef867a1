package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/yamlx"
	"github.com/heat-tools/maturity/model"
)

// loadModel resolves --model: an existing file wins, else an embedded id.
func loadModel(io *IO, spec string) (*model.Model, error) {
	if spec == "" {
		spec = model.DefaultID
	}
	if st, err := os.Stat(spec); err == nil && !st.IsDir() || spec == "-" || looksLikePath(spec) {
		data, err := yamlx.ReadFile(spec, io.In)
		if err != nil {
			return nil, err
		}
		return model.Parse(yamlx.DisplayName(spec), data)
	}
	m, err := model.Embedded(spec)
	if errors.Is(err, model.ErrNotEmbedded) {
		hint := "embedded models: " + strings.Join(model.EmbeddedIDs(), ", ") + "; or pass a path to a model file"
		if near := yamlx.Nearest(spec, model.EmbeddedIDs()); near != "" {
			hint = "did you mean " + near + "? " + hint
		}
		return nil, &usageError{
			msg:  fmt.Sprintf("unknown model %q: not an embedded model id nor a file", spec),
			hint: hint,
		}
	}
	return m, err
}

func looksLikePath(s string) bool {
	return strings.ContainsAny(s, `/\`) || strings.HasSuffix(s, ".yaml") || strings.HasSuffix(s, ".yml")
}

// modelCache loads each model spec once per process. It is safe for
// concurrent use: a spec is loaded once, by whichever caller comes first,
// and the others wait for it. A failed load is remembered too, so a batch
// of files naming a bad model reports the same error without reloading.
type modelCache struct {
	io     *IO
	mu     sync.Mutex
	models map[string]*modelEntry
}

type modelEntry struct {
	once sync.Once
	m    *model.Model
	err  error
}

func newModelCache(io *IO) *modelCache {
	return &modelCache{io: io, models: map[string]*modelEntry{}}
}

func (c *modelCache) get(spec string) (*model.Model, error) {
	e, _ := c.entry(spec)
	return c.load(e, spec)
}

// entry returns spec's entry, made now (isNew) if it had none.
func (c *modelCache) entry(spec string) (e *modelEntry, isNew bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.models[spec]
	if !ok {
		e = &modelEntry{}
		c.models[spec] = e
	}
	return e, !ok
}

// has says whether spec is loading or loaded.
func (c *modelCache) has(spec string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.models[spec]
	return ok
}

// load loads spec into e once, however many callers ask.
func (c *modelCache) load(e *modelEntry, spec string) (*model.Model, error) {
	e.once.Do(func() {
		// Guarded here, not only by the caller: prefetch loads in a
		// goroutine of its own, where a panic would end the process.
		e.err = guard(spec, func() (err error) {
			e.m, err = loadModel(c.io, spec)
			return err
		})
	})
	return e.m, e.err
}

// prefetch starts loading spec in the background, unless it is loading
// or loaded, so that a model file and the answers file scored against it
// are parsed at once, each on a core of its own: for a large model, the
// answers file then costs next to nothing (docs/benchmarks.md). Standard
// input is left to be read in order; regularOnly leaves out anything but
// a regular file (a device, a pipe), for a spec that is only a guess.
func (c *modelCache) prefetch(spec string, regularOnly bool) {
	if spec == "-" {
		return
	}
	if c.has(spec) {
		return // before the stat below: a batch asks once per file
	}
	if regularOnly {
		if st, err := os.Stat(spec); err != nil || !st.Mode().IsRegular() {
			return
		}
	}
	if e, isNew := c.entry(spec); isNew {
		go c.load(e, spec)
	}
}

// loadAnswers reads and checks one answers file against the model given by
// --model (modelSpec), else the one it names, else the default model.
// strict makes an unknown top-level field an error instead of a warning.
func loadAnswers(io *IO, models *modelCache, name, modelSpec string, strict bool) (*answers.File, *model.Model, error) {
	data, err := yamlx.ReadFile(name, io.In)
	if err != nil {
		return nil, nil, err
	}
	f, m, err := parseAnswers(models, yamlx.DisplayName(name), data, modelSpec)
	if err != nil {
		return nil, nil, err
	}
	if err := checkUnknownFields(io, f, strict); err != nil {
		return nil, nil, err
	}
	if err := answers.Check(f, m); err != nil {
		return nil, nil, err
	}
	if w := answers.VersionWarning(f, m); w != "" {
		fmt.Fprintf(io.Err, "maturity: warning: %s\n", w)
	}
	return f, m, nil
}

// parseAnswers parses an answers file and resolves its model; the answers
// are not yet checked against the model.
func parseAnswers(models *modelCache, display string, data []byte, modelSpec string) (*answers.File, *model.Model, error) {
	if modelSpec != "" {
		models.prefetch(modelSpec, false)
	} else if peeked := answers.PeekModel(data); looksLikePath(peeked) {
		// The model file the answers name, as parsing will find it. What
		// scores is what Parse reads; a line PeekModel misreads (a value
		// that goes on over lines) loads a file not asked for, so only a
		// regular file is loaded ahead, never a device or a pipe.
		models.prefetch(modelPathFrom(display, peeked), true)
	}
	f, err := answers.Parse(display, data)
	if err != nil {
		return nil, nil, err
	}
	spec := modelSpec
	byPath := looksLikePath(f.Model)
	if spec == "" {
		spec = f.Model
		if byPath {
			// A model file the answers name is relative to the answers file.
			spec = modelPathFrom(display, f.Model)
			if _, err := os.Stat(spec); err != nil {
				return nil, nil, &yamlx.Error{File: display, Line: f.ModelPos.Line, Col: f.ModelPos.Col,
					Msg:  fmt.Sprintf("model file %s: %s (looked for %s)", f.Model, describeStat(err), spec),
					Next: "a model path in an answers file is relative to that file; or pass --model"}
			}
		}
	}
	m, err := models.get(spec)
	var unknown *usageError
	if modelSpec == "" && errors.As(err, &unknown) {
		// The file named a model that does not exist: say which file.
		return nil, nil, &yamlx.Error{File: display, Line: f.ModelPos.Line, Col: f.ModelPos.Col, Msg: unknown.msg, Next: unknown.hint}
	}
	if err != nil {
		return nil, nil, err
	}
	if !byPath && f.Model != m.ID {
		return nil, nil, &yamlx.Error{File: display, Line: f.ModelPos.Line, Col: f.ModelPos.Col,
			Msg:  fmt.Sprintf("answers are for model %q, not %q", f.Model, m.ID),
			Next: "pass --model with the model these answers were written for"}
	}
	return f, m, nil
}

// modelFileOf is the model file that f names by its path (SPEC: relative
// to f), as a path from the working folder; false for a model id.
func modelFileOf(f *answers.File) (string, bool) {
	if looksLikePath(f.Model) {
		return modelPathFrom(f.Name, f.Model), true
	}
	return "", false
}

// modelPathFrom resolves a model path written in the answers file named
// display: relative to that file's folder (to the working folder for
// standard input).
func modelPathFrom(display, path string) string {
	if filepath.IsAbs(path) || display == yamlx.DisplayName("-") {
		return path
	}
	return filepath.Join(filepath.Dir(display), path)
}

func describeStat(err error) string {
	if errors.Is(err, os.ErrNotExist) {
		return "no such file"
	}
	return err.Error()
}

// checkUnknownFields warns about each unknown top-level field of f, or,
// when strict, returns them as the error.
func checkUnknownFields(io *IO, f *answers.File, strict bool) error {
	unknown := answers.UnknownFields(f)
	if strict {
		return unknown.Err()
	}
	for _, e := range unknown {
		printOne(io.Err, "warning: "+e.Error(), e.Hint())
	}
	return nil
}
