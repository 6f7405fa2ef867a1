package score

import (
	"bytes"
	"math"
	"strconv"

	"go.yaml.in/yaml/v3"

	"github.com/heat-tools/maturity/model"
)

// Result is the outcome of scoring one answers file. Its JSON field names
// are a contract (SPEC.md); add fields, never rename them.
type Result struct {
	SchemaVersion int            `json:"schema_version" yaml:"schema_version"`
	Model         ModelInfo      `json:"model" yaml:"model"`
	Input         InputInfo      `json:"input" yaml:"input"`
	Threshold     Ratio          `json:"threshold" yaml:"threshold"`
	Level         LevelRef       `json:"level" yaml:"level"`
	Score         OneDecimal     `json:"score" yaml:"score"`
	NextLevel     *LevelRef      `json:"next_level" yaml:"next_level"`
	Target        *LevelRef      `json:"target" yaml:"target"`
	Pillars       []PillarResult `json:"pillars" yaml:"pillars"`
	Gaps          []Gap          `json:"gaps" yaml:"gaps"`
	Unanswered    []string       `json:"unanswered" yaml:"unanswered"`
	Counts        Counts         `json:"counts" yaml:"counts"`
}

// ModelInfo names the model a result was computed with.
type ModelInfo struct {
	ID      string `json:"id" yaml:"id"`
	Name    string `json:"name" yaml:"name"`
	Version string `json:"version" yaml:"version"`
}

// InputInfo describes the answers file.
type InputInfo struct {
	File         string `json:"file" yaml:"file"`
	AssessedAt   string `json:"assessed_at,omitempty" yaml:"assessed_at,omitempty"`
	Organization string `json:"organization,omitempty" yaml:"organization,omitempty"`
	Scope        string `json:"scope,omitempty" yaml:"scope,omitempty"`
	Respondent   string `json:"respondent,omitempty" yaml:"respondent,omitempty"`
}

// LevelRef is a level by value and name; value 0 is "None".
type LevelRef struct {
	Value int    `json:"value" yaml:"value"`
	Name  string `json:"name" yaml:"name"`
}

// PillarResult is one pillar's level, score and per-level coverage.
type PillarResult struct {
	ID     string          `json:"id" yaml:"id"`
	Name   string          `json:"name" yaml:"name"`
	Level  LevelRef        `json:"level" yaml:"level"`
	Score  OneDecimal      `json:"score" yaml:"score"`
	Levels []LevelCoverage `json:"levels" yaml:"levels"`

	reached int // index of Level in the model's levels; -1 for None
}

// LevelCoverage is how much of one cell is in place.
type LevelCoverage struct {
	Value      int   `json:"value" yaml:"value"`
	Coverage   Ratio `json:"coverage" yaml:"coverage"`
	Attained   bool  `json:"attained" yaml:"attained"`
	Applicable int   `json:"applicable" yaml:"applicable"`
	Answered   int   `json:"answered" yaml:"answered"`
}

// Gap is an indicator that stands between the organization and the target.
type Gap struct {
	Indicator string           `json:"indicator" yaml:"indicator"`
	Pillar    string           `json:"pillar" yaml:"pillar"`
	Level     int              `json:"level" yaml:"level"`
	Text      string           `json:"text" yaml:"text"`
	Answer    string           `json:"answer,omitempty" yaml:"answer,omitempty"` // empty when unanswered
	Note      string           `json:"note,omitempty" yaml:"note,omitempty"`
	Resources []model.Resource `json:"resources" yaml:"resources"`
}

// Counts counts the answers by kind. Scale holds one count per scale id,
// in scale order; with the default scale those are yes, partial and no.
type Counts struct {
	Indicators int
	Scale      []ScaleCount
	NA         int
	Unanswered int
}

// ScaleCount is the number of answers with one scale id.
type ScaleCount struct {
	ID string
	N  int
}

// MarshalJSON writes the counts as one flat object in a fixed key order.
func (c Counts) MarshalJSON() ([]byte, error) { return c.appendJSON(nil), nil }

func (c Counts) appendJSON(b []byte) []byte {
	b = append(b, `{"indicators":`...)
	b = strconv.AppendInt(b, int64(c.Indicators), 10)
	for _, s := range c.Scale {
		b = append(b, ',')
		b = appendString(b, s.ID)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(s.N), 10)
	}
	b = append(b, `,"na":`...)
	b = strconv.AppendInt(b, int64(c.NA), 10)
	b = append(b, `,"unanswered":`...)
	b = strconv.AppendInt(b, int64(c.Unanswered), 10)
	return append(b, '}')
}

// Of returns the count for a scale id.
func (c Counts) Of(id string) int {
	for _, s := range c.Scale {
		if s.ID == id {
			return s.N
		}
	}
	return 0
}

// OneDecimal is a score, written with exactly one decimal.
type OneDecimal float64

// Round rounds half away from zero to one decimal.
func (d OneDecimal) Round() float64 { return math.Round(float64(d)*10) / 10 }

// MarshalJSON writes d with one decimal.
func (d OneDecimal) MarshalJSON() ([]byte, error) {
	return []byte(strconv.FormatFloat(d.Round(), 'f', 1, 64)), nil
}

// String writes d with one decimal.
func (d OneDecimal) String() string { return strconv.FormatFloat(d.Round(), 'f', 1, 64) }

// Ratio is a coverage or threshold in [0,1], written with up to four decimals.
type Ratio float64

// Round rounds to four decimals.
func (r Ratio) Round() float64 { return math.Round(float64(r)*1e4) / 1e4 }

// MarshalJSON writes r with at least one and at most four decimals.
func (r Ratio) MarshalJSON() ([]byte, error) { return []byte(r.String()), nil }

// String writes r with at least one and at most four decimals.
func (r Ratio) String() string {
	s := strconv.FormatFloat(r.Round(), 'f', -1, 64)
	if !bytes.ContainsRune([]byte(s), '.') {
		s += ".0"
	}
	return s
}

// MarshalYAML writes d as a float with one decimal, as in JSON.
func (d OneDecimal) MarshalYAML() (any, error) {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: d.String()}, nil
}

// MarshalYAML writes r as a float with up to four decimals, as in JSON.
func (r Ratio) MarshalYAML() (any, error) {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: r.String()}, nil
}

// MarshalYAML writes the counts as one flat mapping in the JSON key order.
func (c Counts) MarshalYAML() (any, error) {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	add := func(k string, v int) {
		n.Content = append(n.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k},
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(v)})
	}
	add("indicators", c.Indicators)
	for _, s := range c.Scale {
		add(s.ID, s.N)
	}
	add("na", c.NA)
	add("unanswered", c.Unanswered)
	return n, nil
}
