package assess

import (
	"context"
	"errors"
	"io"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/testkit"
	"github.com/heat-tools/maturity/model"
)

// driver runs a Pager's update loop synchronously: each message goes
// through Update and the commands it returns run at once; a command that
// does not answer within a moment (a cursor blink, a tick) is dropped.
type driver struct {
	t    *testing.T
	p    *Pager
	quit bool
}

func newDriver(t *testing.T, p *Pager) *driver {
	d := &driver{t: t, p: p}
	d.process(d.run(p.Init()))
	d.send(tea.WindowSizeMsg{Width: 80, Height: 40})
	return d
}

func (d *driver) send(msg tea.Msg) { d.process([]tea.Msg{msg}) }

func (d *driver) process(queue []tea.Msg) {
	for len(queue) > 0 && !d.quit {
		msg := queue[0]
		queue = queue[1:]
		if _, ok := msg.(tea.QuitMsg); ok {
			d.quit = true
			return
		}
		_, cmd := d.p.Update(msg)
		queue = append(queue, d.run(cmd)...)
	}
}

func (d *driver) run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(60 * time.Millisecond):
		return nil
	}
	switch m := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		// Concurrently, so that the commands that never answer (cursor
		// blinks) cost one wait, not one each; results in batch order.
		res := make([][]tea.Msg, len(m))
		var wg sync.WaitGroup
		for i, c := range m {
			wg.Add(1)
			go func() { defer wg.Done(); res[i] = d.run(c) }()
		}
		wg.Wait()
		var out []tea.Msg
		for _, r := range res {
			out = append(out, r...)
		}
		return out
	}
	// tea.Sequence's message is an unexported slice of commands.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		var out []tea.Msg
		for i := 0; i < v.Len(); i++ {
			out = append(out, d.run(v.Index(i).Interface().(tea.Cmd))...)
		}
		return out
	}
	return []tea.Msg{msg}
}

var (
	enter = tea.KeyPressMsg{Code: tea.KeyEnter}
	up    = tea.KeyPressMsg{Code: tea.KeyUp}
	down  = tea.KeyPressMsg{Code: tea.KeyDown}
	ctrlC = tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
)

