// Package model holds the maturity model format: its Go types, a strict
// loader with positioned errors, and the models embedded in the binary.
package model

import (
	"slices"
	"strconv"
	"strings"

	"github.com/heat-tools/maturity/internal/yamlx"
)

// DefaultThreshold is the coverage a cell needs to count as attained when a
// model does not say otherwise.
const DefaultThreshold = 1.0

// NotApplicable is the answer, always available besides the scale, that
// leaves an indicator out of scoring.
const NotApplicable = "na"

// Model is a maturity model: levels crossed with pillars, each cell holding
// the indicators that an organization at that level has.
type Model struct {
	ID          string       `yaml:"id" json:"id"`
	Name        string       `yaml:"name" json:"name"`
	Version     string       `yaml:"version" json:"version"`
	Description string       `yaml:"description,omitempty" json:"description,omitempty"`
	Sources     []Source     `yaml:"sources,omitempty" json:"sources,omitempty"`
	Threshold   *float64     `yaml:"threshold,omitempty" json:"threshold,omitempty"`
	Scoring     string       `yaml:"scoring,omitempty" json:"scoring,omitempty"`
	Precision   *int         `yaml:"precision,omitempty" json:"precision,omitempty"`
	Scale       []ScalePoint `yaml:"scale,omitempty" json:"scale,omitempty"`
	Scales      Scales       `yaml:"scales,omitempty" json:"scales,omitempty"`
	Levels      []Level      `yaml:"levels" json:"levels"`
	Groups      []Group      `yaml:"groups,omitempty" json:"groups,omitempty"`
	Pillars     []Pillar     `yaml:"pillars" json:"pillars"`

	// scaleOf holds the scale of each indicator that is not answered on
	// the default scale, made once when the model is loaded (prepare).
	scaleOf map[string][]ScalePoint
	// answerIDs are the ids of the points of every scale some indicator
	// is answered on, in model order, each once.
	answerIDs []string
	// indicatorIDs holds every indicator id: the set that checking each
	// answers file against the model reads. Parse keeps the one its
	// checks make (whose positions serve their messages); prepare makes
	// it for an embedded model.
	indicatorIDs map[string]yamlx.Pos
}

// Scoring rules (SPEC "Scoring").
const (
	Staged     = "staged"
	Cumulative = "cumulative"
)

// DefaultPrecision is the number of decimals of a written score when a
// model does not say otherwise.
const DefaultPrecision = 1

// MaxPrecision is the most decimals a model may ask for.
const MaxPrecision = 3

// Scales are the named scales of a model, in file order. In YAML they are
// a mapping of name to points; a list keeps their order for output.
type Scales []NamedScale

// NamedScale is one named scale.
type NamedScale struct {
	ID     string
	Points []ScalePoint
}

// Group gathers pillars for display, such as SAMM's business functions.
type Group struct {
	ID          string `yaml:"id" json:"id"`
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
}

// Source is a document the model was written from.
type Source struct {
	Title      string `yaml:"title" json:"title"`
	URL        string `yaml:"url" json:"url"`
	Author     string `yaml:"author,omitempty" json:"author,omitempty"`
	License    string `yaml:"license,omitempty" json:"license,omitempty"`
	LicenseURL string `yaml:"license_url,omitempty" json:"license_url,omitempty"`
}

// ScalePoint is one possible answer and the score it earns, in [0,1].
type ScalePoint struct {
	ID    string  `yaml:"id" json:"id"`
	Label string  `yaml:"label" json:"label"`
	Score float64 `yaml:"score" json:"score"`
}

