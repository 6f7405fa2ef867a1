package assess

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/testkit"
	"github.com/heat-tools/maturity/model"
)

// driver feeds messages to a Form's Update one after the other. It never
// runs the commands Update returns: the form must not need them, every
// key taking effect inside Update itself.
type driver struct {
	t *testing.T
	f *Form
}

func newDriver(t *testing.T, f *Form, w, h int) *driver {
	d := &driver{t: t, f: f}
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	return d
}

func (d *driver) send(msgs ...tea.Msg) {
	for _, m := range msgs {
		if d.done() {
			return
		}
		d.f.Update(m)
	}
}

func (d *driver) done() bool { return d.f.Finished || d.f.Interrupted || d.f.Err != nil }

// view is the screen as text, without colours.
func (d *driver) view() string { return ansiSeq.ReplaceAllString(d.f.View().Content, "") }

var ansiSeq = regexp.MustCompile("\x1b\\[[0-9;:?]*[a-zA-Z]")

var (
	enter    = tea.KeyPressMsg{Code: tea.KeyEnter}
	tab      = tea.KeyPressMsg{Code: tea.KeyTab}
	shiftTab = tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	up       = tea.KeyPressMsg{Code: tea.KeyUp}
	down     = tea.KeyPressMsg{Code: tea.KeyDown}
	esc      = tea.KeyPressMsg{Code: tea.KeyEscape}
	ctrlC    = tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
)

func char(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

func typeText(d *driver, s string) {
	for _, r := range s {
		d.send(char(r))
	}
}

func tinyModel(t *testing.T) *model.Model {
	t.Helper()
	return testkit.Model(t, "models/tiny.yaml")
}

// recorder is a Saver that keeps every file written. The form saves from
// the program's goroutine, so reads go through the lock.
type recorder struct {
	mu    sync.Mutex
	saves []string
}

func (r *recorder) save(f *answers.File) error {
	data, err := answers.Encode(f)
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.saves = append(r.saves, string(data))
	return nil
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.saves)
}

