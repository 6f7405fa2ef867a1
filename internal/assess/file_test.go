package assess

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heat-tools/maturity/internal/answers"
)

func writeFile(path string, data []byte) error { return os.WriteFile(path, data, 0o644) }

func openTestStore(t *testing.T, path string) *Store {
	t.Helper()
	st, err := OpenStore(path, writeFile)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return st
}

func parseFile(t *testing.T, path string) *answers.File {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := answers.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func commentLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "#") {
			out = append(out, t)
		}
	}
	return out
}

// An init template keeps every comment through a resumed session's
// rewrites, answers with notes included.
func TestStoreKeepsTemplateComments(t *testing.T) {
	m := tinyModel(t)
	tmpl, err := answers.Template(m, &answers.File{Model: m.ID, ModelVersion: m.Version})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "answers.yaml")
	if err := os.WriteFile(path, tmpl, 0o644); err != nil {
		t.Fatal(err)
	}
	st := openTestStore(t, path)
	f := parseFile(t, path)
	s, err := New(m, f, nil, st.Save)
	if err != nil {
		t.Fatal(err)
	}
	f.AssessedAt = "2026-11-28"
	for _, step := range [][3]string{
		{"people.10.a", "yes", ""},
		{"people.10.b", "partial", "one team"},
		{"tools.30.a", "na", ""},
		{"people.10.b", "no", ""}, // the note removed again
	} {
		if err := s.Record(step[0], step[1], step[2]); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := os.ReadFile(path)
	want := commentLines(string(tmpl))
	if len(want) < 20 {
		t.Fatalf("the template has only %d comment lines", len(want))
	}
	if g := commentLines(string(got)); strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Fatalf("comments changed:\n%s\nwant\n%s", strings.Join(g, "\n"), strings.Join(want, "\n"))
	}
	back := parseFile(t, path)
	for id, a := range map[string]string{"people.10.a": "yes", "people.10.b": "no", "tools.30.a": "na", "process.10.a": ""} {
		if e, _ := back.Get(id); e.Answer != a || e.Note != "" {
			t.Errorf("%s = %q %q, want %q", id, e.Answer, e.Note, a)
		}
	}
	if back.AssessedAt != "2026-11-28" {
		t.Errorf("assessed_at = %q", back.AssessedAt)
	}
}

// A file written by hand: comments on keys and values, an unknown field,
// the short and the long form, all kept; a note turns a short form into
// a mapping with the line comment kept on the answer. (The YAML writer
// quotes a URL in a flow sequence; its value is the same.)
func TestStoreKeepsHandEdits(t *testing.T) {
	in := `# Workshop with the finance CoE
model: tiny
workshop: day 1 # two more to come
answers:
  # first pillar
  people.10.a: yes # checked with Kim
  people.10.b:
    answer: partial
    # only finance
    note: one team
    evidence: [https://example.com/e]
`
	path := filepath.Join(t.TempDir(), "a.yaml")
	os.WriteFile(path, []byte(in), 0o644)
	st := openTestStore(t, path)
	f := parseFile(t, path)
	m := tinyModel(t)
	s, err := New(m, f, nil, st.Save)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Record("people.10.a", "yes", "seen the slides"); err != nil {
		t.Fatal(err)
	}
	if err := s.Record("people.10.b", "yes", "one team"); err != nil {
		t.Fatal(err)
	}
	if err := s.Record("people.20.a", "no", ""); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	want := `# Workshop with the finance CoE
model: tiny
workshop: day 1 # two more to come
answers:
  # first pillar
  people.10.a:
    answer: "yes" # checked with Kim
    note: seen the slides
  people.10.b:
    answer: "yes"
    # only finance
    note: one team
    evidence: ['https://example.com/e']
  people.20.a: "no"
`
	if string(got) != want {
		t.Fatalf("file\n%s\nwant\n%s", got, want)
	}
}

// A second session on the same file is refused with the holder's pid;
// the lock file goes with the session.
func TestStoreLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.yaml")
	st, err := OpenStore(path, writeFile)
	if err != nil {
		t.Fatal(err)
	}
	_, err = OpenStore(path, writeFile)
	var inUse *InUseError
	if !errors.As(err, &inUse) || inUse.PID != os.Getpid() {
		t.Fatalf("second session: %v, want in use by pid %d", err, os.Getpid())
	}
	if !strings.Contains(err.Error(), "a.yaml is in use by another maturity assess (pid ") {
		t.Fatalf("message %q", err)
	}
	st.Close()
	if _, err := os.Stat(LockPath(path)); !os.IsNotExist(err) {
		t.Fatalf("lock file left: %v", err)
	}
	st2, err := OpenStore(path, writeFile)
	if err != nil {
		t.Fatalf("after the first session ended: %v", err)
	}
	st2.Close()
}

// A change made by anything else is found before the next write: the
// other version stays in the file, ours goes beside it.
func TestStoreChangedOutside(t *testing.T) {
	m := tinyModel(t)
	for _, tc := range []struct {
		name   string
		change func(path string)
	}{
		{"edited", func(p string) { os.WriteFile(p, []byte("model: tiny\nanswers:\n  people.10.a: no\n"), 0o644) }},
		{"removed", func(p string) { os.Remove(p) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "a.yaml")
			st := openTestStore(t, path)
			f := &answers.File{Model: "tiny"}
			s, err := New(m, f, nil, st.Save)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Record("people.10.a", "yes", ""); err != nil {
				t.Fatal(err)
			}
			tc.change(path)
			other, _ := os.ReadFile(path)
			err = s.Record("people.10.b", "partial", "")
			var changed *ChangedError
			if !errors.As(err, &changed) || changed.Mine != path+".mine" {
				t.Fatalf("err = %v, want a ChangedError with %s.mine", err, path)
			}
			if now, _ := os.ReadFile(path); string(now) != string(other) {
				t.Fatalf("the other version was overwritten:\n%s", now)
			}
			mine, _ := os.ReadFile(path + ".mine")
			if !strings.Contains(string(mine), "people.10.a: \"yes\"\n  people.10.b: \"partial\"\n") {
				t.Fatalf("ours:\n%s", mine)
			}
			// A second incident does not replace the first .mine.
			if err := s.Record("people.20.a", "no", ""); !errors.As(err, &changed) || changed.Mine != path+".mine.2" {
				t.Fatalf("second incident: %v", err)
			}
		})
	}
	// A file that appears before the first write counts too.
	path := filepath.Join(t.TempDir(), "a.yaml")
	st := openTestStore(t, path)
	os.WriteFile(path, []byte("model: tiny\n"), 0o644)
	var changed *ChangedError
	if err := st.Save(&answers.File{Model: "tiny"}); !errors.As(err, &changed) {
		t.Fatalf("a file created meanwhile: %v", err)
	}
}
