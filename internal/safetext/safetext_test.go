package safetext

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostile holds every class of character the sanitizer must neutralize.
const hostile = "Evil\x1b]0;pwned\a \x1b[31mred\x1b[0m \r\b\x7f \u009b31m \u0085 \x1b]52;c;aGk=\x07 \x00"

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"line\nnext\ttab", "line\nnext\ttab"},
		{"Café · 300 → ok ✓", "Café · 300 → ok ✓"},
		{"\x1b]0;pwned\a", `\x1b]0;pwned\x07`},
		{"a\rb\bc\x7fd", `a\x0db\x08c\x7fd`},
		{"csi \u009b31m", `csi \u009b31m`},
		{"nel \u0085", `nel \u0085`},
		{"bad \xc3\x28 utf8", `bad \xc3( utf8`},
		{"mark \xff31\xfe", `mark \xff31\xfe`},
		{"\x00", `\x00`},
		{"", ""},
	}
	for _, tt := range tests {
		if got := String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLineAndName(t *testing.T) {
	if got, want := Line("a\nb\tc\x1b"), `a\nb\tc\x1b`; got != want {
		t.Errorf("Line = %q, want %q", got, want)
	}
	names := []struct{ in, want string }{
		{"answers/q1.yaml", "answers/q1.yaml"},
		{"café.yaml", "café.yaml"},
		{"a\nmaturity: forged.yaml", `"a\nmaturity: forged.yaml"`},
		{"e\x1b[2J.yaml", `"e\x1b[2J.yaml"`},
		{"bad\xff.yaml", `"bad\xff.yaml"`},
	}
	for _, tt := range names {
		if got := Name(tt.in); got != tt.want {
			t.Errorf("Name(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriterColour(t *testing.T) {
	text := Color("1", "Level") + " " + Color("31", "low")
	for _, tt := range []struct {
		color bool
		want  string
	}{
		{true, "\x1b[1mLevel\x1b[0m \x1b[31mlow\x1b[0m"},
		{false, "Level low"},
	} {
		var b bytes.Buffer
		w := NewWriter(&b, tt.color)
		if _, err := w.Write([]byte(text)); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if b.String() != tt.want {
			t.Errorf("color=%v: got %q, want %q", tt.color, b.String(), tt.want)
		}
	}
	if got := Visible(text); got != "Level low" {
		t.Errorf("Visible = %q", got)
	}
}

// TestWriterNoRawControl writes hostile text mixed with colour through the
// Writer in every split of the input and checks that the only escape
// sequences out are the colour ones, and that the text is the same as
// String's whatever the split.
func TestWriterNoRawControl(t *testing.T) {
	in := Color("1", "T") + hostile + "é€𝄞" + Color("32", "ok") + "\xe2\x82" // ends in a cut-short €
	want := func(color bool) string {
		var b bytes.Buffer
		w := NewWriter(&b, color)
		w.Write([]byte(in))
		w.Flush()
		return b.String()
	}
	for _, color := range []bool{false, true} {
		whole := want(color)
		for cut := 0; cut <= len(in); cut++ {
			var b bytes.Buffer
			w := NewWriter(&b, color)
			w.Write([]byte(in[:cut]))
			w.Write([]byte(in[cut:]))
			w.Flush()
			if b.String() != whole {
				t.Fatalf("color=%v cut=%d: %q, want %q", color, cut, b.String(), whole)
			}
		}
		assertOnlyColour(t, whole, color)
		if n := strings.Count(whole, "\x1b"); color && n != 4 {
			t.Errorf("%d raw ESC with colour on, want the 4 of the two colour marks: %q", n, whole)
		}
	}
}

func assertOnlyColour(t *testing.T, out string, color bool) {
	t.Helper()
	rest := out
	if color {
		for _, sgr := range []string{"\x1b[1m", "\x1b[32m", "\x1b[0m"} {
			rest = strings.ReplaceAll(rest, sgr, "")
		}
	}
	for i, r := range rest {
		if isUnsafe(r) || r == utf8.RuneError && !strings.HasPrefix(rest[i:], "\uFFFD") {
			t.Fatalf("raw control %U at %d in %q", r, i, out)
		}
	}
	if !utf8.ValidString(rest) {
		t.Fatalf("invalid UTF-8 out: %q", out)
	}
}

func FuzzWriter(f *testing.F) {
	f.Add(hostile, 3)
	f.Add(Color("1", "x")+"\xff\xfe\xff12", 1)
	f.Fuzz(func(t *testing.T, s string, cut int) {
		if cut < 0 || cut > len(s) {
			cut = len(s) / 2
		}
		var b bytes.Buffer
		w := NewWriter(&b, false)
		w.Write([]byte(s[:cut]))
		w.Write([]byte(s[cut:]))
		w.Flush()
		assertOnlyColour(t, b.String(), false)
		if got := String(s); !utf8.ValidString(got) {
			t.Fatalf("String(%q) = %q is not valid UTF-8", s, got)
		}
	})
}