func (r *recorder) last() string {
	r.mu.Lock()
	defer r.mu.Unlock()
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

func answerOf(s *Session, id string) (string, string) { return s.Default(id) }

const tinyHeader = "model: tiny\nmodel_version: \"1.0\"\nassessed_at: 2026-11-28\nanswers:\n"

// Key presses in, answers out, a save when a question is left changed.
func TestFormSavesEachAnswer(t *testing.T) {
	s, rec := newTinySession(t, nil)
	d := newDriver(t, NewForm(s, false, nil), 80, 40)

	// people.10.a starts with no choice; down picks the first (yes).
	d.send(down, enter)
	if n := rec.count(); n != 1 {
		t.Fatalf("after the first answer: %d saves, want 1", n)
	}
	if want := tinyHeader + "  people.10.a: \"yes\"\n"; rec.last() != want {
		t.Fatalf("after the first answer the file is\n%s\nwant\n%s", rec.last(), want)
	}
	typeText(d, "not yet")
	d.send(enter)
	if n := rec.count(); n != 2 {
		t.Fatalf("after the note: %d saves, want 2", n)
	}
	// people.10.b: 2 (partial), then Ctrl-C on its note: both kept.
	d.send(char('2'), enter)
	typeText(d, "half typed")
	d.send(ctrlC)
	if !d.f.Interrupted || d.f.Finished {
		t.Fatalf("Interrupted = %v, Finished = %v; want true, false", d.f.Interrupted, d.f.Finished)
	}
	want := tinyHeader + "  people.10.a:\n    answer: \"yes\"\n    note: not yet\n  people.10.b:\n    answer: \"partial\"\n    note: half typed\n"
	if rec.last() != want {
		t.Fatalf("after Ctrl-C the file is\n%s\nwant\n%s", rec.last(), want)
	}
}

// Enter through every page leaves every question unanswered and writes
// nothing: a question passed without a choice is never a "no".
func TestFormEnterThroughLeavesUnanswered(t *testing.T) {
	s, rec := newTinySession(t, nil)
	d := newDriver(t, NewForm(s, false, nil), 80, 40)
	for i := 0; i < 20; i++ { // 10 questions: choice and note
		d.send(enter)
	}
	if !d.f.Finished || d.f.Interrupted {
		t.Fatalf("Finished = %v, Interrupted = %v after 20 enters", d.f.Finished, d.f.Interrupted)
	}
	if got := s.Answered(); got != 0 {
		t.Fatalf("answered %d, want 0", got)
	}
	if rec.count() != 0 {
		t.Fatalf("%d saves, want none:\n%s", rec.count(), rec.last())
	}
}

// An earlier answer is the default: enter keeps it; backspace clears it
// (unanswered again).
func TestFormEarlierAnswerIsDefault(t *testing.T) {
	f := &answers.File{Model: "tiny", ModelVersion: "1.0", AssessedAt: "2026-11-28"}
	f.Set(answers.Entry{ID: "people.10.a", Answer: "partial", Note: "kept"})
	s, rec := newTinySession(t, f)
	d := newDriver(t, NewForm(s, true, nil), 80, 40)
	if !strings.Contains(d.view(), "> 2 ◐ Partially") {
		t.Fatalf("the cursor is not on the earlier answer:\n%s", d.view())
	}
	d.send(enter, enter) // keep people.10.a and its note
	if rec.count() != 0 {
		t.Fatalf("keeping an answer saved %d times", rec.count())
	}
	d.send(shiftTab, shiftTab) // back to people.10.a's choice
	d.send(tea.KeyPressMsg{Code: tea.KeyBackspace}, enter)
	if a, n := answerOf(s, "people.10.a"); a != "" || n != "kept" {
		t.Fatalf("after clearing: %q %q, want unanswered with the note", a, n)
	}
}

// Back from the first question of page 2 lands on page 1 with its
// answers; a changed answer there is saved.
func TestFormBackAcrossPages(t *testing.T) {
	s, _ := newTinySession(t, nil)
	d := newDriver(t, NewForm(s, false, nil), 80, 40)
	d.send(char('1'), tab, enter)   // people.10.a yes (tab goes on as enter does)
	d.send(char('3'), enter, enter) // people.10.b no
	if got := d.f.cur().Cell.Indicators[d.f.q].ID; got != "people.20.a" {
		t.Fatalf("on %s, want people.20.a", got)
	}
	d.send(shiftTab) // from page 2's first question
	if got := d.f.cur().Cell.Indicators[d.f.q].ID; got != "people.10.b" || !d.f.onNote {
		t.Fatalf("back landed on %s (note %v), want people.10.b's note", got, d.f.onNote)
	}
	d.send(shiftTab) // people.10.b's choice: on its answer
	if v := d.view(); !strings.Contains(v, "People · 10 Basic · 2/10") || !strings.Contains(v, "> 3 ✗ No") {
		t.Fatalf("page 1 is not shown with its answer:\n%s", v)
	}
	d.send(up, enter) // change no to partial
	if a, _ := answerOf(s, "people.10.b"); a != "partial" {
		t.Fatalf("people.10.b = %q, want partial", a)
	}
	if a, _ := answerOf(s, "people.10.a"); a != "yes" {
		t.Fatalf("people.10.a = %q, want yes kept", a)
	}
	// pgup and pgdown move a page at a time.
	d.send(tea.KeyPressMsg{Code: tea.KeyPgDown})
	if got := d.f.cur().Cell.Indicators[d.f.q].ID; got != "people.20.a" {
		t.Fatalf("pgdown: on %s, want people.20.a", got)
	}
	d.send(tea.KeyPressMsg{Code: tea.KeyPgUp})
	if got := d.f.cur().Cell.Indicators[d.f.q].ID; got != "people.10.a" {
		t.Fatalf("pgup: on %s, want people.10.a", got)
	}
}

// The overview lists pillars × levels with progress and opens any page.
func TestFormOverviewJumps(t *testing.T) {
	s, _ := newTinySession(t, nil)
	d := newDriver(t, NewForm(s, false, nil), 80, 40)
	d.send(char('1'), enter, enter)
	d.send(char('o'))
	v := d.view()
	for _, want := range []string{"Overview · 1 of 10 answered", "People", "Process", "Tools", "[1/2]", "0/1"} {
		if !strings.Contains(v, want) {
			t.Fatalf("overview lacks %q:\n%s", want, v)
		}
	}
	d.send(down, down, enter) // tools, at the nearest level (10)
	if got := d.f.cur().Cell.Indicators[d.f.q].ID; got != "tools.10.a" || d.f.overview {
		t.Fatalf("overview opened %s, want tools.10.a", got)
	}
	// ctrl+o opens it from a note too; esc returns where it was.
	d.send(enter, tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl})
	if !d.f.overview {
		t.Fatal("ctrl+o on a note did not open the overview")
	}
	d.send(esc)
	if d.f.overview || !d.f.onNote {
		t.Fatal("esc did not return to the note")
	}
}

