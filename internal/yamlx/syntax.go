package yamlx

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// quoteHint is the way out of the most common YAML mistake in these files:
// a text with a ':', '?' or '#' that YAML reads as syntax.
const quoteHint = `quote the text: text: "…", with \" for a " inside`

const closeHint = "close the quote or bracket left open"

// syntaxError turns a yaml.v3 parse error ("yaml: line 3: ...") into a
// positioned Error. yaml.v3 gives no column, and its line is sometimes
// the start of the enclosing { }, so for the common causes (a tab in the
// indentation, a ':', '?' or '#' in an unquoted text, a text starting with
// @ or `) the position is found here, in data, with what to do.
func syntaxError(file string, data []byte, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	}
	e := &Error{File: file, Line: line, Msg: "invalid YAML: " + msg}
	lines := strings.Split(string(data), "\n")
	switch {
	case strings.Contains(msg, "cannot start any token"):
		if l, c, ok := findTab(lines); ok {
			e.Line, e.Col = l, c
			e.Msg = "invalid YAML: a tab in the indentation"
			e.Next = "indent with spaces: YAML does not allow tabs there"
		} else if l, c, ch, ok := findReserved(lines); ok {
			e.Line, e.Col = l, c
			e.Msg = fmt.Sprintf("invalid YAML: a text cannot start with %s unquoted", ch)
			e.Next = quoteHint
		}
	case strings.HasPrefix(msg, "did not find expected ',' or"):
		if l, c, ch, ok := findFlowCulprit(lines); ok {
			e.Line, e.Col = l, c
			e.Msg = fmt.Sprintf("invalid YAML: %q in an unquoted text inside { } or [ ]", ch)
			e.Next = quoteHint
		} else {
			e.Next = closeHint
		}
	case strings.Contains(msg, "unexpected end of stream"):
		e.Next = closeHint
	case strings.HasPrefix(msg, "mapping values are not allowed"):
		if line < 1 || line > len(lines) {
			break
		}
		text := lines[line-1]
		if first := strings.Index(text, ": "); first >= 0 {
			if second := strings.Index(text[first+2:], ": "); second >= 0 {
				e.Col = runeCol(text, first+2+second)
				e.Msg = `invalid YAML: a second ": " on the line, in an unquoted text`
				e.Next = quoteHint
				break
			}
		}
		e.Col = runeCol(text, len(text)-len(strings.TrimLeft(text, " ")))
		e.Msg = "invalid YAML: a key where none can be (mapping values are not allowed in this context)"
		e.Next = "check this line's indentation against the lines above, or quote a text with a ': ' in it"
	}
	return e
}

// runeCol is the 1-based column, in characters, of byte offset i of text.
func runeCol(text string, i int) int { return len([]rune(text[:i])) + 1 }

// findTab finds the first tab in the indentation of a line: the spaces,
// tabs and list dashes before its content.
func findTab(lines []string) (line, col int, ok bool) {
	for i, text := range lines {
		for j, r := range text {
			if r == '\t' {
				return i + 1, runeCol(text, j), true
			}
			if r != ' ' && r != '-' {
				break
			}
		}
	}
	return 0, 0, false
}

// reservedStart is a plain value starting with one of YAML's reserved
// indicators, @ and `. Compiled on first use: only a syntax error needs
// it, and every start of the tool would pay for it otherwise.
var reservedStart = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("(?:^[ -]*|: +|[\\[{,] *)([@`])") })

func findReserved(lines []string) (line, col int, ch string, ok bool) {
	for i, text := range lines {
		if m := reservedStart().FindStringSubmatchIndex(text); m != nil {
			return i + 1, runeCol(text, m[2]), text[m[2]:m[3]], true
		}
	}
	return 0, 0, "", false
}

// flowStart is a { or [ where a value starts: the line's first content,
// or after a key's ": " or a list dash.
var flowStart = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?:^[ -]*|: +)([\[{])`) })

// findFlowCulprit finds, in the first { } or [ ] on one line that does
// not parse alone, what broke it: a '?' or a second ": " in an entry, or a
// " #" starting a comment that swallows the closing bracket.
func findFlowCulprit(lines []string) (line, col int, ch string, ok bool) {
	for i, text := range lines {
		m := flowStart().FindStringSubmatchIndex(text)
		if m == nil {
			continue
		}
		flow := text[m[2]:]
		var v any
		if yaml.Unmarshal([]byte(flow), &v) == nil {
			continue
		}
		if j, c := flowCulprit(flow); j >= 0 {
			return i + 1, runeCol(text, m[2]+j), c, true
		}
	}
	return 0, 0, "", false
}

// flowCulprit is the byte offset and text of the first '?', second ": "
// of an entry or " #" outside quotes in flow, or -1.
func flowCulprit(flow string) (int, string) {
	var quote byte
	colon := false // the entry has had its key's ": "
	for j := 0; j < len(flow); j++ {
		c := flow[j]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				j++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '{' || c == '[' || c == ',':
			colon = false
		case c == '?':
			return j, "?"
		case c == '#' && j > 0 && flow[j-1] == ' ':
			return j, "#"
		case c == ':' && (j+1 == len(flow) || flow[j+1] == ' '):
			if colon {
				return j, ":"
			}
			colon = true
		}
	}
	return -1, ""
}
