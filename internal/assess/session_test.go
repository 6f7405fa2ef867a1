package assess

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/heat-tools/maturity/internal/answers"
)

func TestNewPages(t *testing.T) {
	tests := []struct {
		name    string
		pillars []string
		// "pillar level first" per page, and the total.
		want  []string
		total int
	}{
		// people: 10 (2 indicators), 20 (2), 30 (1); process: 10 (1),
		// 20 (2); tools: 10 (1), no 20, 30 (1). Firsts are running sums + 1.
		{"all", nil, []string{"people 10 1", "people 20 3", "people 30 5", "process 10 6", "process 20 7", "tools 10 9", "tools 30 10"}, 10},
		// Model order whatever the flag order: people (5) then tools (2).
		{"tools and people", []string{"tools", "people"}, []string{"people 10 1", "people 20 3", "people 30 5", "tools 10 6", "tools 30 7"}, 7},
		{"repeated", []string{"process", "process"}, []string{"process 10 1", "process 20 2"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTinySession(t, nil, tt.pillars...)
			var got []string
			for _, p := range s.Pages {
				got = append(got, fmt.Sprintf("%s %d %d", p.Pillar.ID, p.Level.Value, p.First))
			}
			if strings.Join(got, ", ") != strings.Join(tt.want, ", ") || s.Total != tt.total {
				t.Errorf("pages %v total %d, want %v total %d", got, s.Total, tt.want, tt.total)
			}
		})
	}
}

func TestTitle(t *testing.T) {
	s, _ := newTinySession(t, nil)
	if got, want := s.Title(s.Pages[4]), "Process · 20 Managed · 7/10"; got != want {
		t.Errorf("Title = %q, want %q", got, want)
	}
}

func TestUnknownPillar(t *testing.T) {
	m := tinyModel(t)
	_, err := New(m, &answers.File{Model: "tiny"}, []string{"peple"}, nil)
	var up *UnknownPillarError
	if !errors.As(err, &up) || up.Suggestion != "people" {
		t.Fatalf("err = %v, want an UnknownPillarError suggesting people", err)
	}
	if got := err.Error(); got != `unknown pillar "peple" (did you mean "people"?)` {
		t.Errorf("message %q", got)
	}
}

func TestTodoSkipsCompletePages(t *testing.T) {
	f := &answers.File{Model: "tiny"}
	f.Set(answers.Entry{ID: "people.10.a", Answer: "yes"})
	f.Set(answers.Entry{ID: "people.10.b", Answer: "na"})
	f.Set(answers.Entry{ID: "people.20.a", Answer: "no"}) // people.20.b missing
	f.Set(answers.Entry{ID: "tools.10.a", Note: "later"}) // present, unanswered
	s, _ := newTinySession(t, f)
	// 7 pages, people 10 complete: 6 to do; with revisit all 7.
	if got := len(s.Todo(false)); got != 6 {
		t.Errorf("Todo = %d pages, want 6", got)
	}
	if got := len(s.Todo(true)); got != 7 {
		t.Errorf("Todo(revisit) = %d pages, want 7", got)
	}
	if got := s.Answered(); got != 3 {
		t.Errorf("Answered = %d, want 3", got)
	}
	// An unanswered entry's note is kept as the default note.
	if a, n := s.Default("tools.10.a"); a != "" || n != "later" {
		t.Errorf("Default(tools.10.a) = %q, %q; want unanswered, later", a, n)
	}
}

func TestParseLine(t *testing.T) {
	s, _ := newTinySession(t, nil)
	ch := s.Choices(&s.Model.Pillars[0].Cells[0].Indicators[0])
	tests := []struct {
		line, def, note string
		answer, newNote string
		ok              bool
	}{
		{"", "yes", "", "yes", "", true},
		{"", "", "", "", "", true}, // skipped: stays unanswered
		{"Yes", "", "", "yes", "", true},
		{"y", "", "", "yes", "", true},
		{"N", "", "", "no", "", true},
		{"Not applicable", "", "", "na", "", true},
		{"not APPLICABLE all by hand", "", "", "na", "all by hand", true},
		{"No only finance", "", "", "no", "only finance", true},
		{"Not", "", "", "", "", false},
		{"   ", "no", "kept", "no", "kept", true},
		{"1", "no", "", "yes", "", true},
		{"2", "yes", "", "partial", "", true},
		{"4", "yes", "", "na", "", true},
		{"5", "yes", "", "", "", false},
		{"0", "yes", "", "", "", false},
		{"PARTIAL", "yes", "", "partial", "", true},
		{"Partially", "yes", "", "partial", "", true},
		{"n/a", "yes", "", "na", "", true},
		{"na", "yes", "", "na", "", true},
		{"2 only the finance team", "yes", "old", "partial", "only the finance team", true},
		{"3", "yes", "old", "no", "old", true},
		{"3 -", "yes", "old", "no", "", true},
		{"maybe", "yes", "", "", "", false},
		{"yes\tand a tab", "no", "", "", "", false}, // the answer ends at a space only
	}
	for _, tt := range tests {
		a, n, ok := ParseLine(tt.line, ch, tt.def, tt.note)
		if a != tt.answer || n != tt.newNote || ok != tt.ok {
			t.Errorf("ParseLine(%q, def %q, note %q) = %q, %q, %v; want %q, %q, %v", tt.line, tt.def, tt.note, a, n, ok, tt.answer, tt.newNote, tt.ok)
		}
	}
}

