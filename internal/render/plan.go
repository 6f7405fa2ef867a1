package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/heat-tools/maturity/internal/plan"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
)

// PlanFormats are the formats of `maturity plan`.
func PlanFormats() []string { return []string{"text", "markdown", "json", "csv"} }

// Plan writes p in format: text, markdown, json or csv.
func Plan(w io.Writer, m *model.Model, p *plan.Plan, format string, opt TextOptions) error {
	switch format {
	case "markdown":
		return PlanMarkdown(w, m, p)
	case "json":
		return PlanJSON(w, p)
	case "csv":
		return PlanCSV(w, m, p)
	}
	return PlanText(w, m, p, opt)
}

// planInput is the line that says whose plan it is.
func planScore(p *plan.Plan, v score.OneDecimal) string {
	return score.FormatScore(float64(v), p.Precision)
}

// planSummary is the plan in one sentence.
func planSummary(p *plan.Plan) string {
	s := fmt.Sprintf("From %s (score %s)", p.From.Level.Label(), planScore(p, p.From.Score))
	if len(p.Phases) == 0 {
		return s + ": every pillar is at its target; nothing to plan."
	}
	return s + fmt.Sprintf(" to %s: %s, %s.", p.Phases[len(p.Phases)-1].Result.Level.Label(),
		Plural(len(p.Phases), "phase"), Plural(p.StepCount(), "step"))
}

// PlanLine is a plan's first phase in one line, for the end of score's
// text: "3 steps to 300 Defined: maturity plan FILE". "" without phases.
func PlanLine(p *plan.Plan, command string) string {
	if len(p.Phases) == 0 {
		return ""
	}
	ph := p.Phases[0]
	return fmt.Sprintf("%s to %s: %s", Plural(len(ph.Steps), "step"), ph.Level.Label(), command)
}

// phaseWhy says, in a sentence, why a phase is needed.
func phaseWhy(m *model.Model, ph plan.Phase) string {
	return fmt.Sprintf("%s below %s: %s.", Plural(len(ph.Pillars), "pillar"), ph.Level.Label(),
		strings.Join(planPillarNames(m, ph.Pillars), ", "))
}

func planPillarNames(m *model.Model, ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = pillarName(m, id)
	}
	return out
}

// cellLine is a cell below the threshold: "Design · 300 Defined: 80% of 100%".
func cellLine(m *model.Model, p *plan.Plan, c plan.Cell) string {
	s := fmt.Sprintf("%s · %s: %s in place, %s needed", c.PillarName, levelName(m, c.Level), percent(float64(c.Coverage)), percent(p.Threshold))
	if c.Holding {
		s += " (holds the level down)"
	}
	return s
}

func percent(f float64) string { return strconv.Itoa(int(math.Floor(f*100+1e-9))) + "%" }

// depsText names a step's dependencies and where each stands.
func depsText(d []plan.Dependency) string {
	parts := make([]string, len(d))
	for i, dep := range d {
		switch {
		case dep.Phase > 0:
			parts[i] = fmt.Sprintf("%s (phase %d)", dep.Indicator, dep.Phase)
		case dep.Done:
			parts[i] = dep.Indicator + " (in place)"
		default:
			parts[i] = dep.Indicator + " (not applicable)"
		}
	}
	return strings.Join(parts, ", ")
}

