package main

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The examples in the docs are run: every ```console block of README.md
// and docs/*.md, each in a fresh copy of the repository's testdata, with
// the built maturity on PATH. A block is a shell session: lines starting
// with "$ " are commands, run one after another in one bash (a cd lasts to
// the end of the block), and the lines after a command are what it prints,
// stdout and stderr together. A line "…" (indented or not) stands for any
// lines. An HTML
// comment <!-- console: SHELL --> sets a setup, run silently before each
// later block of that file. A transcript that cannot be run (the
// questionnaire on a terminal) is a ```text block, not a console one.

type consoleBlock struct {
	file  string // such as docs/output.md
	line  int    // of the opening fence
	setup string
	cmds  []consoleCmd
}

type consoleCmd struct {
	line int
	cmd  string
	want []string
}

var setupComment = regexp.MustCompile(`^<!-- console: (.*) -->$`)

// consoleBlocks reads the console blocks of a markdown file.
func consoleBlocks(t *testing.T, root, name string) []consoleBlock {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		t.Fatal(err)
	}
	var (
		blocks []consoleBlock
		cur    *consoleBlock
		setup  string
	)
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur == nil && line == "```console":
			cur = &consoleBlock{file: name, line: n, setup: setup}
		case cur == nil:
			if m := setupComment.FindStringSubmatch(line); m != nil {
				setup = m[1]
			}
		case line == "```":
			if len(cur.cmds) == 0 {
				t.Errorf("%s:%d: a console block without a $ command", name, cur.line)
			}
			blocks = append(blocks, *cur)
			cur = nil
		case strings.HasPrefix(line, "$ "):
			cur.cmds = append(cur.cmds, consoleCmd{line: n, cmd: line[2:]})
		case len(cur.cmds) == 0:
			t.Errorf("%s:%d: output before the first $ command", name, n)
		default:
			c := &cur.cmds[len(cur.cmds)-1]
			c.want = append(c.want, line)
		}
	}
	if cur != nil {
		t.Errorf("%s:%d: console block not closed", name, cur.line)
	}
	return blocks
}

// docFiles are README.md and docs/*.md.
func docFiles(t *testing.T, root string) []string {
	t.Helper()
	names := []string{"README.md"}
	more, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range more {
		names = append(names, filepath.ToSlash(strings.TrimPrefix(m, root+string(filepath.Separator))))
	}
	return names
}

func TestDocsConsoleExamples(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("needs bash")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, "maturity"), ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	total := 0
	for _, name := range docFiles(t, root) {
		var fixes []docFix
		for _, b := range consoleBlocks(t, root, name) {
			total++
			t.Run(fmt.Sprintf("%s:%d", b.file, b.line), func(t *testing.T) {
				fixes = append(fixes, runConsoleBlock(t, root, bin, b)...)
			})
		}
		if *update && len(fixes) > 0 {
			rewriteDoc(t, filepath.Join(root, name), fixes)
		}
	}
	if total < 20 {
		t.Errorf("%d console blocks found, want the README's and the docs'", total)
	}
}

// docFix is the output a command of a doc really printed, for -update.
type docFix struct {
	line    int // of the $ command
	old     int // lines shown after it
	new     []string
	command string
}

