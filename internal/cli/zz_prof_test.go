package cli

import (
	"bytes"
	"io"
	"testing"
)

func TestZZProf(t *testing.T) {
	iox := &IO{Out: io.Discard, Err: &bytes.Buffer{}, Getenv: func(string) string { return "" }}
	code := Run(iox, []string{"score", "/tmp/perf", "--format", "jsonl"})
	t.Log(code)
}
