// Package answers reads, checks and writes answers files: one
// organization's answers to a model's indicators.
package answers

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/heat-tools/maturity/internal/dates"
	"github.com/heat-tools/maturity/internal/yamlx"
	"github.com/heat-tools/maturity/model"
)

// File is a parsed answers file.
type File struct {
	Name         string // as named in messages
	Model        string
	ModelVersion string
	AssessedAt   string // YYYY-MM-DD or RFC 3339, as written
	Organization string
	Scope        string
	Respondent   string
	ModelPos     yamlx.Pos // where the model field stands
	Entries      []Entry   // in file order
	// Targets are the levels pillars aim for (targets:), in file order.
	// Their nodes stay in Extra too, so that a rewrite keeps them as
	// written, comments and all.
	Targets []Target
	// Extra keeps top-level fields this tool does not know, key and value
	// nodes in file order, so that a rewrite does not lose them.
	Extra []*yaml.Node

	index map[string]int
}

// Entry is the answer to one indicator.
type Entry struct {
	ID       string
	Answer   string // a scale id, "na", or "" for unanswered
	Note     string
	Evidence []string
	// Responses keeps each respondent's own answer and note in a merged
	// file (maturity merge); Answer is the merged answer that scores.
	Responses []Response
	Pos       yamlx.Pos // of the key
	ValuePos  yamlx.Pos // of the answer value
}

// Target is the level one pillar aims for, as the file writes it: a
// level value or name (Check resolves it against the model).
type Target struct {
	Pillar   string
	Level    string
	Pos      yamlx.Pos // of the pillar key
	ValuePos yamlx.Pos // of the level
}

// TargetOf returns the level the file sets as pillar's target, as written.
func (f *File) TargetOf(pillar string) (string, bool) {
	for _, t := range f.Targets {
		if t.Pillar == pillar {
			return t.Level, true
		}
	}
	return "", false
}

// Response is one respondent's answer to an indicator in a merged file.
type Response struct {
	Respondent string
	Answer     string // a scale id, "na", or "" for unanswered
	Note       string
	Pos        yamlx.Pos // of the answer value, or of the entry without one
}

// Get returns the entry for an indicator id.
func (f *File) Get(id string) (Entry, bool) {
	if f.index == nil {
		f.reindex()
	}
	i, ok := f.index[id]
	if !ok {
		return Entry{}, false
	}
	return f.Entries[i], true
}

// Answer returns the answer to an indicator id ("" for none): Get without
// copying the entry, for scoring, which asks for every indicator.
func (f *File) Answer(id string) string {
	if f.index == nil {
		f.reindex()
	}
	if i, ok := f.index[id]; ok {
		return f.Entries[i].Answer
	}
	return ""
}

// Clone returns a copy of f whose entries can be set without changing f.
func (f *File) Clone() *File {
	g := *f
	g.Entries = append([]Entry(nil), f.Entries...)
	g.index = nil
	return &g
}

// Set adds or replaces the entry for e.ID, keeping file order.
func (f *File) Set(e Entry) {
	if f.index == nil {
		f.reindex()
	}
	if i, ok := f.index[e.ID]; ok {
		f.Entries[i] = e
		return
	}
	f.index[e.ID] = len(f.Entries)
	f.Entries = append(f.Entries, e)
}

func (f *File) reindex() {
	f.index = make(map[string]int, len(f.Entries))
	for i, e := range f.Entries {
		f.index[e.ID] = i
	}
}

// Parse reads an answers file. It checks the file's shape; Check compares
// it with a model. Every problem found is reported.
func Parse(file string, data []byte) (*File, error) {
	root, err := yamlx.Parse(file, data)
	if err != nil {
		return nil, err
	}
	p := parser{file: file}
	f := p.parseFile(root)
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	f.Name = file
	// Indexed now rather than at the first Get: score parses the answers
	// while the model loads, so this work is off the path that waits.
	f.reindex()
	return f, nil
}

type parser struct {
	file string
	errs yamlx.Errors
}

// report records a message at n; it fits yamlx.EachPair.
func (p *parser) report(n *yaml.Node, msg string) { p.errorf(n, "%s", msg) }

func (p *parser) errorf(n *yaml.Node, format string, args ...any) *yamlx.Error {
	e := yamlx.Errorf(p.file, yamlx.Pos{Line: n.Line, Col: n.Column}, format, args...)
	if len(p.errs) < yamlx.MaxErrors {
		p.errs = append(p.errs, e)
	}
	return e
}

