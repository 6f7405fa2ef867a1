package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// testIO returns an IO reading in, writing to buffers; tty pretends the
// streams are terminals.
func testIO(in string, tty bool, env map[string]string) (*IO, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	io, _ := (&IO{
		In: strings.NewReader(in), Out: &out, Err: &errOut,
		OutTTY: tty, ErrTTY: tty,
		Getenv: func(k string) string { return env[k] },
	}).sanitized()
	return io, &out, &errOut
}

func TestNewCmdScoreParsesFlags(t *testing.T) {
	tests := []struct {
		argv string
		want scoreOptions
	}{
		{"a.yaml", scoreOptions{Inputs: []string{"a.yaml"}, Format: "text"}},
		{"a.yaml b.yaml -f json --min-level 300 --target 400 --threshold 0.8 --require-complete -m m.yaml -o out.json --no-color",
			scoreOptions{Inputs: []string{"a.yaml", "b.yaml"}, Format: "json", MinLevel: []string{"300"}, Target: []string{"400"}, Threshold: 0.8,
				RequireComplete: true, Model: "m.yaml", Output: "out.json", NoColor: true}},
		{"-", scoreOptions{Inputs: []string{"-"}, Format: "text"}},
	}
	for _, tt := range tests {
		t.Run(tt.argv, func(t *testing.T) {
			io, _, _ := testIO("", false, nil)
			var got *scoreOptions
			cmd := NewCmdScore(io, func(o *scoreOptions) error { got = o; return nil })
			args := strings.Fields(tt.argv)
			cmd.SetArgs(args)
			if err := cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			got.IO = nil
			if !equalScoreOptions(*got, tt.want) {
				t.Errorf("options = %+v, want %+v", *got, tt.want)
			}
		})
	}
}

func equalScoreOptions(a, b scoreOptions) bool {
	return strings.Join(a.Inputs, ",") == strings.Join(b.Inputs, ",") && a.Model == b.Model && a.Format == b.Format &&
		a.Output == b.Output && slices.Equal(a.MinLevel, b.MinLevel) && slices.Equal(a.Target, b.Target) && a.Threshold == b.Threshold &&
		a.RequireComplete == b.RequireComplete && a.NoColor == b.NoColor
}

func TestScoreTextColourOnlyOnATerminal(t *testing.T) {
	answers := filepath.Join("..", "..", "testdata", "answers", "pa-200-contoso.yaml")
	tests := []struct {
		name    string
		tty     bool
		env     map[string]string
		noColor bool
		colour  bool
	}{
		{"pipe", false, nil, false, false},
		{"terminal", true, nil, false, true},
		{"terminal with NO_COLOR", true, map[string]string{"NO_COLOR": "1"}, false, false},
		{"terminal with --no-color", true, nil, true, false},
		{"dumb terminal", true, map[string]string{"TERM": "dumb"}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, out, _ := testIO("", tt.tty, tt.env)
			err := scoreRun(&scoreOptions{IO: io, Inputs: []string{answers}, Format: "text", NoColor: tt.noColor})
			if err != nil {
				t.Fatal(err)
			}
			hasEscape := strings.Contains(out.String(), "\x1b[")
			hasBar := strings.Contains(out.String(), "█") || strings.Contains(out.String(), "░")
			if hasEscape != tt.colour || hasBar != tt.colour {
				t.Errorf("escape codes %v, bars %v; want %v", hasEscape, hasBar, tt.colour)
			}
		})
	}
}

func TestScoreRunExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join("..", "..", "testdata", "answers", "pa-200-contoso.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("model: power-automate\nanswers:\n  nope: yes\n"), 0o644)
	tests := []struct {
		name string
		opts scoreOptions
		code int
	}{
		{"at the level", scoreOptions{Inputs: []string{good}, MinLevel: []string{"200"}}, ExitOK},
		{"below the level", scoreOptions{Inputs: []string{good}, MinLevel: []string{"300"}}, ExitFinding},
		{"bad file", scoreOptions{Inputs: []string{bad}}, ExitError},
		{"one bad among good", scoreOptions{Inputs: []string{good, bad}, MinLevel: []string{"300"}}, ExitError},
		{"unknown target", scoreOptions{Inputs: []string{good}, Target: []string{"250"}}, ExitError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, _, _ := testIO("", false, nil)
			tt.opts.IO = io
			tt.opts.Format = "json"
			if got := exitCode(scoreRun(&tt.opts)); got != tt.code {
				t.Errorf("exit code %d, want %d", got, tt.code)
			}
		})
	}
}

func TestGuardTurnsAPanicIntoAnErrorNamingTheFile(t *testing.T) {
	err := guard("answers.yaml", func() error { panic("index out of range") })
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{"answers.yaml: ", "index out of range", "this is a bug"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if exitCode(err) != ExitError {
		t.Errorf("exit code %d, want %d", exitCode(err), ExitError)
	}
	if err := guard("x", func() error { return nil }); err != nil {
		t.Errorf("guard changed a nil error: %v", err)
	}
}
