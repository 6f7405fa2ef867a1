package resultjson

import (
	"io"

	"github.com/heat-tools/maturity/internal/score"
)

// Write writes a result as indented JSON with a trailing newline: the
// bytes of `maturity score --format json`.
func Write(w io.Writer, r *score.Result) error {
	compact := Append(nil, r)
	b := appendIndent(make([]byte, 0, 2*len(compact)+1), compact, "", "  ")
	_, err := w.Write(append(b, '\n'))
	return err
}

// ListItem is a result as it stands in a JSON array of results:
// indented one level, without a trailing newline. Items can be made in parallel and
// written in order with a ListWriter.
func ListItem(r *score.Result) []byte {
	compact := Append(nil, r)
	return appendIndent(make([]byte, 0, 2*len(compact)), compact, "  ", "  ")
}

// ListWriter writes items from ListItem, one at a time, as the
// bytes of one indented JSON array of results, so that a long list need not be held in memory.
type ListWriter struct {
	W io.Writer
	n int
}

// Item writes the next item, after the bracket or separator it needs.
func (l *ListWriter) Item(item []byte) error {
	sep := ",\n  "
	if l.n == 0 {
		sep = "[\n  "
	}
	l.n++
	if _, err := io.WriteString(l.W, sep); err != nil {
		return err
	}
	_, err := l.W.Write(item)
	return err
}

// Close ends the array; with no items it writes [].
func (l *ListWriter) Close() error {
	end := "\n]\n"
	if l.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(l.W, end)
	return err
}

// Line is one result as compact JSON and a newline: a line of jsonl.
func Line(r *score.Result) []byte {
	return append(Append(nil, r), '\n')
}

// appendIndent appends compact JSON src indented as json.Indent would:
// each element on its own line, starting with prefix and one indent per
// level, and empty objects and arrays kept as {} and []. src must be valid
// compact JSON, as Append writes; json.Indent, which
// validates as it goes, took twice as long.
func appendIndent(dst, src []byte, prefix, indent string) []byte {
	depth := 0
	inString, escaped := false, false
	opened := false // just after { or [: a newline is due unless it closes at once
	newline := func() {
		dst = append(dst, '\n')
		dst = append(dst, prefix...)
		for range depth {
			dst = append(dst, indent...)
		}
	}
	for _, c := range src {
		if inString {
			dst = append(dst, c)
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		if opened && c != '}' && c != ']' {
			newline()
		}
		switch c {
		case '"':
			inString = true
			dst = append(dst, c)
		case '{', '[':
			depth++
			dst = append(dst, c)
		case '}', ']':
			depth--
			if !opened {
				newline()
			}
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
		opened = c == '{' || c == '['
	}
	return dst
}
