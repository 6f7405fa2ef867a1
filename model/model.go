// Package model holds the maturity model format: its Go types, a strict
// loader with positioned errors, and the models embedded in the binary.
package model

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
	Scale       []ScalePoint `yaml:"scale,omitempty" json:"scale,omitempty"`
	Levels      []Level      `yaml:"levels" json:"levels"`
	Pillars     []Pillar     `yaml:"pillars" json:"pillars"`
}

// Source is a document the model was written from.
type Source struct {
	Title   string `yaml:"title" json:"title"`
	URL     string `yaml:"url" json:"url"`
	License string `yaml:"license,omitempty" json:"license,omitempty"`
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
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	Cells       []Cell `yaml:"cells" json:"cells"`
}

// Cell is a pillar at one level.
type Cell struct {
	Level int    `yaml:"level" json:"level"`
	Goal  string `yaml:"goal" json:"goal"`
	// Context keeps source statements that describe the level but are not
	// capabilities to assess; they are shown, never scored.
	Context    []string    `yaml:"context,omitempty" json:"context,omitempty"`
	Resources  []Resource  `yaml:"resources,omitempty" json:"resources,omitempty"`
	Indicators []Indicator `yaml:"indicators" json:"indicators"`
}

// Indicator is one assessable capability; "yes" means the organization has it.
type Indicator struct {
	ID        string     `yaml:"id" json:"id"`
	Text      string     `yaml:"text" json:"text"`
	Help      string     `yaml:"help,omitempty" json:"help,omitempty"`
	Weight    *float64   `yaml:"weight,omitempty" json:"weight,omitempty"`
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

// ScalePoint returns the scale entry with the given id.
func (m *Model) ScalePoint(id string) (ScalePoint, bool) {
	for _, s := range m.Scale {
		if s.ID == id {
			return s, true
		}
	}
	return ScalePoint{}, false
}

// AnswerScore is s(i) of an answer on m's scale, the one rule every
// package scores answers by: the scale point's score, 0 when unanswered
// ("") or not on the scale; applicable is false for na, which leaves the
// indicator out of its cell.
func (m *Model) AnswerScore(answer string) (score float64, applicable bool) {
	if answer == NotApplicable {
		return 0, false
	}
	p, _ := m.ScalePoint(answer)
	return p.Score, true
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
	var refs []IndicatorRef
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
