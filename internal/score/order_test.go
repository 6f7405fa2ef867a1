package score

import (
	"strings"
	"testing"
)

func TestOrderByDate(t *testing.T) {
	tests := []struct {
		name string
		in   []InputInfo // File and AssessedAt
		want string      // files in order
	}{
		{"dates", []InputInfo{{File: "c", AssessedAt: "2026-11-01"}, {File: "a", AssessedAt: "2026-05-01"}, {File: "b", AssessedAt: "2026-08-01"}}, "a b c"},
		{"same date by file name", []InputInfo{{File: "q3.yaml", AssessedAt: "2026-09-30"}, {File: "q2.yaml", AssessedAt: "2026-09-30"}}, "q2.yaml q3.yaml"},
		// an RFC 3339 time on the same day sorts after the bare date (midnight UTC)
		{"date and time", []InputInfo{{File: "a", AssessedAt: "2026-09-30T10:00:00+02:00"}, {File: "b", AssessedAt: "2026-09-30"}}, "b a"},
		// 2026-09-30T23:30-02:00 is 2026-10-01T01:30Z: after 2026-10-01
		{"time zones", []InputInfo{{File: "a", AssessedAt: "2026-09-30T23:30:00-02:00"}, {File: "b", AssessedAt: "2026-10-01"}}, "b a"},
		{"undated last, by name", []InputInfo{{File: "z", AssessedAt: "2026-01-01"}, {File: "y"}, {File: "x"}}, "z x y"},
		{"unparseable dates count as undated", []InputInfo{{File: "bad", AssessedAt: "someday"}, {File: "a", AssessedAt: "2026-03-31"}, {File: "0-undated"}}, "a 0-undated bad"},
		{"equal keys keep order", []InputInfo{{File: "same", AssessedAt: "2026-01-01", Organization: "1"}, {File: "same", AssessedAt: "2026-01-01", Organization: "2"}}, "same same"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := append([]InputInfo(nil), tt.in...)
			OrderByDate(items, func(in InputInfo) InputInfo { return in })
			var got []string
			for _, it := range items {
				got = append(got, it.File)
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("order = %v, want %s", got, tt.want)
			}
			if tt.name == "equal keys keep order" && items[0].Organization != "1" {
				t.Error("sort is not stable")
			}
		})
	}
}

func TestOrderByDateWhateverTheArgumentOrder(t *testing.T) {
	base := []InputInfo{{File: "q1.yaml", AssessedAt: "2026-03-31"}, {File: "q2.yaml", AssessedAt: "2026-06-30"}, {File: "q3.yaml", AssessedAt: "2026-09-30"}}
	for _, p := range [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}} {
		in := []InputInfo{base[p[0]], base[p[1]], base[p[2]]}
		OrderByDate(in, func(i InputInfo) InputInfo { return i })
		for i := range base {
			if in[i] != base[i] {
				t.Errorf("permutation %v ordered as %v", p, in)
				break
			}
		}
	}
}
