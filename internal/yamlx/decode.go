package yamlx

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Positions maps a pointer to a decoded value (a *string, a *Level, ...) to
// where it stood in the file, so that validation after decoding can name the
// line of each problem.
type Positions map[any]Pos

// Decoder decodes a node tree into Go values strictly: unknown fields,
// duplicate keys and wrong types are all reported, with positions, and the
// walk goes on so that every problem is found in one run. Struct fields are
// named by their `yaml` tag.
type Decoder struct {
	File string
	Pos  Positions
	Errs Errors
	// EmptyOnly records in Pos only the values written empty (null or
	// ""): enough to tell an empty field from one left out, which is all
	// that checking a valid file asks. Recording every value costs a map
	// entry a value (a third of validating a large model); a caller that
	// finds a problem decodes again with every position to report it.
	EmptyOnly bool

	fields map[reflect.Type]map[string]int // field index by yaml name, per struct type
}

// NewDecoder returns a Decoder for file.
func NewDecoder(file string) *Decoder {
	return &Decoder{File: file, Pos: Positions{}}
}

// NodeDecoder is a type that decodes itself from a node, such as a list
// written in YAML as a mapping. It reports problems through d.
type NodeDecoder interface {
	DecodeNode(d *Decoder, n *yaml.Node)
}

// DecodeAt decodes n into out, a non-nil pointer, as the value of field
// path (for messages): what a NodeDecoder calls for its parts.
func (d *Decoder) DecodeAt(n *yaml.Node, out any, path string) {
	d.decode(n, reflect.ValueOf(out).Elem(), path)
}

// Decode decodes n into out, which must be a non-nil pointer.
func (d *Decoder) Decode(n *yaml.Node, out any) {
	d.decode(n, reflect.ValueOf(out).Elem(), "")
}

// Errorf records a problem at n.
func (d *Decoder) Errorf(n *yaml.Node, format string, args ...any) {
	if len(d.Errs) < MaxErrors {
		d.Errs = append(d.Errs, Errorf(d.File, Pos{n.Line, n.Column}, format, args...))
	}
}

// Record keeps n's position as that of the value ptr points to.
func (d *Decoder) Record(ptr any, n *yaml.Node) {
	if d.records(n, isNull(n)) {
		d.Pos[ptr] = Pos{n.Line, n.Column}
	}
}

// records says whether Pos keeps the position of n, which null says is
// null or not (the caller has asked already).
func (d *Decoder) records(n *yaml.Node, null bool) bool {
	return !d.EmptyOnly || null || n.Kind == yaml.ScalarNode && n.Value == ""
}

func (d *Decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	null := isNull(n)
	if v.CanAddr() && d.records(n, null) {
		d.Pos[v.Addr().Interface()] = Pos{n.Line, n.Column}
	}
	if null {
		v.Set(reflect.Zero(v.Type()))
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		elem := reflect.New(v.Type().Elem())
		d.decode(n, elem.Elem(), path)
		v.Set(elem)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.Errorf(n, "%swant text, got %s", label(path), KindName(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Int:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
			d.Errorf(n, "%swant a whole number, got %s", label(path), KindName(n))
			return
		}
		i, err := strconv.ParseInt(n.Value, 0, 64)
		if err != nil || i != int64(int(i)) {
			d.Errorf(n, "%snumber %s is out of range", label(path), n.Value)
			return
		}
		v.SetInt(i)
	case reflect.Float64:
		f, problem := parseFloat(n)
		if problem != "" {
			d.Errorf(n, "%s%s", label(path), problem)
			return
		}
		v.SetFloat(f)
	case reflect.Slice:
		if u, ok := v.Addr().Interface().(NodeDecoder); ok {
			u.DecodeNode(d, n)
			return
		}
		if n.Kind != yaml.SequenceNode {
			d.Errorf(n, "%swant a list, got %s", label(path), KindName(n))
			return
		}
		// Allocate once so that element addresses, kept in Pos, stay valid.
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		v.Set(s)
		for i, c := range n.Content {
			d.decode(c, v.Index(i), path)
		}
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	default:
		panic("yamlx: unsupported type " + v.Type().String())
	}
}

// parseFloat reads a number node as YAML 1.2 writes numbers: ints in any
// base (0x10, 0o17, 1_000) and floats. A value that is not finite is a
// problem however it is written (.nan, !!float nan, -.inf, 1e400): no
// field of ours means anything by it, and NaN would pass every range check.
func parseFloat(n *yaml.Node) (float64, string) {
	tag := n.ShortTag()
	if n.Kind == yaml.ScalarNode && tag == "!!str" && n.Style == 0 {
		// yaml.v3 resolves a plain float too large for float64 as text.
		if _, err := strconv.ParseFloat(n.Value, 64); errors.Is(err, strconv.ErrRange) {
			return 0, fmt.Sprintf("number %s is not finite (too large)", n.Value)
		}
	}
	if n.Kind != yaml.ScalarNode || (tag != "!!int" && tag != "!!float") {
		return 0, "want a number, got " + KindName(n)
	}
	if plainDecimal(n.Value) {
		// The common case, such as a weight of 2 or 0.5: finite, and
		// nothing to rewrite.
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f, ""
		}
	}
	s := strings.ReplaceAll(n.Value, "_", "")
	unsigned := strings.ToLower(strings.TrimLeft(s, "+-"))
	if tag == "!!int" && len(unsigned) > 2 && unsigned[0] == '0' && strings.IndexByte("xob", unsigned[1]) >= 0 {
		// 0x10, 0o17, 0b11; a leading 0 alone stays decimal, as in YAML 1.2.
		i, err := strconv.ParseInt(s, 0, 64)
		if err != nil {
			return 0, "invalid number " + n.Value
		}
		return float64(i), ""
	}
	switch unsigned {
	case ".nan", "nan", ".inf", "inf", "infinity":
		return 0, fmt.Sprintf("number %s is not finite", n.Value)
	}
	f, err := strconv.ParseFloat(s, 64)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return 0, fmt.Sprintf("number %s is not finite (too large)", n.Value)
	case err != nil:
		return 0, "invalid number " + n.Value
	case math.IsNaN(f) || math.IsInf(f, 0):
		return 0, fmt.Sprintf("number %s is not finite", n.Value)
	}
	return f, ""
}

