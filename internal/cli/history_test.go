package cli

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// historyIO is an IO with buffers; tty pretends stdout is a terminal.
func historyIO(tty bool, env map[string]string) (*IO, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &IO{In: strings.NewReader(""), Out: &out, Err: &errb, OutTTY: tty,
		Getenv: func(k string) string { return env[k] }}, &out, &errb
}

func td(parts ...string) string {
	return filepath.Join(append([]string{"..", "..", "testdata"}, parts...)...)
}

func TestDiffFlags(t *testing.T) {
	var got *diffOptions
	io, _, _ := historyIO(false, nil)
	cmd := NewCmdDiff(io, func(o *diffOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"a.yaml", "b.json", "--model", "m.yaml", "--new-model", "n.yaml", "-f", "markdown", "--fail-on-regression", "--threshold", "0.8", "--target", "30"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Old != "a.yaml" || got.New != "b.json" || got.Model != "m.yaml" || got.NewModel != "n.yaml" || got.OldModel != "" ||
		got.Format != "markdown" || !got.FailOnRegression || got.Threshold != 0.8 || got.Target != "30" {
		t.Errorf("options %+v", got)
	}
}

func TestMergeFlags(t *testing.T) {
	var got *mergeOptions
	io, _, _ := historyIO(false, nil)
	cmd := NewCmdMerge(io, func(o *mergeOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"a.yaml", "b.yaml", "-o", "out.yaml"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Strategy != "median" || got.Output != "out.yaml" || len(got.Inputs) != 2 {
		t.Errorf("options %+v, want the median default", got)
	}
}

func TestTrendSparklinesOnlyOnATerminal(t *testing.T) {
	args := []string{"trend", "--model", td("models", "tiny.yaml"), td("history", "q2.yaml"), td("history", "q1.yaml"), td("history", "q3.yaml")}
	tests := []struct {
		name  string
		tty   bool
		env   map[string]string
		extra []string
		want  bool
	}{
		{"terminal", true, nil, nil, true},
		{"pipe", false, nil, nil, false},
		{"dumb terminal", true, map[string]string{"TERM": "dumb"}, nil, false},
		{"csv on a terminal", true, nil, []string{"--format", "csv"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, out, errb := historyIO(tt.tty, tt.env)
			if code := Run(io, append(append([]string{}, args...), tt.extra...)); code != 0 {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			// Overall scores 12.5, 21.1, 14.4 of 30 draw ▄▆▄ (see
			// internal/history/trend_test.go).
			has := strings.Contains(out.String(), "▄▆▄")
			if has != tt.want {
				t.Errorf("sparkline shown %v, want %v:\n%s", has, tt.want, out.String())
			}
		})
	}
}

func TestDiffColourOnlyOnATerminal(t *testing.T) {
	args := []string{"diff", "--model", td("models", "tiny.yaml"), td("history", "q2.yaml"), td("history", "q3.yaml")}
	for _, tt := range []struct {
		name string
		tty  bool
		env  map[string]string
		want bool
	}{
		{"terminal", true, nil, true},
		{"NO_COLOR", true, map[string]string{"NO_COLOR": "1"}, false},
		{"pipe", false, nil, false},
	} {
		io, out, errb := historyIO(tt.tty, tt.env)
		if code := Run(io, args); code != 0 {
			t.Fatalf("%s: exit %d: %s", tt.name, code, errb.String())
		}
		// The lost level is red: ESC[31m.
		if got := strings.Contains(out.String(), "\x1b[31m"); got != tt.want {
			t.Errorf("%s: colour %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestDiffFailOnRegressionExitCodes(t *testing.T) {
	tiny := td("models", "tiny.yaml")
	for _, tt := range []struct {
		old, new string
		want     int
	}{
		{"q1.yaml", "q2.yaml", 0}, // improvement
		{"q2.yaml", "q3.yaml", 1}, // tools and overall go down
		{"q2.yaml", "q2.yaml", 0}, // no change
	} {
		io, _, errb := historyIO(false, nil)
		code := Run(io, []string{"diff", "--fail-on-regression", "--model", tiny, td("history", tt.old), td("history", tt.new)})
		if code != tt.want {
			t.Errorf("%s -> %s: exit %d, want %d (%s)", tt.old, tt.new, code, tt.want, errb.String())
		}
	}
}
