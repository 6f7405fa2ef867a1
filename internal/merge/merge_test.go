package merge

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/internal/testkit"
	"github.com/heat-tools/maturity/model"
)

func tiny(t *testing.T) *model.Model {
	t.Helper()
	return testkit.Model(t, "models/tiny.yaml")
}

func load(t *testing.T, m *model.Model, names ...string) []*answers.File {
	t.Helper()
	var out []*answers.File
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "merge", n))
		if err != nil {
			t.Fatal(err)
		}
		f, err := answers.Parse(n, data)
		if err != nil {
			t.Fatal(err)
		}
		if err := answers.Check(f, m); err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

func scoreOf(t *testing.T, m *model.Model, f *answers.File) float64 {
	t.Helper()
	r, err := score.Score(m, f, score.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r.Score.Round()
}

func TestMergeOne(t *testing.T) {
	rank := scaleRanks(model.DefaultScale()) // no 0, partial 1, yes 2
	tests := []struct {
		name     string
		answers  []string
		strategy Strategy
		want     string
		steps    int
		na, dis  bool
	}{
		{"agree", []string{"yes", "yes"}, Median, "yes", 0, false, false},
		{"min of three", []string{"yes", "no", "partial"}, Min, "no", 2, false, true},
		{"max of three", []string{"yes", "no", "partial"}, Max, "yes", 2, false, true},
		{"median of three", []string{"yes", "no", "partial"}, Median, "partial", 2, false, true},
		{"median tie of two: the lower", []string{"yes", "no"}, Median, "no", 2, false, true},
		{"median tie of four: the lower middle", []string{"yes", "partial", "yes", "partial"}, Median, "partial", 1, false, true},
		{"median of odd with repeats", []string{"no", "yes", "yes"}, Median, "yes", 2, false, true},
		{"min: na loses to any answer", []string{"na", "yes"}, Min, "yes", 0, true, true},
		{"max: na loses to any answer", []string{"na", "no"}, Max, "no", 0, true, true},
		{"median: na half is not a majority", []string{"na", "partial"}, Median, "partial", 0, true, true},
		{"median: na majority wins", []string{"na", "na", "yes"}, Median, "na", 0, true, true},
		{"median: na minority left out", []string{"na", "no", "yes"}, Median, "no", 2, true, true},
		{"all na", []string{"na", "na"}, Min, "na", 0, false, false},
		{"unanswered left out", []string{"", "partial", ""}, Min, "partial", 0, false, false},
		{"nobody answered", []string{"", ""}, Max, "", 0, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rs []answers.Response
			for i, a := range tt.answers {
				rs = append(rs, answers.Response{Respondent: string(rune('A' + i)), Answer: a})
			}
			got, d := mergeOne(rs, rank, tt.strategy)
			if got != tt.want {
				t.Errorf("merged %q, want %q", got, tt.want)
			}
			if (d != nil) != tt.dis {
				t.Fatalf("disagreement %v, want %v", d != nil, tt.dis)
			}
			if d != nil && (d.Steps != tt.steps || d.NA != tt.na) {
				t.Errorf("steps %d na %v, want %d %v", d.Steps, d.NA, tt.steps, tt.na)
			}
		})
	}
}

func TestMergeStrategiesScore(t *testing.T) {
	m := tiny(t)
	three := load(t, m, "ana.yaml", "ben.yaml", "cleo.yaml")
	// Hand computation, three respondents:
	// min: people c(10) = (1+0)/2 -> 5.0; process c(20) = (0.5+0)/2 -> 12.5
	//      (process.20.b: Ana's na loses to Ben's no); tools 20.0; mean 12.5
	// median: people c(10) = (1+0.5)/2 -> 7.5; process c(20) = (1+0)/2 -> 15.0;
	//      tools.30.a no -> 20.0; mean 42.5/3 = 14.17 -> 14.2
	// max: people 10 and 20 all yes, 30 no -> 20.0; process 30.0;
	//      tools c(30) = 0.5 -> 25.0; mean 25.0
	for _, tt := range []struct {
		s    Strategy
		want float64
	}{{Min, 12.5}, {Median, 14.2}, {Max, 25.0}} {
		res, err := Merge(m, three, tt.s)
		if err != nil {
			t.Fatal(err)
		}
		if got := scoreOf(t, m, res.File); got != tt.want {
			t.Errorf("%s: score %v, want %v", tt.s, got, tt.want)
		}
	}
	// Every answer of Cleo's is at or above Ben's: min scores like Ben
	// (12.5), max like Cleo (20.8).
	two := load(t, m, "ben.yaml", "cleo.yaml")
	ben, cleo := scoreOf(t, m, two[0]), scoreOf(t, m, two[1])
	if ben != 12.5 || cleo != 20.8 {
		t.Fatalf("inputs score %v and %v, want 12.5 and 20.8", ben, cleo)
	}
	lo, _ := Merge(m, two, Min)
	hi, _ := Merge(m, two, Max)
	if got := scoreOf(t, m, lo.File); got != ben {
		t.Errorf("min scores %v, want the lower %v", got, ben)
	}
	if got := scoreOf(t, m, hi.File); got != cleo {
		t.Errorf("max scores %v, want the higher %v", got, cleo)
	}
}