func typeText(d *driver, s string) {
	for _, r := range s {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func tinyModel(t *testing.T) *model.Model {
	t.Helper()
	return testkit.Model(t, "models/tiny.yaml")
}

// recorder is a Saver that keeps every file written.
type recorder struct{ saves []string }

func (r *recorder) save(f *answers.File) error {
	data, err := answers.Encode(f)
	if err != nil {
		return err
	}
	r.saves = append(r.saves, string(data))
	return nil
}

func (r *recorder) last() string {
	if len(r.saves) == 0 {
		return ""
	}
	return r.saves[len(r.saves)-1]
}

func newTinySession(t *testing.T, f *answers.File, pillars ...string) (*Session, *recorder) {
	t.Helper()
	m := tinyModel(t)
	if f == nil {
		f = &answers.File{Model: m.ID, ModelVersion: m.Version, AssessedAt: "2026-11-28"}
	}
	rec := &recorder{}
	s, err := New(m, f, pillars, rec.save)
	if err != nil {
		t.Fatal(err)
	}
	return s, rec
}

// Key presses in, answers out, a save after each commit.
func TestPagerSavesEachAnswer(t *testing.T) {
	s, rec := newTinySession(t, nil)
	d := newDriver(t, NewPager(s, s.Todo(false), nil))

	// people.10.a starts on "no", the lowest point (scale yes, partial,
	// no, na): up, up -> "yes".
	d.send(up)
	d.send(up)
	d.send(enter)
	if n := len(rec.saves); n != 1 {
		t.Fatalf("after the first answer: %d saves, want 1", n)
	}
	want1 := "model: tiny\nmodel_version: \"1.0\"\nassessed_at: 2026-11-28\nanswers:\n  people.10.a: \"yes\"\n"
	if rec.last() != want1 {
		t.Fatalf("after the first answer the file is\n%s\nwant\n%s", rec.last(), want1)
	}
	// Its note.
	typeText(d, "not yet")
	d.send(enter)
	if n := len(rec.saves); n != 2 {
		t.Fatalf("after the note: %d saves, want 2", n)
	}
	if !strings.Contains(rec.last(), "  people.10.a:\n    answer: \"yes\"\n    note: not yet\n") {
		t.Fatalf("note not saved:\n%s", rec.last())
	}
	// people.10.b: default (the lowest scale point, no), then Ctrl-C on its note.
	d.send(enter)
	d.send(ctrlC)
	if !d.p.Interrupted || d.p.Done() {
		t.Fatalf("Interrupted = %v, Done = %v; want true, false", d.p.Interrupted, d.p.Done())
	}
	want := want1[:len(want1)-len("  people.10.a: \"yes\"\n")] +
		"  people.10.a:\n    answer: \"yes\"\n    note: not yet\n  people.10.b: \"no\"\n"
	if rec.last() != want {
		t.Fatalf("after Ctrl-C the file is\n%s\nwant\n%s", rec.last(), want)
	}
}

// Accepting every default finishes every page and answers every question.
func TestPagerAcceptDefaultsToTheEnd(t *testing.T) {
	s, rec := newTinySession(t, nil)
	pages := s.Todo(false)
	d := newDriver(t, NewPager(s, pages, nil))
	// tiny has 10 indicators: two enters each (answer, note).
	for i := 0; i < 20 && !d.quit; i++ {
		d.send(enter)
	}
	if !d.p.Done() || d.p.Interrupted {
		t.Fatalf("Done = %v, Interrupted = %v after 20 enters", d.p.Done(), d.p.Interrupted)
	}
	if got := s.Answered(); got != 10 {
		t.Fatalf("answered %d, want 10", got)
	}
	// Every commit saves: 10 answers + 10 notes.
	if n := len(rec.saves); n != 20 {
		t.Fatalf("%d saves, want 20", n)
	}
	for _, ref := range s.Model.Indicators() {
		if e, _ := s.File.Get(ref.Indicator.ID); e.Answer != "no" {
			t.Errorf("%s = %q, want the default no", ref.Indicator.ID, e.Answer)
		}
	}
}

// A resumed file starts each question on its answer and keeps notes and
// evidence; fully answered pages are skipped.
func TestPagerResume(t *testing.T) {
	data, err := os.ReadFile("../../testdata/answers/tiny.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := answers.Parse("answers.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	s, rec := newTinySession(t, f)
	todo := s.Todo(false)
	// Only people.30.a is unanswered in testdata/answers/tiny.yaml: one page.
	if len(todo) != 1 || todo[0].Cell.Indicators[0].ID != "people.30.a" {
		t.Fatalf("todo = %d pages, want the one of people.30.a", len(todo))
	}
	if got, want := s.Title(todo[0]), "People · 30 Optimized · 5/10"; got != want {
		t.Fatalf("title %q, want %q", got, want)
	}
	d := newDriver(t, NewPager(s, todo, nil))
	d.send(enter)
	d.send(enter)
	if !d.p.Done() {
		t.Fatal("not done after answering the only page")
	}
	out := rec.last()
	for _, want := range []string{
		"organization: Example Ltd\n",
		"  tools.30.a:\n    answer: \"no\"\n    note: Set-up is by hand\n    evidence:\n      - https://wiki.example.com/tools\n",
		"  people.30.a: \"no\"\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("saved file lacks %q:\n%s", want, out)
		}
	}

	// Revisit: the pre-set answer of people.10.b (partial) is the default;
	// enter twice keeps both it and its note.
	s2, rec2 := newTinySession(t, f)
	d2 := newDriver(t, NewPager(s2, s2.Todo(true), nil))
	d2.send(enter) // people.10.a
	d2.send(enter)
	d2.send(enter) // people.10.b
	d2.send(enter)
	if !strings.Contains(rec2.last(), "  people.10.b:\n    answer: \"partial\"\n    note: Only one team has an owner\n") {
		t.Fatalf("revisit lost the default or note:\n%s", rec2.last())
	}
}

// Keys that arrive all at once (a paste, a script, a fast typist) are
// applied one move at a time: none is lost, no page is submitted unseen.
// Through a real bubbletea program reading a pipe.
func TestRunBurstOfKeys(t *testing.T) {
	s, rec := newTinySession(t, nil)
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- Run(context.Background(), s, s.Todo(false), RunOptions{
			In: pr, Out: io.Discard,
			Extra: []tea.ProgramOption{tea.WithWindowSize(80, 40), tea.WithoutSignalHandler(), tea.WithEnvironment([]string{"TERM=xterm"})},
		})
	}()
	// people.10.a: up (from no to partial), enter, note "x", enter; then 18
	// enters for the remaining 9 questions.
	keys := "\x1b[A\rx\r" + strings.Repeat("\r", 18)
	if _, err := pw.Write([]byte(keys)); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("Run did not finish; last save:\n%s", rec.last())
	}
	pw.Close()
	if got := s.Answered(); got != 10 {
		t.Fatalf("answered %d of 10:\n%s", got, rec.last())
	}
	if !strings.Contains(rec.last(), "  people.10.a:\n    answer: \"partial\"\n    note: x\n  people.10.b: \"no\"\n") {
		t.Fatalf("file:\n%s", rec.last())
	}
}

// Ctrl-C through a real program: ErrInterrupted, answers kept.
func TestRunCtrlC(t *testing.T) {
	s, rec := newTinySession(t, nil)
	pr, pw := io.Pipe()
	defer pw.Close()
	done := make(chan error, 1)
	go func() {
		done <- Run(context.Background(), s, s.Todo(false), RunOptions{
			In: pr, Out: io.Discard,
			Extra: []tea.ProgramOption{tea.WithWindowSize(80, 40), tea.WithoutSignalHandler(), tea.WithEnvironment([]string{"TERM=xterm"})},
		})
	}()
	pw.Write([]byte("\x1b[A\x1b[A\r\r\r\x03")) // yes, no note, people.10.b default, Ctrl-C
	select {
	case err := <-done:
		if !errors.Is(err, ErrInterrupted) {
			t.Fatalf("Run: %v, want ErrInterrupted", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop on Ctrl-C")
	}
	if !strings.HasSuffix(rec.last(), "answers:\n  people.10.a: \"yes\"\n  people.10.b: \"no\"\n") {
		t.Fatalf("file:\n%s", rec.last())
	}
}
