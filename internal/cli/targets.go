package cli

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/safetext"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
)

// The per-pillar forms of the level flags (docs/reference.md): --target and
// --min-level take LEVEL or PILLAR=LEVEL, repeatable; --min-level also
// takes "targets". Each LEVEL is read by resolveLevel (levels.go), the one place that
// turns a flag's level text into a level of the model.

// minLevelTargets is the --min-level value that checks every pillar
// against its target.
const minLevelTargets = "targets"

// splitPillar splits PILLAR=LEVEL; pillar is "" for a bare LEVEL.
func splitPillar(m *model.Model, flag, s string) (pillar, level string, err error) {
	p, l, ok := strings.Cut(s, "=")
	if !ok {
		return "", s, nil
	}
	if _, found := m.Pillar(p); !found {
		ids := make([]string, len(m.Pillars))
		for i, pil := range m.Pillars {
			ids[i] = pil.ID
		}
		return "", "", usagef("pillars of "+m.ID+": "+strings.Join(ids, ", "), "--%s %s: %q is not a pillar of model %s", flag, s, p, m.ID)
	}
	return p, l, nil
}

// targetOptions reads the --target values into score options: a bare
// LEVEL for every pillar (the last one wins), PILLAR=LEVEL for one.
func targetOptions(m *model.Model, values []string, opt score.Options) (score.Options, error) {
	for _, v := range values {
		p, l, err := splitPillar(m, "target", v)
		if err != nil {
			return opt, err
		}
		level, err := resolveLevel(m, "target", l)
		if err != nil {
			return opt, err
		}
		if p == "" {
			opt.Target = level
			continue
		}
		if opt.PillarTargets == nil {
			opt.PillarTargets = map[string]int{}
		}
		opt.PillarTargets[p] = level
	}
	return opt, nil
}

// minLevel is what --min-level asks of one result.
type minLevel struct {
	overall int            // 0: no overall level asked
	pillars map[string]int // pillar id to level
	targets bool           // every pillar at or above its target
}

// parseMinLevel reads the --min-level values against m.
func parseMinLevel(m *model.Model, values []string) (minLevel, error) {
	var ml minLevel
	for _, v := range values {
		if strings.EqualFold(v, minLevelTargets) {
			ml.targets = true
			continue
		}
		p, l, err := splitPillar(m, "min-level", v)
		if err != nil {
			return ml, err
		}
		level, err := resolveLevel(m, "min-level", l)
		if err != nil {
			return ml, err
		}
		if p == "" {
			ml.overall = level
			continue
		}
		if ml.pillars == nil {
			ml.pillars = map[string]int{}
		}
		ml.pillars[p] = level
	}
	return ml, nil
}

// shortfalls says where the result of file r (of f, scored with opt) is below what ml asks, in
// one phrase; "" when it meets it. Pillars come in model order.
func (ml minLevel) shortfalls(m *model.Model, f *answers.File, opt score.Options, r *score.Result) (string, error) {
	var overall string
	if ml.overall != 0 && r.Level.Value < ml.overall {
		overall = r.Input.File + " is at " + levelLabel(r.Level)
	}
	var pillars []string
	set := 0 // pillars with a target set by a flag or the file
	for _, p := range r.Pillars {
		if want, ok := ml.pillars[p.ID]; ok && p.Level.Value < want {
			l, _ := m.Level(want)
			pillars = append(pillars, fmt.Sprintf("%s at %s (min %s)", p.ID, p.Level.Label(), l.Label()))
		}
		if !ml.targets {
			continue
		}
		// Only a target that was set counts: every organization is below
		// the level after its overall level, the target of a pillar with
		// none, so holding pillars to it would always fail.
		want := score.ExplicitTarget(m, f, opt, p.ID)
		if want == 0 {
			continue
		}
		set++
		if p.Level.Value < want {
			l, _ := m.Level(want)
			pillars = append(pillars, fmt.Sprintf("%s at %s (target %s)", p.ID, p.Level.Label(), l.Label()))
		}
	}
	if ml.targets && set == 0 {
		return "", withHint(fmt.Errorf("%s: --min-level targets, but no pillar has a target", safetext.Name(r.Input.File)),
			"set targets: in the answers file, or pass --target LEVEL or --target PILLAR=LEVEL")
	}
	switch {
	case len(pillars) == 0:
		return overall, nil
	case overall == "":
		return r.Input.File + ": " + strings.Join(pillars, ", "), nil
	}
	return overall + ", " + strings.Join(pillars, ", "), nil
}

// checkLevelFlag refuses, before any file is read, a level flag value
// that no model could take: an empty pillar or level, or a level that is
// neither a number nor a name. Whether a name is a level of the model is
// known only once the model is loaded (resolveLevel).
func checkLevelFlag(flag string, values []string) error {
	for _, v := range values {
		if flag == "min-level" && strings.EqualFold(v, minLevelTargets) {
			continue
		}
		p, l, hasPillar := strings.Cut(v, "=")
		if !hasPillar {
			p, l = "", v
		}
		if (hasPillar && !pillarIDPattern(p)) || !levelTextPattern(l) {
			hint := "pass a level value or name such as 300 or Defined, or PILLAR=LEVEL"
			if flag == "min-level" {
				hint += ", or targets"
			}
			hint += "; maturity model show lists a model's levels"
			return usagef(hint, "--%s %q is not a level", flag, v)
		}
	}
	return nil
}

func pillarIDPattern(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.' || r == '_') {
			return false
		}
	}
	return true
}

// levelTextPattern: a whole number, or a name that starts with a letter.
func levelTextPattern(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, "=") {
		return false
	}
	digits := true
	for _, r := range s {
		if r < '0' || r > '9' {
			digits = false
		}
	}
	if digits {
		return true
	}
	r := []rune(s)[0]
	return unicode.IsLetter(r)
}

// checkLevelFlags checks --target and --min-level values (checkLevelFlag).
func checkLevelFlags(target, minLevel []string) error {
	if err := checkLevelFlag("target", target); err != nil {
		return err
	}
	return checkLevelFlag("min-level", minLevel)
}
