package score

import (
	"bytes"
	"math"
	"strconv"

	"github.com/heat-tools/maturity/model"
)

// Result is the outcome of scoring one answers file. Its JSON field names,
// in the json tags that internal/resultjson reads by (score itself writes
// no JSON), are a contract (SPEC.md); add fields, never rename them.
type Result struct {
	SchemaVersion int            `json:"schema_version"`
	Model         ModelInfo      `json:"model"`
	Input         InputInfo      `json:"input"`
	Threshold     Ratio          `json:"threshold"`
	Scoring       string         `json:"scoring"`
	Level         LevelRef       `json:"level"`
	Score         OneDecimal     `json:"score"`
	NextLevel     *LevelRef      `json:"next_level"`
	Target        *LevelRef      `json:"target"`
	Pillars       []PillarResult `json:"pillars"`
	Groups        []GroupResult  `json:"groups,omitempty"`
	Gaps          []Gap          `json:"gaps"`
	Unanswered    []string       `json:"unanswered"`
	Counts        Counts         `json:"counts"`

	// decimals is the model's precision plus one, so that the zero value
	// (a result read back from JSON, or made in a test) means the default.
	decimals int
}

// Precision is the number of decimals this result's scores are written
// with: its model's precision, else model.DefaultPrecision.
func (r *Result) Precision() int {
	if r.decimals == 0 {
		return model.DefaultPrecision
	}
	return r.decimals - 1
}

// SetPrecision sets the number of decimals of the result's scores.
func (r *Result) SetPrecision(p int) { r.decimals = p + 1 }

// Format writes a score of this result with its precision.
func (r *Result) Format(v OneDecimal) string { return FormatScore(float64(v), r.Precision()) }

// GroupResult is the mean score of a group's pillars.
type GroupResult struct {
	ID      string     `json:"id"`
	Name    string     `json:"name"`
	Score   OneDecimal `json:"score"`
	Pillars int        `json:"pillars"`
}

// ModelInfo names the model a result was computed with.
type ModelInfo struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Version string `json:"version"`
}

// InputInfo describes the answers file.
type InputInfo struct {
	File         string `json:"file"`
	AssessedAt   string `json:"assessed_at,omitempty"`
	Organization string `json:"organization,omitempty"`
	Scope        string `json:"scope,omitempty"`
	Respondent   string `json:"respondent,omitempty"`
}

// LevelRef is a level by value and name; value 0 is "None".
type LevelRef struct {
	Value int    `json:"value"`
	Name  string `json:"name"`
}

// Label is the level as every output names it: "200 Repeatable"; the bare
// name for value 0 ("None"), which has no number to show, and for a name
// that already holds its value ("Level 1", not "1 Level 1").
func (l LevelRef) Label() string { return model.LevelLabel(l.Value, l.Name) }

// PillarResult is one pillar's level, score and per-level coverage.
type PillarResult struct {
	ID    string     `json:"id"`
	Name  string     `json:"name"`
	Group string     `json:"group,omitempty"`
	Level LevelRef   `json:"level"`
	Score OneDecimal `json:"score"`
	// Target is T(p), the level the pillar aims for; nil when there is
	// none (no target set and the overall level is the top).
	Target *LevelRef       `json:"target"`
	Levels []LevelCoverage `json:"levels"`

	reached int // index of Level in the model's levels; -1 for None
}

// LevelCoverage is how much of one cell is in place.
type LevelCoverage struct {
	Value      int   `json:"value"`
	Coverage   Ratio `json:"coverage"`
	Attained   bool  `json:"attained"`
	Applicable int   `json:"applicable"`
	Answered   int   `json:"answered"`
}

// Gap is an indicator that stands between the organization and the target.
type Gap struct {
	Indicator string           `json:"indicator"`
	Pillar    string           `json:"pillar"`
	Level     int              `json:"level"`
	Text      string           `json:"text"`
	Answer    string           `json:"answer,omitempty"` // empty when unanswered
	Note      string           `json:"note,omitempty"`
	Resources []model.Resource `json:"resources"`
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

// Of returns the count for a scale id.
func (c Counts) Of(id string) int {
	for _, s := range c.Scale {
		if s.ID == id {
			return s.N
		}
	}
	return 0
}

// FormatScore writes a score rounded half away from zero to precision
// decimals (SPEC: scores are rounded only when written).
func FormatScore(v float64, precision int) string {
	return strconv.FormatFloat(RoundScore(v, precision), 'f', precision, 64)
}

// RoundScore rounds a score half away from zero to precision decimals.
func RoundScore(v float64, precision int) float64 {
	p := math.Pow10(precision)
	return math.Round(v*p) / p
}

// OneDecimal is a score, kept unrounded; String writes it with one decimal
// (the default precision), Result.Format with the model's.
type OneDecimal float64

// Round rounds half away from zero to one decimal.
func (d OneDecimal) Round() float64 { return math.Round(float64(d)*10) / 10 }

// String writes d with one decimal.
func (d OneDecimal) String() string { return strconv.FormatFloat(d.Round(), 'f', 1, 64) }

// Ratio is a coverage or threshold in [0,1], written with up to four decimals.
type Ratio float64

// Round rounds to four decimals.
func (r Ratio) Round() float64 { return math.Round(float64(r)*1e4) / 1e4 }

// String writes r with at least one and at most four decimals.
func (r Ratio) String() string {
	s := strconv.FormatFloat(r.Round(), 'f', -1, 64)
	if !bytes.ContainsRune([]byte(s), '.') {
		s += ".0"
	}
	return s
}
