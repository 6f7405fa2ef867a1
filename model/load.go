package model

import (
	"fmt"
	"net/url"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/heat-tools/maturity/internal/yamlx"
)

// idFormat is the form of an id: a first character from one set, the rest
// from another. (Plain code rather than regexp: nothing to compile when the
// tool starts.)
type idFormat struct {
	pattern     string // as a regular expression, for messages
	first, rest string
}

const lowerAlnum = "abcdefghijklmnopqrstuvwxyz0123456789"

var (
	modelIDFormat     = idFormat{`^[a-z0-9-]+$`, lowerAlnum + "-", lowerAlnum + "-"}
	pillarIDFormat    = idFormat{`^[a-z0-9][a-z0-9-]*$`, lowerAlnum, lowerAlnum + "-"}
	indicatorIDFormat = idFormat{`^[a-z0-9][a-z0-9.-]*$`, lowerAlnum, lowerAlnum + ".-"}
	scaleIDFormat     = idFormat{`^[a-z0-9][a-z0-9_-]*$`, lowerAlnum, lowerAlnum + "_-"}
)

// match says whether s has the form f.
func (f idFormat) match(s string) bool {
	if s == "" || strings.IndexByte(f.first, s[0]) < 0 {
		return false
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') && strings.IndexByte(f.rest, c) < 0 {
			return false
		}
	}
	return true
}

// Parse reads a model from YAML. file names the source in errors. Every
// problem found is reported, each as FILE:LINE:COL: message, in file order.
func Parse(file string, data []byte) (*Model, error) {
	root, err := yamlx.Parse(file, data)
	if err != nil {
		return nil, err
	}
	if root.Kind != yaml.MappingNode {
		return nil, yamlx.Errors{yamlx.Errorf(file, yamlx.Pos{Line: root.Line, Col: root.Column},
			"want a mapping with id, name, levels and pillars, got %s", yamlx.KindName(root))}
	}
	// A valid model, the common case, is checked knowing only where the
	// fields written empty stand; a model with a problem is decoded and
	// checked again knowing where every value stands, to report each one.
	m, errs := decodeModel(file, root, true)
	if len(errs) > 0 {
		_, errs = decodeModel(file, root, false)
		sort.SliceStable(errs, func(i, j int) bool {
			a, b := errs[i], errs[j]
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			return a.Col < b.Col
		})
		return nil, errs
	}
	if m.Scale == nil {
		m.Scale = DefaultScale()
	}
	m.prepare()
	return m, nil
}

// decodeModel decodes and checks the model at root. emptyOnly records the
// positions of empty values only (yamlx.Decoder.EmptyOnly): the problems
// found are the same, but not all of them know where they stand.
func decodeModel(file string, root *yaml.Node, emptyOnly bool) (*Model, yamlx.Errors) {
	dec := yamlx.NewDecoder(file)
	dec.EmptyOnly = emptyOnly
	var m Model
	dec.Decode(root, &m)
	v := validator{file: file, pos: dec.Pos}
	v.model(&m)
	m.indicatorIDs = v.indicatorIDs // the set HasIndicator reads, made by the checks anyway
	return &m, append(dropCascades(v.errs, dec.Errs), dec.Errs...)
}

// dropCascades leaves out validation errors at the position of a decoding
// error: a field of the wrong type is reported once, not again as empty.
func dropCascades(checks, decoding yamlx.Errors) yamlx.Errors {
	bad := map[yamlx.Pos]bool{}
	for _, e := range decoding {
		bad[yamlx.Pos{Line: e.Line, Col: e.Col}] = true
	}
	var out yamlx.Errors
	for _, e := range checks {
		if !bad[yamlx.Pos{Line: e.Line, Col: e.Col}] {
			out = append(out, e)
		}
	}
	return out
}

type validator struct {
	file string
	pos  yamlx.Positions
	errs yamlx.Errors
	// indicatorIDs are the indicator ids seen, each where it first stands.
	indicatorIDs map[string]yamlx.Pos
}

// at returns the position of the first of ptrs that was seen in the file.
func (v *validator) at(ptrs ...any) yamlx.Pos {
	for _, p := range ptrs {
		if pos, ok := v.pos[p]; ok {
			return pos
		}
	}
	return yamlx.Pos{}
}

