package score_test

import (
	"os"
	"testing"

	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/internal/testkit"
)

// TestScoreCumulative checks the appsec-practices model (SAMM-like:
// cumulative, two decimals, groups, named scales) against the results
// computed by hand in testdata/answers/appsec/q1.yaml.
func TestScoreCumulative(t *testing.T) {
	m := testkit.Model(t, "models/appsec-practices.yaml")
	data, err := os.ReadFile(testkit.Path("answers/appsec/q1.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	_, r := testkit.Score(t, m, "q1.yaml", data)
	if r.Scoring != "cumulative" || r.Precision() != 2 {
		t.Errorf("scoring %q, precision %d; want cumulative, 2", r.Scoring, r.Precision())
	}
	want := []struct {
		id, score, level, group string
	}{
		{"secure-build", "2.38", "Level 1", "build-run"}, // 1 + 0.875 + 0.5 = 2.375
		{"threat-review", "1.88", "None", "build-run"},   // 0.75 + 0.125 + 1 = 1.875
		{"policy", "1.25", "Level 1", "govern"},          // 1 + 0.25 + 0
		{"training", "3.00", "Level 3", "govern"},        // 1 + 1 + 1
	}
	for i, w := range want {
		p := r.Pillars[i]
		if p.ID != w.id || r.Format(p.Score) != w.score || p.Level.Name != w.level || p.Group != w.group {
			t.Errorf("pillar %d = %s %s %s %s, want %s %s %s %s", i, p.ID, r.Format(p.Score), p.Level.Name, p.Group, w.id, w.score, w.level, w.group)
		}
	}
	if got := r.Format(r.Score); got != "2.13" || r.Level.Name != "None" { // 8.5/4 = 2.125
		t.Errorf("overall %s %s, want 2.13 None", got, r.Level.Name)
	}
	if len(r.Groups) != 2 || r.Format(r.Groups[0].Score) != "2.13" || r.Groups[1].ID != "govern" || r.Format(r.Groups[1].Score) != "2.13" {
		t.Errorf("groups = %+v", r.Groups)
	}
	counts := map[string]int{"fully": 4, "largely": 1, "little": 0, "none": 0, "always": 1, "often": 1, "sometimes": 1, "never": 1, "every-team": 2, "some-teams": 1, "nowhere": 1}
	for id, n := range counts {
		if got := r.Counts.Of(id); got != n {
			t.Errorf("count of %s = %d, want %d", id, got, n)
		}
	}
	if r.Counts.Indicators != 16 || r.Counts.NA != 1 || r.Counts.Unanswered != 2 || r.Counts.Of("yes") != 0 || len(r.Counts.Scale) != 11 {
		t.Errorf("counts = %+v", r.Counts)
	}
}

func TestFormatScore(t *testing.T) {
	tests := []struct {
		v    float64
		p    int
		want string
	}{
		{2.375, 2, "2.38"},
		{2.125, 2, "2.13"},
		{2.125, 0, "2"},
		{2.5, 0, "3"},
		{245.25, 1, "245.3"},
		{1.0005, 3, "1.001"},
		{3, 2, "3.00"},
	}
	for _, tt := range tests {
		if got := score.FormatScore(tt.v, tt.p); got != tt.want {
			t.Errorf("FormatScore(%v, %d) = %s, want %s", tt.v, tt.p, got, tt.want)
		}
	}
}

func TestLevelLabel(t *testing.T) {
	tests := []struct {
		ref  score.LevelRef
		want string
	}{
		{score.LevelRef{Value: 200, Name: "Repeatable"}, "200 Repeatable"},
		{score.LevelRef{Value: 0, Name: "None"}, "None"},
		{score.LevelRef{Value: 1, Name: "Level 1"}, "Level 1"},
		{score.LevelRef{Value: 3, Name: "3: mastered"}, "3: mastered"},
		{score.LevelRef{Value: 1, Name: "Level 10"}, "1 Level 10"}, // 10 is not 1
		{score.LevelRef{Value: 5, Name: "Tier 2.5"}, "5 Tier 2.5"},
	}
	for _, tt := range tests {
		if got := tt.ref.Label(); got != tt.want {
			t.Errorf("%+v.Label() = %q, want %q", tt.ref, got, tt.want)
		}
	}
}
