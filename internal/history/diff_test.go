package history

import (
	"reflect"
	"sort"
	"testing"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/score"
)

func TestCompareImprovement(t *testing.T) {
	m := loadModel(t, "tiny.yaml")
	// q1 -> q2 (see the hand computation in testdata/history/q1.yaml, q2.yaml):
	// overall None 12.5 -> 10 Basic 21.1; people None 7.5 -> 10 13.3 (+5.8);
	// process 10 10.0 -> 30 30.0 (+20.0); tools 20 20.0 -> 20 20.0.
	d := Compare(side(t, m, "q1.yaml", ""), side(t, m, "q2.yaml", ""))
	if d.Old.Level.Value != 0 || d.New.Level.Value != 10 || d.Old.Score != 12.5 || d.New.Score.Round() != 21.1 {
		t.Errorf("overall %v %v -> %v %v, want None 12.5 -> 10 21.1", d.Old.Level, d.Old.Score, d.New.Level, d.New.Score)
	}
	if d.Regression || len(d.Regressions) != 0 {
		t.Errorf("an improvement is not a regression: %v", d.Regressions)
	}
	wantPillars := []struct {
		id, change string
		delta      float64
	}{{"people", "up", 5.8}, {"process", "up", 20}, {"tools", "same", 0}}
	for i, w := range wantPillars {
		p := d.Pillars[i]
		if p.ID != w.id || p.Change != w.change || p.ScoreChange.Round() != w.delta {
			t.Errorf("pillar %d = %s %s %v, want %s %s %v", i, p.ID, p.Change, p.ScoreChange.Round(), w.id, w.change, w.delta)
		}
	}
	in := d.Indicators
	// people.10.b partial -> yes, process.20.a and .20.b no -> yes: gained.
	if got, want := ids(in.Gained), []string{"people.10.b", "process.20.a", "process.20.b"}; !reflect.DeepEqual(got, want) {
		t.Errorf("gained %v, want %v", got, want)
	}
	if len(in.Lost) != 0 {
		t.Errorf("lost %v, want none", ids(in.Lost))
	}
	// people.20.a no -> partial: changed, upward.
	if len(in.Changed) != 1 || in.Changed[0].ID != "people.20.a" || in.Changed[0].Direction != 1 || in.Changed[0].Old != "no" || in.Changed[0].New != "partial" {
		t.Errorf("changed %+v, want people.20.a no -> partial up", in.Changed)
	}
	if len(d.Notes) != 1 || d.Notes[0].ID != "people.10.b" || d.Notes[0].Old != "Only one team has an owner" || d.Notes[0].New != "Every team has an owner" {
		t.Errorf("notes %+v, want people.10.b's note changed", d.Notes)
	}
}

func TestCompareRegression(t *testing.T) {
	m := loadModel(t, "tiny.yaml")
	// q2 -> q3: tools.10.a yes -> no and process.20.b yes -> na are lost;
	// people.30.a unanswered -> partial is changed; tools 20 -> None and
	// overall 10 -> None are the regressions.
	d := Compare(side(t, m, "q2.yaml", ""), side(t, m, "q3.yaml", ""))
	if got, want := ids(d.Indicators.Lost), []string{"process.20.b", "tools.10.a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("lost %v, want %v", got, want)
	}
	if got, want := ids(d.Indicators.Changed), []string{"people.30.a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("changed %v, want %v", got, want)
	}
	if len(d.Indicators.Gained) != 0 {
		t.Errorf("gained %v, want none", ids(d.Indicators.Gained))
	}
	want := []string{"overall level 10 Basic → None", "Tools 20 Managed → None"}
	if !d.Regression || !reflect.DeepEqual(d.Regressions, want) {
		t.Errorf("regression %v %v, want %v", d.Regression, d.Regressions, want)
	}
}

