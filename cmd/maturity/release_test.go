package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// TestReleaseBuild runs .ci/release for this machine's target twice and
// checks that the checksums are the same and that --version of the binary
// shows the commit checked out and its date. The build cache is shared by
// the two runs here; .ci/run checks a rebuild from an empty cache too.
func TestReleaseBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary twice")
	}
	for _, tool := range []string{"bash", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("needs %s", tool)
		}
	}
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not in a git checkout: %v", err)
	}
	target := runtime.GOOS + "/" + runtime.GOARCH
	build := func(dir string) string {
		cmd := exec.Command("bash", "../../.ci/release", dir)
		cmd.Env = append(os.Environ(), "TARGETS="+target, "VERSION=v0.0.0-test")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf(".ci/release: %v\n%s", err, out)
		}
		sums, err := os.ReadFile(filepath.Join(dir, "SHA256SUMS"))
		if err != nil {
			t.Fatal(err)
		}
		return string(sums)
	}
	a, b := t.TempDir(), t.TempDir()
	sumsA, sumsB := build(a), build(b)
	if sumsA != sumsB {
		t.Errorf("two builds differ:\n%s\n%s", sumsA, sumsB)
	}
	if !regexp.MustCompile(`^[0-9a-f]{64}  maturity-v0.0.0-test-` + runtime.GOOS + `-` + runtime.GOARCH + `(\.exe)?\n$`).MatchString(sumsA) {
		t.Errorf("SHA256SUMS: %q", sumsA)
	}
	name := strings.Fields(sumsA)[1]
	out, err := exec.Command(filepath.Join(a, name), "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	want := `^maturity v0.0.0-test \(commit ` + string(head[:12]) + `, \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)\n$`
	if !regexp.MustCompile(want).Match(out) {
		t.Errorf("--version: %q, want %s", out, want)
	}
}
