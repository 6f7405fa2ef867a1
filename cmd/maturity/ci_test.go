package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The CI integrations (action.yml, the GitLab template, the pre-commit
// hooks) are run here as their runners would run them, with a built
// maturity and a stand-in for `go` that records what the install step asks
// for and installs the built binary, so that no network is needed.

// ciEnv is a directory with the built maturity and the stand-in go, and
// the environment that runs them.
type ciEnv struct {
	dir, gopath, bin string
	env              []string
}

func newCIEnv(t *testing.T) *ciEnv {
	t.Helper()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("needs bash")
	}
	dir := t.TempDir()
	e := &ciEnv{dir: dir, gopath: filepath.Join(dir, "gopath"), bin: filepath.Join(dir, "tools")}
	for _, d := range []string{e.gopath, e.bin, filepath.Join(dir, "work")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	built := filepath.Join(dir, "maturity")
	if out, err := exec.Command("go", "build", "-o", built, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	fakeGo := `#!/usr/bin/env bash
set -eu
case "$1" in
env) [ "$2" = GOPATH ] && echo "$GOPATH" ;;
install) echo "$*" >> "$FAKE_GO_LOG"; mkdir -p "$GOPATH/bin"; cp "$BUILT_MATURITY" "$GOPATH/bin/maturity" ;;
*) echo "fake go: $*" >&2; exit 2 ;;
esac
`
	if err := os.WriteFile(filepath.Join(e.bin, "go"), []byte(fakeGo), 0o755); err != nil {
		t.Fatal(err)
	}
	e.env = append(os.Environ(),
		"PATH="+e.bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"GOPATH="+e.gopath, "BUILT_MATURITY="+built, "FAKE_GO_LOG="+filepath.Join(dir, "go.log"),
		"NO_COLOR=1")
	return e
}

// work is a fresh working directory with the answers and models of the
// repository's testdata.
func (e *ciEnv) work(t *testing.T, name string) string {
	t.Helper()
	w := filepath.Join(e.dir, "work", name)
	for _, src := range []string{"answers/pa-200-contoso.yaml", "answers/contoso-2026-11.yaml", "answers/tiny.yaml", "models/tiny.yaml"} {
		data, err := os.ReadFile(filepath.Join("../../testdata", src))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(w, src)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

func readYAML(t *testing.T, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// exitCode runs cmd and returns its exit code; output goes to the log.
func exitCode(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	out, err := cmd.CombinedOutput()
	t.Logf("%s\n%s", strings.Join(cmd.Args, " "), out)
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0
}

type actionStep struct {
	Name, ID, Shell, Run, Uses string
	Env                        map[string]string
}

type action struct {
	Inputs map[string]struct{ Default string }
	Runs   struct {
		Using string
		Steps []actionStep
	}
}

var expression = regexp.MustCompile(`\$\{\{\s*([a-z_.-]+)\s*\}\}`)

// runAction runs the run: steps of action.yml as GitHub's runner would,
// with inputs over the defaults; it returns the exit code of the first
// step that fails, else 0.
func runAction(t *testing.T, e *ciEnv, work string, inputs map[string]string) int {
	t.Helper()
	var a action
	readYAML(t, "../../action.yml", &a)
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using %q, want composite", a.Runs.Using)
	}
	values := map[string]string{"github.action_ref": "v9.9.9", "github.action_path": "../.."}
	for name, in := range a.Inputs {
		values["inputs."+name] = in.Default
	}
	for name, v := range inputs {
		if _, ok := a.Inputs[name]; !ok {
			t.Fatalf("action.yml has no input %q", name)
		}
		values["inputs."+name] = v
	}
	files := map[string]string{}
	for _, f := range []string{"GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT", "GITHUB_PATH"} {
		files[f] = filepath.Join(work, "_"+strings.ToLower(f))
	}
	path := os.Getenv("PATH")
	ran := 0
	for _, step := range a.Runs.Steps {
		if step.Run == "" {
			continue // a uses: step (setup-go, upload-artifact) is GitHub's
		}
		ran++
		if strings.Contains(step.Run, "${{") {
			t.Errorf("step %q: an expression inside run: can inject shell code; pass it by env", step.Name)
		}
		if step.Shell != "bash" {
			t.Errorf("step %q: shell %q, want bash", step.Name, step.Shell)
		}
		env := append([]string{}, e.env...)
		for k, f := range files {
			env = append(env, k+"="+f)
		}
		// The runner puts what steps added to GITHUB_PATH first.
		if added, err := os.ReadFile(files["GITHUB_PATH"]); err == nil {
			for _, p := range strings.Fields(string(added)) {
				path = p + string(os.PathListSeparator) + path
			}
		}
		env = append(env, "PATH="+e.bin+string(os.PathListSeparator)+path)
		for k, v := range step.Env {
			env = append(env, k+"="+expression.ReplaceAllStringFunc(v, func(x string) string {
				name := expression.FindStringSubmatch(x)[1]
				val, ok := values[name]
				if !ok {
					t.Errorf("step %q: unknown expression %s", step.Name, x)
				}
				return val
			}))
		}
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step.Run)
		cmd.Dir, cmd.Env = work, env
		if code := exitCode(t, cmd); code != 0 {
			return code
		}
	}
	if ran != 2 {
		t.Errorf("%d run: steps, want 2 (install, score)", ran)
	}
	return 0
}

func TestGitHubAction(t *testing.T) {
	e := newCIEnv(t)

	// At or above the gate: exit 0, the summary, the JUnit file, the output.
	w := e.work(t, "pass")
	if code := runAction(t, e, w, map[string]string{"files": "answers/pa-200-contoso.yaml answers/contoso-2026-11.yaml", "min-level": "Repeatable"}); code != 0 {
		t.Fatalf("exit %d, want 0", code)
	}
	if log := readFile(t, filepath.Join(e.dir, "go.log")); log != "install -tags noassess github.com/heat-tools/maturity/cmd/maturity@v9.9.9\n" {
		t.Errorf("go was asked: %q, want the install of the action's ref", log)
	}
	if s := readFile(t, filepath.Join(w, "_github_step_summary")); strings.Count(s, "## Maturity: 200 Repeatable") != 2 {
		t.Errorf("step summary, want two results at 200 Repeatable:\n%s", s)
	}
	if s := readFile(t, filepath.Join(w, "maturity-junit.xml")); !strings.Contains(s, "<testsuites") {
		t.Errorf("maturity-junit.xml is not JUnit:\n%s", s)
	}
	if s := readFile(t, filepath.Join(w, "_github_output")); s != "junit=maturity-junit.xml\n" {
		t.Errorf("GITHUB_OUTPUT: %q", s)
	}

	// Below the gate: exit 1, and the JUnit file is written anyway.
	w = e.work(t, "below")
	if code := runAction(t, e, w, map[string]string{"files": "answers/tiny.yaml", "model": "models/tiny.yaml", "min-level": "Optimized", "junit": "tiny.xml"}); code != 1 {
		t.Fatalf("exit %d, want 1 below min-level", code)
	}
	if s := readFile(t, filepath.Join(w, "tiny.xml")); !strings.Contains(s, "<failure") {
		t.Errorf("tiny.xml has no failure:\n%s", s)
	}
}

func TestGitLabTemplate(t *testing.T) {
	e := newCIEnv(t)
	var tmpl map[string]struct {
		Variables map[string]string
		Script    []string
		Artifacts struct {
			When    string
			Paths   []string
			Reports map[string]string
		}
	}
	readYAML(t, "../../.ci/gitlab/maturity.gitlab-ci.yml", &tmpl)
	job, ok := tmpl[".maturity"]
	if !ok || len(job.Script) == 0 {
		t.Fatal("no .maturity job with a script")
	}
	if job.Artifacts.When != "always" || job.Artifacts.Reports["junit"] != "$MATURITY_JUNIT" {
		t.Errorf("artifacts: %+v, want the JUnit report kept always", job.Artifacts)
	}
	run := func(w string, vars map[string]string) int {
		env := append([]string{}, e.env...)
		for k, v := range job.Variables {
			env = append(env, k+"="+v)
		}
		for k, v := range vars {
			if _, ok := job.Variables[k]; !ok {
				t.Fatalf("the template has no variable %s", k)
			}
			env = append(env, k+"="+v)
		}
		// GitLab runs the script lines in one bash, stopping at the first
		// that fails.
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", strings.Join(job.Script, "\n"))
		cmd.Dir, cmd.Env = w, env
		return exitCode(t, cmd)
	}
	w := e.work(t, "pass")
	if code := run(w, map[string]string{"MATURITY_FILES": "answers/pa-200-contoso.yaml", "MATURITY_MIN_LEVEL": "200", "MATURITY_VERSION": "v1.2.3"}); code != 0 {
		t.Fatalf("exit %d, want 0", code)
	}
	if log := readFile(t, filepath.Join(e.dir, "go.log")); log != "install -tags noassess github.com/heat-tools/maturity/cmd/maturity@v1.2.3\n" {
		t.Errorf("go was asked: %q", log)
	}
	if s := readFile(t, filepath.Join(w, "maturity.md")); !strings.Contains(s, "## Maturity: 200 Repeatable") {
		t.Errorf("maturity.md:\n%s", s)
	}
	readFile(t, filepath.Join(w, "maturity-junit.xml"))

	w = e.work(t, "below")
	if code := run(w, map[string]string{"MATURITY_FILES": "answers/pa-200-contoso.yaml", "MATURITY_MIN_LEVEL": "Defined", "MATURITY_TARGET": "Defined"}); code != 1 {
		t.Fatalf("exit %d, want 1 below min-level", code)
	}
	if s := readFile(t, filepath.Join(w, "maturity-junit.xml")); !strings.Contains(s, "<failure") {
		t.Errorf("maturity-junit.xml has no failure:\n%s", s)
	}
}

func TestPreCommitHooks(t *testing.T) {
	e := newCIEnv(t)
	var hooks []struct {
		ID, Entry, Language, Files string
		Types                      []string
	}
	readYAML(t, "../../.pre-commit-hooks.yaml", &hooks)
	tests := map[string]struct {
		match, noMatch []string // file names the files: pattern takes and leaves
		pass, fail     []string // files under testdata the entry accepts and refuses
	}{
		"maturity-answers": {
			match:   []string{"answers.yaml", "maturity/answers-2026-11.yml"},
			noMatch: []string{".gitlab-ci.yml", "models/my-model.yaml"},
			pass:    []string{"answers/pa-200-contoso.yaml", "answers/contoso-2026-11.yaml"},
			fail:    []string{"bad/bad-answer.yaml"},
		},
		"maturity-model": {
			match:   []string{"my-model.yaml", "models/team-model.yml"},
			noMatch: []string{"answers.yaml", ".github/workflows/ci.yml"},
			pass:    []string{"models/tiny.yaml"},
			fail:    []string{"bad/bad-model.yaml"},
		},
	}
	if len(hooks) != len(tests) {
		t.Errorf("%d hooks, want %d", len(hooks), len(tests))
	}
	for _, h := range hooks {
		tt, ok := tests[h.ID]
		if !ok {
			t.Errorf("hook %q is not tested", h.ID)
			continue
		}
		if h.Language != "golang" {
			t.Errorf("%s: language %q, want golang (pre-commit builds the tool)", h.ID, h.Language)
		}
		files := regexp.MustCompile(h.Files)
		for _, name := range tt.match {
			if !files.MatchString(name) {
				t.Errorf("%s: files %q does not take %s", h.ID, h.Files, name)
			}
		}
		for _, name := range tt.noMatch {
			if files.MatchString(name) {
				t.Errorf("%s: files %q takes %s", h.ID, h.Files, name)
			}
		}
		run := func(names []string) int {
			args := strings.Fields(h.Entry)
			for _, n := range names {
				args = append(args, filepath.Join("../../testdata", n))
			}
			cmd := exec.Command("bash", "-c", `exec "$@"`, "hook")
			cmd.Args = append(cmd.Args, args...)
			// pre-commit puts the tool it built first on PATH.
			cmd.Env = append(append([]string{}, e.env...), "PATH="+e.dir+string(os.PathListSeparator)+os.Getenv("PATH"))
			return exitCode(t, cmd)
		}
		if code := run(tt.pass); code != 0 {
			t.Errorf("%s: exit %d on %v, want 0", h.ID, code, tt.pass)
		}
		if code := run(tt.fail); code == 0 {
			t.Errorf("%s: exit 0 on %v, want a failure", h.ID, tt.fail)
		}
	}
}
