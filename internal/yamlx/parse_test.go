package yamlx

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

func TestParseRefusesHostileInput(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"empty", "", "x.yaml:1:1: file is empty"},
		{"blank", " \n\t\n", "x.yaml:1:1: file is empty"},
		{"comments only", "# nothing\n", "x.yaml:1:1: no YAML content"},
		{"NUL byte", "a: 1\nb: \x00", "x.yaml:2:4: binary data (NUL byte at offset 8)"},
		{"invalid UTF-8", "a: 1\nb: \xc3\x28", "x.yaml:2:4: invalid UTF-8"},
		{"two documents", "a: 1\n---\nb: 2\n", "x.yaml:2:1: several YAML documents"},
		{"alias", "a: &x 1\nb: *x\n", "x.yaml:2:4: YAML aliases are not supported (*x)"},
		{"deep flow nesting", strings.Repeat("[", 20000) + strings.Repeat("]", 20000), "x.yaml: invalid YAML: exceeded max depth of 10000"},
		{"deep block nesting", deepBlock(100), "nesting deeper than 64 levels"},
		{"too many items", "a: [" + strings.Repeat("1,", 300_000) + "1]\n", "x.yaml: too many lines and items (300001, the limit is 250000)"},
		{"syntax", "a: [\n", "x.yaml:1: invalid YAML: did not find expected node content"},
		// Every YAML line break counts: 250,001 of them.
		{"too many CR lines", "a:\r" + strings.Repeat("-\r", 250_000), "x.yaml: too many lines and items (250001, the limit is 250000)"},
		{"too many U+0085 lines", "a:\u0085" + strings.Repeat("-\u0085", 250_000), "x.yaml: too many lines and items (250001,"},
		{"too many U+2028 lines", "a:\u2028" + strings.Repeat("-\u2028", 250_000), "x.yaml: too many lines and items (250001,"},
		{"too many U+2029 lines", "a:\u2029" + strings.Repeat("-\u2029", 250_000), "x.yaml: too many lines and items (250001,"},
		// 80,000 lines, each of four nested sequences: 320,000 nodes.
		{"too many values on few lines", strings.Repeat("- - - - a\n", 80_000), "x.yaml: too many keys, values and items (about 320000, the limit is 300000)"},
		{"UTF-16 LE BOM", "\xff\xfea\x00:\x00 \x001\x00", "x.yaml:1:1: UTF-16: save it as UTF-8"},
		{"UTF-16 BE BOM", "\xfe\xff\x00a\x00:\x00 \x001", "x.yaml:1:1: UTF-16: save it as UTF-8"},
		{"UTF-16 LE without BOM", "m\x00o\x00d\x00e\x00l\x00:\x00 \x00x\x00\n\x00", "x.yaml:1:1: UTF-16: save it as UTF-8"},
		{"UTF-16 BE without BOM", "\x00m\x00o\x00d\x00e\x00l\x00:\x00 \x00x\x00\n", "x.yaml:1:1: UTF-16: save it as UTF-8"},
		{"NUL in text is binary", "model: x\x00\x00y\n", "x.yaml:1:9: binary data (NUL byte at offset 8)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.yaml", []byte(tt.data))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want %q", err, tt.want)
			}
		})
	}
}

func deepBlock(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i) + "k:\n")
	}
	return b.String()
}

func TestReadFileRefusesLargeFilesBeforeReading(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, bytes.Repeat([]byte("#"), MaxFileSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadFile(big, nil)
	if err == nil || !strings.Contains(err.Error(), "over the 8.0 MiB limit") {
		t.Errorf("err = %v", err)
	}
	// Standard input has no size to look at: it is read up to the limit.
	_, err = ReadFile("-", bytes.NewReader(bytes.Repeat([]byte("#"), MaxFileSize+1)))
	if err == nil || !strings.Contains(err.Error(), "<stdin>: input is over the 8.0 MiB limit") {
		t.Errorf("stdin: err = %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing.yaml"), nil); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing: err = %v", err)
	}
	if _, err := ReadFile(dir, nil); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("directory: err = %v", err)
	}
	if _, err := ReadFile("", nil); err == nil || err.Error() != `"": no such file: the file name is empty` {
		t.Errorf("empty name: err = %v", err)
	}
}

func TestNearest(t *testing.T) {
	ids := []string{"design.300.exception-handling", "design.300.logging", "empower.100.training"}
	tests := []struct{ in, want string }{
		{"design.300.exception-handlng", "design.300.exception-handling"},
		{"empower.100.trainig", "empower.100.training"},
		{"zzz", ""},
		{strings.Repeat("a", 300), ""}, // too long to be a typo
	}
	for _, tt := range tests {
		if got := Nearest(tt.in, ids); got != tt.want {
			t.Errorf("Nearest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// readAll reads everything whatever its size guess and however the reader
// splits the data.
func TestReadAll(t *testing.T) {
	want := strings.Repeat("0123456789", 300)
	readers := map[string]func() io.Reader{
		"whole":    func() io.Reader { return strings.NewReader(want) },
		"one byte": func() io.Reader { return iotest.OneByteReader(strings.NewReader(want)) },
		"half":     func() io.Reader { return iotest.HalfReader(strings.NewReader(want)) },
		"data+EOF": func() io.Reader { return iotest.DataErrReader(strings.NewReader(want)) },
	}
	for name, r := range readers {
		for _, size := range []int64{0, 1, 512, int64(len(want)) - 1, int64(len(want)), int64(len(want)) + 10} {
			got, err := readAll(r(), size)
			if err != nil || string(got) != want {
				t.Errorf("%s, size %d: got %d bytes, err %v", name, size, len(got), err)
			}
		}
	}
	if _, err := readAll(iotest.ErrReader(io.ErrUnexpectedEOF), 10); err != io.ErrUnexpectedEOF {
		t.Errorf("error = %v, want it passed on", err)
	}
}

func TestCountItems(t *testing.T) {
	tests := []struct {
		data string
		want int
	}{
		{"", 0},
		{"a\nb\n", 2},
		{"a\r\nb\r\n", 2}, // CR LF is one break
		{"a\rb\r", 2},
		{"a\r\rb", 2},
		{"a\n\rb", 2},
		{"a\u0085b\u2028c\u2029", 3},
		{"[a, b, c]", 2},
		{"é\n", 1}, // a multi-byte rune that is no break
	}
	for _, tt := range tests {
		if got := countItems([]byte(tt.data)); got != tt.want {
			t.Errorf("countItems(%q) = %d, want %d", tt.data, got, tt.want)
		}
	}
}

func TestCountValues(t *testing.T) {
	tests := []struct {
		data string
		want int
	}{
		{"a", 0},
		{"a: b\n", 2},
		{"a:\n  - b\n  - c\n", 4},
		{"a:", 2},
		{"url: https://x.org/a-b\n", 2}, // a ':' or '-' inside text is no indicator
		{"- - a\n", 2},
		{"[[a]]", 2},
		{"{a: b, c: d}", 6},
		{"-\r-\t-", 3},
	}
	for _, tt := range tests {
		if got := countValues([]byte(tt.data)); got != tt.want {
			t.Errorf("countValues(%q) = %d, want %d", tt.data, got, tt.want)
		}
	}
}
