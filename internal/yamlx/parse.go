package yamlx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// MaxFileSize is the largest file the tool reads (SPEC: limits).
const MaxFileSize = 8 << 20

// maxItems bounds the lines and flow-collection items of a file, counted
// before parsing: the parser's tree costs about a hundred bytes a value, so
// eight MiB of one-letter items would take a second and most of a GiB. The
// largest real files (a model of 50,000 indicators) have a third of this.
const maxItems = 250_000

// maxValues bounds the nodes the parser would build, estimated before
// parsing (see countValues): one line can hold many, as in "- - - - a" or
// "[[[[a]]]]", and 249,000 such lines took 3.5 s and 670 MB. Below it,
// any file parses in about half a second and 100 MB (docs/benchmarks.md);
// a generated model of 40,000 indicators has 280,000.
const maxValues = 300_000

// maxDepth bounds nesting; no valid file of ours nests deeper than a few levels.
const maxDepth = 64

// ReadFile reads path, refusing files over MaxFileSize before reading them
// whole. name is the path as the user wrote it, for messages; "-" reads r.
func ReadFile(name string, stdin io.Reader) ([]byte, error) {
	var r io.Reader
	var size int64 = 512 // a first guess at stdin's size
	if name == "" {
		// Most often an unset shell variable; named, it is not just "no such file".
		return nil, &Error{File: `""`, Msg: "no such file: the file name is empty"}
	}
	if name == "-" {
		if stdin == nil {
			return nil, &Error{File: "<stdin>", Msg: "no standard input"}
		}
		r = stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, &Error{File: name, Msg: describeOpenError(err)}
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil {
			if st.IsDir() {
				return nil, &Error{File: name, Msg: "is a directory, want a file"}
			}
			if st.Size() > MaxFileSize {
				return nil, &Error{File: name, Msg: fmt.Sprintf("file is %s, over the %s limit", humanSize(st.Size()), humanSize(MaxFileSize))}
			}
			size = st.Size()
		}
		r = f
	}
	data, err := readAll(io.LimitReader(r, MaxFileSize+1), size)
	if err != nil {
		return nil, &Error{File: DisplayName(name), Msg: "cannot read: " + err.Error()}
	}
	if len(data) > MaxFileSize {
		return nil, &Error{File: DisplayName(name), Msg: fmt.Sprintf("input is over the %s limit", humanSize(MaxFileSize))}
	}
	return data, nil
}

// readAll is io.ReadAll with a first buffer of the expected size, so that
// a regular file is read with one read call and no copying.
func readAll(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, size+1) // +1 so that the read that finds the end needs no growth
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// DisplayName is how a file is named in messages.
func DisplayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}