// TestCompareKinds checks each kind of single answer change.
func TestCompareKinds(t *testing.T) {
	m := loadModel(t, "tiny.yaml")
	file := func(a string) string {
		if a == "" {
			return "model: tiny\nanswers: {}\n"
		}
		return "model: tiny\nanswers:\n  people.10.a: " + a + "\n"
	}
	tests := []struct {
		old, new string
		kind     string // "" for no change
		dir      int
	}{
		{`"no"`, `"yes"`, "gained", 1},
		{"partial", `"yes"`, "gained", 1},
		{"na", `"yes"`, "gained", 0},
		{"", `"yes"`, "gained", 1},
		{`"yes"`, `"no"`, "lost", -1},
		{`"yes"`, "na", "lost", 0},
		{`"yes"`, "", "lost", -1},
		{"partial", `"no"`, "changed", -1},
		{`"no"`, "partial", "changed", 1},
		{`"no"`, "na", "changed", 0},
		{"", `"no"`, "changed", 0},
		{"partial", "", "changed", -1},
		{`"yes"`, `"yes"`, "", 0},
		{"na", "na", "", 0},
	}
	for _, tt := range tests {
		d := Compare(side(t, m, "old.yaml", file(tt.old)), side(t, m, "new.yaml", file(tt.new)))
		in := d.Indicators
		got := ""
		var c IndicatorChange
		for _, k := range []struct {
			name string
			cs   []IndicatorChange
		}{{"gained", in.Gained}, {"lost", in.Lost}, {"changed", in.Changed}} {
			if len(k.cs) > 0 {
				got, c = k.name, k.cs[0]
			}
		}
		if count(in) > 1 {
			t.Errorf("%s -> %s: %d changes, want at most 1", tt.old, tt.new, count(in))
		}
		if got != tt.kind || c.Direction != tt.dir {
			t.Errorf("%s -> %s: %q direction %d, want %q direction %d", tt.old, tt.new, got, c.Direction, tt.kind, tt.dir)
		}
	}
}

// TestCompareNamesExactlyTheChanged checks that the diff lists exactly the
// indicators whose answer differs, for every pair of the history files.
func TestCompareNamesExactlyTheChanged(t *testing.T) {
	m := loadModel(t, "tiny.yaml")
	files := []string{"q1.yaml", "q2.yaml", "q3.yaml", "undated.yaml"}
	for _, a := range files {
		for _, b := range files {
			old, new := side(t, m, a, ""), side(t, m, b, "")
			var want []string
			for _, ref := range m.Indicators() {
				oe, _ := old.File.Get(ref.Indicator.ID)
				ne, _ := new.File.Get(ref.Indicator.ID)
				if oe.Answer != ne.Answer {
					want = append(want, ref.Indicator.ID)
				}
			}
			in := Compare(old, new).Indicators
			got := append(append(ids(in.Gained), ids(in.Lost)...), ids(in.Changed)...)
			sort.Strings(got)
			sort.Strings(want)
			if len(got) != len(want) || (len(want) > 0 && !reflect.DeepEqual(got, want)) {
				t.Errorf("%s -> %s: named %v, want %v", a, b, got, want)
			}
		}
	}
}

