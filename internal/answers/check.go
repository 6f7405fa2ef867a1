package answers

import (
	"fmt"
	"strings"

	"github.com/heat-tools/maturity/internal/yamlx"
	"github.com/heat-tools/maturity/model"
)

// Check reports every answer that does not fit m: an unknown indicator id
// (with the nearest known id as a suggestion) or an answer outside the scale.
func Check(f *File, m *model.Model) error {
	known := make(map[string]bool, m.IndicatorCount())
	var ids []string
	for _, ref := range m.Indicators() {
		known[ref.Indicator.ID] = true
		ids = append(ids, ref.Indicator.ID)
	}
	allowed := make([]string, 0, len(m.Scale)+1)
	for _, s := range m.Scale {
		allowed = append(allowed, s.ID)
	}
	allowed = append(allowed, model.NotApplicable)

	var errs yamlx.Errors
	for _, e := range f.Entries {
		if !known[e.ID] {
			err := yamlx.Errorf(f.Name, e.Pos, "unknown indicator %q in model %s", e.ID, m.ID)
			if s := yamlx.Nearest(e.ID, ids); s != "" {
				err.Msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else {
				err.Hint = "maturity model show " + m.ID + " lists the indicators"
			}
			errs = append(errs, err)
			continue
		}
		if e.Answer == "" || e.Answer == model.NotApplicable {
			continue
		}
		if _, ok := m.ScalePoint(e.Answer); !ok {
			err := yamlx.Errorf(f.Name, e.ValuePos, "%s: answer %q is not one of %s", e.ID, e.Answer, strings.Join(allowed, ", "))
			if s := yamlx.Nearest(strings.ToLower(e.Answer), allowed); s != "" && s != e.Answer {
				err.Msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			errs = append(errs, err)
		}
	}
	return errs.Err()
}

// VersionWarning says when the file was written for another version of m.
func VersionWarning(f *File, m *model.Model) string {
	if f.ModelVersion == "" || f.ModelVersion == m.Version {
		return ""
	}
	return fmt.Sprintf("%s: answers were written for %s version %s; scoring with version %s", f.Name, m.ID, f.ModelVersion, m.Version)
}
