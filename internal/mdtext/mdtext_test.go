package mdtext

import (
	"strings"
	"testing"
)

func TestHTML(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"plain", "<p>plain</p>"},
		{"**bold** and [a link](https://example.com/x?a=1&b=2)", `<p><strong>bold</strong> and <a href="https://example.com/x?a=1&amp;b=2">a link</a></p>`},
		{"raw <script>alert(1)</script> inline", "<p>raw &lt;script&gt;alert(1)&lt;/script&gt; inline</p>"},
		{"<div onclick=x>block</div>", "<p>&lt;div onclick=x&gt;block&lt;/div&gt;</p>"},
		{"[x](javascript:alert(1))", `<p><a href="">x</a></p>`},
		{"![logo](https://example.com/a.png)", `<p><a href="https://example.com/a.png">logo</a></p>`},
		{"- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"},
	}
	for _, tt := range tests {
		if got := string(HTML(tt.src)); got != tt.want {
			t.Errorf("HTML(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestPlain(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"plain text", "plain text"},
		{"**bold** and _em_ and `code`", "bold and em and code"},
		{"See the [build guide](https://example.com/build).", "See the build guide (https://example.com/build)."},
		{"<https://example.com/a>", "https://example.com/a"},
		{"one\ntwo\n\nthree", "one two\n\nthree"},
		{"- a\n- b [c](https://e.com)", "- a\n- b c (https://e.com)"},
		{"1. a\n2. b", "1. a\n2. b"},
		{"a <b>raw</b> tag", "a <b>raw</b> tag"}, // shown, as text, by the sanitizing writer
		{"# Heading\n\nbody", "Heading\n\nbody"},
	}
	for _, tt := range tests {
		if got := Plain(tt.src); got != tt.want {
			t.Errorf("Plain(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
	if got := Plain(strings.Repeat("x", 10)); got != strings.Repeat("x", 10) {
		t.Errorf("fast path changed the text: %q", got)
	}
}