// --pillar limits the pages, the overview included.
func TestFormPillarLimit(t *testing.T) {
	s, _ := newTinySession(t, nil, "process")
	d := newDriver(t, NewForm(s, false, nil), 80, 40)
	if got := d.f.cur().Cell.Indicators[0].ID; got != "process.10.a" {
		t.Fatalf("starts on %s", got)
	}
	d.send(char('o'))
	if v := d.view(); strings.Contains(v, "People") || !strings.Contains(v, "Process") {
		t.Fatalf("overview of a --pillar session:\n%s", v)
	}
}

// The burst: 200 and more keys sent with no pause through a real bubbletea
// program reading a pipe; every answer and note is recorded. Run it with
// -race -count=50 (docs/testing.md).
func TestRunBurstOfKeys(t *testing.T) {
	s, rec := newTinySession(t, nil)
	// Per question: a number (cycling through the 4 choices), enter, a
	// note, enter.
	var keys strings.Builder
	nkeys := 0
	want := map[string][2]string{}
	for i, ref := range s.Model.Indicators() {
		choices := s.Choices(ref.Indicator)
		c := choices[i%len(choices)]
		note := fmt.Sprintf("note %d for %s", i, ref.Indicator.ID)
		keys.WriteString(fmt.Sprintf("%d\r%s\r", i%len(choices)+1, note))
		nkeys += 3 + len(note)
		want[ref.Indicator.ID] = [2]string{c.ID, note}
	}
	if nkeys < 200 {
		t.Fatalf("only %d keys", nkeys)
	}
	t.Logf("%d keys in one write", nkeys)
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- Run(context.Background(), s, RunOptions{
			In: pr, Out: io.Discard,
			Extra: []tea.ProgramOption{tea.WithWindowSize(80, 40), tea.WithoutSignalHandler(), tea.WithEnvironment([]string{"TERM=xterm"})},
		})
	}()
	go pw.Write([]byte(keys.String()))
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("Run did not finish; last save:\n%s", rec.last())
	}
	pw.Close()
	for id, w := range want {
		if a, n := answerOf(s, id); a != w[0] || n != w[1] {
			t.Errorf("%s = %q %q, want %q %q", id, a, n, w[0], w[1])
		}
	}
	// One save per answer and one per note.
	if rec.count() != 20 {
		t.Errorf("%d saves, want 20", rec.count())
	}
}

