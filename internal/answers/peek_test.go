package answers

import "testing"

func TestPeekModel(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"first line", "model: ./models/x.yaml\nanswers: {}\n", "./models/x.yaml"},
		{"an id", "model: tiny\n", "tiny"},
		{"a later line", "# comment\norganization: O\nmodel: ../m.yaml\n", "../m.yaml"},
		{"CRLF", "organization: O\r\nmodel: m.yaml\r\n", "m.yaml"},
		{"no newline at the end", "model: m.yaml", "m.yaml"},
		{"double quotes", "model: \"./a b.yaml\"\n", "./a b.yaml"},
		{"single quotes", "model: './a.yaml'\n", "./a.yaml"},
		{"spaces around", "model:    m.yaml   \n", "m.yaml"},
		{"an escape", "model: \"a\\tb.yaml\"\n", ""},
		{"a doubled quote", "model: 'it''s.yaml'\n", ""},
		{"a comment", "model: m.yaml # the model\n", ""},
		{"a flow value", "model: [m.yaml]\n", ""},
		{"a tag", "model: !!str m.yaml\n", ""},
		{"an alias", "model: *m\n", ""},
		{"empty", "model:\n  m.yaml\n", ""},
		{"indented: not the top level", "answers:\n  model: m.yaml\n", ""},
		{"a longer key", "models: m.yaml\nmodel_version: \"1\"\n", ""},
		{"none", "answers: {}\n", ""},
		{"nothing", "", ""},
	} {
		if got := PeekModel([]byte(tc.data)); got != tc.want {
			t.Errorf("%s: PeekModel(%q) = %q, want %q", tc.name, tc.data, got, tc.want)
		}
	}
}