// plainDecimal says whether s is digits with at most one point and
// nothing else: a number that parses the same in every YAML version.
func plainDecimal(s string) bool {
	if len(s) == 0 || len(s) > 15 {
		return false // and longer ones may be out of range: the slow way says so
	}
	points := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
			points++
		case c < '0' || c > '9':
			return false
		}
	}
	return points <= 1 && s != "."
}

func (d *Decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "%swant a mapping, got %s", label(path), KindName(n))
		return
	}
	fields, ok := d.fields[v.Type()]
	if !ok {
		fields = structFields(v.Type())
		if d.fields == nil {
			d.fields = map[reflect.Type]map[string]int{}
		}
		d.fields[v.Type()] = fields
	}
	report := func(at *yaml.Node, msg string) { d.Errorf(at, "%s", msg) }
	EachPair(n, "a field name", report, func(k, val *yaml.Node) {
		idx, ok := fields[k.Value]
		if !ok {
			if len(d.Errs) < MaxErrors {
				d.Errs = append(d.Errs, &Error{File: d.File, Line: k.Line, Col: k.Column,
					Msg: fmt.Sprintf("unknown field %q%s", k.Value, suggestField(k.Value, fields))})
			}
			return
		}
		d.decode(val, v.Field(idx), k.Value)
	})
}

func suggestField(name string, fields map[string]int) string {
	names := make([]string, 0, len(fields))
	for f := range fields {
		names = append(names, f)
	}
	if s := Nearest(name, names); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

func structFields(t reflect.Type) map[string]int {
	m := make(map[string]int, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if tag != "" && tag != "-" {
			m[tag] = i
		}
	}
	return m
}

func label(path string) string {
	if path == "" {
		return ""
	}
	return path + ": "
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// KindName names what a node holds, for messages.
func KindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "nothing"
		case "!!bool":
			return "true/false"
		case "!!int", "!!float":
			return "a number (" + n.Value + ")"
		case "!!timestamp":
			return "a date (" + n.Value + ")"
		}
		return fmt.Sprintf("text %q", truncate(n.Value, 40))
	}
	return "an unknown node"
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// EachPair calls fn with each key and value of mapping n, in file order. A
// key that is not text (what names the text wanted, such as "a field name")
// or that repeats an earlier key is reported through report and skipped.
func EachPair(n *yaml.Node, what string, report func(at *yaml.Node, msg string), fn func(k, v *yaml.Node)) {
	// Most mappings are a struct's few fields: looking back over their
	// keys is cheaper than a map, which a large model would make for every
	// indicator.
	var seen map[string]int
	if len(n.Content) > 2*smallMapping {
		seen = make(map[string]int, len(n.Content)/2)
	}
	reported := 0 // past MaxErrors, problems are skipped without a message
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			if reported++; reported <= MaxErrors {
				report(k, fmt.Sprintf("want %s, got %s", what, KindName(k)))
			}
			continue
		}
		var first int
		var dup bool
		if seen == nil {
			first, dup = earlierKey(n.Content[:i], k.Value)
		} else if first, dup = seen[k.Value]; !dup {
			seen[k.Value] = k.Line
		}
		if dup {
			if reported++; reported <= MaxErrors {
				report(k, fmt.Sprintf("duplicate key %q (first at line %d)", k.Value, first))
			}
			continue
		}
		fn(k, v)
	}
}

// smallMapping is the most pairs a mapping has for EachPair to find a
// repeated key by looking back rather than with a map.
const smallMapping = 16

// earlierKey looks for key among the keys of pairs, a mapping's content,
// and returns the line of its first use.
func earlierKey(pairs []*yaml.Node, key string) (line int, ok bool) {
	for i := 0; i < len(pairs); i += 2 {
		if k := pairs[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return k.Line, true
		}
	}
	return 0, false
}