func TestMergeKeepsEveryNote(t *testing.T) {
	m := tiny(t)
	files := load(t, m, "ana.yaml", "ben.yaml", "cleo.yaml")
	res, err := Merge(m, files, Median)
	if err != nil {
		t.Fatal(err)
	}
	names := Respondents(files)
	if strings.Join(names, ",") != "Ana,Ben,cleo.yaml" {
		t.Errorf("respondents %v, want Ana, Ben, cleo.yaml", names)
	}
	for i, f := range files {
		for _, e := range f.Entries {
			if e.Note == "" {
				continue
			}
			got, _ := res.File.Get(e.ID)
			found := false
			for _, r := range got.Responses {
				if r.Respondent == names[i] && r.Note == e.Note && r.Answer == e.Answer {
					found = true
				}
			}
			if !found {
				t.Errorf("%s's note on %s (%q) is lost: %+v", names[i], e.ID, e.Note, got.Responses)
			}
			if !strings.Contains(got.Note, names[i]+": "+e.Note) {
				t.Errorf("merged note of %s lacks %s's: %q", e.ID, names[i], got.Note)
			}
		}
	}
	// 6 disagreements, hand-listed in testdata/merge: people.10.b (yes/no/partial),
	// people.20.a, people.20.b, process.20.a, process.20.b (na vs no/yes), tools.30.a.
	var ids []string
	for _, d := range res.Disagreements {
		ids = append(ids, d.ID)
	}
	if got := strings.Join(ids, " "); got != "people.10.b people.20.a people.20.b process.20.a process.20.b tools.30.a" {
		t.Errorf("disagreements %s", got)
	}
	if res.File.AssessedAt != "2026-11-22" || res.File.Respondent != "merged: Ana, Ben, cleo.yaml" {
		t.Errorf("header %q %q, want the latest date and the merged respondents", res.File.AssessedAt, res.File.Respondent)
	}

	// The merged file encodes to a normal answers file that parses back
	// with every response, and merging it again with a third file
	// flattens its responses rather than counting it as one respondent.
	data, err := answers.EncodeComments(res.File, res.Comments)
	if err != nil {
		t.Fatal(err)
	}
	back, err := answers.Parse("merged.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if err := answers.Check(back, m); err != nil {
		t.Fatal(err)
	}
	e, _ := back.Get("process.20.b")
	if len(e.Responses) != 3 || e.Responses[0].Note != "We do not count defects" {
		t.Errorf("process.20.b responses after a round trip: %+v", e.Responses)
	}
	if !strings.Contains(string(data), "# disagreement (2 steps, na vs answer): Ana: na · Ben: no · cleo.yaml: yes; median → no\n") {
		t.Errorf("no disagreement comment for process.20.b in\n%s", data)
	}
	again, err := Merge(m, append(load(t, m, "ana.yaml", "ben.yaml"), load(t, m, "cleo.yaml")...), Median)
	if err != nil {
		t.Fatal(err)
	}
	remerged, err := Merge(m, []*answers.File{back}, Median)
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range m.Indicators() {
		a, _ := again.File.Get(ref.Indicator.ID)
		b, _ := remerged.File.Get(ref.Indicator.ID)
		if a.Answer != b.Answer || len(a.Responses) != len(b.Responses) {
			t.Errorf("%s: re-merge gives %q with %d responses, want %q with %d", ref.Indicator.ID, b.Answer, len(b.Responses), a.Answer, len(a.Responses))
		}
	}
}

func TestRespondentsDuplicateNames(t *testing.T) {
	files := []*answers.File{{Name: "a/x.yaml", Respondent: "Lead"}, {Name: "b/y.yaml", Respondent: "Lead"}, {Name: "z.yaml"}, {Name: "q1/r.yaml"}, {Name: "q2/r.yaml"}}
	got := strings.Join(Respondents(files), "|")
	if got != "Lead (x.yaml)|Lead (y.yaml)|z.yaml|q1/r.yaml|q2/r.yaml" {
		t.Errorf("respondents %s", got)
	}
}

// TestMergeOnEachIndicatorsScale: answers are ranked on the indicator's own
// scale (appsec-practices: secure-build.* on extent, threat-review.* on
// frequency), not on the default yes/partial/no.
func TestMergeOnEachIndicatorsScale(t *testing.T) {
	m := testkit.Model(t, "models/appsec-practices.yaml")
	parse := func(name, body string) *answers.File {
		f, err := answers.Parse(name, []byte("model: appsec-practices\nrespondent: "+name+"\nanswers:\n"+body))
		if err != nil {
			t.Fatal(err)
		}
		if err := answers.Check(f, m); err != nil {
			t.Fatal(err)
		}
		return f
	}
	a := parse("ana", "  secure-build.1.a: fully\n  threat-review.1.a: never\n")
	b := parse("ben", "  secure-build.1.a: little\n  threat-review.1.a: Always\n")
	for _, tt := range []struct {
		strategy       Strategy
		build, threats string
	}{
		{Min, "little", "never"},
		{Max, "fully", "always"},
	} {
		r, err := Merge(m, []*answers.File{a, b}, tt.strategy)
		if err != nil {
			t.Fatal(err)
		}
		sb, _ := r.File.Get("secure-build.1.a")
		tr, _ := r.File.Get("threat-review.1.a")
		if sb.Answer != tt.build || tr.Answer != tt.threats {
			t.Errorf("%s: merged %q and %q, want %q and %q", tt.strategy, sb.Answer, tr.Answer, tt.build, tt.threats)
		}
	}
}