func FuzzParseLine(f *testing.F) {
	for _, s := range []string{"", "1", "partial note", "n/a -", "9", "yes\x00", " 2  x "} {
		f.Add(s)
	}
	choices := []Choice{{"yes", "Yes", 1}, {"partial", "Partially", 0.5}, {"no", "No", 0}, {"na", "Not applicable", -1}}
	f.Fuzz(func(t *testing.T, line string) {
		a, _, ok := ParseLine(line, choices, "no", "")
		if !ok {
			return
		}
		for _, c := range choices {
			if c.ID == a {
				return
			}
		}
		t.Fatalf("ParseLine(%q) accepted %q, not a choice", line, a)
	})
}

func prompt(t *testing.T, s *Session, input string) (string, error) {
	t.Helper()
	var out strings.Builder
	err := Prompt(context.Background(), s, s.Todo(false), NewLines(strings.NewReader(input)), &out, true)
	return out.String(), err
}

// The same answers given in the form and as lines give the same file:
// people.10.a no + note, people.10.b partial, the rest skipped but
// tools.30.a not applicable.
func TestPromptMatchesForm(t *testing.T) {
	sForm, recForm := newTinySession(t, nil)
	d := newDriver(t, NewForm(sForm, false, nil), 80, 40)
	d.send(char('3'), enter)
	typeText(d, "not yet")
	d.send(enter)
	d.send(char('2'), enter, enter)
	for i := 0; i < 14; i++ { // 7 questions skipped
		d.send(enter)
	}
	d.send(up, enter, enter) // up from no choice: the last, not applicable
	if !d.f.Finished {
		t.Fatal("form not finished")
	}

	sLine, recLine := newTinySession(t, nil)
	_, err := prompt(t, sLine, "3 not yet\n2\n\n\n\n\n\n\n\nNot applicable\n")
	if err != nil {
		t.Fatal(err)
	}
	if recForm.last() != recLine.last() {
		t.Fatalf("form file\n%s\nline file\n%s", recForm.last(), recLine.last())
	}
	if !strings.Contains(recLine.last(), "  tools.30.a: \"na\"\n") {
		t.Fatalf("tools.30.a not na:\n%s", recLine.last())
	}
	// Each answer saved at once, a skipped question not at all.
	if n := len(recLine.saves); n != 3 {
		t.Errorf("%d saves, want 3", n)
	}
}

// < goes back a question (across pages), ? shows help and asks again.
func TestPromptBackAndHelp(t *testing.T) {
	s, rec := newTinySession(t, nil)
	out, err := prompt(t, s, "<\n1\n2\n<\n<\n3\n\n\n\n?\ny\n")
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted at the end of input", err)
	}
	for _, want := range []string{"This is the first question.", "  → Coaching: https://example.com/coaching\nAnswer (empty skips): y\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("transcript lacks %q:\n%s", want, out)
		}
	}
	// people.10.a: yes, then changed to no after going back twice;
	// people.10.b partial kept; people.30.a yes.
	want := tinyHeader + "  people.10.a: \"no\"\n  people.10.b: \"partial\"\n  people.30.a: \"yes\"\n"
	if rec.last() != want {
		t.Fatalf("file\n%s\nwant\n%s", rec.last(), want)
	}
}

// A line over 64 KiB stops the session with an error; nothing of it is
// recorded.
func TestPromptLineTooLong(t *testing.T) {
	s, rec := newTinySession(t, nil)
	_, err := prompt(t, s, "1\n2 "+strings.Repeat("x", MaxLine)+"\n3\n")
	var long *LineTooLongError
	if !errors.As(err, &long) || long.Line != 2 {
		t.Fatalf("err = %v, want a LineTooLongError on line 2", err)
	}
	if want := tinyHeader + "  people.10.a: \"yes\"\n"; rec.last() != want {
		t.Fatalf("file\n%s\nwant\n%s", rec.last(), want)
	}
	// Exactly MaxLine is fine.
	s2, rec2 := newTinySession(t, nil)
	note := strings.Repeat("x", MaxLine-2)
	if _, err := prompt(t, s2, "1 "+note+"\n"); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("a line of exactly %d bytes: %v", MaxLine, err)
	}
	if !strings.Contains(rec2.last(), note) {
		t.Fatal("the longest allowed note was not saved")
	}
}

func TestPromptEOFAndRetry(t *testing.T) {
	s, rec := newTinySession(t, nil)
	out, err := prompt(t, s, "maybe\n2\n1 owner named")
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted at the end of input", err)
	}
	if !strings.Contains(out, `"maybe" is not an answer: type a number from 1 to 4, an answer such as yes, or an empty line to skip`) {
		t.Errorf("no retry message in:\n%s", out)
	}
	// A last line without a newline still counts.
	want := "model: tiny\nmodel_version: \"1.0\"\nassessed_at: 2026-11-28\nanswers:\n  people.10.a: \"partial\"\n  people.10.b:\n    answer: \"yes\"\n    note: owner named\n"
	if rec.last() != want {
		t.Fatalf("file\n%s\nwant\n%s", rec.last(), want)
	}
}

func TestPromptContextEnds(t *testing.T) {
	s, _ := newTinySession(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	pr, pw := io.Pipe() // never written: a read that blocks
	defer pw.Close()
	err := Prompt(ctx, s, s.Todo(false), NewLines(pr), io.Discard, false)
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("err = %v, want ErrInterrupted", err)
	}
}
