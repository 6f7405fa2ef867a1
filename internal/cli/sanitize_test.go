package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// hostileFiles are a model and answers files whose texts hold OSC (title,
// clipboard, hyperlink), CSI, BEL, CR, BS, DEL and C1 characters through
// YAML's double-quoted escapes.
var hostileFiles = map[string]string{
	"evil-model.yaml": `id: evil
name: "Evil model \e]52;c;aGk=\a"
version: "1.0"
description: "Describes \e[2J\e[H everything \x9b31m"
sources:
  - {title: "Source \r\b", url: "https://example.com/evil"}
levels:
  - {value: 10, name: "Basic\e[5m", summary: "Things \x85 happen"}
  - {value: 20, name: Managed, summary: "Planned \x7f"}
pillars:
  - id: people
    name: "People \e[2J"
    description: "Who \e]0;title\a"
    cells:
      - level: 10
        goal: "Goal \e[31m"
        context: ["Context \e]8;;https://evil.example\e\\link\e]8;;\e\\"]
        indicators:
          - {id: people.10.a, text: "Intro \e[1A\e[2K done.", help: "Help \a"}
      - level: 20
        goal: Skills are managed.
        resources: [{title: "Guide \e[0m", url: "https://example.com/skills"}]
        indicators:
          - {id: people.20.a, text: "Skills \r\n tracked."}`,
	"evil.yaml": `model: evil
assessed_at: 2026-05-01
organization: "Evil\e]0;pwned\a"
scope: "Scope \e[2J"
respondent: "Resp \x9b2J"
answers:
  people.10.a: "yes"
  people.20.a:
    answer: "no"
    note: "Note \e]52;c;aGk=\a"
    evidence: ["https://example.com/\e[2J"]`,
	"evil2.yaml": `model: evil
assessed_at: 2026-11-01
organization: "Evil\e]0;pwned\a"
scope: "Scope \e[2J"
respondent: "Other \e[31m"
answers:
  people.10.a: "no"
  people.20.a:
    answer: "yes"
    note: "Other note \e[8m hidden"`,
	"bad-answer.yaml": `model: evil
answers:
  people.10.a: "ye\e[2Js"
`,
}

// rawControl matches what must never reach a terminal: C0 controls other
// than newline and tab, DEL and C1.
var rawControl = regexp.MustCompile(`[\x00-\x08\x0b-\x1f\x7f\x{80}-\x{9f}]`)

// sgr is the only escape sequence the tool writes itself, for colour.
var sgr = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// TestNoRawControlCharacters runs every command that shows text from a
// file, in every text format, on hostile files, on a pipe and on a
// pretend terminal, and checks stdout and stderr: no control character
// raw, except colour on the terminal; and the hostile text is there,
// escaped. File names with control characters are quoted.
func TestNoRawControlCharacters(t *testing.T) {
	dir := t.TempDir()
	for name, body := range hostileFiles {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	evilName := "evil\x1b]0;name\a\n.yaml"
	if err := os.WriteFile(filepath.Join(dir, evilName), []byte(hostileFiles["evil2.yaml"]), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	m := []string{"--model", "evil-model.yaml"}
	runs := [][]string{
		{"score", "evil.yaml"},
		{"score", "evil.yaml", "--format", "markdown"},
		{"score", "evil.yaml", "--format", "csv"},
		{"score", "evil.yaml", "--format", "junit"},
		{"score", "evil.yaml", "--format", "yaml"},
		{"score", "evil.yaml", "--format", "json"},
		{"score", "evil.yaml", "evil2.yaml"},
		{"score", "evil.yaml", evilName},
		{"score", "evil.yaml", evilName, "--format", "csv"},
		{"score", "bad-answer.yaml"},
		{"score", "missing\x1b[2J.yaml"},
		{"diff", "evil.yaml", "evil2.yaml"},
		{"diff", "evil.yaml", evilName, "--format", "markdown"},
		{"trend", "evil.yaml", "evil2.yaml", evilName},
		{"trend", "evil.yaml", "evil2.yaml", "--format", "markdown"},
		{"trend", "evil.yaml", "evil2.yaml", "--format", "csv"},
		{"model", "show", "evil-model.yaml"},
		{"model", "validate", "evil-model.yaml"},
		{"init", "-o", "-"},
		{"report", "evil.yaml", "evil2.yaml", "--format", "markdown"},
		{"merge", "evil.yaml", evilName, "-o", "-"},
	}
	for _, tty := range []bool{false, true} {
		for _, args := range runs {
			if args[0] != "model" {
				args = append(append([]string{}, args...), m...)
			}
			io, out, errb := testIO("", tty, nil)
			Run(io, args)
			for stream, text := range map[string]string{"stdout": out.String(), "stderr": errb.String()} {
				shown := text
				if tty && stream == "stdout" {
					shown = sgr.ReplaceAllString(text, "")
				}
				if loc := rawControl.FindStringIndex(shown); loc != nil {
					t.Errorf("tty=%v %s: raw %q in %s: %q", tty, strings.Join(args, " "), shown[loc[0]:loc[1]], stream, text)
				}
			}
			if args[1] == "validate" {
				continue // says nothing of the texts
			}
			// Escaped by the sanitizer, or by the format (YAML, JSON).
			if all := out.String() + errb.String(); !strings.Contains(all, `\x1b`) && !strings.Contains(all, `\e`) && !strings.Contains(all, `\u001b`) {
				t.Errorf("tty=%v %s: no escaped hostile text in the output, so the test shows nothing: %q", tty, strings.Join(args, " "), all)
			}
		}
	}
}

// TestFileNameCannotForgeALine: a file name holding a newline is quoted
// in the error, which stays one line.
func TestFileNameCannotForgeALine(t *testing.T) {
	t.Chdir(t.TempDir())
	io, _, errb := testIO("", false, nil)
	if code := Run(io, []string{"score", "a\nmaturity: forged.yaml"}); code != ExitError {
		t.Fatalf("exit %d, want %d", code, ExitError)
	}
	lines := strings.Split(strings.TrimSuffix(errb.String(), "\n"), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], `maturity: "a\nmaturity: forged.yaml"`) {
		t.Errorf("stderr %q, want one line naming the file quoted", errb.String())
	}
}