func describeOpenError(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "no such file"
	case errors.Is(err, os.ErrPermission):
		return "permission denied"
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func humanSize(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	if n >= 1<<10 {
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Parse checks that data is one YAML document of text and returns its root
// node. It refuses binary data, invalid UTF-8, empty input, several
// documents, aliases and deep nesting, so that callers can walk the tree
// without further guards.
func Parse(file string, data []byte) (*yaml.Node, error) {
	if isUTF16(data) {
		return nil, &Error{File: file, Line: 1, Col: 1, Msg: "UTF-16: save it as UTF-8", Next: "most editors offer UTF-8 in their save dialog"}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineCol(data, i)
		return nil, &Error{File: file, Line: line, Col: col, Msg: fmt.Sprintf("binary data (NUL byte at offset %d), want a YAML text file", i)}
	}
	if !utf8.Valid(data) {
		line, col := lineCol(data, invalidUTF8Offset(data))
		return nil, &Error{File: file, Line: line, Col: col, Msg: "invalid UTF-8, want a YAML text file"}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{File: file, Line: 1, Col: 1, Msg: "file is empty"}
	}
	if msg := overCounts(data); msg != "" {
		return nil, &Error{File: file, Msg: msg}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &Error{File: file, Line: 1, Col: 1, Msg: "no YAML content (only comments or blank lines)"}
		}
		return nil, syntaxError(file, data, err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, &Error{File: file, Line: next.Line, Col: next.Column,
			Msg:  "several YAML documents, want one",
			Next: "keep one document: remove the '---' separators"}
	case !errors.Is(err, io.EOF):
		return nil, syntaxError(file, data, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, &Error{File: file, Msg: "no YAML content"}
	}
	root := doc.Content[0]
	if err := checkTree(file, root, 0); err != nil {
		return nil, err
	}
	return root, nil
}

// overCounts says how data is over the limits on lines and values, or "".
func overCounts(data []byte) string {
	if n := countItems(data); n > maxItems {
		return fmt.Sprintf("too many lines and items (%d, the limit is %d)", n, maxItems)
	}
	if n := countValues(data); n > maxValues {
		return fmt.Sprintf("too many keys, values and items (about %d, the limit is %d)", n, maxValues)
	}
	return ""
}

// Readable says whether data is within the limits the reader sets on
// size, lines and values, so that the tool never writes a file it would
// refuse to read back; the error says how it is over.
func Readable(data []byte) error {
	if len(data) > MaxFileSize {
		return fmt.Errorf("it would be %s, over the %s limit", humanSize(int64(len(data))), humanSize(MaxFileSize))
	}
	if msg := overCounts(data); msg != "" {
		return errors.New(msg)
	}
	return nil
}

// countItems counts the line breaks of data, as YAML reads them (\n, \r,
// \r\n as one, U+0085, U+2028, U+2029), and its flow separators: a count
// of \n alone let 8 MiB of items on lines broken by \r through.
func countItems(data []byte) int {
	return bytes.Count(data, []byte("\n")) +
		bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n")) +
		bytes.Count(data, []byte("\u0085")) +
		bytes.Count(data, []byte("\u2028")) +
		bytes.Count(data, []byte("\u2029")) +
		bytes.Count(data, []byte(","))
}

// countValues estimates, from above, how many nodes parsing data builds:
// two for each mapping value indicator (": ", a key and its value), one for
// each block sequence entry ("- "), flow collection and flow separator.
func countValues(data []byte) int {
	return 2*countIndicator(data, ':') + countIndicator(data, '-') +
		bytes.Count(data, []byte("[")) + bytes.Count(data, []byte("{")) + bytes.Count(data, []byte(","))
}

// countIndicator counts c where YAML reads it as an indicator: followed by
// white space, a line break or the end.
func countIndicator(data []byte, c byte) int {
	n := 0
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], c)
		if j < 0 {
			return n
		}
		i += j + 1
		if i == len(data) {
			return n + 1
		}
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			n++
		}
	}
}

// isUTF16 says whether data looks like UTF-16 text: a UTF-16 byte order
// mark, or ASCII with a NUL before or after every character, as a file
// saved as "Unicode" by some Windows editors is.
func isUTF16(data []byte) bool {
	if len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF) {
		return true
	}
	if len(data) < 2 {
		return false
	}
	// Look at the start only: a NUL in every other byte of the first
	// characters is text, not binary data that happens to hold NULs.
	n := min(len(data)&^1, 64)
	for _, odd := range []int{0, 1} { // big-endian NULs at even offsets, little-endian at odd
		ok := true
		for i := 0; i < n; i += 2 {
			nul, ch := data[i+odd], data[i+1-odd]
			if nul != 0 || ch == 0 || ch >= 0x80 {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// lineCol is the 1-based line and byte column of offset in data.
func lineCol(data []byte, offset int) (line, col int) {
	before := data[:offset]
	line = 1 + bytes.Count(before, []byte("\n"))
	col = offset - bytes.LastIndexByte(before, '\n')
	return line, col
}

func invalidUTF8Offset(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// checkTree refuses aliases (the root of alias bombs) and deep nesting.
func checkTree(file string, n *yaml.Node, depth int) error {
	if depth > maxDepth {
		return &Error{File: file, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf("nesting deeper than %d levels", maxDepth)}
	}
	if n.Kind == yaml.AliasNode {
		return &Error{File: file, Line: n.Line, Col: n.Column,
			Msg: fmt.Sprintf("YAML aliases are not supported (*%s)", n.Value), Next: "write the value out in full"}
	}
	for _, c := range n.Content {
		if c.Kind == yaml.ScalarNode && depth < maxDepth {
			continue // a leaf within the depth: nothing to check, and most nodes are leaves
		}
		if err := checkTree(file, c, depth+1); err != nil {
			return err
		}
	}
	return nil
}
