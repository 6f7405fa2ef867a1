// Package safetext is the one sanitizer for text that came from files and
// goes to a terminal or a text format: every control character other than
// newline and tab (C0, DEL, C1, and so every escape sequence) is shown as a
// visible escape, never written raw. Invalid UTF-8 is shown the same way.
//
// The mechanism is a Writer that every output stream and file passes
// through, so no renderer or message can forget it. Colour, the one escape
// sequence the tool itself writes, is marked in the text with bytes that
// never occur in valid UTF-8 (Color), and only the Writer turns the marks
// into terminal sequences, when colour is on; file text is valid UTF-8
// (the YAML reader refuses anything else), so it cannot forge a mark.
package safetext

import (
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The colour mark: markStart, an SGR parameter (digits), markEnd. Both bytes
// are invalid anywhere in UTF-8.
const (
	markStart = 0xff
	markEnd   = 0xfe
	maxMark   = 8 // the longest parameter Color is given, with room to spare
)

// Color wraps text in marks for the SGR code (such as "1" for bold or "31"
// for red); a Writer with colour on writes them as escape sequences, one
// with colour off drops them.
func Color(code, text string) string {
	return "\xff" + code + "\xfe" + text + "\xff0\xfe"
}

// Visible is the width-relevant text of s: s without colour marks.
func Visible(s string) string {
	if strings.IndexByte(s, markStart) < 0 {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, markStart)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], markEnd)
		if j < 0 {
			return b.String()
		}
		s = s[i+j+1:]
	}
}

// String returns s with every unsafe character shown as a visible escape:
// C0 controls other than \n and \t and DEL as \xNN, C1 controls as \u00NN,
// and each byte of invalid UTF-8 as \xNN.
func String(s string) string {
	if safe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for len(s) > 0 {
		n := unsafeAt(s)
		b.WriteString(s[:n])
		s = s[n:]
		if s == "" {
			break
		}
		r, size := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && size <= 1 {
			writeHex(&b, s[0])
			s = s[1:]
			continue
		}
		writeEscape(&b, r)
		s = s[size:]
	}
	return b.String()
}

// Line is String for text that must stay on one line, such as a name or
// a value in an error message: newlines and tabs are escaped too.
func Line(s string) string {
	s = String(s)
	if strings.ContainsAny(s, "\n\t") {
		s = strings.NewReplacer("\n", `\n`, "\t", `\t`).Replace(s)
	}
	return s
}

// Name is a file name as it is shown: as it is when every character is
// printable, else quoted with Go escapes, so that a name holding a newline
// or an escape sequence can neither forge a line nor drive the terminal.
func Name(name string) string {
	if safe(name) && !strings.ContainsAny(name, "\n\t") {
		return name
	}
	return strconv.Quote(name)
}

func writeHex(b *strings.Builder, c byte) {
	const hex = "0123456789abcdef"
	b.WriteString(`\x`)
	b.WriteByte(hex[c>>4])
	b.WriteByte(hex[c&0xf])
}

func writeEscape(b *strings.Builder, r rune) {
	if r < 0x80 {
		writeHex(b, byte(r))
		return
	}
	b.WriteString(`\u`)
	s := strconv.FormatInt(int64(r), 16)
	b.WriteString(strings.Repeat("0", 4-len(s)))
	b.WriteString(s)
}

// isUnsafe reports whether the rune r must be escaped.
func isUnsafe(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0
}

// safe reports whether s needs no escaping, quickly for ASCII text.
func safe(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' {
			continue
		}
		if c < 0x80 {
			return false
		}
		return unsafeAt(s[i:]) == len(s)-i
	}
	return true
}

// unsafeAt is the length of s's longest prefix that needs no escaping.
func unsafeAt(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			if c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' {
				i++
				continue
			}
			return i
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 || isUnsafe(r) {
			return i
		}
		i += size
	}
	return len(s)
}

// Writer passes everything written to it through String, and turns
// colour marks into SGR sequences when colour is on (else drops them). A
// character or a mark split across two writes is held back until the rest
// arrives; Flush writes out what is held back (as escapes: it was never
// completed).
type Writer struct {
	w       io.Writer
	color   bool
	pending []byte
	buf     strings.Builder
}

// NewWriter returns a Writer writing to w; color says whether colour marks
// become escape sequences.
func NewWriter(w io.Writer, color bool) *Writer { return &Writer{w: w, color: color} }

// Write filters p. It reports len(p) on success: the bytes written to the
// underlying writer differ from p when anything was escaped.
func (sw *Writer) Write(p []byte) (int, error) {
	data := p
	if len(sw.pending) > 0 {
		data = append(sw.pending, p...)
		sw.pending = nil
	}
	s := string(data)
	keep := incompleteTail(s)
	if keep > 0 {
		sw.pending = append([]byte(nil), s[len(s)-keep:]...)
		s = s[:len(s)-keep]
	}
	if err := sw.writeString(s); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what is held back; an incomplete character is escaped.
func (sw *Writer) Flush() error {
	if len(sw.pending) == 0 {
		return nil
	}
	s := string(sw.pending)
	sw.pending = nil
	return sw.writeString(strings.ReplaceAll(s, "\xff", "")) // an unfinished mark is dropped
}

func (sw *Writer) writeString(s string) error {
	if strings.IndexByte(s, markStart) < 0 && safe(s) {
		_, err := io.WriteString(sw.w, s)
		return err
	}
	sw.buf.Reset()
	for len(s) > 0 {
		i := strings.IndexByte(s, markStart)
		if i < 0 {
			sw.buf.WriteString(String(s))
			break
		}
		sw.buf.WriteString(String(s[:i]))
		s = s[i:]
		j := strings.IndexByte(s, markEnd)
		if j < 0 || j > maxMark+1 || !isSGR(s[1:j]) {
			writeHex(&sw.buf, markStart) // a lone 0xff is invalid UTF-8
			s = s[1:]
			continue
		}
		if sw.color {
			sw.buf.WriteString("\x1b[" + s[1:j] + "m")
		}
		s = s[j+1:]
	}
	_, err := io.WriteString(sw.w, sw.buf.String())
	return err
}

func isSGR(p string) bool {
	if p == "" {
		return false
	}
	for i := 0; i < len(p); i++ {
		if (p[i] < '0' || p[i] > '9') && p[i] != ';' {
			return false
		}
	}
	return true
}

// incompleteTail is how many bytes at the end of s may be the start of a
// character or of a colour mark that the next write completes.
func incompleteTail(s string) int {
	// A mark not yet closed.
	if i := strings.LastIndexByte(s, markStart); i >= 0 && len(s)-i <= maxMark+1 && strings.IndexByte(s[i:], markEnd) < 0 && isSGR(s[i+1:]+"0") {
		return len(s) - i
	}
	// A UTF-8 sequence cut short: look back at most 3 bytes for its start.
	for k := 1; k <= 3 && k <= len(s); k++ {
		c := s[len(s)-k]
		if c&0xc0 == 0x80 {
			continue // a continuation byte
		}
		if c >= 0xc0 && !utf8.FullRuneInString(s[len(s)-k:]) {
			return k
		}
		return 0
	}
	return 0
}