// PlanText writes p for a person.
func PlanText(w io.Writer, m *model.Model, p *plan.Plan, opt TextOptions) error {
	st := Style{On: opt.Color}
	width := opt.lineWidth()
	var b strings.Builder
	writeHead(&b, st, p.Input, p.Model, width)
	b.WriteString(st.Bold(strings.TrimSuffix(Wrap(planSummary(p), "", "", width), "\n")) + "\n")
	n := 0
	for i, ph := range p.Phases {
		fmt.Fprintf(&b, "\n%s\n", st.Bold(fmt.Sprintf("Phase %d · %s · %s", i+1, ph.Level.Label(), Plural(len(ph.Steps), "step"))))
		b.WriteString(wrapIndent("Why: "+phaseWhy(m, ph), "  ", width))
		for _, c := range ph.Cells {
			b.WriteString(Wrap(cellLine(m, p, c), "    ", "      ", width))
			for _, res := range c.Resources {
				fmt.Fprintf(&b, "      %s %s\n", st.Dim("→ "+res.Title+":"), res.URL)
			}
		}
		b.WriteString(wrapIndent(fmt.Sprintf("Done, it gives: %s, score %s.", levelHeading(ph.Result.Level), planScore(p, ph.Result.Score)), "  ", width))
		b.WriteString("\n")
		for _, s := range ph.Steps {
			n++
			fmt.Fprintf(&b, "  %d. %s %s %s\n", n, textMark(st, m.AnswerMark(s.Indicator, s.Answer)), s.Indicator, st.Dim("("+m.AnswerLabel(s.Indicator, s.Answer)+")"))
			b.WriteString(wrapIndent(s.Text, "       ", width))
			if s.Note != "" {
				b.WriteString(wrapIndent("note: "+s.Note, "       ", width))
			}
			if len(s.DependsOn) > 0 {
				b.WriteString(wrapIndent("depends on: "+depsText(s.DependsOn), "       ", width))
			}
			if s.Pulled {
				b.WriteString(wrapIndent(fmt.Sprintf("(of level %s: here because a step of this phase depends on it)", levelName(m, s.Level)), "       ", width))
			}
			for _, res := range s.Resources {
				fmt.Fprintf(&b, "       %s %s\n", st.Dim("→ "+res.Title+":"), res.URL)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// PlanMarkdown writes p for an issue or a wiki: a checklist per phase.
func PlanMarkdown(w io.Writer, m *model.Model, p *plan.Plan) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Plan: %s %s\n\n", md(p.Model.Name), md(p.Model.Version))
	if head := inputLine(p.Input); head != "" {
		fmt.Fprintf(&b, "%s\n\n", md(head))
	}
	fmt.Fprintf(&b, "%s\n", md(planSummary(p)))
	n := 0
	for i, ph := range p.Phases {
		fmt.Fprintf(&b, "\n## Phase %d: %s\n\n", i+1, md(ph.Level.Label()))
		fmt.Fprintf(&b, "Why: %s\n\n", md(phaseWhy(m, ph)))
		for _, c := range ph.Cells {
			fmt.Fprintf(&b, "- %s", md(cellLine(m, p, c)))
			for j, res := range c.Resources {
				sep := "; "
				if j == 0 {
					sep = " — "
				}
				fmt.Fprintf(&b, "%s[%s](%s)", sep, md(res.Title), mdURL(res.URL))
			}
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "\nDone, it gives **%s**, score %s.\n\n", md(levelHeading(ph.Result.Level)), planScore(p, ph.Result.Score))
		for _, s := range ph.Steps {
			n++
			fmt.Fprintf(&b, "- [ ] %d. `%s` %s (now: %s)", n, s.Indicator, md(s.Text), md(m.AnswerLabel(s.Indicator, s.Answer)))
			if s.Note != "" {
				fmt.Fprintf(&b, "<br>note: %s", md(s.Note))
			}
			if len(s.DependsOn) > 0 {
				fmt.Fprintf(&b, "<br>depends on: %s", md(depsText(s.DependsOn)))
			}
			for _, res := range s.Resources {
				fmt.Fprintf(&b, "<br>[%s](%s)", md(res.Title), mdURL(res.URL))
			}
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdURL keeps a link target from ending the link early.
func mdURL(u string) string {
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(u)
}

// The JSON plan (SPEC "Plans", schema_version 1), in the order its
// fields are written.
type (
	planJSON struct {
		SchemaVersion int             `json:"schema_version"`
		Model         score.ModelInfo `json:"model"`
		Input         score.InputInfo `json:"input"`
		Threshold     jsonRatio       `json:"threshold"`
		From          planPointJSON   `json:"from"`
		Phases        []planPhaseJSON `json:"phases"`
	}
	planPointJSON struct {
		Level score.LevelRef `json:"level"`
		Score jsonScore      `json:"score"`
	}
	planPhaseJSON struct {
		Level   score.LevelRef `json:"level"`
		Pillars []string       `json:"pillars"`
		Cells   []planCellJSON `json:"cells"`
		Steps   []planStepJSON `json:"steps"`
		Result  planPointJSON  `json:"result"`
	}
	planCellJSON struct {
		Pillar    string           `json:"pillar"`
		Level     int              `json:"level"`
		Coverage  jsonRatio        `json:"coverage"`
		Holding   bool             `json:"holding"`
		Resources []model.Resource `json:"resources"`
	}
	planStepJSON struct {
		Indicator    string           `json:"indicator"`
		Pillar       string           `json:"pillar"`
		Level        int              `json:"level"`
		Text         string           `json:"text"`
		Answer       string           `json:"answer,omitempty"`
		Note         string           `json:"note,omitempty"`
		DependsOn    []string         `json:"depends_on"`
		Dependencies []planDepJSON    `json:"dependencies"`
		Resources    []model.Resource `json:"resources"`
		Tags         []string         `json:"tags"`
		Weight       float64          `json:"weight"`
		Effort       *float64         `json:"effort,omitempty"`
		Impact       *float64         `json:"impact,omitempty"`
		Pulled       bool             `json:"pulled"`
	}
	planDepJSON struct {
		Indicator string `json:"indicator"`
		Phase     *int   `json:"phase"`
		Done      bool   `json:"done"`
	}
	jsonScore struct {
		v         float64
		precision int
	}
	jsonRatio float64
)

func (s jsonScore) MarshalJSON() ([]byte, error) {
	return []byte(score.FormatScore(s.v, s.precision)), nil
}

func (r jsonRatio) MarshalJSON() ([]byte, error) { return []byte(score.Ratio(r).String()), nil }

// PlanJSON writes p as the JSON plan.
func PlanJSON(w io.Writer, p *plan.Plan) error {
	pt := func(x plan.Point) planPointJSON {
		return planPointJSON{Level: x.Level, Score: jsonScore{float64(x.Score), p.Precision}}
	}
	out := planJSON{SchemaVersion: plan.SchemaVersion, Model: p.Model, Input: p.Input,
		Threshold: jsonRatio(p.Threshold), From: pt(p.From), Phases: []planPhaseJSON{}}
	for _, ph := range p.Phases {
		pj := planPhaseJSON{Level: ph.Level, Pillars: ph.Pillars, Cells: []planCellJSON{}, Steps: []planStepJSON{}, Result: pt(ph.Result)}
		for _, c := range ph.Cells {
			pj.Cells = append(pj.Cells, planCellJSON{Pillar: c.Pillar, Level: c.Level, Coverage: jsonRatio(c.Coverage),
				Holding: c.Holding, Resources: orEmpty(c.Resources)})
		}
		for _, s := range ph.Steps {
			sj := planStepJSON{Indicator: s.Indicator, Pillar: s.Pillar, Level: s.Level, Text: s.Text, Answer: s.Answer,
				Note: s.Note, DependsOn: []string{}, Dependencies: []planDepJSON{}, Resources: orEmpty(s.Resources),
				Tags: append([]string{}, s.Tags...), Weight: s.Weight, Effort: s.Effort, Impact: s.Impact, Pulled: s.Pulled}
			for _, d := range s.DependsOn {
				dj := planDepJSON{Indicator: d.Indicator, Done: d.Done}
				if d.Phase > 0 {
					ph := d.Phase
					dj.Phase = &ph
				}
				sj.DependsOn = append(sj.DependsOn, d.Indicator)
				sj.Dependencies = append(sj.Dependencies, dj)
			}
			pj.Steps = append(pj.Steps, sj)
		}
		out.Phases = append(out.Phases, pj)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func orEmpty(r []model.Resource) []model.Resource {
	if r == nil {
		return []model.Resource{}
	}
	return r
}

// PlanCSV writes one row per step for a backlog import. key is the
// indicator id, stable from run to run, so that a re-import updates the
// items it made instead of adding new ones.
func PlanCSV(w io.Writer, m *model.Model, p *plan.Plan) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"key", "title", "description", "pillar", "level", "phase", "tags", "effort", "impact"}); err != nil {
		return err
	}
	for i, ph := range p.Phases {
		for _, s := range ph.Steps {
			var cellRes []model.Resource
			if pil, ok := m.Pillar(s.Pillar); ok {
				if c, ok := pil.Cell(s.Level); ok {
					cellRes = c.Resources
				}
			}
			rec := []string{s.Indicator, CSVCell(oneLine(s.Text)), CSVCell(stepDescription(m, s, cellRes)),
				s.Pillar, strconv.Itoa(s.Level), strconv.Itoa(i + 1), CSVCell(strings.Join(s.Tags, ";")), number(s.Effort), number(s.Impact)}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// stepDescription is a backlog item's description: the help, where the
// answer stands, the note, dependencies, the indicator's links and, marked
// as the cell's, its cell's links.
func stepDescription(m *model.Model, s plan.Step, cellRes []model.Resource) string {
	var parts []string
	if s.Help != "" {
		parts = append(parts, s.Help)
	}
	parts = append(parts, "Now: "+m.AnswerLabel(s.Indicator, s.Answer)+".")
	if s.Note != "" {
		parts = append(parts, "Note: "+s.Note)
	}
	if len(s.DependsOn) > 0 {
		parts = append(parts, "Depends on: "+depsText(s.DependsOn)+".")
	}
	links := func(head string, rs []model.Resource) {
		if len(rs) == 0 {
			return
		}
		l := make([]string, len(rs))
		for i, r := range rs {
			l[i] = r.Title + " <" + r.URL + ">"
		}
		parts = append(parts, head+strings.Join(l, "; "))
	}
	links("Resources: ", s.Resources)
	links("Resources of "+pillarName(m, s.Pillar)+" · "+levelName(m, s.Level)+": ", cellRes)
	return strings.Join(parts, "\n")
}

func number(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

// levelName is the label of the level with value v ("300 Defined").
func levelName(m *model.Model, v int) string {
	if l, ok := m.Level(v); ok {
		return l.Label()
	}
	return strconv.Itoa(v)
}
