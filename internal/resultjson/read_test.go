package resultjson

import (
	"bytes"
	"os"
	"testing"

	"github.com/heat-tools/maturity/internal/testkit"
)

func TestParseRoundTrip(t *testing.T) {
	m := testkit.Model(t, "models/tiny.yaml")
	data, err := os.ReadFile(testkit.Path("history/q1.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	_, r := testkit.Score(t, m, "q1.yaml", data)
	var b bytes.Buffer
	if err := Write(&b, r); err != nil {
		t.Fatal(err)
	}
	if !IsJSON(b.Bytes()) {
		t.Fatal("a JSON result is not recognised as JSON")
	}
	got, err := Parse("q1.json", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := Write(&again, got); err != nil {
		t.Fatal(err)
	}
	if again.String() != b.String() {
		t.Errorf("round trip changed the result:\n%s\nwant\n%s", again.String(), b.String())
	}
	if got.Counts.Of("partial") != 1 || got.Counts.Unanswered != 1 {
		t.Errorf("counts %+v, want partial 1 and unanswered 1", got.Counts)
	}
}

func TestIsJSON(t *testing.T) {
	for in, want := range map[string]bool{
		"{}":                true,
		" \n\t{\"a\": 1}":   true,
		"\ufeff{}":          true,
		"model: tiny\n":     false,
		"# {comment}\nx: 1": false,
		"":                  false,
	} {
		if IsJSON([]byte(in)) != want {
			t.Errorf("IsJSON(%q) = %v, want %v", in, !want, want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"syntax", "{\n  \"schema_version\": 1,\n  x\n}", "r.json:3:3: invalid JSON: invalid character 'x' looking for beginning of object key string"},
		{"truncated", "{\n  \"schema_version\": 1,", "r.json:2:23: invalid JSON: unexpected end of file"},
		{"type", "{\"schema_version\": 1, \"pillars\": {}}", "r.json:1:34: pillars: want a list, got a JSON object"},
		{"no version", "{}", "r.json:1:1: not a maturity result: schema_version is missing"},
		{"version 2", "{\"schema_version\": 2}", "r.json:1:1: result schema_version 2 is not supported (want 1)"},
		{"no model", "{\"schema_version\": 1}", "r.json:1:1: not a maturity result: model.id is missing"},
		{"no pillars", `{"schema_version": 1, "model": {"id": "x"}, "level": {"value": 0}, "score": 1}`, "r.json:1:1: not a maturity result: pillars is missing or empty"},
		{"pillar twice", `{"schema_version": 1, "model": {"id": "x"}, "level": {"value": 0}, "score": 1, "pillars": [{"id": "a"}, {"id": "a"}]}`, `r.json:1:1: pillars[1]: pillar "a" appears twice`},
		{"counts", `{"schema_version": 1, "model": {"id": "x"}, "level": {"value": 0}, "score": 1, "pillars": [{"id": "a"}], "counts": {"yes": "many"}}`, "r.json:1:1: counts: yes: want a whole number"},
		{"trailing", "{\"schema_version\": 1} {}", "r.json:1:23: unexpected data after the JSON result"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("r.json", []byte(tt.in))
			if err == nil || err.Error() != tt.want {
				t.Errorf("error\n got %v\nwant %s", err, tt.want)
			}
		})
	}
}

func FuzzParseResult(f *testing.F) {
	f.Add([]byte(`{"schema_version": 1, "model": {"id": "x", "version": "1"}, "level": {"value": 10, "name": "A"}, "score": 12.5, "pillars": [{"id": "a", "name": "A", "level": {"value": 10}, "score": 12.5, "levels": [{"value": 10, "coverage": 1}]}], "gaps": [], "unanswered": ["a.1"], "counts": {"indicators": 2, "yes": 1, "na": 0, "unanswered": 1}}`))
	f.Add([]byte(`{"schema_version": 1, "counts": {"a": 1e400}}`))
	f.Add([]byte(`{"schema_version": 1, "pillars": [null, {"id": ""}]}`))
	f.Add([]byte("{\n\"schema_version\":\n"))
	f.Add([]byte(`[[[[[[[[[[]]]]]]]]]]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse("f.json", data)
		if err != nil {
			if r != nil {
				t.Fatal("a result with an error")
			}
			return
		}
		// What parses must write back as JSON and parse to the same result.
		var b bytes.Buffer
		if err := Write(&b, r); err != nil {
			t.Fatalf("cannot write a parsed result: %v", err)
		}
		again, err := Parse("f.json", b.Bytes())
		if err != nil {
			t.Fatalf("re-parse: %v\n%s", err, b.String())
		}
		x, y := Append(nil, again), Append(nil, r)
		if !bytes.Equal(x, y) {
			t.Fatalf("round trip changed the result:\n%s\n%s", x, y)
		}
	})
}
