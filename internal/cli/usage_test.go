package cli

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// Every command refuses too few or too many arguments, an unknown command
// and a bad flag the same way: exit 2, one "maturity:" line and one "hint:"
// line, and an error that is a usageError by type.
func TestUsageErrorsAreTypedAndOneLine(t *testing.T) {
	tests := [][]string{
		{"score"},
		{"report"},
		{"trend"},
		{"merge"},
		{"diff"},
		{"diff", "a.yaml"},
		{"diff", "a.yaml", "b.yaml", "c.yaml"},
		{"init", "answers.yaml"},
		{"assess", "answers.yaml"},
		{"model"},
		{"model", "nope"},
		{"model", "list", "x"},
		{"model", "show", "a", "b"},
		{"model", "validate"},
		{"model", "export", "a", "b"},
		{"schema"},
		{"schema", "answers", "model"},
		{"completion"},
		{"completion", "bash", "x"},
		{"completion", "nosh"},
		{"scor"},
		{"frobnicate", "x"},
		{"help", "scor"},
		{"help", "model", "nope"},
		{"score", "--fromat", "json", "a.yaml"},
		{"score", "--format"},
		{"score", "-z", "a.yaml"},
		{"score", "--=x", "a.yaml"},
		{"score", "--threshold", "NaN", "a.yaml"},
		{"score", "--threshold", "abc", "a.yaml"},
		{"score", "--threshold", "inf", "a.yaml"},
		{"score", "--min-level", "=300", "a.yaml"},
		{"score", "--target", "design=", "a.yaml"},
		{"score", "--no-color=maybe", "a.yaml"},
		{"diff", "--threshold", "NaN", "a.yaml", "b.yaml"},
		{"trend", "--threshold", "x", "a.yaml"},
		{"init", "--assessed-at", "2026-1-5"},
		{"init", "--assessed-at", "2026-11-28\norganization: x"},
		{"--fromat"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			io, out, errOut := testIO("", false, nil)
			if code := Run(io, args); code != ExitError {
				t.Errorf("exit %d, want %d", code, ExitError)
			}
			if out.Len() != 0 {
				t.Errorf("stdout: %q, want nothing", out)
			}
			lines := strings.Split(strings.TrimSuffix(errOut.String(), "\n"), "\n")
			if len(lines) != 2 || !strings.HasPrefix(lines[0], "maturity: ") || !strings.HasPrefix(lines[1], "hint: ") {
				t.Errorf("stderr: %q, want one maturity: line and one hint: line", errOut)
			}
			// What cobra and the Go parsers would say must not show.
			for _, leak := range []string{"arg(s)", "strconv", "Did you mean", "for \"maturity"} {
				if strings.Contains(errOut.String(), leak) {
					t.Errorf("stderr has %q: %q", leak, errOut)
				}
			}

			io2, _, _ := testIO("", false, nil)
			err := execute(newRoot(io2, args), args)
			var u *usageError
			if !errors.As(err, &u) {
				t.Errorf("error %v (%T) is not a usageError", err, err)
			}
		})
	}
}

func TestNearestCommandAndFlagAreSuggested(t *testing.T) {
	tests := []struct {
		args []string
		want string // stderr
	}{
		{[]string{"scor"}, "maturity: unknown command \"scor\"\nhint: did you mean maturity score?\n"},
		{[]string{"mdoel"}, "maturity: unknown command \"mdoel\"\nhint: did you mean maturity model?\n"},
		{[]string{"model", "shwo"}, "maturity: unknown command \"model shwo\"\nhint: did you mean maturity model show?\n"},
		{[]string{"rep"}, "maturity: unknown command \"rep\"\nhint: did you mean maturity report?\n"}, // the only one it begins
		{[]string{"score", "--fromat", "json", "a.yaml"}, "maturity: unknown flag --fromat\nhint: did you mean --format?\n"},
		{[]string{"trend", "--treshold", "0.5", "a.yaml"}, "maturity: unknown flag --treshold\nhint: did you mean --threshold?\n"},
		{[]string{"score", "--zzzzzz", "a.yaml"}, "maturity: unknown flag --zzzzzz\nhint: maturity score --help\n"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			io, _, errOut := testIO("", false, nil)
			Run(io, tt.args)
			if errOut.String() != tt.want {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut, tt.want)
			}
		})
	}
}

func TestErrorLine(t *testing.T) {
	long := "a.yaml:4:3: unknown indicator \"" + strings.Repeat("x", 1000) + "\" in model power-automate"
	tests := []struct {
		name, msg, want string
	}{
		{"short", "a.yaml:1:1: file is empty", "maturity: a.yaml:1:1: file is empty"},
		{"line breaks shown", "a\nb\r\nc\rd", `maturity: a\nb\r\nc\rd`},
		{"exactly the limit", strings.Repeat("y", 300-len("maturity: ")), "maturity: " + strings.Repeat("y", 290)},
		{"cut in the middle", long,
			"maturity: a.yaml:4:3: unknown indicator \"" + strings.Repeat("x", 199-len("maturity: a.yaml:4:3: unknown indicator \"")) +
				"…" + strings.Repeat("x", 100-len("\" in model power-automate")) + "\" in model power-automate"},
		{"characters, not bytes", strings.Repeat("é", 400), "maturity: " + strings.Repeat("é", 189) + "…" + strings.Repeat("é", 100)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := errorLine("maturity: ", tt.msg)
			if got != tt.want {
				t.Errorf("errorLine =\n%q\nwant\n%q", got, tt.want)
			}
			if n := utf8.RuneCountInString(got); n > maxLineLen {
				t.Errorf("%d characters, want at most %d", n, maxLineLen)
			}
		})
	}
}

func TestHintComesFromTheHintMethod(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&usageError{msg: "m", hint: "u"}, "u"},
		{withHint(errors.New("m"), "h"), "h"},
		{&interruptError{msg: "m", hint: "i"}, "i"},
		{withHint(&usageError{msg: "m", hint: "inner"}, "outer"), "outer"},
		{errors.Join(errors.New("x"), &usageError{msg: "m", hint: "joined"}), "joined"},
		{errors.New("m"), ""},
	}
	for _, tt := range tests {
		if got := hintOf(tt.err); got != tt.want {
			t.Errorf("hintOf(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
