package cli

import (
	"bytes"
	"strings"

	"github.com/spf13/cobra"

	"github.com/heat-tools/maturity/internal/plan"
	"github.com/heat-tools/maturity/internal/render"
	"github.com/heat-tools/maturity/internal/score"
)

type planOptions struct {
	IO        *IO
	Input     string
	Model     string
	Format    string
	Output    string
	Target    []string // LEVEL or PILLAR=LEVEL (targets.go)
	Threshold float64
	Strict    bool
	NoColor   bool
}

// NewCmdPlan builds `maturity plan`.
func NewCmdPlan(io *IO, runF func(*planOptions) error) *cobra.Command {
	opts := &planOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "plan FILE",
		Short: "The roadmap from where an answers file stands to its targets, phase by phase",
		Long: `Turn the gaps of an answers file into a plan: one phase per level to
reach, each holding the steps that raise every pillar aiming that high to
the phase's level, and saying why and what level and score it leads to.

A pillar aims at its target (--target PILLAR=LEVEL, else the file's
targets:, else --target LEVEL), else at the top level. Within a phase, a
step never comes before one it depends on; then come the pillars that hold
the overall level down, then impact × weight / effort, then model order.
With a threshold below 1, a phase holds only enough steps.

Formats: text (default), markdown (a checklist for an issue or a wiki),
json (maturity schema plan) and csv (one row per step; the key column is
the indicator id, so that a backlog import can be re-run without
duplicates).`,
		Example: `  maturity plan answers.yaml
  maturity plan answers.yaml --target secure-govern=400 --target 300
  maturity plan answers.yaml --format csv -o backlog.csv`,
		Args: exactArgs(1, "plan needs one answers file", "maturity plan answers.yaml"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Input = args[0]
			if err := checkFormat(opts.Format, render.PlanFormats()); err != nil {
				return err
			}
			if err := checkThreshold(cmd, opts.Threshold); err != nil {
				return err
			}
			if err := checkLevelFlags(opts.Target, nil); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return planRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Model, "model", "m", "", "model: an embedded model id or a model file (default: the one the answers name)")
	f.StringVarP(&opts.Format, "format", "f", "text", "output format: "+strings.Join(render.PlanFormats(), ", "))
	f.StringVarP(&opts.Output, "output", "o", "", "write the plan to `FILE` (atomically) instead of stdout")
	f.StringArrayVar(&opts.Target, "target", nil, "aim every pillar at this `LEVEL` (default: the top level), or one pillar with PILLAR=LEVEL; repeatable")
	f.Float64Var(&opts.Threshold, "threshold", 0, "coverage a level needs, in (0,1] (default: the model's, usually 1.0)")
	f.BoolVar(&opts.Strict, "strict", false, "fail on an unknown top-level field in the answers file, instead of a warning")
	f.BoolVar(&opts.NoColor, "no-color", false, "no colour, even on a terminal")
	return cmd
}

func planRun(opts *planOptions) error {
	out, err := newDestination(opts.IO, opts.Output, []string{opts.Input}, opts.Model)
	if err != nil {
		return err
	}
	defer out.abort()
	f, m, err := loadAnswers(opts.IO, newModelCache(opts.IO), opts.Input, opts.Model, opts.Strict)
	if err != nil {
		return err
	}
	sopt, err := targetOptions(m, opts.Target, score.Options{Threshold: opts.Threshold})
	if err != nil {
		return err
	}
	r, err := score.Score(m, f, sopt)
	if err != nil {
		return err
	}
	p, err := plan.Build(m, f, r, sopt)
	if err != nil {
		return err
	}
	color := opts.Output == "" && opts.IO.ColorOut(opts.NoColor)
	var buf bytes.Buffer
	if err := render.Plan(&buf, m, p, opts.Format, render.TextOptions{Color: color, Width: opts.IO.TerminalWidth()}); err != nil {
		return err
	}
	return writeOutput(out, buf.Bytes())
}

// planLine is the first phase of r's plan in one line, for the end of
// score's text when its gap list is long; "" when the list is short.
func planLine(r scored) string {
	if len(r.result.Gaps) <= render.LongGapList || r.answers == nil {
		return ""
	}
	p, err := plan.Build(r.model, r.answers, r.result, r.options)
	if err != nil {
		return ""
	}
	return render.PlanLine(p, "maturity plan "+shellArg(r.result.Input.File))
}
