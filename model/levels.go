package model

import (
	"strconv"
	"strings"
)

// FindLevel returns the level that s names: its value (300) or its name in
// any case (Defined, defined), as level flags and an answers file's
// targets take them (SPEC "Commands").
func (m *Model) FindLevel(s string) (Level, bool) {
	s = strings.TrimSpace(s)
	if v, err := strconv.Atoi(s); err == nil {
		return m.Level(v)
	}
	for _, l := range m.Levels {
		if strings.EqualFold(l.Name, s) || strings.EqualFold(l.Label(), s) {
			return l, true
		}
	}
	return Level{}, false
}
