package yamlx

import "testing"

func TestSyntaxErrorsArePositionedWithAHint(t *testing.T) {
	tests := []struct {
		name, data string
		want, hint string
	}{
		{"tab in the indentation", "a:\n\tb: 1\n", "x.yaml:2:1: invalid YAML: a tab in the indentation", "indent with spaces: YAML does not allow tabs there"},
		{"tab after a dash", "a:\n  -\tb\n", "x.yaml:2:4: invalid YAML: a tab in the indentation", "indent with spaces: YAML does not allow tabs there"},
		{"? in a flow mapping", "pillars:\n  - {id: a, text: X?}\n", `x.yaml:2:20: invalid YAML: "?" in an unquoted text inside { } or [ ]`, quoteHint},
		{"second : in a flow mapping", "- {id: a, text: what: now}\n", `x.yaml:1:21: invalid YAML: ":" in an unquoted text inside { } or [ ]`, quoteHint},
		{"# in a flow mapping", "a: {text: x #y}\n", `x.yaml:1:13: invalid YAML: "#" in an unquoted text inside { } or [ ]`, quoteHint},
		{"quoted ? is fine, the next is not", "- {a: \"x?\"}\n- [b?]\n", `x.yaml:2:5: invalid YAML: "?" in an unquoted text inside { } or [ ]`, quoteHint},
		{"second : in a block mapping", "a:\n  - text: a: b\n", `x.yaml:2:12: invalid YAML: a second ": " on the line, in an unquoted text`, quoteHint},
		{"bad indentation", "a: b\n c: d\n", "x.yaml:2:2: invalid YAML: a key where none can be (mapping values are not allowed in this context)", "check this line's indentation against the lines above, or quote a text with a ': ' in it"},
		{"text starting with @", "a:\n  text: @me\n", "x.yaml:2:9: invalid YAML: a text cannot start with @ unquoted", quoteHint},
		{"unclosed quote", "a: \"abc\n", "x.yaml:2: invalid YAML: found unexpected end of stream", "close the quote or bracket left open"},
		{"unclosed bracket", "a: [x, y\n", "x.yaml:1: invalid YAML: did not find expected ',' or ']'", "close the quote or bracket left open"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.yaml", []byte(tt.data))
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("error %v (%T), want *Error", err, err)
			}
			if e.Error() != tt.want || e.Hint() != tt.hint {
				t.Errorf("got  %q\nhint %q\nwant %q\nhint %q", e.Error(), e.Hint(), tt.want, tt.hint)
			}
		})
	}
}
