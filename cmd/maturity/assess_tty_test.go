//go:build !noassess

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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
	tm.run("new-session", "-d", "-s", name, "-x", "100", "-y", "40", "-c", dir,
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

// TestAssessInTerminal runs `maturity assess` in a real terminal (tmux):
// answer two questions, Ctrl-C, check the saved file scores; run again,
// it resumes after the complete page, accept every default to the end,
// and the result is printed. Without tmux it skips, except in CI, where it fails.
func TestAssessInTerminal(t *testing.T) {
	tmuxBin := testkit.Tool(t, "tmux")
	if testing.Short() {
		testkit.SkipUnlessCI(t, "-short")
	}
	bin, err := exec.LookPath("maturity") // set up by testscript.Main
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	data, err := os.ReadFile("../../testdata/models/tiny.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "tiny.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	tm := &tmuxTerm{t: t, bin: tmuxBin, sock: filepath.Join(dir, "tmux.sock")}
	t.Cleanup(func() { exec.Command(tmuxBin, "-S", tm.sock, "kill-server").Run() })
	answersFile := filepath.Join(dir, "answers.yaml")

	// 1. The first question is on screen; answer two, Ctrl-C.
	start := time.Now()
	tm.start("one", dir, bin+" assess --model tiny.yaml")
	tm.waitText("one", "Everyone has had an introduction.")
	t.Logf("first question on screen after %v", time.Since(start).Round(time.Millisecond))
	if s := tm.screen("one"); !strings.Contains(s, "People · 10 Basic · 1/10") || !strings.Contains(s, "People know the basics.") {
		t.Fatalf("no title or goal:\n%s", s)
	}
	tm.key("one", "Up") // from No, the default, to Partially
	tm.key("one", "Enter")
	waitFile(t, answersFile, `people.10.a: "partial"`)
	tm.key("one", "Enter") // no note
	tm.key("one", "Enter") // No, the default
	waitFile(t, answersFile, `people.10.b: "no"`)
	tm.run("send-keys", "-t", "one", "C-c")
	s := tm.waitText("one", "exit ")
	if !strings.Contains(s, "hint: maturity assess -o answers.yaml --model tiny.yaml to resume\nexit 130\n") {
		t.Fatalf("after Ctrl-C the screen is:\n%s", s)
	}
	out, err := exec.Command(bin, "score", "--model", filepath.Join(dir, "tiny.yaml"), answersFile, "--format", "json").CombinedOutput()
	if err != nil || !strings.Contains(string(out), `"partial": 1,`) || !strings.Contains(string(out), `"unanswered": 8`) {
		t.Fatalf("score after Ctrl-C: %v\n%s", err, out)
	}

	// 2. Resume after the complete first page; accept every default.
	tm.start("two", dir, bin+" assess --model tiny.yaml")
	s = tm.waitText("two", "Skills are tracked per person.")
	if !strings.Contains(s, "People · 20 Managed · 3/10") {
		t.Fatalf("resume did not start on page 3/10:\n%s", s)
	}
	for i := 0; i < 16; i++ { // 8 questions: answer and note
		tm.key("two", "Enter")
	}
	s = tm.waitText("two", "exit ")
	for _, want := range []string{"Level None", "Answers saved in answers.yaml: 10 of 10 answered.\nexit 0\n"} {
		if !strings.Contains(s, want) {
			t.Fatalf("final screen lacks %q:\n%s", want, s)
		}
	}
	out, err = exec.Command(bin, "score", "--model", filepath.Join(dir, "tiny.yaml"), answersFile, "--format", "json", "--require-complete").CombinedOutput()
	// Every default is "no": partial 1, no 9.
	if err != nil || !strings.Contains(string(out), `"partial": 1,`) || !strings.Contains(string(out), `"no": 9,`) {
		t.Fatalf("score at the end: %v\n%s", err, out)
	}
}
