package answers

import (
	"strings"
	"testing"

	"github.com/heat-tools/maturity/model"
)

const mergedFile = `model: tiny
answers:
  people.10.a:
    answer: "no"
    note: 'Ana: only one team'
    responses:
      - respondent: Ana
        answer: "no"
        note: only one team
      - respondent: Ben
        answer: "yes"
      - respondent: Cleo
        answer: "na"
`

func TestResponsesRoundTrip(t *testing.T) {
	f, err := Parse("m.yaml", []byte(mergedFile))
	if err != nil {
		t.Fatal(err)
	}
	e, ok := f.Get("people.10.a")
	if !ok {
		t.Fatal("entry missing")
	}
	want := []Response{{"Ana", "no", "only one team", e.Responses[0].Pos}, {"Ben", "yes", "", e.Responses[1].Pos}, {"Cleo", "na", "", e.Responses[2].Pos}}
	if len(e.Responses) != 3 {
		t.Fatalf("got %d responses, want 3", len(e.Responses))
	}
	for i, r := range e.Responses {
		if r != want[i] {
			t.Errorf("response %d = %+v, want %+v", i, r, want[i])
		}
	}
	// The answer value of Ana's response is on line 8, column 17.
	if p := e.Responses[0].Pos; p.Line != 8 || p.Col != 17 {
		t.Errorf("Ana's answer at %d:%d, want 8:17", p.Line, p.Col)
	}
	out, err := Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != mergedFile {
		t.Errorf("encode changed the file:\n%s\nwant:\n%s", out, mergedFile)
	}
}

func TestResponsesErrors(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"not a list", "responses: Ana", "m.yaml:5:16: x.1: responses: want a list of {respondent, answer, note}, got text \"Ana\""},
		{"not a mapping", "responses: [Ana]", "m.yaml:5:17: x.1: responses: want a mapping with respondent, answer and note, got text \"Ana\""},
		{"no respondent", "responses: [{answer: \"yes\"}]", "m.yaml:5:17: x.1: responses: respondent is missing or empty"},
		{"unknown field", "responses: [{respondent: A, answr: \"yes\"}]", "m.yaml:5:33: x.1: responses: unknown field \"answr\" (want respondent, answer or note)"},
		{"answer list", "responses: [{respondent: A, answer: [yes]}]", "m.yaml:5:41: x.1: responses: answer: want an answer, got a list"},
		{"duplicate", "responses: [{respondent: A, respondent: B}]", "m.yaml:5:33: duplicate key \"respondent\" (first at line 5)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "model: tiny\nanswers:\n  x.1:\n    answer: \"yes\"\n    " + tt.body + "\n"
			_, err := Parse("m.yaml", []byte(src))
			if err == nil {
				t.Fatalf("no error for\n%s", src)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestCheckResponses(t *testing.T) {
	m := &model.Model{ID: "tiny", Scale: model.DefaultScale(), Pillars: []model.Pillar{{ID: "p", Cells: []model.Cell{{Level: 1, Indicators: []model.Indicator{{ID: "x.1"}}}}}}}
	src := "model: tiny\nanswers:\n  x.1:\n    answer: \"yes\"\n    responses: [{respondent: A, answer: maybe}, {respondent: B, answer: na}]\n"
	f, err := Parse("m.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	err = Check(f, m)
	if err == nil || !strings.Contains(err.Error(), `m.yaml:5:41: x.1: answer "maybe" is not one of yes, partial, no, na`) {
		t.Errorf("Check = %v, want the bad response answer at 5:41", err)
	}
}

func FuzzParseResponses(f *testing.F) {
	f.Add([]byte(mergedFile))
	f.Add([]byte("model: t\nanswers:\n  a:\n    answer: yes\n    responses: [{respondent: A}, {respondent: , answer: {}}]\n"))
	f.Add([]byte("model: t\nanswers:\n  a: {answer: no, responses: null}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("f.yaml", data)
		if err != nil {
			return
		}
		// What parses must encode and parse again to the same responses.
		out, err := Encode(file)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		again, err := Parse("f.yaml", out)
		if err != nil {
			t.Fatalf("re-parse of encoded file: %v\n%s", err, out)
		}
		for i, e := range file.Entries {
			if len(again.Entries[i].Responses) != len(e.Responses) {
				t.Fatalf("entry %s: %d responses after round trip, want %d", e.ID, len(again.Entries[i].Responses), len(e.Responses))
			}
		}
	})
}