func (p *parser) parseFile(root *yaml.Node) *File {
	f := &File{}
	if root.Kind != yaml.MappingNode {
		p.errorf(root, "want a mapping with model and answers, got %s", yamlx.KindName(root))
		return f
	}
	seen := map[string]bool{}
	var answersNode *yaml.Node
	yamlx.EachPair(root, "a field name", p.report, func(k, v *yaml.Node) {
		seen[k.Value] = true
		switch k.Value {
		case "model":
			f.Model = p.text(k.Value, v)
			f.ModelPos = yamlx.Pos{Line: v.Line, Col: v.Column}
		case "model_version":
			f.ModelVersion = p.text(k.Value, v)
		case "assessed_at":
			f.AssessedAt = p.date(v)
		case "organization":
			f.Organization = p.text(k.Value, v)
		case "scope":
			f.Scope = p.text(k.Value, v)
		case "respondent":
			f.Respondent = p.text(k.Value, v)
		case "answers":
			answersNode = v
		case "targets":
			f.Targets = p.targets(v)
			f.Extra = append(f.Extra, k, v)
		default:
			f.Extra = append(f.Extra, k, v)
		}
	})
	if !seen["model"] {
		e := p.errorf(root, "model is missing: name the model these answers are for")
		e.Next = "add a line such as: model: " + model.DefaultID
		if seen["pillars"] {
			e.Next = "this looks like a model file: pass it with --model, and the answers file as the argument"
		}
	} else if f.Model == "" {
		p.errorf(root, "model is empty")
	}
	if answersNode != nil {
		p.answers(f, answersNode)
	}
	return f
}

// text reads a scalar as text; numbers keep their literal spelling.
func (p *parser) text(field string, n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode {
		p.errorf(n, "%s: want text, got %s", field, yamlx.KindName(n))
		return ""
	}
	if n.ShortTag() == "!!null" {
		return ""
	}
	return n.Value
}

func (p *parser) date(n *yaml.Node) string {
	s := p.text("assessed_at", n)
	if s == "" {
		return ""
	}
	if _, err := dates.Parse(s); err != nil {
		p.errorf(n, "assessed_at: %v", err)
		return ""
	}
	return s
}

func (p *parser) answers(f *File, n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "answers: want a mapping of indicator id to answer, got %s", yamlx.KindName(n))
		return
	}
	// One allocation of the right size: growing by appends copied a file
	// of 200,000 entries about twenty times, 100 MB in all.
	f.Entries = make([]Entry, 0, len(n.Content)/2)
	yamlx.EachPair(n, "an indicator id", p.report, func(k, v *yaml.Node) {
		e := Entry{ID: k.Value, Pos: yamlx.Pos{Line: k.Line, Col: k.Column}, ValuePos: yamlx.Pos{Line: v.Line, Col: v.Column}}
		switch v.Kind {
		case yaml.ScalarNode:
			e.Answer = p.answerValue(k.Value, v)
		case yaml.MappingNode:
			p.answerMapping(&e, v)
		default:
			p.errorf(v, "%s: want an answer or a mapping with answer, note and evidence, got %s", k.Value, yamlx.KindName(v))
			return
		}
		f.Entries = append(f.Entries, e)
	})
}

// targets reads targets: a mapping of pillar id to a level value or name.
func (p *parser) targets(n *yaml.Node) []Target {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "targets: want a mapping of pillar id to level, got %s", yamlx.KindName(n))
		return nil
	}
	var out []Target
	yamlx.EachPair(n, "a pillar id", p.report, func(k, v *yaml.Node) {
		if v.Kind != yaml.ScalarNode || v.ShortTag() == "!!null" {
			p.errorf(v, "targets: %s: want a level value or name, got %s", k.Value, yamlx.KindName(v))
			return
		}
		out = append(out, Target{Pillar: k.Value, Level: v.Value,
			Pos: yamlx.Pos{Line: k.Line, Col: k.Column}, ValuePos: yamlx.Pos{Line: v.Line, Col: v.Column}})
	})
	return out
}

// answerValue reads a scalar answer: YAML booleans are yes and no, null is unanswered.
func (p *parser) answerValue(id string, v *yaml.Node) string {
	switch v.ShortTag() {
	case "!!null":
		return ""
	case "!!bool":
		if strings.EqualFold(v.Value, "true") {
			return "yes"
		}
		return "no"
	case "!!str":
		return v.Value
	}
	if strings.HasPrefix(v.Tag, "!") && !strings.HasPrefix(v.Tag, "!!") || v.Style&yaml.TaggedStyle != 0 && v.ShortTag() != "!!int" && v.ShortTag() != "!!float" {
		p.errorf(v, "%s: a YAML tag (%s) has no meaning here; write the answer without it", id, v.Tag)
		return ""
	}
	p.errorf(v, "%s: want an answer (a point of the indicator's scale, or na), got %s", id, yamlx.KindName(v))
	return ""
}