func (v *validator) errorf(pos yamlx.Pos, format string, args ...any) {
	if len(v.errs) < yamlx.MaxErrors {
		v.errs = append(v.errs, yamlx.Errorf(v.file, pos, format, args...))
	}
}

// required reports an empty or missing text; parent locates a missing one.
func (v *validator) required(s *string, parent any, what string) {
	if strings.TrimSpace(*s) != "" {
		return
	}
	if pos, ok := v.pos[s]; ok {
		v.errorf(pos, "%s is empty", what)
		return
	}
	v.errorf(v.at(parent), "%s is missing", what)
}

func (v *validator) id(s *string, parent any, what string, format idFormat) bool {
	if *s == "" {
		v.required(s, parent, what)
		return false
	}
	if !format.match(*s) {
		v.errorf(v.at(s), "%s %q is malformed (want %s)", what, *s, format.pattern)
		return false
	}
	return true
}

// uniqueID is id for an id that must not repeat among those in seen; a
// well-formed id is added to seen.
func (v *validator) uniqueID(s *string, parent any, what string, format idFormat, seen map[string]bool) {
	if !v.id(s, parent, what, format) {
		return
	}
	if seen[*s] {
		v.errorf(v.at(s), "%s %q is repeated", what, *s)
	}
	seen[*s] = true
}

func (v *validator) url(s *string, parent any, what string) {
	if *s == "" {
		v.required(s, parent, what)
		return
	}
	u, err := url.Parse(*s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		v.errorf(v.at(s), "%s %q is not an absolute http(s) URL", what, *s)
	}
}

func (v *validator) resources(rs []Resource) {
	for i := range rs {
		r := &rs[i]
		v.required(&r.Title, r, "resource title")
		v.url(&r.URL, r, "resource url")
	}
}

func (v *validator) model(m *Model) {
	v.id(&m.ID, m, "model id", modelIDFormat)
	v.required(&m.Name, m, "name")
	v.required(&m.Version, m, "version")
	for i := range m.Sources {
		s := &m.Sources[i]
		v.required(&s.Title, s, "source title")
		v.url(&s.URL, s, "source url")
		if s.LicenseURL != "" {
			v.url(&s.LicenseURL, s, "source license_url")
		}
	}
	if m.Threshold != nil && (*m.Threshold <= 0 || *m.Threshold > 1) {
		v.errorf(v.at(m.Threshold), "threshold %v is outside (0,1]", *m.Threshold)
	}
	switch m.Scoring {
	case "", Staged, Cumulative:
	default:
		v.errorf(v.at(&m.Scoring), "scoring %q is not staged or cumulative", m.Scoring)
	}
	if m.Precision != nil && (*m.Precision < 0 || *m.Precision > MaxPrecision) {
		v.errorf(v.at(m.Precision), "precision %d is outside 0..%d", *m.Precision, MaxPrecision)
	}
	v.scale(m)
	v.scales(m)
	levels := v.levels(m)
	groups := v.groups(m)
	v.pillars(m, levels, groups)
}

// groups checks the groups and returns the set of declared ids.
func (v *validator) groups(m *Model) map[string]bool {
	declared := map[string]bool{}
	for i := range m.Groups {
		g := &m.Groups[i]
		v.uniqueID(&g.ID, g, "group id", pillarIDFormat, declared)
		v.required(&g.Name, g, "group name")
	}
	return declared
}

// scales checks the named scales.
func (v *validator) scales(m *Model) {
	seen := map[string]bool{}
	for i := range m.Scales {
		ns := &m.Scales[i]
		v.uniqueID(&ns.ID, ns, "scale name", scaleIDFormat, seen)
		v.points(ns.Points, v.at(ns), "scale "+ns.ID)
	}
}

// scaleName reports a scale: field that names no declared scale.
func (v *validator) scaleName(m *Model, name *string) {
	if *name == "" {
		return
	}
	if _, ok := m.NamedScale(*name); !ok {
		v.errorf(v.at(name), "scale %q is not declared under scales%s", *name, v.declaredScales(m))
	}
}

