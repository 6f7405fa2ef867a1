//go:build !noassess

package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heat-tools/maturity/internal/assess"
)

func TestNewCmdAssessFlags(t *testing.T) {
	tests := []struct {
		args    []string
		check   func(*assessOptions) bool
		wantErr string
	}{
		{nil, func(o *assessOptions) bool {
			return o.Output == "answers.yaml" && o.Model == "" && len(o.Pillars) == 0 && !o.Revisit && !o.Accessible
		}, ""},
		{[]string{"-o", "q3.yaml", "-m", "tiny.yaml", "--pillar", "design", "-p", "build", "--revisit", "--accessible"},
			func(o *assessOptions) bool {
				return o.Output == "q3.yaml" && o.Model == "tiny.yaml" && strings.Join(o.Pillars, ",") == "design,build" && o.Revisit && o.Accessible
			}, ""},
		{[]string{"--assessed-at", "2026-02-30"}, nil, `--assessed-at "2026-02-30" is not a date`},
		{[]string{"--assessed-at", "2026-11-28\norganization: x"}, nil, `--assessed-at "2026-11-28\norganization: x" is not a date`},
		// What answers files accept, assess accepts: RFC 3339 too.
		{[]string{"--assessed-at", "2026-11-28T14:30:00+01:00"}, func(o *assessOptions) bool { return o.AssessedAt == "2026-11-28T14:30:00+01:00" }, ""},
		{[]string{"-o", "-"}, nil, "-o needs a file: answers are saved to it as they are given"},
		{[]string{"extra"}, nil, `assess: unexpected argument "extra"`},
	}
	for _, tt := range tests {
		io, _, _ := testIO("", false, nil)
		var got *assessOptions
		cmd := NewCmdAssess(io, func(o *assessOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		err := cmd.Execute()
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("%v: err = %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got == nil || !tt.check(got) {
			t.Errorf("%v: err %v, options %+v", tt.args, err, got)
		}
	}
}

func chdirTemp(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	wd, _ := os.Getwd()
	data, err := os.ReadFile(filepath.Join(wd, "../../testdata/models/tiny.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if err := os.WriteFile("tiny.yaml", data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Exit codes of assess: no terminal 2, end of input 130, done 0.
func TestAssessExitCodes(t *testing.T) {
	chdirTemp(t)
	env := map[string]string{"SOURCE_DATE_EPOCH": "1795824000"}

	io, _, errb := testIO("", false, env)
	if code := Run(io, []string{"assess", "--model", "tiny.yaml"}); code != ExitError {
		t.Fatalf("no terminal: exit %d, want 2; stderr %s", code, errb)
	}
	if _, err := os.Stat("answers.yaml"); !os.IsNotExist(err) {
		t.Fatal("answers.yaml written without a terminal")
	}

	// Only the tools pillar (2 questions); one line, then EOF.
	io, _, errb = testIO("3\n", false, env)
	if code := Run(io, []string{"assess", "--accessible", "--model", "tiny.yaml", "--pillar", "tools", "-o", "t.yaml"}); code != ExitInterrupted {
		t.Fatalf("end of input: exit %d, want 130; stderr %s", code, errb)
	}
	if !strings.Contains(errb.String(), "maturity: interrupted: 1 of 2 answers saved in t.yaml\nhint: maturity assess -o t.yaml --model tiny.yaml --pillar tools --accessible to resume\n") {
		t.Fatalf("stderr:\n%s", errb)
	}
	// A hand-added field, a date set earlier, evidence: all kept on resume.
	data, _ := os.ReadFile("t.yaml")
	hand := strings.Replace(string(data), "assessed_at: 2026-11-28", "assessed_at: 2026-10-01\nfacilitator: Kim", 1)
	hand = strings.Replace(hand, `tools.10.a: "no"`, "tools.10.a:\n    answer: \"no\"\n    evidence: [https://example.com/e]", 1)
	if err := os.WriteFile("t.yaml", []byte(hand), 0o644); err != nil {
		t.Fatal(err)
	}
	io, out, errb := testIO("2\n", false, env)
	if code := Run(io, []string{"assess", "--accessible", "--model", "tiny.yaml", "--pillar", "tools", "-o", "t.yaml"}); code != ExitOK {
		t.Fatalf("resume: exit %d, want 0; stderr %s", code, errb)
	}
	got, _ := os.ReadFile("t.yaml")
	want := `model: tiny.yaml
model_version: "1.0"
assessed_at: 2026-10-01
facilitator: Kim
answers:
  tools.10.a:
    answer: "no"
    evidence: ['https://example.com/e']
  tools.30.a: "partial"
`
	if string(got) != want {
		t.Fatalf("resumed file\n%s\nwant\n%s", got, want)
	}
	// The result is the full score, as `maturity score` prints it.
	if !strings.HasPrefix(out.String(), "2026-10-01 · t.yaml\nTiny practice model 1.0\n\nLevel None\n") {
		t.Fatalf("stdout:\n%s", out)
	}
	if !strings.HasSuffix(errb.String(), "Answers saved in t.yaml: 2 of 2 answered.\n") {
		t.Fatalf("stderr:\n%s", errb)
	}
}

// A complete file, nothing to ask: the result at once, even with no
// questions left; --assessed-at replaces the date.
func TestAssessNothingToAsk(t *testing.T) {
	chdirTemp(t)
	data := "model: tiny\nassessed_at: 2026-01-01\nanswers:\n  tools.10.a: yes\n  tools.30.a: na\n"
	if err := os.WriteFile("a.yaml", []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	io, out, errb := testIO("", false, nil)
	if code := Run(io, []string{"assess", "--accessible", "-m", "tiny.yaml", "-p", "tools", "-o", "a.yaml", "--assessed-at", "2026-11-30"}); code != ExitOK {
		t.Fatalf("exit %d; stderr %s", code, errb)
	}
	got, _ := os.ReadFile("a.yaml")
	// The answers keep their spelling; the date is replaced.
	want := "model: tiny\nmodel_version: \"1.0\"\nassessed_at: 2026-11-30\nanswers:\n  tools.10.a: yes\n  tools.30.a: na\n"
	if string(got) != want {
		t.Fatalf("file\n%s\nwant\n%s", got, want)
	}
	if errb.String() != "Answers saved in a.yaml: 2 of 2 answered.\n" || !strings.Contains(out.String(), "Level None") {
		t.Fatalf("stdout %q stderr %q", out, errb)
	}
}

// An invalid existing file is an error with its position; it is not
// replaced.
func TestAssessInvalidFileKept(t *testing.T) {
	chdirTemp(t)
	bad := "model: tiny\nanswers:\n  people.10.a: maybe\n"
	if err := os.WriteFile("a.yaml", []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	io, _, errb := testIO("", false, nil)
	if code := Run(io, []string{"assess", "--accessible", "-m", "tiny.yaml", "-o", "a.yaml"}); code != ExitError {
		t.Fatalf("exit %d, want 2", code)
	}
	if !strings.HasPrefix(errb.String(), "maturity: a.yaml:3:16: people.10.a: answer \"maybe\" is not one of yes, partial, no, na") {
		t.Fatalf("stderr %q", errb)
	}
	got, _ := os.ReadFile("a.yaml")
	if string(got) != bad {
		t.Fatal("invalid file was rewritten")
	}
}

func TestResumeCommand(t *testing.T) {
	got := resumeCommand(&assessOptions{Output: "my answers.yaml", Model: "m.yaml", Pillars: []string{"design"}})
	if want := `maturity assess -o 'my answers.yaml' --model m.yaml --pillar design`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// A second session on a file in use is refused (exit 2) with the holder's
// pid, and the file is left alone.
func TestAssessFileInUse(t *testing.T) {
	chdirTemp(t)
	held, err := assess.OpenStore("a.yaml", func(string, []byte) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	io, _, errb := testIO("1\n", false, nil)
	if code := Run(io, []string{"assess", "--accessible", "-m", "tiny.yaml", "-o", "a.yaml"}); code != ExitError {
		t.Fatalf("exit %d, want 2; stderr %s", code, errb)
	}
	want := fmt.Sprintf("maturity: a.yaml is in use by another maturity assess (pid %d)\nhint: finish or stop the other session first, then run this command again\n", os.Getpid())
	if errb.String() != want {
		t.Fatalf("stderr %q, want %q", errb, want)
	}
	if _, err := os.Stat("a.yaml"); !os.IsNotExist(err) {
		t.Fatal("a.yaml written by the refused session")
	}
}
