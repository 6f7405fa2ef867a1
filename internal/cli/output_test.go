package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heat-tools/maturity/internal/testkit"
)

// Every command that writes refuses, with exit 2 and before reading
// anything, an output that is one of its inputs; the input is unchanged.
func TestOutputThatIsAnInputIsRefused(t *testing.T) {
	dir := t.TempDir()
	copyFile := func(from, name string) string {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", from))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	model := copyFile("models/tiny.yaml", "tiny.yaml")
	a := copyFile("answers/tiny.yaml", "a.yaml")
	b := copyFile("merge/ben.yaml", "b.yaml")
	tests := []struct {
		args []string
		same string // the file named as output and input
	}{
		{[]string{"score", "-m", model, a, "-f", "json", "-o", a}, a},
		{[]string{"score", "-m", model, a, "-o", model}, model},
		{[]string{"report", "-m", model, b, a, "-o", a}, a},
		{[]string{"trend", "-m", model, a, b, "-o", b}, b},
		{[]string{"diff", "-m", model, a, b, "-o", a}, a},
		{[]string{"diff", "-m", model, a, b, "-o", b}, b},
		{[]string{"diff", "--new-model", model, a, b, "-o", model}, model},
		{[]string{"merge", "-m", model, a, b, "-o", b}, b},
		{[]string{"init", "--force", "-m", model, "-o", model}, model},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[:1], " "), func(t *testing.T) {
			before, _ := os.ReadFile(tt.same)
			io, out, errOut := testIO("", false, nil)
			if code := Run(io, tt.args); code != ExitError {
				t.Errorf("exit %d, want 2", code)
			}
			want := "maturity: " + tt.same + ": output is also an input; nothing was written\nhint: "
			if !strings.HasPrefix(errOut.String(), want) || strings.Count(errOut.String(), "\n") != 2 || out.Len() != 0 {
				t.Errorf("stdout %q, stderr:\n%s\nwant the lines %q...", out, errOut, want)
			}
			if after, _ := os.ReadFile(tt.same); !bytes.Equal(after, before) {
				t.Error("the input changed")
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 3 {
		t.Errorf("the folder holds %d files, want the 3 inputs", len(entries))
	}
}

// TestWrittenFilesCanBeReadBack: merge of two files with 5 MB notes each
// would write the notes twice (the merged note and each response), over
// the 8 MiB the reader takes: refused, exit 2, nothing written. Merged
// names with escape sequences give a file that score reads.
func TestWrittenFilesCanBeReadBack(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	modelData, err := os.ReadFile(testkit.Path("models/tiny.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("tiny.yaml", modelData, 0o644)
	note := strings.Repeat("n", 5<<20)
	for _, who := range []string{"ana", "ben"} {
		body := "model: tiny\nrespondent: \"" + who + " \\e]0;x\\a\"\nanswers:\n  people.10.a:\n    answer: \"yes\"\n    note: " + note + "\n"
		if err := os.WriteFile(who+".yaml", []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	io, _, errb := testIO("", false, nil)
	if code := Run(io, []string{"merge", "--model", "tiny.yaml", "ana.yaml", "ben.yaml", "-o", "big.yaml"}); code != ExitError {
		t.Fatalf("merge of 10 MB of notes: exit %d, want %d; %s", code, ExitError, errb.String())
	}
	if !strings.Contains(errb.String(), "big.yaml: not written: it would be") {
		t.Errorf("stderr %q", errb.String())
	}
	if _, err := os.Stat("big.yaml"); !os.IsNotExist(err) {
		t.Errorf("big.yaml was written: %v", err)
	}

	for _, who := range []string{"ana", "ben"} {
		body := "model: tiny\nrespondent: \"" + who + " \\e]0;x\\a\"\nanswers:\n  people.10.a:\n    answer: \"yes\"\n    note: \"a \\e[2J note\"\n"
		os.WriteFile(who+".yaml", []byte(body), 0o644)
	}
	io, _, errb = testIO("", false, nil)
	if code := Run(io, []string{"merge", "--model", "tiny.yaml", "ana.yaml", "ben.yaml", "-o", "merged.yaml"}); code != ExitOK {
		t.Fatalf("merge: exit %d: %s", code, errb.String())
	}
	io, _, errb = testIO("", false, nil)
	if code := Run(io, []string{"score", "--model", "tiny.yaml", "merged.yaml"}); code != ExitOK {
		t.Fatalf("score of the merged file: exit %d: %s", code, errb.String())
	}
}