// Ctrl-C through a real program: ErrInterrupted, the note being typed
// kept.
func TestRunCtrlCMidNote(t *testing.T) {
	s, rec := newTinySession(t, nil)
	pr, pw := io.Pipe()
	defer pw.Close()
	done := make(chan error, 1)
	go func() {
		done <- Run(context.Background(), s, RunOptions{
			In: pr, Out: io.Discard,
			Extra: []tea.ProgramOption{tea.WithWindowSize(80, 40), tea.WithoutSignalHandler(), tea.WithEnvironment([]string{"TERM=xterm"})},
		})
	}()
	go pw.Write([]byte("1\rhalf a no\x03"))
	select {
	case err := <-done:
		if !errors.Is(err, ErrInterrupted) {
			t.Fatalf("Run: %v, want ErrInterrupted", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop on Ctrl-C")
	}
	if want := tinyHeader + "  people.10.a:\n    answer: \"yes\"\n    note: half a no\n"; rec.last() != want {
		t.Fatalf("file:\n%s\nwant\n%s", rec.last(), want)
	}
}

// The context ending (SIGTERM, SIGHUP in the command) keeps the note being
// typed too.
func TestRunContextEndsMidNote(t *testing.T) {
	s, rec := newTinySession(t, nil)
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	// The program's filter sees each message just before Update; the loop
	// looks at the context only after that Update, so cancelling once the
	// last key is seen ends the session with every key taken.
	lastKey := make(chan struct{})
	var once sync.Once
	filter := tea.WithFilter(func(_ tea.Model, msg tea.Msg) tea.Msg {
		if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "d" {
			once.Do(func() { close(lastKey) })
		}
		return msg
	})
	go func() {
		done <- Run(ctx, s, RunOptions{
			In: pr, Out: io.Discard,
			Extra: []tea.ProgramOption{tea.WithWindowSize(80, 40), tea.WithoutSignalHandler(), tea.WithEnvironment([]string{"TERM=xterm"}), filter},
		})
	}()
	pw.Write([]byte("2\rtyped"))
	select {
	case <-lastKey:
	case <-time.After(10 * time.Second):
		t.Fatal("the form never got the last key")
	}
	cancel()
	if err := <-done; !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Run: %v, want ErrInterrupted", err)
	}
	if !strings.Contains(rec.last(), "note: typed") {
		t.Fatalf("file:\n%s", rec.last())
	}
}

// At 60×20 on the embedded model every choice of every question can be
// reached with the arrows and is on screen when the cursor is on it, the
// note is reachable, nothing is wider or taller than the terminal, and a
// mark shows when lines are out of view.
func TestFormLayoutSmallTerminal(t *testing.T) {
	for _, size := range [][2]int{{60, 20}, {MinWidth, MinHeight}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) { layoutAt(t, size[0], size[1]) })
	}
}