func (p *parser) answerMapping(e *Entry, v *yaml.Node) {
	hasAnswer := false
	yamlx.EachPair(v, "a field name", p.report, func(k, val *yaml.Node) {
		switch k.Value {
		case "answer":
			hasAnswer = true
			if val.Kind != yaml.ScalarNode {
				p.errorf(val, "%s: answer: want an answer, got %s", e.ID, yamlx.KindName(val))
				return
			}
			e.Answer = p.answerValue(e.ID, val)
			e.ValuePos = yamlx.Pos{Line: val.Line, Col: val.Column}
		case "note":
			e.Note = p.text("note", val)
		case "evidence":
			e.Evidence = p.evidence(val)
		case "responses":
			e.Responses = p.responses(e.ID, val)
		default:
			p.errorf(k, "%s: unknown field %q (want answer, note, evidence or responses)", e.ID, k.Value)
		}
	})
	if !hasAnswer {
		p.errorf(v, "%s: answer is missing", e.ID)
	}
}

func (p *parser) evidence(n *yaml.Node) []string {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return nil
		}
		return []string{n.Value}
	case yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				p.errorf(c, "evidence: want text, got %s", yamlx.KindName(c))
				continue
			}
			out = append(out, c.Value)
		}
		return out
	}
	p.errorf(n, "evidence: want a list of links or notes, got %s", yamlx.KindName(n))
	return nil
}

// responses reads the list of respondents' answers of a merged file.
func (p *parser) responses(id string, n *yaml.Node) []Response {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "%s: responses: want a list of {respondent, answer, note}, got %s", id, yamlx.KindName(n))
		return nil
	}
	out := make([]Response, 0, len(n.Content))
	for _, item := range n.Content {
		if item.Kind != yaml.MappingNode {
			p.errorf(item, "%s: responses: want a mapping with respondent, answer and note, got %s", id, yamlx.KindName(item))
			continue
		}
		r := Response{Pos: yamlx.Pos{Line: item.Line, Col: item.Column}}
		yamlx.EachPair(item, "a field name", p.report, func(k, v *yaml.Node) {
			switch k.Value {
			case "respondent":
				r.Respondent = p.text("respondent", v)
			case "answer":
				if v.Kind != yaml.ScalarNode {
					p.errorf(v, "%s: responses: answer: want an answer, got %s", id, yamlx.KindName(v))
					return
				}
				r.Answer = p.answerValue(id, v)
				r.Pos = yamlx.Pos{Line: v.Line, Col: v.Column}
			case "note":
				r.Note = p.text("note", v)
			default:
				p.errorf(k, "%s: responses: unknown field %q (want respondent, answer or note)", id, k.Value)
			}
		})
		if r.Respondent == "" {
			p.errorf(item, "%s: responses: respondent is missing or empty", id)
		}
		out = append(out, r)
	}
	return out
}

// SetTarget sets pillar's target to level, in Targets and in the targets:
// node a rewrite writes (made when the file has none), keeping the other
// targets and their comments.
func (f *File) SetTarget(pillar, level string) {
	v := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: level}
	if _, err := strconv.Atoi(level); err == nil {
		v.Tag = "!!int"
	}
	found := false
	for i := range f.Targets {
		if f.Targets[i].Pillar == pillar {
			f.Targets[i].Level, found = level, true
		}
	}
	if !found {
		f.Targets = append(f.Targets, Target{Pillar: pillar, Level: level})
	}
	node := f.TargetsNode()
	if node == nil {
		node = &yaml.Node{Kind: yaml.MappingNode}
		replaced := false
		for i := 0; i+1 < len(f.Extra); i += 2 {
			if f.Extra[i].Value == "targets" { // "targets:" with no mapping
				f.Extra[i+1], replaced = node, true
			}
		}
		if !replaced {
			f.Extra = append(f.Extra, TextNode("targets"), node)
		}
	}
	for i := 0; i+1 < len(node.Content); i += 2 {
		if node.Content[i].Value == pillar {
			v.HeadComment, v.LineComment = node.Content[i+1].HeadComment, node.Content[i+1].LineComment
			node.Content[i+1] = v
			return
		}
	}
	node.Content = append(node.Content, TextNode(pillar), v)
}

// TargetsNode is the targets: mapping a rewrite writes, or nil.
func (f *File) TargetsNode() *yaml.Node {
	for i := 0; i+1 < len(f.Extra); i += 2 {
		if f.Extra[i].Value == "targets" && f.Extra[i+1].Kind == yaml.MappingNode {
			return f.Extra[i+1]
		}
	}
	return nil
}
