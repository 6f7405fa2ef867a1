package cli

import (
	"fmt"
	"strings"

	"github.com/heat-tools/maturity/internal/yamlx"
	"github.com/heat-tools/maturity/model"
)

// resolveLevel turns the value of a level flag (--min-level, --target) into
// a level value of m: a value such as 300, or a level name such as Defined
// in any case. The flag stays a string until the model is known, because
// names belong to a model; "" is 0, the flag not given.
func resolveLevel(m *model.Model, flag, value string) (int, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0, nil
	}
	if l, ok := m.FindLevel(value); ok { // a value, a name in any case, or a label
		return l.Value, nil
	}
	names := make([]string, len(m.Levels))
	for i, l := range m.Levels {
		names[i] = l.Name
	}
	hint := "levels of " + m.ID + ": " + levelList(m)
	if near := nearestFold(value, names); near != "" {
		hint = "did you mean " + near + "? " + hint
	}
	return 0, usagef(hint, "--%s %q is not a level of model %s", flag, value, m.ID)
}

// nearestFold is yamlx.Nearest ignoring case: level names are typed in
// any case.
func nearestFold(typed string, names []string) string {
	lower := make([]string, len(names))
	for i, n := range names {
		lower[i] = strings.ToLower(n)
	}
	near := yamlx.Nearest(strings.ToLower(typed), lower)
	for i, l := range lower {
		if near != "" && l == near {
			return names[i]
		}
	}
	return ""
}

// levelList is m's levels as "100 Initial, 200 Repeatable, …".
func levelList(m *model.Model) string {
	vs := make([]string, len(m.Levels))
	for i, l := range m.Levels {
		vs[i] = fmt.Sprintf("%d %s", l.Value, l.Name)
	}
	return strings.Join(vs, ", ")
}
