//go:build !noassess && !windows

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/heat-tools/maturity/internal/testkit"
)

// tmuxTerm drives a program in a real terminal: a tmux server of its own
// (its own socket, no user config), keys in with send-keys, the screen out
// with capture-pane.
type tmuxTerm struct {
	t    *testing.T
	bin  string
	sock string
}

func (tm *tmuxTerm) run(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command(tm.bin, append([]string{"-S", tm.sock, "-f", "/dev/null"}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// start runs shellCmd in a new 100x40 window named name; the shell prints
// the exit code and keeps the window open so that the last screen can be
// read.
func (tm *tmuxTerm) start(name, dir, shellCmd string) {
	tm.startSized(name, dir, 100, 40, shellCmd)
}

func (tm *tmuxTerm) startSized(name, dir string, w, h int, shellCmd string) {
	tm.run("new-session", "-d", "-s", name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "-c", dir,
		shellCmd+`; echo "exit $?"; sleep 600`)
}

func (tm *tmuxTerm) screen(name string) string {
	return tm.run("capture-pane", "-p", "-t", name)
}

// waitFor polls until cond holds; the limit only catches a hang.
func (tm *tmuxTerm) waitFor(name, what string, cond func(screen string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := tm.screen(name)
		if cond(s) {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("waiting for %s; the screen is:\n%s", what, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (tm *tmuxTerm) waitText(name, text string) string {
	tm.t.Helper()
	return tm.waitFor(name, fmt.Sprintf("%q", text), func(s string) bool { return strings.Contains(s, text) })
}

// key sends one key and waits until the screen shows its effect.
func (tm *tmuxTerm) key(name, key string) {
	tm.t.Helper()
	before := tm.screen(name)
	tm.run("send-keys", "-t", name, key)
	tm.waitFor(name, "the screen to change after "+key, func(s string) bool { return s != before })
}

func waitFile(t *testing.T, path, text string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		data, _ := os.ReadFile(path)
		if strings.Contains(string(data), text) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never contained %q; it is:\n%s", path, text, data)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// setup is a temporary folder with the tiny model, a tmux server of its
// own and the maturity binary.
func setup(t *testing.T) (tm *tmuxTerm, bin, dir string) {
	t.Helper()
	tmuxBin := testkit.Tool(t, "tmux")
	if testing.Short() {
		testkit.SkipUnlessCI(t, "-short")
	}
	bin, err := exec.LookPath("maturity") // set up by testscript.Main
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	data, err := os.ReadFile("../../testdata/models/tiny.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tiny.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	tm = &tmuxTerm{t: t, bin: tmuxBin, sock: filepath.Join(dir, "tmux.sock")}
	t.Cleanup(func() { exec.Command(tmuxBin, "-S", tm.sock, "kill-server").Run() })
	return tm, bin, dir
}

func commentLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "#") {
			out = append(out, t)
		}
	}
	return out
}

// TestAssessInTerminal runs `maturity assess` in a real terminal (tmux) on
// an init template: answer, go back a page and change an answer, open the
// overview and jump to another pillar, type a note and Ctrl-C in the
// middle of it; the note is in the file and every comment of the template
// is kept. Resume, enter through the rest: those questions stay
// unanswered, so score --require-complete exits 2.
func TestAssessInTerminal(t *testing.T) {
	tm, bin, dir := setup(t)
	answersFile := filepath.Join(dir, "answers.yaml")
	if out, err := exec.Command(bin, "init", "--model", filepath.Join(dir, "tiny.yaml"), "-o", answersFile).CombinedOutput(); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	template, _ := os.ReadFile(answersFile)

	// 1. The first question is on screen; answer two.
	start := time.Now()
	tm.start("one", dir, bin+" assess --model tiny.yaml")
	tm.waitText("one", "Everyone has had an introduction.")
	t.Logf("first question on screen after %v", time.Since(start).Round(time.Millisecond))
	if s := tm.screen("one"); !strings.Contains(s, "People · 10 Basic · 1/10") || !strings.Contains(s, "People know the basics.") {
		t.Fatalf("no title or goal:\n%s", s)
	}
	tm.key("one", "2") // Partially
	tm.key("one", "Enter")
	waitFile(t, answersFile, `people.10.a: "partial"`)
	tm.key("one", "Enter") // no note
	tm.key("one", "3")     // No
	tm.key("one", "Enter")
	waitFile(t, answersFile, `people.10.b: "no"`)
	tm.key("one", "Enter")
	tm.waitText("one", "Skills are tracked per person.")

	// 2. Back from page 2's first question: page 1 with its answer.
	tm.key("one", "BTab") // people.10.b's note
	tm.key("one", "BTab") // its choice
	s := tm.waitText("one", "People · 10 Basic · 2/10")
	if !strings.Contains(s, "> 3 ✗ No") {
		t.Fatalf("page 1 without its answer:\n%s", s)
	}
	tm.key("one", "1")
	tm.key("one", "Enter")
	waitFile(t, answersFile, `people.10.b: "yes"`)

	// 3. The overview (ctrl+o, from the note where the change left the
	// focus), then the tools pillar.
	tm.key("one", "C-o")
	s = tm.waitText("one", "Overview · 2 of 10 answered")
	for _, want := range []string{"People", "Process", "Tools", "✓2/2"} {
		if !strings.Contains(s, want) {
			t.Fatalf("overview lacks %q:\n%s", want, s)
		}
	}
	tm.key("one", "Down")
	tm.key("one", "Down")
	tm.key("one", "Enter")
	tm.waitText("one", "A shared tool is in use.")

	// 4. An answer, a note typed but not submitted, Ctrl-C.
	tm.key("one", "1")
	tm.key("one", "Enter")
	tm.run("send-keys", "-t", "one", "-l", "set up by hand")
	tm.waitText("one", "set up by hand")
	tm.run("send-keys", "-t", "one", "C-c")
	s = tm.waitText("one", "exit ")
	if !strings.Contains(s, "hint: maturity assess -o answers.yaml --model tiny.yaml to resume\nexit 130\n") {
		t.Fatalf("after Ctrl-C the screen is:\n%s", s)
	}
	data, _ := os.ReadFile(answersFile)
	if !strings.Contains(string(data), "  tools.10.a:\n    answer: \"yes\"\n    note: set up by hand\n") {
		t.Fatalf("the note typed before Ctrl-C is not in the file:\n%s", data)
	}
	if got, want := commentLines(string(data)), commentLines(string(template)); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("comments of the template lost:\n%s", data)
	}

	// 5. Resume on the first open page; enter through the rest.
	tm.start("two", dir, bin+" assess --model tiny.yaml")
	s = tm.waitText("two", "Skills are tracked per person.")
	if !strings.Contains(s, "People · 20 Managed · 3/10") {
		t.Fatalf("resume did not start on question 3:\n%s", s)
	}
	for i := 0; i < 14; i++ { // 7 questions: choice and note
		tm.key("two", "Enter")
	}
	s = tm.waitText("two", "exit ")
	if !strings.Contains(s, "Answers saved in answers.yaml: 3 of 10 answered.\nexit 0\n") {
		t.Fatalf("final screen:\n%s", s)
	}
	// The form drew in the alternate screen: no copy of a page is left in
	// the window or its scrollback.
	if all := tm.run("capture-pane", "-p", "-S", "-", "-t", "two"); strings.Contains(all, "Skills are tracked per person.") {
		t.Fatalf("a page was left in the scrollback:\n%s", all)
	}
	data, _ = os.ReadFile(answersFile)
	if got, want := commentLines(string(data)), commentLines(string(template)); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("comments of the template lost on resume:\n%s", data)
	}
	cmd := exec.Command(bin, "score", "--model", filepath.Join(dir, "tiny.yaml"), answersFile, "--require-complete")
	out, err := cmd.CombinedOutput()
	if cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != 2 {
		t.Fatalf("score --require-complete: %v, want exit 2\n%s", err, out)
	}
}

// At 60×20 on the embedded model, every choice of every question can be
// reached, and when not all of them are on screen a mark says so; the
// note is reachable too.
func TestAssessSmallTerminal(t *testing.T) {
	tm, bin, dir := setup(t)
	tm.startSized("small", dir, 60, 20, bin+" assess")
	tm.waitText("small", "Empower · 100 Initial · 1/115")
	labels := []string{"Yes", "Partially", "No", "Not applicable"}
	for q := 1; q <= 115; q++ {
		for i, label := range labels {
			tm.run("send-keys", "-t", "small", "Down")
			want := fmt.Sprintf("> %d ", i+1)
			s := tm.waitFor("small", fmt.Sprintf("question %d, choice %d", q, i+1), func(s string) bool {
				return strings.Contains(s, want) && strings.Contains(s, fmt.Sprintf("· %d/115", q))
			})
			if !strings.Contains(s, want+"✓ Yes") && !strings.Contains(s, want+"◐ Partially") && !strings.Contains(s, want+"✗ No") && !strings.Contains(s, want+"– Not applicable") {
				t.Fatalf("question %d: the cursor is not on %s:\n%s", q, label, s)
			}
			all := true
			for _, l := range labels {
				all = all && strings.Contains(s, l)
			}
			if !all && !strings.Contains(s, "more below") && !strings.Contains(s, "more above") {
				t.Fatalf("question %d: a choice is out of view without a mark:\n%s", q, s)
			}
		}
		tm.key("small", "Enter") // not applicable, to the note
		tm.waitText("small", "Note:")
		tm.key("small", "Enter")
	}
	s := tm.waitText("small", "exit ")
	if !strings.Contains(s, "115 of 115 answered.\nexit 0") {
		t.Fatalf("final screen:\n%s", s)
	}
}

// A second session on a file in use is refused with the first one's pid;
// a change made to the file by another program during a session stops it
// (exit 2) before it writes: the other version stays, ours is beside it.
func TestAssessTerminalFileSafety(t *testing.T) {
	tm, bin, dir := setup(t)
	answersFile := filepath.Join(dir, "answers.yaml")
	tm.start("one", dir, bin+" assess --model tiny.yaml")
	tm.waitText("one", "Everyone has had an introduction.")
	tm.key("one", "1")
	tm.key("one", "Enter")
	waitFile(t, answersFile, `people.10.a: "yes"`)

	tm.start("two", dir, bin+" assess --model tiny.yaml")
	s := tm.waitText("two", "exit ")
	if !strings.Contains(s, "maturity: answers.yaml is in use by another maturity assess (pid ") || !strings.Contains(s, "exit 2\n") {
		t.Fatalf("the second session:\n%s", s)
	}

	// Another program edits the file.
	edited := "# edited by hand\nmodel: tiny\nanswers:\n  people.10.a: no\n"
	if err := os.WriteFile(answersFile, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	tm.key("one", "Enter") // no note
	tm.key("one", "2")
	tm.run("send-keys", "-t", "one", "Enter") // the write that finds the change
	s = tm.waitText("one", "exit ")
	if !strings.Contains(s, "answers.yaml was changed by another program during this session") || !strings.Contains(s, "exit 2\n") {
		t.Fatalf("after the outside edit:\n%s", s)
	}
	if data, _ := os.ReadFile(answersFile); string(data) != edited {
		t.Fatalf("the other program's version was overwritten:\n%s", data)
	}
	mine, err := os.ReadFile(answersFile + ".mine")
	if err != nil || !strings.Contains(string(mine), "people.10.a: \"yes\"\n  people.10.b: \"partial\"\n") {
		t.Fatalf("this session's version: %v\n%s", err, mine)
	}
	if _, err := os.Stat(answersFile + ".lock"); !os.IsNotExist(err) {
		t.Fatalf("lock file left behind: %v", err)
	}
}

// A terminal of 0×0 is refused with its size (exit 2), no panic.
func TestAssessTerminalTooSmall(t *testing.T) {
	tm, bin, dir := setup(t)
	tm.start("zero", dir, "stty rows 0 cols 0; "+bin+" assess --model tiny.yaml")
	s := tm.waitText("zero", "exit ")
	if !strings.Contains(s, "too small") || !strings.Contains(s, "exit 2") || strings.Contains(s, "panic") {
		t.Fatalf("at 0×0:\n%s", s)
	}
}

// TestAssessFirstScreenTime measures, for docs/benchmarks.md, the time
// from starting `maturity assess` on the embedded model in tmux until the
// first question is on screen: 20 runs, the median logged. It is a
// measurement, not a timed assertion; it runs only when
// MATURITY_MEASURE_TTY is set:
//
//	MATURITY_MEASURE_TTY=1 go test -v -run TestAssessFirstScreenTime ./cmd/maturity
func TestAssessFirstScreenTime(t *testing.T) {
	if os.Getenv("MATURITY_MEASURE_TTY") == "" {
		t.Skip("a measurement: set MATURITY_MEASURE_TTY=1")
	}
	tm, bin, dir := setup(t)
	var times []time.Duration
	for i := 0; i < 20; i++ {
		name := fmt.Sprintf("m%d", i)
		start := time.Now()
		tm.start(name, dir, bin+" assess -o "+name+".yaml")
		tm.waitText(name, "The CoE team has completed introductory")
		times = append(times, time.Since(start))
		tm.run("send-keys", "-t", name, "C-c")
		tm.waitText(name, "exit ")
		tm.run("kill-session", "-t", name)
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	t.Logf("first question on screen, 20 runs: median %v, min %v, max %v",
		((times[9] + times[10]) / 2).Round(time.Millisecond), times[0].Round(time.Millisecond), times[19].Round(time.Millisecond))
}

// SIGTERM in the middle of a note: exit 130, the note in the file. The
// session's pid is read from its lock file.
func TestAssessTerminalSIGTERM(t *testing.T) {
	tm, bin, dir := setup(t)
	answersFile := filepath.Join(dir, "answers.yaml")
	tm.start("one", dir, bin+" assess --model tiny.yaml")
	tm.waitText("one", "Everyone has had an introduction.")
	tm.key("one", "3")
	tm.key("one", "Enter")
	tm.run("send-keys", "-t", "one", "-l", "typed, not entered")
	tm.waitText("one", "typed, not entered")
	data, err := os.ReadFile(answersFile + ".lock")
	if err != nil {
		t.Fatal(err)
	}
	var pid int
	if _, err := fmt.Sscan(string(data), &pid); err != nil {
		t.Fatalf("lock file %q: %v", data, err)
	}
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	s := tm.waitText("one", "exit ")
	if !strings.Contains(s, "exit 130") {
		t.Fatalf("after SIGTERM:\n%s", s)
	}
	if data, _ := os.ReadFile(answersFile); !strings.Contains(string(data), "  people.10.a:\n    answer: \"no\"\n    note: typed, not entered\n") {
		t.Fatalf("file after SIGTERM:\n%s", data)
	}
}