func (v *validator) declaredScales(m *Model) string {
	if len(m.Scales) == 0 {
		return " (the model declares none)"
	}
	names := make([]string, len(m.Scales))
	for i, s := range m.Scales {
		names[i] = s.ID
	}
	return " (declared: " + strings.Join(names, ", ") + ")"
}

func (v *validator) scale(m *Model) {
	if m.Scale == nil {
		return
	}
	if len(m.Scale) == 0 {
		v.errorf(v.at(&m.Scale), "scale is empty; leave it out for the default yes/partial/no")
		return
	}
	v.points(m.Scale, v.at(&m.Scale), "scale")
}

// points checks one scale's points (SPEC): two at least, unique ids,
// scores in [0,1], and a point scoring 1 and one scoring 0, so that
// "full" and "none" exist on every scale. at locates the scale.
func (v *validator) points(pts []ScalePoint, at yamlx.Pos, what string) {
	if len(pts) < 2 {
		v.errorf(at, "%s has %d point(s); want two at least", what, len(pts))
	}
	seen := map[string]bool{}
	hasOne, hasZero := false, false
	for i := range pts {
		s := &pts[i]
		if s.Score == 1 {
			hasOne = true
		}
		if s.Score == 0 {
			hasZero = true
		}
		if v.id(&s.ID, s, "scale id", scaleIDFormat) {
			switch {
			case s.ID == NotApplicable:
				v.errorf(v.at(&s.ID), "scale id %q is reserved for not applicable", s.ID)
			case seen[s.ID]:
				v.errorf(v.at(&s.ID), "scale id %q is repeated", s.ID)
			}
			seen[s.ID] = true
		}
		v.required(&s.Label, s, "scale label")
		if s.Score < 0 || s.Score > 1 {
			v.errorf(v.at(&s.Score, s), "scale score %v is outside [0,1]", s.Score)
		}
	}
	if len(pts) >= 2 && !hasOne {
		v.errorf(at, "%s has no point scoring 1: one must mean fully in place", what)
	}
	if len(pts) >= 2 && !hasZero {
		v.errorf(at, "%s has no point scoring 0: one must mean not in place", what)
	}
}

// levels checks the levels and returns the set of declared values.
func (v *validator) levels(m *Model) map[int]bool {
	declared := map[int]bool{}
	if len(m.Levels) == 0 {
		v.errorf(v.at(&m.Levels, m), "levels: at least one level is required")
	}
	for i := range m.Levels {
		l := &m.Levels[i]
		if l.Value <= 0 {
			v.errorf(v.at(&l.Value, l), "level value %d must be above 0", l.Value)
		}
		if i > 0 && l.Value <= m.Levels[i-1].Value {
			v.errorf(v.at(&l.Value, l), "level %d is not above the level before it (%d): levels must be strictly increasing", l.Value, m.Levels[i-1].Value)
		}
		declared[l.Value] = true
		v.required(&l.Name, l, "level name")
	}
	return declared
}

func (v *validator) pillars(m *Model, levels map[int]bool, groups map[string]bool) {
	if len(m.Pillars) == 0 {
		v.errorf(v.at(&m.Pillars, m), "pillars: at least one pillar is required")
	}
	pillarIDs := map[string]bool{}
	indicatorIDs := make(map[string]yamlx.Pos, m.IndicatorCount())
	v.indicatorIDs = indicatorIDs
	for p := range m.Pillars {
		pil := &m.Pillars[p]
		v.uniqueID(&pil.ID, pil, "pillar id", pillarIDFormat, pillarIDs)
		v.required(&pil.Name, pil, "pillar name")
		if pil.Group != "" && !groups[pil.Group] {
			v.errorf(v.at(&pil.Group), "group %q is not declared under groups", pil.Group)
		}
		cellLevels := map[int]bool{}
		for c := range pil.Cells {
			cell := &pil.Cells[c]
			switch {
			case !levels[cell.Level]:
				v.errorf(v.at(&cell.Level, cell), "cell level %d is not a declared level", cell.Level)
			case cellLevels[cell.Level]:
				v.errorf(v.at(&cell.Level, cell), "pillar %q has a second cell for level %d", pil.ID, cell.Level)
			}
			cellLevels[cell.Level] = true
			if _, given := v.pos[&cell.Goal]; given {
				v.required(&cell.Goal, cell, "cell goal") // optional, but not empty when written
			}
			v.scaleName(m, &cell.Scale)
			v.resources(cell.Resources)
			for i := range cell.Indicators {
				ind := &cell.Indicators[i]
				if v.id(&ind.ID, ind, "indicator id", indicatorIDFormat) {
					if first, dup := indicatorIDs[ind.ID]; dup {
						v.errorf(v.at(&ind.ID), "indicator id %q is repeated (first at line %d)", ind.ID, first.Line)
					} else {
						indicatorIDs[ind.ID] = v.at(&ind.ID)
					}
				}
				v.required(&ind.Text, ind, "indicator text")
				v.positive(ind.Weight, "weight")
				v.positive(ind.Effort, "effort")
				v.positive(ind.Impact, "impact")
				v.scaleName(m, &ind.Scale)
				for t := range ind.Tags {
					v.required(&ind.Tags[t], ind, "tag")
				}
				v.resources(ind.Resources)
			}
		}
	}
	v.dependencies(m, indicatorIDs)
}

