package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
