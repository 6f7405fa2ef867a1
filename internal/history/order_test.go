package history

import (
	"reflect"
	"testing"
)

func TestOrder(t *testing.T) {
	in := []Dated{
		{"z-undated.yaml", ""},
		{"q3.yaml", "2026-09-30"},
		{"b.yaml", "2026-03-31"},
		{"a-undated.yaml", ""},
		{"late.yaml", "2026-03-31T10:00:00+02:00"}, // 08:00 UTC, after midnight
		{"a.yaml", "2026-03-31"},                   // same day as b: by name
		{"bad-date.yaml", "someday"},               // unparseable: undated
	}
	Order(in, func(d Dated) Dated { return d })
	var got []string
	for _, d := range in {
		got = append(got, d.Name)
	}
	want := []string{"a.yaml", "b.yaml", "late.yaml", "q3.yaml", "a-undated.yaml", "bad-date.yaml", "z-undated.yaml"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order\n got %v\nwant %v", got, want)
	}
}

func TestOrderWhateverTheArgumentOrder(t *testing.T) {
	base := []Dated{{"q1.yaml", "2026-03-31"}, {"q2.yaml", "2026-06-30"}, {"q3.yaml", "2026-09-30"}}
	perms := [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}
	for _, p := range perms {
		in := []Dated{base[p[0]], base[p[1]], base[p[2]]}
		Order(in, func(d Dated) Dated { return d })
		if !reflect.DeepEqual(in, base) {
			t.Errorf("permutation %v ordered as %v", p, in)
		}
	}
}