func layoutAt(t *testing.T, W, H int) {
	m, err := model.Embedded(model.DefaultID)
	if err != nil {
		t.Fatal(err)
	}
	f := &answers.File{Model: m.ID}
	s, err := New(m, f, nil, func(*answers.File) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	form := NewForm(s, true, nil)
	form.Status = "Each answer is saved to answers.yaml at once · ctrl+c stops · run again to resume"
	d := newDriver(t, form, W, H)
	check := func(what string) string {
		t.Helper()
		v := d.view()
		lines := strings.Split(v, "\n")
		if len(lines) > H {
			t.Fatalf("%s: %d lines at height %d:\n%s", what, len(lines), H, v)
		}
		for _, l := range lines {
			if w := lipgloss.Width(l); w > W {
				t.Fatalf("%s: a line of width %d:\n%s", what, w, l)
			}
		}
		return v
	}
	// The overview fits too, its cursor in view on every pillar.
	d.send(char('o'))
	for i := 0; i < len(m.Pillars); i++ {
		if v := check("overview"); !strings.Contains(v, "[") {
			t.Fatalf("overview cursor out of view:\n%s", v)
		}
		d.send(down)
	}
	d.send(esc)
	marks := 0
	for q := 0; q < s.Total; q++ {
		ind := d.f.cur().Cell.Indicators[d.f.q]
		for i, c := range s.Choices(&ind) {
			d.send(down)
			v := check(ind.ID)
			if !strings.Contains(v, fmt.Sprintf("> %d ", i+1)) || !strings.Contains(v, c.Label) {
				t.Fatalf("%s: choice %d (%s) not on screen:\n%s", ind.ID, i+1, c.Label, v)
			}
			if strings.Contains(v, "more below") || strings.Contains(v, "more above") {
				marks++
			}
		}
		d.send(tea.KeyPressMsg{Code: tea.KeyBackspace}) // leave it unanswered
		d.send(enter)
		if v := check(ind.ID + " note"); !strings.Contains(v, "Note:") {
			t.Fatalf("%s: the note is not on screen:\n%s", ind.ID, v)
		}
		d.send(enter)
	}
	if !d.f.Finished {
		t.Fatal("not finished after every question")
	}
	if marks == 0 {
		t.Fatalf("no scroll mark on any page at %d×%d", W, H)
	}
}

// Help is folded behind ?: closed it takes one line, open it replaces the
// choices until ? or esc.
func TestFormHelpFolded(t *testing.T) {
	s, _ := newTinySession(t, nil)
	d := newDriver(t, NewForm(s, false, nil), 80, 40)
	d.send(enter, enter, enter, enter, enter, enter, enter, enter) // to people.30.a, which has a resource
	if v := d.view(); strings.Contains(v, "https://example.com/coaching") || !strings.Contains(v, "? shows help") {
		t.Fatalf("help not folded:\n%s", v)
	}
	d.send(char('?'))
	if v := d.view(); !strings.Contains(v, "https://example.com/coaching") || strings.Contains(v, "Not applicable") {
		t.Fatalf("help not shown in place of the choices:\n%s", v)
	}
	d.send(char('?'))
	if v := d.view(); strings.Contains(v, "https://example.com/coaching") {
		t.Fatalf("help not folded again:\n%s", v)
	}
}

// A terminal too small at the start is refused with its size; 0×0 does
// not panic.
func TestFormTooSmall(t *testing.T) {
	for _, size := range [][2]int{{0, 0}, {39, 24}, {80, 9}} {
		s, _ := newTinySession(t, nil)
		d := newDriver(t, NewForm(s, false, nil), size[0], size[1])
		var small *TooSmallError
		if !errors.As(d.f.Err, &small) || small.Width != size[0] || small.Height != size[1] {
			t.Fatalf("%v: Err = %v", size, d.f.Err)
		}
		_ = d.view()
	}
	// Shrunk later: a message, keys paused, nothing lost.
	s, _ := newTinySession(t, nil)
	d := newDriver(t, NewForm(s, false, nil), 80, 24)
	d.send(tea.WindowSizeMsg{Width: 0, Height: 0})
	if v := d.view(); !strings.Contains(v, "The terminal is 0×0") {
		t.Fatalf("view at 0×0: %q", v)
	}
	d.send(char('1'), enter)
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if a, _ := answerOf(s, "people.10.a"); a != "" {
		t.Fatalf("a key reached the form while paused: %q", a)
	}
}

// A resumed file: fully answered pages skipped, earlier answers, notes
// and evidence kept.
func TestFormResume(t *testing.T) {
	data, err := os.ReadFile("../../testdata/answers/tiny.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, err := answers.Parse("answers.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	s, rec := newTinySession(t, f)
	d := newDriver(t, NewForm(s, false, nil), 80, 40)
	if v := d.view(); !strings.Contains(v, "People · 30 Optimized · 5/10") {
		t.Fatalf("resume did not start on the only open page:\n%s", v)
	}
	d.send(char('3'), enter, enter)
	if !d.f.Finished {
		t.Fatal("not finished after the only open page")
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
}

// The cell's context lines are under the goal; text from the model
// reaches the screen only through the sanitizer.
func TestFormContextAndHostileText(t *testing.T) {
	m := tinyModel(t)
	c, ok := m.Pillars[0].Cell(10)
	if !ok {
		t.Fatal("no people 10 cell")
	}
	c.Context = []string{"Training happens yearly.", "evil \x1b[31mred\x1b]0;title\x07"}
	c.Indicators[0].Text = "Question \x1b[2J cleared?"
	f := &answers.File{Model: m.ID}
	f.Set(answers.Entry{ID: "people.10.a", Note: "a note \x1b[5mblinking"})
	saves := 0
	s, err := New(m, f, nil, func(*answers.File) error { saves++; return nil })
	if err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, NewForm(s, false, nil), 80, 40)
	raw := d.f.View().Content
	for _, bad := range []string{"\x1b[31mred", "\x1b]0;", "\x07", "\x1b[2J", "\x1b[5m"} {
		if strings.Contains(raw, bad) {
			t.Fatalf("raw %q on screen:\n%q", bad, raw)
		}
	}
	v := d.view()
	want := "People know the basics.\n· Training happens yearly.\n· evil \\x1b[31mred\\x1b]0;title\\x07\n"
	if !strings.Contains(v, want) {
		t.Fatalf("context not under the goal:\n%s", v)
	}
	if !strings.Contains(v, `Question \x1b[2J cleared?`) {
		t.Fatalf("question text not escaped:\n%s", v)
	}
	// Passing the question does not rewrite the note.
	d.send(enter, enter)
	if saves != 0 {
		t.Fatalf("%d saves for an unchanged question", saves)
	}
}
