package answers

import (
	"fmt"
	"slices"
	"strings"

	"github.com/heat-tools/maturity/internal/yamlx"
	"github.com/heat-tools/maturity/model"
)

// maxSuggestions is how many unknown ids get a "did you mean".
const maxSuggestions = 20

// Check reports every answer that does not fit m: an unknown indicator id
// (with the nearest known id as a suggestion) or an answer outside the
// indicator's scale. An answer written as a point's label (in any case) is
// accepted and replaced by the point's id, so that everything after Check
// sees ids only.
func Check(f *File, m *model.Model) error {
	var ids []string // for suggestions, made at the first unknown id

	var errs yamlx.Errors
	errs = append(errs, checkTargets(f, m)...)
	suggestions := 0
	for ei := range f.Entries {
		e := &f.Entries[ei]
		if len(errs) >= yamlx.MaxErrors {
			break
		}
		if !m.HasIndicator(e.ID) {
			err := yamlx.Errorf(f.Name, e.Pos, "unknown indicator %q in model %s", e.ID, m.ID)
			// Suggestions cost a comparison with every id: make a few, so
			// that a file of many unknown ids is still refused at once.
			suggestion := ""
			if suggestions < maxSuggestions {
				suggestions++
				if ids == nil {
					ids = indicatorIDs(m)
				}
				suggestion = yamlx.Nearest(e.ID, ids)
			}
			if suggestion != "" {
				err.Msg += fmt.Sprintf(" (did you mean %q?)", suggestion)
			} else {
				err.Next = "maturity model show " + m.ID + " lists the indicators"
			}
			errs = append(errs, err)
			continue
		}
		scale := m.IndicatorScale(e.ID)
		if err := checkAnswer(f.Name, e.ID, &e.Answer, e.ValuePos, scale); err != nil {
			errs = append(errs, err)
		}
		for ri := range e.Responses {
			r := &e.Responses[ri]
			if err := checkAnswer(f.Name, e.ID, &r.Answer, r.Pos, scale); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errs.Err()
}

// checkTargets reports each target whose pillar or level m does not have.
func checkTargets(f *File, m *model.Model) yamlx.Errors {
	var errs yamlx.Errors
	for _, t := range f.Targets {
		if _, ok := m.Pillar(t.Pillar); !ok {
			ids := make([]string, len(m.Pillars))
			for i, p := range m.Pillars {
				ids[i] = p.ID
			}
			err := yamlx.Errorf(f.Name, t.Pos, "targets: unknown pillar %q in model %s", t.Pillar, m.ID)
			if s := yamlx.Nearest(t.Pillar, ids); s != "" {
				err.Msg += fmt.Sprintf(" (did you mean %q?)", s)
			} else {
				err.Next = "pillars: " + strings.Join(ids, ", ")
			}
			errs = append(errs, err)
			continue
		}
		if _, ok := m.FindLevel(t.Level); !ok {
			err := yamlx.Errorf(f.Name, t.ValuePos, "targets: %s: %q is not a level of model %s", t.Pillar, t.Level, m.ID)
			err.Next = "levels: " + levelNames(m)
			errs = append(errs, err)
		}
	}
	return errs
}

func levelNames(m *model.Model) string {
	names := make([]string, len(m.Levels))
	for i, l := range m.Levels {
		names[i] = l.Label()
	}
	return strings.Join(names, ", ")
}

// checkAnswer checks one answer against scale, and replaces a label by
// its point's id.
func checkAnswer(file, id string, answer *string, pos yamlx.Pos, scale []model.ScalePoint) *yamlx.Error {
	if *answer == "" || *answer == model.NotApplicable {
		return nil
	}
	if p, ok := model.FindPoint(scale, *answer); ok {
		*answer = p.ID
		return nil
	}
	if strings.EqualFold(*answer, model.NotApplicable) || strings.EqualFold(*answer, model.NotApplicableLabel) {
		*answer = model.NotApplicable
		return nil
	}
	allowed := AllowedAnswers(scale)
	err := yamlx.Errorf(file, pos, "%s: answer %q is not one of %s", id, *answer, strings.Join(allowed, ", "))
	if s := yamlx.Nearest(strings.ToLower(*answer), allowed); s != "" && s != *answer {
		err.Msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return err
}

// AllowedAnswers are the ids an answer on scale may take: the scale's, then na.
func AllowedAnswers(scale []model.ScalePoint) []string {
	allowed := make([]string, 0, len(scale)+1)
	for _, s := range scale {
		allowed = append(allowed, s.ID)
	}
	return append(allowed, model.NotApplicable)
}

// VersionWarning says when the file was written for another version of m.
func VersionWarning(f *File, m *model.Model) string {
	if f.ModelVersion == "" || f.ModelVersion == m.Version {
		return ""
	}
	return fmt.Sprintf("%s: answers were written for %s version %s; scoring with version %s", f.Name, m.ID, f.ModelVersion, m.Version)
}

// SplitUnknown returns a copy of f without the answers to indicators that m
// does not have, and those answers.
func SplitUnknown(f *File, m *model.Model) (*File, []Entry) {
	kept := *f
	kept.Entries, kept.index = nil, nil
	var unknown []Entry
	for _, e := range f.Entries {
		if m.HasIndicator(e.ID) {
			kept.Entries = append(kept.Entries, e)
		} else {
			unknown = append(unknown, e)
		}
	}
	return &kept, unknown
}

// indicatorIDs lists m's indicator ids, in model order.
func indicatorIDs(m *model.Model) []string {
	refs := m.Indicators()
	ids := make([]string, len(refs))
	for i, ref := range refs {
		ids[i] = ref.Indicator.ID
	}
	return ids
}

// knownFields are the top-level fields of an answers file (SPEC), in the
// order a hint lists them.
var knownFields = []string{"model", "model_version", "assessed_at", "organization", "scope", "respondent", "targets", "answers"}

// UnknownFields reports each top-level field of f that the format does not
// define, with the nearest known field as a hint: such a field is kept, but
// is most often a typo (answer: for answers:) whose content is ignored.
func UnknownFields(f *File) yamlx.Errors {
	var out yamlx.Errors
	for i := 0; i+1 < len(f.Extra); i += 2 {
		k := f.Extra[i]
		if slices.Contains(knownFields, k.Value) {
			continue // a field this tool's version reads elsewhere
		}
		e := yamlx.Errorf(f.Name, yamlx.Pos{Line: k.Line, Col: k.Column}, "unknown field %q", k.Value)
		if s := yamlx.Nearest(k.Value, knownFields); s != "" {
			e.Next = "did you mean " + s + "?"
		} else {
			e.Next = "known fields: " + strings.Join(knownFields, ", ")
		}
		out = append(out, e)
		if len(out) == yamlx.MaxErrors {
			break
		}
	}
	return out
}