func TestCompareModelVersions(t *testing.T) {
	v1, v2 := loadModel(t, "tiny.yaml"), loadModel(t, "tiny-v2.yaml")
	old := side(t, v1, "q3.yaml", "")
	new := side(t, v2, "v2.yaml", "")
	d := Compare(old, new)
	if !d.ModelChanged || d.Old.Model.Version != "1.0" || d.New.Model.Version != "2.0" {
		t.Errorf("model change %v %s -> %s, want 1.0 -> 2.0", d.ModelChanged, d.Old.Model.Version, d.New.Model.Version)
	}
	in := d.Indicators
	// people.30.a is only in 1.0 (answered partial); tools.20.a only in 2.0 (yes).
	if len(in.Removed) != 1 || in.Removed[0].ID != "people.30.a" || in.Removed[0].Old != "partial" {
		t.Errorf("removed %+v, want people.30.a (partial)", in.Removed)
	}
	if len(in.Added) != 1 || in.Added[0].ID != "tools.20.a" || in.Added[0].New != "yes" {
		t.Errorf("added %+v, want tools.20.a (yes)", in.Added)
	}
	if got, want := ids(in.Gained), []string{"tools.10.a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("gained %v, want %v", got, want)
	}

	// Both scored with 2.0: q3's answer to people.30.a is set aside as
	// unknown, still listed as removed with its answer; tools.20.a is in
	// both sides' model, so unanswered -> yes is gained.
	f := old.File
	unknownEntry, _ := f.Get("people.30.a")
	kept := &answers.File{Name: f.Name, Model: f.Model, ModelVersion: f.ModelVersion, AssessedAt: f.AssessedAt}
	for _, e := range f.Entries {
		if e.ID != "people.30.a" {
			kept.Entries = append(kept.Entries, e)
		}
	}
	keptResult, err := score.Score(v2, kept, score.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d = Compare(Side{Model: v2, File: kept, Result: keptResult, Unknown: []answers.Entry{unknownEntry}}, new)
	if d.ModelChanged {
		t.Error("same model version on both sides reported as a change")
	}
	if len(d.Indicators.Removed) != 1 || d.Indicators.Removed[0].Old != "partial" || len(d.Indicators.Added) != 0 {
		t.Errorf("removed %+v added %+v, want people.30.a removed only", d.Indicators.Removed, d.Indicators.Added)
	}
	if got, want := ids(d.Indicators.Gained), []string{"tools.10.a", "tools.20.a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("gained %v, want %v", got, want)
	}
}

func TestCompareResults(t *testing.T) {
	m := loadModel(t, "tiny.yaml")
	q2, q3 := side(t, m, "q2.yaml", ""), side(t, m, "q3.yaml", "")
	d := Compare(Side{Result: q2.Result}, Side{Result: q3.Result})
	if d.Detail != "results" || d.Indicators != nil {
		t.Fatalf("detail %q with indicators %v, want results only", d.Detail, d.Indicators)
	}
	// q2: yes 6, partial 1, no 2, na 0, unanswered 1 (people.30.a);
	// q3: yes 4, partial 2, no 3, na 1, unanswered 0.
	want := []CountChange{{"indicators", 10, 10}, {"yes", 6, 4}, {"partial", 1, 2}, {"no", 2, 3}, {"na", 0, 1}, {"unanswered", 1, 0}}
	if !reflect.DeepEqual(d.Counts, want) {
		t.Errorf("counts %v, want %v", d.Counts, want)
	}
	if !reflect.DeepEqual(d.Answered, []string{"people.30.a"}) || len(d.Unanswered) != 0 {
		t.Errorf("answered %v unanswered %v, want [people.30.a] []", d.Answered, d.Unanswered)
	}
	// Targets differ (20 for q2, 10 for q3): gaps are not compared.
	if d.GapsClosed != nil || d.GapsOpened != nil {
		t.Errorf("gaps compared across targets: %v %v", d.GapsClosed, d.GapsOpened)
	}
	if !d.Regression {
		t.Error("regression not found from results")
	}
}

func TestComparePillarsGoneAndNew(t *testing.T) {
	m := loadModel(t, "tiny.yaml")
	old := side(t, m, "q2.yaml", "").Result
	newR := *side(t, m, "q2.yaml", "").Result
	// Rename the tools pillar on the new side: tools is gone, kit is new;
	// neither is a regression, and people and process are the same.
	newR.Pillars = append([]score.PillarResult(nil), newR.Pillars...)
	newR.Pillars[2].ID, newR.Pillars[2].Name = "kit", "Kit"
	d := Compare(Side{Result: old}, Side{Result: &newR})
	var got []string
	for _, p := range d.Pillars {
		got = append(got, p.ID+":"+p.Change)
	}
	if want := []string{"people:same", "process:same", "kit:new", "tools:gone"}; !reflect.DeepEqual(got, want) {
		t.Errorf("pillars %v, want %v", got, want)
	}
	if d.Regression {
		t.Errorf("a renamed pillar is not a regression: %v", d.Regressions)
	}
}