// Level is one maturity level, such as 300 Defined.
type Level struct {
	Value       int    `yaml:"value" json:"value"`
	Name        string `yaml:"name" json:"name"`
	Summary     string `yaml:"summary,omitempty" json:"summary,omitempty"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
}

// Pillar is one capability area (a HEAT stage in the embedded model).
type Pillar struct {
	ID          string `yaml:"id" json:"id"`
	Name        string `yaml:"name" json:"name"`
	Group       string `yaml:"group,omitempty" json:"group,omitempty"`
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	Cells       []Cell `yaml:"cells" json:"cells"`
}

// Cell is a pillar at one level.
type Cell struct {
	Level int    `yaml:"level" json:"level"`
	Goal  string `yaml:"goal,omitempty" json:"goal,omitempty"`
	// Context keeps source statements that describe the level but are not
	// capabilities to assess; they are shown, never scored.
	Context    []string    `yaml:"context,omitempty" json:"context,omitempty"`
	Resources  []Resource  `yaml:"resources,omitempty" json:"resources,omitempty"`
	Scale      string      `yaml:"scale,omitempty" json:"scale,omitempty"`
	Indicators []Indicator `yaml:"indicators" json:"indicators"`
}

// Indicator is one assessable capability; "yes" means the organization has it.
type Indicator struct {
	ID        string     `yaml:"id" json:"id"`
	Text      string     `yaml:"text" json:"text"`
	Help      string     `yaml:"help,omitempty" json:"help,omitempty"`
	Weight    *float64   `yaml:"weight,omitempty" json:"weight,omitempty"`
	Scale     string     `yaml:"scale,omitempty" json:"scale,omitempty"`
	Effort    *float64   `yaml:"effort,omitempty" json:"effort,omitempty"`
	Impact    *float64   `yaml:"impact,omitempty" json:"impact,omitempty"`
	DependsOn []string   `yaml:"depends_on,omitempty" json:"depends_on,omitempty"`
	Tags      []string   `yaml:"tags,omitempty" json:"tags,omitempty"`
	Resources []Resource `yaml:"resources,omitempty" json:"resources,omitempty"`
}

// Resource is a link that helps to reach an indicator or cell.
type Resource struct {
	Title string `yaml:"title" json:"title"`
	URL   string `yaml:"url" json:"url"`
}

// DefaultScale is the scale of a model that declares none.
func DefaultScale() []ScalePoint {
	return []ScalePoint{
		{ID: "yes", Label: "Yes", Score: 1},
		{ID: "partial", Label: "Partially", Score: 0.5},
		{ID: "no", Label: "No", Score: 0},
	}
}

// EffectiveThreshold is the model's threshold, or DefaultThreshold.
func (m *Model) EffectiveThreshold() float64 {
	if m.Threshold != nil {
		return *m.Threshold
	}
	return DefaultThreshold
}

// EffectiveWeight is the indicator's weight, or 1.
func (i *Indicator) EffectiveWeight() float64 {
	if i.Weight != nil {
		return *i.Weight
	}
	return 1
}

// Level returns the level with the given value.
func (m *Model) Level(value int) (Level, bool) {
	for _, l := range m.Levels {
		if l.Value == value {
			return l, true
		}
	}
	return Level{}, false
}

// EffectiveScoring is the model's scoring rule, Staged unless it says Cumulative.
func (m *Model) EffectiveScoring() string {
	if m.Scoring == "" {
		return Staged
	}
	return m.Scoring
}

// EffectivePrecision is the number of decimals a score is written with.
func (m *Model) EffectivePrecision() int {
	if m.Precision != nil {
		return *m.Precision
	}
	return DefaultPrecision
}

// NamedScale returns the points of the named scale.
func (m *Model) NamedScale(name string) ([]ScalePoint, bool) {
	for _, s := range m.Scales {
		if s.ID == name {
			return s.Points, true
		}
	}
	return nil, false
}

// ScaleFor is the scale an indicator of cell is answered on (SPEC): its
// own scale, else its cell's, else the model's default scale.
func (m *Model) ScaleFor(cell *Cell, ind *Indicator) []ScalePoint {
	if name := scaleName(cell, ind); name != "" {
		if pts, ok := m.NamedScale(name); ok {
			return pts
		}
	}
	if m.Scale == nil {
		return DefaultScale()
	}
	return m.Scale
}

// scaleName is the named scale an indicator of cell names, its own or its
// cell's; "" for the default scale.
func scaleName(cell *Cell, ind *Indicator) string {
	if ind.Scale == "" && cell != nil {
		return cell.Scale
	}
	return ind.Scale
}

// IndicatorScale is the scale the indicator with the given id is answered
// on; the default scale for an id the model does not have.
func (m *Model) IndicatorScale(id string) []ScalePoint {
	if len(m.Scales) == 0 || m.scaleOf != nil {
		// Without named scales, or with the index: no lookup of the indicator.
		if pts, ok := m.scaleOf[id]; ok {
			return pts
		}
		return m.defaultScale()
	}
	// A model built in code, not loaded: look the indicator up.
	for _, ref := range m.Indicators() {
		if ref.Indicator.ID == id {
			return m.ScaleFor(ref.Cell, ref.Indicator)
		}
	}
	return m.defaultScale()
}

func (m *Model) defaultScale() []ScalePoint {
	if m.Scale == nil {
		return DefaultScale()
	}
	return m.Scale
}

// Point returns the point of the indicator's scale that answer names: by
// id, else by label in any case (SPEC: answers may be written by label).
func (m *Model) Point(indicatorID, answer string) (ScalePoint, bool) {
	return FindPoint(m.IndicatorScale(indicatorID), answer)
}

// FindPoint returns the point of scale that answer names, by id, else by
// label in any case.
func FindPoint(scale []ScalePoint, answer string) (ScalePoint, bool) {
	for _, s := range scale {
		if s.ID == answer {
			return s, true
		}
	}
	for _, s := range scale {
		if strings.EqualFold(s.Label, answer) {
			return s, true
		}
	}
	return ScalePoint{}, false
}

// AnswerScore is s(i) of an answer to an indicator on its scale, the one
// rule every package scores answers by: the scale point's score, 0 when
// unanswered ("") or not on the scale; applicable is false for na, which
// leaves the indicator out of its cell.
func (m *Model) AnswerScore(indicatorID, answer string) (score float64, applicable bool) {
	if answer == NotApplicable {
		return 0, false
	}
	if answer == "" {
		return 0, true
	}
	p, _ := m.Point(indicatorID, answer)
	return p.Score, true
}

// AnswerIDs are the ids of the points an answer can take, over every scale
// some indicator is answered on, in model order and each once: what counts
// and tables list. A model with only the default scale has yes, partial, no.
func (m *Model) AnswerIDs() []string {
	if m.answerIDs != nil {
		return m.answerIDs
	}
	return m.collectAnswerIDs()
}

func (m *Model) collectAnswerIDs() []string {
	seen := map[string]bool{}
	ids := []string{}
	add := func(pts []ScalePoint) {
		for _, p := range pts {
			if !seen[p.ID] {
				seen[p.ID] = true
				ids = append(ids, p.ID)
			}
		}
	}
	used, defaultUsed := m.scalesInUse()
	if defaultUsed {
		add(m.ScaleFor(nil, &Indicator{}))
	}
	for _, s := range m.Scales {
		if used[s.ID] {
			add(s.Points)
		}
	}
	return ids
}

// DefaultScaleUsed says whether some indicator is answered on the
// default scale (a model whose every cell names a scale has no use for it).
func (m *Model) DefaultScaleUsed() bool {
	_, defaultUsed := m.scalesInUse()
	return defaultUsed
}

// scalesInUse are the named scales some indicator is answered on, and
// whether some indicator (or, in a model without indicators, any) is
// answered on the default scale.
func (m *Model) scalesInUse() (named map[string]bool, defaultUsed bool) {
	named = map[string]bool{}
	defaultUsed = m.IndicatorCount() == 0
	for p := range m.Pillars {
		for c := range m.Pillars[p].Cells {
			cell := &m.Pillars[p].Cells[c]
			for i := range cell.Indicators {
				name := scaleName(cell, &cell.Indicators[i])
				if _, ok := m.NamedScale(name); ok {
					named[name] = true
				} else {
					defaultUsed = true
				}
			}
		}
	}
	return named, defaultUsed
}

// prepare makes the indexes of a loaded model. Parse and Embedded call it;
// a model built in code works without it, more slowly.
func (m *Model) prepare() {
	if len(m.Scales) > 0 {
		m.scaleOf = map[string][]ScalePoint{}
		for p := range m.Pillars {
			for c := range m.Pillars[p].Cells {
				cell := &m.Pillars[p].Cells[c]
				for i := range cell.Indicators {
					ind := &cell.Indicators[i]
					if scaleName(cell, ind) != "" {
						m.scaleOf[ind.ID] = m.ScaleFor(cell, ind)
					}
				}
			}
		}
	}
	m.answerIDs = m.collectAnswerIDs()
	if m.indicatorIDs == nil {
		m.indicatorIDs = make(map[string]yamlx.Pos, m.IndicatorCount())
		for _, ref := range m.Indicators() {
			m.indicatorIDs[ref.Indicator.ID] = yamlx.Pos{}
		}
	}
}

// HasIndicator says whether m has an indicator with the given id.
func (m *Model) HasIndicator(id string) bool {
	if m.indicatorIDs != nil {
		_, ok := m.indicatorIDs[id]
		return ok
	}
	// A model built in code, not loaded: look the indicator up.
	for _, ref := range m.Indicators() {
		if ref.Indicator.ID == id {
			return true
		}
	}
	return false
}

// Group returns the group with the given id.
func (m *Model) Group(id string) (*Group, bool) {
	for i := range m.Groups {
		if m.Groups[i].ID == id {
			return &m.Groups[i], true
		}
	}
	return nil, false
}

// IndicatorRef locates an indicator within its model.
type IndicatorRef struct {
	Pillar    *Pillar
	Cell      *Cell
	Indicator *Indicator
	Index     int // position in model order
}

// Indicators lists every indicator in model order: pillar, level, then as written.
func (m *Model) Indicators() []IndicatorRef {
	refs := make([]IndicatorRef, 0, m.IndicatorCount())
	for p := range m.Pillars {
		pil := &m.Pillars[p]
		for c := range pil.Cells {
			cell := &pil.Cells[c]
			for i := range cell.Indicators {
				refs = append(refs, IndicatorRef{Pillar: pil, Cell: cell, Indicator: &cell.Indicators[i], Index: len(refs)})
			}
		}
	}
	return refs
}

// IndicatorCount is the number of indicators in the model.
func (m *Model) IndicatorCount() int {
	n := 0
	for _, p := range m.Pillars {
		for _, c := range p.Cells {
			n += len(c.Indicators)
		}
	}
	return n
}

// Cell returns the pillar's cell at level, if there is one.
func (p *Pillar) Cell(level int) (*Cell, bool) {
	for i := range p.Cells {
		if p.Cells[i].Level == level {
			return &p.Cells[i], true
		}
	}
	return nil, false
}

// Pillar returns the pillar with the given id.
func (m *Model) Pillar(id string) (*Pillar, bool) {
	for i := range m.Pillars {
		if m.Pillars[i].ID == id {
			return &m.Pillars[i], true
		}
	}
	return nil, false
}

// Mark is how an answer shows: from its score on the indicator's scale
// (SPEC "Output"), never from its id.
type Mark int

// The marks: unanswered, none (score 0), partial (between), full (score 1),
// and not applicable.
const (
	MarkUnanswered Mark = iota
	MarkNone
	MarkPartial
	MarkFull
	MarkNA
)

// MarkOf is the mark of a score on a scale: 1 full, 0 none, between partial.
func MarkOf(score float64) Mark {
	switch {
	case score >= 1:
		return MarkFull
	case score <= 0:
		return MarkNone
	}
	return MarkPartial
}

// AnswerMark is the mark of an answer to an indicator.
func (m *Model) AnswerMark(indicatorID, answer string) Mark {
	switch answer {
	case "":
		return MarkUnanswered
	case NotApplicable:
		return MarkNA
	}
	s, _ := m.AnswerScore(indicatorID, answer)
	return MarkOf(s)
}

// NotApplicableLabel is how the answer na is written out in full.
const NotApplicableLabel = "Not applicable"

// AnswerLabel is an answer as people read it: its point's label on the
// indicator's scale, "Not applicable", or "unanswered".
func (m *Model) AnswerLabel(indicatorID, answer string) string {
	switch answer {
	case "":
		return "unanswered"
	case NotApplicable:
		return NotApplicableLabel
	}
	if p, ok := m.Point(indicatorID, answer); ok {
		return p.Label
	}
	return answer
}

// LevelLabel is a level as every output names it (score.LevelRef.Label
// is the usual way to it): "200 Repeatable"; the bare name for value 0
// ("None"), which has no number to show, and for a name that already
// holds its value ("Level 1", not "1 Level 1").
func LevelLabel(value int, name string) string {
	if value == 0 {
		return name
	}
	v := strconv.Itoa(value)
	if slices.Contains(strings.FieldsFunc(name, func(r rune) bool { return (r < '0' || r > '9') && r != '.' }), v) {
		return name
	}
	return v + " " + name
}

// Label is the level's label (see LevelLabel).
func (l Level) Label() string { return LevelLabel(l.Value, l.Name) }
