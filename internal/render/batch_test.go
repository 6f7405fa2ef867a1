package render

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/heat-tools/maturity/internal/resultjson"
	"github.com/heat-tools/maturity/internal/score"
)

// TestBatchWritesWhatTheWholeListWould streams results through a Batch,
// one at a time, and compares the bytes with the renderers that see the
// whole list at once: streaming must not change the output.
func TestBatchWritesWhatTheWholeListWould(t *testing.T) {
	list := []Scored{
		load(t, "", "answers/contoso-2026-05.yaml"),
		load(t, "", "answers/pa-partial.yaml"),
		load(t, "models/tiny.yaml", "answers/tiny.yaml"),
		load(t, "", "answers/pa-500-full.yaml"),
	}
	results := make([]*score.Result, len(list))
	for i, s := range list {
		results[i] = s.Result
	}
	whole := map[string]func(*bytes.Buffer) error{
		"markdown": func(b *bytes.Buffer) error { return Markdown(b, list) },
		"junit":    func(b *bytes.Buffer) error { return JUnit(b, list) },
		"csv":      func(b *bytes.Buffer) error { return CSV(b, list, true) },
		"yaml":     func(b *bytes.Buffer) error { return YAMLList(b, results) },
		"text": func(b *bytes.Buffer) error {
			rows := make([][]string, len(list))
			for i, s := range list {
				rows[i] = SummaryRow(s.Result)
			}
			return SummaryTable(b, rows, TextOptions{})
		},
		"json": func(b *bytes.Buffer) error {
			l := resultjson.ListWriter{W: b}
			for _, r := range results {
				if err := l.Item(resultjson.ListItem(r)); err != nil {
					return err
				}
			}
			return l.Close()
		},
		"jsonl": func(b *bytes.Buffer) error {
			for _, r := range results {
				b.Write(resultjson.Line(r))
			}
			return nil
		},
	}
	for _, format := range batchFormats {
		t.Run(format, func(t *testing.T) {
			var want bytes.Buffer
			if err := whole[format](&want); err != nil {
				t.Fatal(err)
			}
			var scratch *os.File
			if NeedsScratch(format) {
				f, err := os.CreateTemp(t.TempDir(), "scratch")
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				scratch = f
			}
			var got bytes.Buffer
			b, err := NewBatch(format, &got, scratch, TextOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range list {
				p, err := b.Prepare(s)
				if err != nil {
					t.Fatal(err)
				}
				if err := b.Add(p); err != nil {
					t.Fatal(err)
				}
			}
			if err := b.Close(); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("streamed output differs from the whole list's:\n%s", firstDiff(got.String(), want.String()))
			}
			if got.Len() < 200 {
				t.Errorf("output too short to show anything: %q", got.String())
			}
		})
	}
	// YAMLList, the concatenation of items, is the one YAML sequence of
	// them all.
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, r := range results {
		n, err := resultNode(r)
		if err != nil {
			t.Fatal(err)
		}
		seq.Content = append(seq.Content, n)
	}
	var one, items bytes.Buffer
	if err := encodeYAML(&one, seq); err != nil {
		t.Fatal(err)
	}
	if err := YAMLList(&items, results); err != nil {
		t.Fatal(err)
	}
	if one.String() != items.String() {
		t.Errorf("YAML items differ from one sequence:\n%s", firstDiff(items.String(), one.String()))
	}

	// A batch with no result writes nothing at all.
	var empty bytes.Buffer
	b, _ := NewBatch("junit", &empty, nil, TextOptions{})
	if err := b.Close(); err != nil || empty.Len() != 0 {
		t.Errorf("empty batch wrote %q, %v", empty.String(), err)
	}
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d: got  %s\n         want %s", i+1, la[i], lb[i])
		}
	}
	return "lengths differ"
}
