package history

import "sort"

func sortChanges(cs []IndicatorChange) {
	sort.Slice(cs, func(i, j int) bool { return cs[i].order < cs[j].order })
}

func sortNotes(ns []NoteChange) {
	sort.Slice(ns, func(i, j int) bool { return ns[i].order < ns[j].order })
}
