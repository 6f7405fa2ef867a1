package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/heat-tools/maturity/internal/cli"
)

// manDate is the date on the man pages: fixed, so that a page changes only
// when its command does.
var manDate = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// TestManPages regenerates the man pages from the command tree and fails
// when docs/man differs: run with -update to rewrite docs/man.
func TestManPages(t *testing.T) {
	if !cli.AssessBuilt {
		t.Skip("the man pages are those of the full build, with the questionnaire")
	}
	root := cli.Tree()
	var disable func(*cobra.Command)
	disable = func(c *cobra.Command) {
		c.DisableAutoGenTag = true // no "generated on <today>" line
		for _, sub := range c.Commands() {
			disable(sub)
		}
	}
	disable(root)
	dir := t.TempDir()
	header := &doc.GenManHeader{Section: "1", Date: &manDate, Source: "maturity", Manual: "maturity manual"}
	if err := doc.GenManTree(root, header, dir); err != nil {
		t.Fatal(err)
	}
	const want = "../../docs/man"
	if *update {
		if err := os.RemoveAll(want); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(want, os.DirFS(dir)); err != nil {
			t.Fatal(err)
		}
	}
	generated, _ := filepath.Glob(filepath.Join(dir, "*.1"))
	committed, _ := filepath.Glob(filepath.Join(want, "*.1"))
	names := func(paths []string) []string {
		var ns []string
		for _, p := range paths {
			ns = append(ns, filepath.Base(p))
		}
		return ns
	}
	if !slices.Equal(names(generated), names(committed)) {
		t.Fatalf("docs/man has %v, the command tree makes %v: run go test ./cmd/maturity -run TestManPages -update", names(committed), names(generated))
	}
	for _, g := range generated {
		got, _ := os.ReadFile(g)
		have, _ := os.ReadFile(filepath.Join(want, filepath.Base(g)))
		if string(got) != string(have) {
			t.Errorf("docs/man/%s is not current: run go test ./cmd/maturity -run TestManPages -update", filepath.Base(g))
		}
	}
	if len(generated) < 10 {
		t.Errorf("%d man pages, want one for each command", len(generated))
	}
}
