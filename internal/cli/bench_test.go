package cli

import (
	"io"
	"strings"
	"testing"
)

func benchIO() *IO {
	return &IO{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard, Getenv: func(string) string { return "" }}
}

// BenchmarkScoreOneFile is the in-process part of `maturity score FILE
// --format json` on a complete answers file for the embedded model.
func BenchmarkScoreOneFile(b *testing.B) {
	for b.Loop() {
		if code := Run(benchIO(), []string{"score", "../../testdata/answers/pa-500-full.yaml", "--format", "json"}); code != 0 {
			b.Fatal(code)
		}
	}
}

// BenchmarkStartup is building the command tree and running a command that
// does nothing else.
func BenchmarkStartup(b *testing.B) {
	for b.Loop() {
		if code := Run(benchIO(), []string{"schema", "result"}); code != 0 {
			b.Fatal(code)
		}
	}
}
