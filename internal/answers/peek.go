package answers

import (
	"bytes"
	"strings"
)

// PeekModel returns the model an answers file names on a line of its own
// (model: VALUE, at the start of a line), read without parsing the file,
// or "" when the line is not there or is not plainly written. It is a
// hint, for loading the model while the file is parsed; what the file
// names is what Parse reads, and only that decides which model scores it.
func PeekModel(data []byte) string {
	const key = "model:"
	start := 0
	if !bytes.HasPrefix(data, []byte(key)) {
		i := bytes.Index(data, []byte("\n"+key))
		if i < 0 {
			return ""
		}
		start = i + 1
	}
	line := data[start+len(key):]
	if end := bytes.IndexAny(line, "\r\n"); end >= 0 {
		line = line[:end]
	}
	v := strings.TrimSpace(string(line))
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		v = v[1 : len(v)-1]
		if strings.ContainsAny(v, `\"'`) {
			return "" // escapes and doubled quotes: the parser's business
		}
		return v
	}
	if v == "" || strings.ContainsAny(v, "#'\"{}[],&*!|>%@`") {
		return "" // a comment, a flow collection, a tag or an anchor
	}
	return v
}
