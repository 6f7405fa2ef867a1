// Package resultjson is the JSON result as a file format (SPEC "Output",
// schema_version 1): its writer, its reader, and the test that holds both
// to internal/schema/result.schema.json. score computes a result; this
// package writes and reads its bytes.
package resultjson

import (
	"strconv"
	"unicode/utf8"

	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
)

// Append appends r as compact JSON, byte for byte what encoding/json
// writes for it with HTML escaping off (json_test.go holds the two
// together). It exists for speed: encoding/json builds its encoders by
// reflection on first use, which was the largest single cost of a
// `maturity score FILE --format json` run (docs/benchmarks.md).
func Append(b []byte, r *score.Result) []byte {
	b = append(b, `{"schema_version":`...)
	b = strconv.AppendInt(b, int64(r.SchemaVersion), 10)
	b = append(b, `,"model":{"id":`...)
	b = appendString(b, r.Model.ID)
	b = append(b, `,"name":`...)
	b = appendString(b, r.Model.Name)
	b = append(b, `,"version":`...)
	b = appendString(b, r.Model.Version)
	b = append(b, `},"input":{"file":`...)
	b = appendString(b, r.Input.File)
	b = appendOptString(b, "assessed_at", r.Input.AssessedAt)
	b = appendOptString(b, "organization", r.Input.Organization)
	b = appendOptString(b, "scope", r.Input.Scope)
	b = appendOptString(b, "respondent", r.Input.Respondent)
	b = append(b, `},"threshold":`...)
	b = append(b, r.Threshold.String()...)
	b = append(b, `,"scoring":`...)
	b = appendString(b, r.Scoring)
	b = append(b, `,"level":`...)
	b = appendLevel(b, r.Level)
	b = append(b, `,"score":`...)
	b = append(b, r.Format(r.Score)...)
	b = append(b, `,"next_level":`...)
	b = appendLevelPtr(b, r.NextLevel)
	b = append(b, `,"target":`...)
	b = appendLevelPtr(b, r.Target)

	b = append(b, `,"pillars":`...)
	b = appendList(b, r.Pillars, func(b []byte, p score.PillarResult) []byte {
		b = append(b, `{"id":`...)
		b = appendString(b, p.ID)
		b = append(b, `,"name":`...)
		b = appendString(b, p.Name)
		b = appendOptString(b, "group", p.Group)
		b = append(b, `,"level":`...)
		b = appendLevel(b, p.Level)
		b = append(b, `,"score":`...)
		b = append(b, r.Format(p.Score)...)
		b = append(b, `,"target":`...)
		b = appendLevelPtr(b, p.Target)
		b = append(b, `,"levels":`...)
		b = appendList(b, p.Levels, func(b []byte, c score.LevelCoverage) []byte {
			b = append(b, `{"value":`...)
			b = strconv.AppendInt(b, int64(c.Value), 10)
			b = append(b, `,"coverage":`...)
			b = append(b, c.Coverage.String()...)
			b = append(b, `,"attained":`...)
			b = strconv.AppendBool(b, c.Attained)
			b = append(b, `,"applicable":`...)
			b = strconv.AppendInt(b, int64(c.Applicable), 10)
			b = append(b, `,"answered":`...)
			b = strconv.AppendInt(b, int64(c.Answered), 10)
			return append(b, '}')
		})
		return append(b, '}')
	})

	if len(r.Groups) > 0 {
		b = append(b, `,"groups":`...)
		b = appendList(b, r.Groups, func(b []byte, g score.GroupResult) []byte {
			b = append(b, `{"id":`...)
			b = appendString(b, g.ID)
			b = append(b, `,"name":`...)
			b = appendString(b, g.Name)
			b = append(b, `,"score":`...)
			b = append(b, r.Format(g.Score)...)
			b = append(b, `,"pillars":`...)
			b = strconv.AppendInt(b, int64(g.Pillars), 10)
			return append(b, '}')
		})
	}

	b = append(b, `,"gaps":`...)
	b = appendList(b, r.Gaps, func(b []byte, g score.Gap) []byte {
		b = append(b, `{"indicator":`...)
		b = appendString(b, g.Indicator)
		b = append(b, `,"pillar":`...)
		b = appendString(b, g.Pillar)
		b = append(b, `,"level":`...)
		b = strconv.AppendInt(b, int64(g.Level), 10)
		b = append(b, `,"text":`...)
		b = appendString(b, g.Text)
		b = appendOptString(b, "answer", g.Answer)
		b = appendOptString(b, "note", g.Note)
		b = append(b, `,"resources":`...)
		b = appendList(b, g.Resources, func(b []byte, res model.Resource) []byte {
			b = append(b, `{"title":`...)
			b = appendString(b, res.Title)
			b = append(b, `,"url":`...)
			b = appendString(b, res.URL)
			return append(b, '}')
		})
		return append(b, '}')
	})

	b = append(b, `,"unanswered":`...)
	b = appendList(b, r.Unanswered, appendString)
	b = append(b, `,"counts":`...)
	b = appendCounts(b, r.Counts)
	return append(b, '}')
}

func appendLevel(b []byte, l score.LevelRef) []byte {
	b = append(b, `{"value":`...)
	b = strconv.AppendInt(b, int64(l.Value), 10)
	b = append(b, `,"name":`...)
	b = appendString(b, l.Name)
	return append(b, '}')
}

func appendLevelPtr(b []byte, l *score.LevelRef) []byte {
	if l == nil {
		return append(b, "null"...)
	}
	return appendLevel(b, *l)
}

// appendCounts writes the counts as one flat object in a fixed key order:
// indicators, one key per scale id in scale order, na, unanswered.
func appendCounts(b []byte, c score.Counts) []byte {
	b = append(b, `{"indicators":`...)
	b = strconv.AppendInt(b, int64(c.Indicators), 10)
	for _, s := range c.Scale {
		b = append(b, ',')
		b = appendString(b, s.ID)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(s.N), 10)
	}
	b = append(b, `,"na":`...)
	b = strconv.AppendInt(b, int64(c.NA), 10)
	b = append(b, `,"unanswered":`...)
	b = strconv.AppendInt(b, int64(c.Unanswered), 10)
	return append(b, '}')
}

// appendList writes a slice as encoding/json does: nil is null.
func appendList[T any](b []byte, list []T, item func([]byte, T) []byte) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, v := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = item(b, v)
	}
	return append(b, ']')
}

// appendOptString writes ,"key":"s", or nothing when s is empty (omitempty).
func appendOptString(b []byte, key, s string) []byte {
	if s == "" {
		return b
	}
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	return appendString(b, s)
}

// appendString writes s as a JSON string the way encoding/json does with
// HTML escaping off: invalid UTF-8 becomes U+FFFD, and U+2028 and U+2029
// are escaped so that the output is also valid JavaScript.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
