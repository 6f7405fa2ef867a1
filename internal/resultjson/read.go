package resultjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/internal/yamlx"
	"github.com/heat-tools/maturity/model"
)

// IsJSON says whether data looks like a JSON result rather than an
// answers file: its first non-space character is '{'. A YAML answers file
// written as a flow mapping would also start with '{'; such files are rare
// and get a clear error pointing at this rule.
func IsJSON(data []byte) bool {
	t := bytes.TrimLeft(data, " \t\r\n\ufeff")
	return len(t) > 0 && t[0] == '{'
}

// resultJSON mirrors score.Result with pointers, to tell a missing field
// from a zero one, and raw counts, whose keys depend on the model's scale.
type resultJSON struct {
	SchemaVersion *int                 `json:"schema_version"`
	Model         *score.ModelInfo     `json:"model"`
	Input         score.InputInfo      `json:"input"`
	Threshold     score.Ratio          `json:"threshold"`
	Scoring       string               `json:"scoring"`
	Level         *score.LevelRef      `json:"level"`
	Score         *json.Number         `json:"score"`
	NextLevel     *score.LevelRef      `json:"next_level"`
	Target        *score.LevelRef      `json:"target"`
	Pillars       []score.PillarResult `json:"pillars"`
	Groups        []score.GroupResult  `json:"groups"`
	Gaps          []score.Gap          `json:"gaps"`
	Unanswered    []string             `json:"unanswered"`
	Counts        json.RawMessage      `json:"counts"`
}

// Parse reads a JSON result written by `maturity score --format
// json` (schema_version 1). Unknown fields are ignored, since later
// versions of the tool may add some; missing required fields, a wrong
// type, or another schema version are errors with a line and column.
func Parse(file string, data []byte) (*score.Result, error) {
	var raw resultJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		return nil, jsonError(file, data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		off := dec.InputOffset()
		return nil, at(file, data, off-1, "unexpected data after the JSON result")
	}
	fail := func(msg string) error {
		return &yamlx.Error{File: file, Line: 1, Col: 1, Msg: msg, Next: "pass an answers file, or the output of maturity score --format json"}
	}
	switch {
	case raw.SchemaVersion == nil:
		return nil, fail("not a maturity result: schema_version is missing")
	case *raw.SchemaVersion != score.SchemaVersion:
		return nil, fail(fmt.Sprintf("result schema_version %d is not supported (want %d)", *raw.SchemaVersion, score.SchemaVersion))
	case raw.Model == nil || raw.Model.ID == "":
		return nil, fail("not a maturity result: model.id is missing")
	case raw.Level == nil:
		return nil, fail("not a maturity result: level is missing")
	case raw.Score == nil:
		return nil, fail("not a maturity result: score is missing")
	case len(raw.Pillars) == 0:
		return nil, fail("not a maturity result: pillars is missing or empty")
	}
	seen := map[string]bool{}
	for i, p := range raw.Pillars {
		if p.ID == "" {
			return nil, fail(fmt.Sprintf("pillars[%d]: id is missing", i))
		}
		if seen[p.ID] {
			return nil, fail(fmt.Sprintf("pillars[%d]: pillar %q appears twice", i, p.ID))
		}
		seen[p.ID] = true
	}
	counts, err := parseCounts(raw.Counts)
	if err != nil {
		return nil, fail("counts: " + err.Error())
	}
	value, err := raw.Score.Float64()
	if err != nil {
		return nil, fail("score: want a number")
	}
	if raw.Scoring == "" {
		raw.Scoring = model.Staged // written before v2
	}
	r := &score.Result{
		SchemaVersion: *raw.SchemaVersion,
		Model:         *raw.Model,
		Input:         raw.Input,
		Threshold:     raw.Threshold,
		Scoring:       raw.Scoring,
		Level:         *raw.Level,
		Score:         score.OneDecimal(value),
		NextLevel:     raw.NextLevel,
		Target:        raw.Target,
		Pillars:       raw.Pillars,
		Groups:        raw.Groups,
		Gaps:          raw.Gaps,
		Unanswered:    raw.Unanswered,
		Counts:        counts,
	}
	// The decimals of the score are its model's precision.
	if i := strings.IndexByte(raw.Score.String(), '.'); i >= 0 {
		r.SetPrecision(min(len(raw.Score.String())-i-1, model.MaxPrecision))
	} else {
		r.SetPrecision(0)
	}
	if r.Input.File == "" {
		r.Input.File = file
	}
	if r.Gaps == nil {
		r.Gaps = []score.Gap{}
	}
	if r.Unanswered == nil {
		r.Unanswered = []string{}
	}
	return r, nil
}

// parseCounts reads the flat counts object, keeping the scale ids in the
// order written: indicators, one key per scale id, na, unanswered.
func parseCounts(data json.RawMessage) (score.Counts, error) {
	var c score.Counts
	if len(data) == 0 || string(data) == "null" {
		return c, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return c, errors.New("want an object of counts")
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return c, err
		}
		key, _ := t.(string)
		var n int
		if err := dec.Decode(&n); err != nil {
			return c, fmt.Errorf("%s: want a whole number", key)
		}
		switch key {
		case "indicators":
			c.Indicators = n
		case "na":
			c.NA = n
		case "unanswered":
			c.Unanswered = n
		default:
			c.Scale = append(c.Scale, score.ScaleCount{ID: key, N: n})
		}
	}
	return c, nil
}

func jsonError(file string, data []byte, err error) error {
	var (
		se *json.SyntaxError
		te *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &se):
		e := at(file, data, se.Offset-1, "invalid JSON: "+se.Error())
		if !bytes.Contains(data, []byte(`"schema_version"`)) {
			e.Next = "a file that starts with { is read as a JSON result; write answers files as block YAML (key: value lines)"
		}
		return e
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "result"
		}
		return at(file, data, te.Offset-1, fmt.Sprintf("%s: want %s, got a JSON %s", field, kindName(te.Type), te.Value))
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return at(file, data, int64(len(data)), "invalid JSON: unexpected end of file")
	}
	return &yamlx.Error{File: file, Msg: "invalid JSON: " + err.Error()}
}

// kindName names a Go type as the JSON it reads.
func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Pointer:
		return kindName(t.Elem())
	}
	return "a number"
}

// at builds an error at the line and column of the byte at offset off.
// (encoding/json reports offsets after the offending byte; callers subtract one.)
func at(file string, data []byte, off int64, msg string) *yamlx.Error {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	before := data[:off]
	line := 1 + bytes.Count(before, []byte("\n"))
	col := 1 + len(before) - (bytes.LastIndexByte(before, '\n') + 1)
	return &yamlx.Error{File: file, Line: line, Col: col, Msg: msg}
}
