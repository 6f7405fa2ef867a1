package resultjson

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/internal/testkit"
)

// load scores a testdata answers file against the tiny model.
func load(t testing.TB, answersFile string) *score.Result {
	t.Helper()
	m := testkit.Model(t, "models/tiny.yaml")
	data, err := os.ReadFile(testkit.Path(answersFile))
	if err != nil {
		t.Fatal(err)
	}
	_, r := testkit.Score(t, m, answersFile[strings.LastIndexByte(answersFile, '/')+1:], data)
	return r
}

// Each jsonl line is one valid JSON result.
func TestLinesParse(t *testing.T) {
	var buf bytes.Buffer
	for _, f := range []string{"batch/alpha.yaml", "batch/beta.yaml", "batch/gamma.yaml"} {
		buf.Write(Line(load(t, f)))
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("lines = %d, want 3", len(lines))
	}
	wantScores := []float64{30, 23.3, 21.7} // hand-computed in testdata/batch/*.yaml
	for i, l := range lines {
		var v struct {
			Score float64 `json:"score"`
		}
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if v.Score != wantScores[i] {
			t.Errorf("line %d score = %v, want %v", i+1, v.Score, wantScores[i])
		}
	}
}

// A ListWriter of items made one by one writes the same bytes as
// encoding the whole array at once.
func TestListWriterSameAsEncoder(t *testing.T) {
	var rs []*score.Result
	for _, f := range []string{"batch/alpha.yaml", "batch/beta.yaml", "answers/tiny.yaml"} {
		rs = append(rs, load(t, f))
	}
	for n := 0; n <= len(rs); n++ {
		refs := []*refResult{}
		for _, r := range rs[:n] {
			refs = append(refs, reference(r))
		}
		want := encodeReference(t, refs, "  ")
		var got bytes.Buffer
		list := &ListWriter{W: &got}
		for _, r := range rs[:n] {
			if err := list.Item(ListItem(r)); err != nil {
				t.Fatal(err)
			}
		}
		if err := list.Close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%d results:\n%s\nwant\n%s", n, got.String(), want)
		}
	}
}

// Write and Line write what encoding/json writes for one result.
func TestWriteSameAsEncoder(t *testing.T) {
	for _, f := range []string{"batch/alpha.yaml", "answers/tiny.yaml"} {
		r := load(t, f)
		for _, indent := range []string{"", "  "} {
			want := encodeReference(t, reference(r), indent)
			var got []byte
			if indent == "" {
				got = Line(r)
			} else {
				var b bytes.Buffer
				if err := Write(&b, r); err != nil {
					t.Fatal(err)
				}
				got = b.Bytes()
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s, indent %q:\n%s\nwant\n%s", f, indent, got, want)
			}
		}
	}
}

// appendIndent writes what json.Indent writes for compact JSON.
func TestAppendIndent(t *testing.T) {
	for _, src := range []string{
		`{}`, `[]`, `0`, `"s"`, `null`,
		`{"a":[],"b":{},"c":[{}],"d":[[]],"e":[1,2,{"f":null}]}`,
		`{"q\"uote":"\\","b\\":"{[,:]}","u":"\u2028 é \"\\\""}`,
		`[{"a":{"b":{"c":[true,false,-1.5e3]}}},""]`,
	} {
		checkIndent(t, []byte(src))
	}
	checkIndent(t, Append(nil, load(t, "answers/tiny.yaml")))
}

func checkIndent(t *testing.T, src []byte) {
	t.Helper()
	for _, p := range [][2]string{{"", "  "}, {"  ", "  "}, {">", "\t"}} {
		var want bytes.Buffer
		if err := json.Indent(&want, src, p[0], p[1]); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if got := appendIndent(nil, src, p[0], p[1]); string(got) != want.String() {
			t.Errorf("prefix %q, indent %q: %s\n got: %s\nwant: %s", p[0], p[1], src, got, want.String())
		}
	}
}

// FuzzAppendIndent compares appendIndent with json.Indent on any JSON.
func FuzzAppendIndent(f *testing.F) {
	f.Add([]byte(`{"a":[1,{"b":"c\"]"}],"d":{}}`))
	f.Add([]byte(`[[],{},"\\",""]`))
	f.Add([]byte(` { "spaced" : [ 1 , 2 ] } `))
	f.Fuzz(func(t *testing.T, data []byte) {
		var compact bytes.Buffer
		if json.Compact(&compact, data) != nil {
			return
		}
		checkIndent(t, compact.Bytes())
	})
}
