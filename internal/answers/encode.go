package answers

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/heat-tools/maturity/internal/mdtext"
	"github.com/heat-tools/maturity/model"
)

// Encode writes f as YAML in the canonical layout: header fields, any
// unknown fields kept from the original, then the answers in file order.
// An answer with neither note nor evidence is written in the short form.
func Encode(f *File) ([]byte, error) {
	return encode(f, nil, "")
}

// EncodeComments is Encode with a comment above the answers named in
// comments (indicator id to text), such as a merge's disagreements.
func EncodeComments(f *File, comments map[string]string) ([]byte, error) {
	return encode(f, comments, "")
}

// Template is an answers file for m with every indicator present and
// unanswered, its text as a comment, for filling in with an editor.
func Template(m *model.Model, f *File) ([]byte, error) {
	comments := map[string]string{}
	for _, ref := range m.Indicators() {
		lvl, _ := m.Level(ref.Cell.Level)
		c := ref.Indicator.Text
		if ref.Indicator.Help != "" {
			c += "\nhelp: " + oneLine(mdtext.Plain(ref.Indicator.Help))
		}
		c += "\nanswer: " + strings.Join(AllowedAnswers(m.ScaleFor(ref.Cell, ref.Indicator)), " | ")
		if ref.Cell.Indicators[0].ID == ref.Indicator.ID {
			head := fmt.Sprintf("── %s · %s ──\n", ref.Pillar.Name, lvl.Label())
			if ref.Cell.Goal != "" {
				head += oneLine(mdtext.Plain(ref.Cell.Goal)) + "\n"
			}
			for _, line := range ref.Cell.Context {
				head += "context (not scored): " + oneLine(mdtext.Plain(line)) + "\n"
			}
			c = head + "\n" + c
		}
		comments[ref.Indicator.ID] = c
		if _, ok := f.Get(ref.Indicator.ID); !ok {
			f.Set(Entry{ID: ref.Indicator.ID})
		}
	}
	head := ""
	if len(f.Targets) == 0 {
		head = targetsComment(m)
	}
	return encode(f, comments, head)
}

// oneLine folds a text onto one comment line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// targetsComment is the commented targets: block of a template: every
// pillar, at the level after the lowest, for the user to keep or delete.
func targetsComment(m *model.Model) string {
	if len(m.Pillars) == 0 || len(m.Levels) == 0 {
		return ""
	}
	example := m.Levels[min(1, len(m.Levels)-1)]
	var b strings.Builder
	b.WriteString("targets: the level each pillar aims for (a level value or name); a pillar\n")
	b.WriteString("without one aims at the level after the overall level. Uncomment to set.\n")
	b.WriteString("targets:\n")
	for _, p := range m.Pillars {
		fmt.Fprintf(&b, "  %s: %d\n", p.ID, example.Value)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// encode writes f; answersHead, when set, is a comment above answers:.
func encode(f *File, comments map[string]string, answersHead string) ([]byte, error) {
	root := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, value *yaml.Node) {
		root.Content = append(root.Content, TextNode(key), value)
	}
	add("model", TextNode(f.Model))
	if f.ModelVersion != "" {
		add("model_version", quoted(f.ModelVersion))
	}
	if f.AssessedAt != "" {
		add("assessed_at", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: f.AssessedAt})
	}
	for _, kv := range [][2]string{{"organization", f.Organization}, {"scope", f.Scope}, {"respondent", f.Respondent}} {
		if kv[1] != "" {
			add(kv[0], TextNode(kv[1]))
		}
	}
	root.Content = append(root.Content, f.Extra...)

	answers := &yaml.Node{Kind: yaml.MappingNode}
	for _, e := range f.Entries {
		key := TextNode(e.ID)
		if c, ok := comments[e.ID]; ok {
			key.HeadComment = c
		}
		answers.Content = append(answers.Content, key, EntryNode(e))
	}
	if len(f.Entries) == 0 {
		answers.Style = yaml.FlowStyle
	}
	key := TextNode("answers")
	key.HeadComment = answersHead
	root.Content = append(root.Content, key, answers)

	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// EntryNode is an answer as Encode writes it: the bare answer, or a
// mapping with its note, evidence and responses. A rewrite that keeps a
// file's own nodes (the questionnaire's) builds new entries with it, so
// that both write the same.
func EntryNode(e Entry) *yaml.Node {
	answer := AnswerNode(e.Answer)
	if e.Note == "" && len(e.Evidence) == 0 && len(e.Responses) == 0 {
		return answer
	}
	m := &yaml.Node{Kind: yaml.MappingNode}
	m.Content = append(m.Content, TextNode("answer"), answer)
	if e.Note != "" {
		m.Content = append(m.Content, TextNode("note"), TextNode(e.Note))
	}
	if len(e.Evidence) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, ev := range e.Evidence {
			seq.Content = append(seq.Content, TextNode(ev))
		}
		m.Content = append(m.Content, TextNode("evidence"), seq)
	}
	if len(e.Responses) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, r := range e.Responses {
			rm := &yaml.Node{Kind: yaml.MappingNode}
			rm.Content = append(rm.Content, TextNode("respondent"), TextNode(r.Respondent), TextNode("answer"), AnswerNode(r.Answer))
			if r.Note != "" {
				rm.Content = append(rm.Content, TextNode("note"), TextNode(r.Note))
			}
			seq.Content = append(seq.Content, rm)
		}
		m.Content = append(m.Content, TextNode("responses"), seq)
	}
	return m
}

// AnswerNode is an answer's scalar: double-quoted, or an empty null for
// unanswered.
func AnswerNode(a string) *yaml.Node {
	if a == "" {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: ""}
	}
	return quoted(a)
}

// TextNode is a text's scalar: a literal block when it has several lines.
func TextNode(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if bytes.ContainsRune([]byte(s), '\n') {
		n.Style = yaml.LiteralStyle
	}
	return n
}

// quoted always double-quotes, so that values such as "yes" or "2024.07"
// read back as the same text in any YAML reader.
func quoted(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
}