// positive reports an indicator number that is given and not above 0.
func (v *validator) positive(f *float64, what string) {
	if f != nil && *f <= 0 {
		v.errorf(v.at(f), "indicator %s %v must be above 0", what, *f)
	}
}

// dependencies reports a depends_on id that is no indicator of the model,
// and each cycle, named from the indicator where it is first met.
func (v *validator) dependencies(m *Model, known map[string]yamlx.Pos) {
	deps := map[string][]string{}
	var order []string
	var ids []string // for suggestions, sorted at the first unknown id
	suggestions := 0
	for _, ref := range m.Indicators() {
		ind := ref.Indicator
		for d := range ind.DependsOn {
			id := &ind.DependsOn[d]
			switch _, ok := known[*id]; {
			case *id == ind.ID:
				v.errorf(v.at(id), "indicator %q depends on itself", ind.ID)
			case !ok:
				msg := fmt.Sprintf("depends_on: %q is not an indicator of this model", *id)
				// A suggestion compares with every id: make a few, so that a
				// file of many bad ids is still refused at once.
				if suggestions < 20 {
					suggestions++
					if ids == nil {
						ids = make([]string, 0, len(known))
						for k := range known {
							ids = append(ids, k)
						}
						sort.Strings(ids)
					}
					if s := yamlx.Nearest(*id, ids); s != "" {
						msg += fmt.Sprintf(" (did you mean %q?)", s)
					}
				}
				v.errorf(v.at(id), "%s", msg)
			default:
				deps[ind.ID] = append(deps[ind.ID], *id)
			}
		}
		if len(ind.DependsOn) > 0 {
			order = append(order, ind.ID)
		}
	}
	if len(deps) == 0 {
		return
	}
	// Depth-first search; a node met again while on the path closes a cycle.
	const (
		unseen = iota
		onPath
		done
	)
	state := map[string]int{}
	where := map[string]*Indicator{}
	for _, ref := range m.Indicators() {
		where[ref.Indicator.ID] = ref.Indicator
	}
	var path []string
	var visit func(id string)
	visit = func(id string) {
		state[id] = onPath
		path = append(path, id)
		for _, d := range deps[id] {
			switch state[d] {
			case unseen:
				visit(d)
			case onPath:
				start := 0
				for i, p := range path {
					if p == d {
						start = i
					}
				}
				cycle := append(append([]string{}, path[start:]...), d)
				if n := len(cycle); n > 9 {
					// A long cycle is named by its ends, so that the message stays one line.
					cycle = append(append(cycle[:4:4], fmt.Sprintf("… %d more …", n-7)), cycle[n-3:]...)
				}
				ind := where[d]
				v.errorf(v.at(&ind.DependsOn, ind), "depends_on has a cycle: %s", strings.Join(cycle, " → "))
			}
		}
		path = path[:len(path)-1]
		state[id] = done
	}
	for _, id := range order {
		if state[id] == unseen {
			visit(id)
		}
	}
}

// String is the model as "id version", for messages.
func (m *Model) String() string { return fmt.Sprintf("%s %s", m.ID, m.Version) }
