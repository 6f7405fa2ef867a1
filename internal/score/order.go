package score

import (
	"sort"
	"time"

	"github.com/heat-tools/maturity/internal/dates"
)

// OrderByDate sorts items oldest first by the assessed_at of their input,
// then by file name; the sort is stable, so equal items keep their order.
// An item without a date sorts after every dated one, by file name: it is
// most often a new file whose date was not filled in yet. trend and report
// use it so that "previous" and "latest" mean the same everywhere.
func OrderByDate[T any](items []T, input func(T) InputInfo) {
	type key struct {
		t     time.Time
		dated bool
		file  string
	}
	keys := make([]key, len(items))
	idx := make([]int, len(items))
	for i, it := range items {
		in := input(it)
		t, ok := AssessedTime(in.AssessedAt)
		keys[i] = key{t: t, dated: ok, file: in.File}
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
		return ka.file < kb.file
	})
	sorted := make([]T, len(items))
	for i, j := range idx {
		sorted[i] = items[j]
	}
	copy(items, sorted)
}

// AssessedTime reads an assessed_at value: a date (midnight UTC) or an
// RFC 3339 time. ok is false when s is empty or not a date.
func AssessedTime(s string) (t time.Time, ok bool) {
	t, err := dates.Parse(s)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}