// rewriteDoc replaces the output shown after each fixed command with what
// it printed: -update, to be reviewed (an abridged output comes back whole).
func rewriteDoc(t *testing.T, name string, fixes []docFix) {
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	ls := strings.Split(string(data), "\n")
	for i := len(fixes) - 1; i >= 0; i-- {
		f := fixes[i]
		ls = append(ls[:f.line], append(append([]string{}, f.new...), ls[f.line+f.old:]...)...)
	}
	if err := os.WriteFile(name, []byte(strings.Join(ls, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runConsoleBlock runs b's commands in one bash in a fresh copy of
// testdata, each followed by a marker line, and compares what each printed.
func runConsoleBlock(t *testing.T, root, bin string, b consoleBlock) (fixes []docFix) {
	work := t.TempDir()
	if err := os.CopyFS(filepath.Join(work, "testdata"), os.DirFS(filepath.Join(root, "testdata"))); err != nil {
		t.Fatal(err)
	}
	// os.CopyFS makes read-only copies of a checkout's files? It keeps
	// their mode; make them writable so that examples can change them.
	_ = filepath.WalkDir(work, func(p string, d fs.DirEntry, err error) error {
		if err == nil {
			_ = os.Chmod(p, map[bool]os.FileMode{true: 0o755, false: 0o644}[d.IsDir()])
		}
		return nil
	})
	const marker = "@@ end of a docs-test command @@"
	var script strings.Builder
	if b.setup != "" {
		fmt.Fprintf(&script, "{ %s ; } >/dev/null 2>&1 || { echo 'setup failed: %s'; exit 99; }\n", b.setup, strings.ReplaceAll(b.setup, "'", ""))
	}
	for _, c := range b.cmds {
		// (exit $rc) gives the next command the $? of this one, for echo $?.
		fmt.Fprintf(&script, "%s\nrc=$?\nprintf '%%s\\n' '%s'\n(exit $rc)\n", c.cmd, marker)
	}
	cmd := exec.Command("bash", "--noprofile", "--norc", "-c", "exec 2>&1\n"+script.String())
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"NO_COLOR=1", "TZ=UTC", "SOURCE_DATE_EPOCH=1795824000", "LC_ALL=C.UTF-8")
	out, _ := cmd.Output()
	got := strings.Split(string(out), marker+"\n")
	if len(got) < len(b.cmds) {
		t.Fatalf("the block stopped early; output:\n%s", out)
	}
	for i, c := range b.cmds {
		have := lines(got[i])
		if !matchLines(c.want, have) {
			t.Errorf("%s:%d: $ %s\nthe doc shows:\n%s\nmaturity prints:\n%s", b.file, c.line, c.cmd,
				strings.Join(c.want, "\n"), strings.Join(have, "\n"))
			fixes = append(fixes, docFix{line: c.line, old: len(c.want), new: have, command: c.cmd})
		}
	}
	return fixes
}

// lines is s split into lines without trailing spaces or empty last lines.
func lines(s string) []string {
	ls := strings.Split(s, "\n")
	for i := range ls {
		ls[i] = strings.TrimRight(ls[i], " \t")
	}
	for len(ls) > 0 && ls[len(ls)-1] == "" {
		ls = ls[:len(ls)-1]
	}
	return ls
}

// matchLines says whether have is want, where a want line "…" stands for
// any number of lines.
func matchLines(want, have []string) bool {
	want = lines(strings.Join(want, "\n"))
	if len(want) == 0 {
		return len(have) == 0
	}
	if strings.TrimSpace(want[0]) == "…" {
		for i := 0; i <= len(have); i++ {
			if matchLines(want[1:], have[i:]) {
				return true
			}
		}
		return false
	}
	return len(have) > 0 && want[0] == have[0] && matchLines(want[1:], have[1:])
}

func TestMatchLines(t *testing.T) {
	tests := []struct {
		want, have string
		ok         bool
	}{
		{"a\nb", "a\nb", true},
		{"a\nb", "a\nc", false},
		{"a\n…", "a\nb\nc", true},
		{"a\n…\nd", "a\nb\nc\nd", true},
		{"a\n…\nd", "a\nb\nc", false},
		{"…\nc", "c", true},
		{"a", "a\nb", false},
		{"a  ", "a\n\n", true},
		{"a\n  …", "a\n  b", true},
	}
	for _, tt := range tests {
		if got := matchLines(strings.Split(tt.want, "\n"), lines(tt.have)); got != tt.ok {
			t.Errorf("matchLines(%q, %q) = %v, want %v", tt.want, tt.have, got, tt.ok)
		}
	}
}

// repoPath is a path into the repository named in backquotes in a doc.
var repoPath = regexp.MustCompile("`((?:internal|cmd|model|testdata|docs|bench|\\.ci)/[A-Za-z0-9_./-]*[A-Za-z0-9_])`")

// specWord is a citation of the specification the project was built
// from, which is not in the repository.
var specWord = regexp.MustCompile(`\bSPEC\b`)

// mdLink is the target of a markdown link or image.
var mdLink = regexp.MustCompile(`\]\(([^)#\s]+)(?:#[^)]*)?\)`)

// TestDocsNameOnlyFilesOfTheRepository fails when a doc links to, or names
// in backquotes, a file that is not in the repository, or cites a document
// outside it.
func TestDocsNameOnlyFilesOfTheRepository(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range docFiles(t, root) {
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Dir(filepath.Join(root, name))
		for n, line := range strings.Split(string(data), "\n") {
			at := fmt.Sprintf("%s:%d", name, n+1)
			if specWord.MatchString(line) {
				t.Errorf("%s: cites SPEC, which is not in the repository: docs/reference.md states the contract", at)
			}
			for _, m := range mdLink.FindAllStringSubmatch(line, -1) {
				target := m[1]
				if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
					continue
				}
				p := filepath.Join(dir, target)
				if rel, err := filepath.Rel(root, p); err != nil || strings.HasPrefix(rel, "..") {
					t.Errorf("%s: links to %s, outside the repository", at, target)
				} else if _, err := os.Stat(p); err != nil {
					t.Errorf("%s: links to %s, which does not exist", at, target)
				}
			}
			for _, m := range repoPath.FindAllStringSubmatch(line, -1) {
				p := strings.TrimSuffix(m[1], "/")
				if strings.ContainsAny(p, "*") {
					continue
				}
				// internal/testkit.Tool names a Go identifier in a package.
				if dir, ident, ok := strings.Cut(filepath.Base(p), "."); ok && ident != "" && ident[0] >= 'A' && ident[0] <= 'Z' {
					p = filepath.Join(filepath.Dir(p), dir)
				}
				if _, err := os.Stat(filepath.Join(root, p)); err != nil {
					t.Errorf("%s: names %s, which is not in the repository", at, m[1])
				}
			}
		}
	}
}
