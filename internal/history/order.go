package history

import (
	"sort"
	"time"
)

// Dated is what ordering needs of an assessment: its file name and its
// assessed_at as written (YYYY-MM-DD or RFC 3339; "" when undated).
type Dated struct {
	Name       string
	AssessedAt string
}

// Order sorts items in place by assessed_at, then by file name. Items
// without a date (or with one that does not parse) come after every dated
// item, ordered by file name. The sort is stable, so equal keys keep their
// argument order.
func Order[T any](items []T, key func(T) Dated) {
	type k struct {
		t     time.Time
		dated bool
		name  string
	}
	keys := make(map[int]k, len(items))
	idx := make([]int, len(items))
	for i, it := range items {
		d := key(it)
		t, ok := ParseDate(d.AssessedAt)
		keys[i] = k{t: t, dated: ok, name: d.Name}
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ka, kb := keys[idx[a]], keys[idx[b]]
		if ka.dated != kb.dated {
			return ka.dated
		}
		if ka.dated && !ka.t.Equal(kb.t) {
			return ka.t.Before(kb.t)
		}
		return ka.name < kb.name
	})
	sorted := make([]T, len(items))
	for i, j := range idx {
		sorted[i] = items[j]
	}
	copy(items, sorted)
}

// ParseDate reads an assessed_at value: a date (midnight UTC) or an RFC
// 3339 time.
func ParseDate(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), true
	}
	return time.Time{}, false
}
