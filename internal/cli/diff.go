package cli

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/history"
	"github.com/heat-tools/maturity/internal/render"
	"github.com/heat-tools/maturity/internal/resultjson"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/internal/yamlx"
)

type diffOptions struct {
	IO               *IO
	Old, New         string
	Model            string
	OldModel         string
	NewModel         string
	Format           string
	Output           string
	Target           string // a level value or name (resolveLevel)
	Threshold        float64
	FailOnRegression bool
	NoColor          bool
}

func diffFormats() []string { return []string{"text", "json", "markdown"} }

// NewCmdDiff builds `maturity diff`.
func NewCmdDiff(io *IO, runF func(*diffOptions) error) *cobra.Command {
	opts := &diffOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Compare two assessments: levels, scores, answers and notes that changed",
		Long: `Compare two assessments, each an answers file or a JSON result of
maturity score --format json.

Shows the overall and per-pillar level and score before and after, the
indicators gained (now yes, before not), lost (before yes, now not) and
changed (any other change of answer), and the notes that changed, grouped
by pillar. A JSON result does not hold every answer, so with one the
indicator detail is limited to the answer counts, the unanswered list and
the gaps.

Each answers file is scored against the model it names, or --model, or
--old-model / --new-model for one side. When the model versions differ,
indicators only one side has are listed as removed or added; answers to
ids the model no longer has are left out of scoring with a warning.

With --fail-on-regression the exit code is 1 when the overall level or any
pillar's level went down.`,
		Example: `  maturity diff q1.yaml q2.yaml
  maturity diff --format markdown main.yaml branch.yaml > comment.md
  maturity diff --fail-on-regression last.json answers.yaml
  maturity diff --old-model model-v1.yaml --new-model model-v2.yaml old.yaml new.yaml`,
		Args: exactArgs(2, "diff needs two answers files, the old and the new", "maturity diff old.yaml new.yaml"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old, opts.New = args[0], args[1]
			if err := checkFormat(opts.Format, diffFormats()); err != nil {
				return err
			}
			if err := checkThreshold(cmd, opts.Threshold); err != nil {
				return err
			}
			if opts.Old == "-" && opts.New == "-" {
				return usagef("", "- (standard input) can be given only once")
			}
			if runF != nil {
				return runF(opts)
			}
			return diffRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Model, "model", "m", "", "model for both sides: an embedded model id or a model file (default: the one each file names)")
	f.StringVar(&opts.OldModel, "old-model", "", "model for OLD only (overrides --model)")
	f.StringVar(&opts.NewModel, "new-model", "", "model for NEW only (overrides --model)")
	f.StringVarP(&opts.Format, "format", "f", "text", "output format: "+strings.Join(diffFormats(), ", "))
	f.StringVarP(&opts.Output, "output", "o", "", "write the diff to `FILE` (atomically) instead of stdout")
	f.StringVar(&opts.Target, "target", "", "score both against this target `LEVEL`, a value or name (gaps only)")
	f.Float64Var(&opts.Threshold, "threshold", 0, "coverage a level needs, in (0,1] (default: the model's)")
	f.BoolVar(&opts.FailOnRegression, "fail-on-regression", false, "exit 1 when the overall level or any pillar level went down")
	f.BoolVar(&opts.NoColor, "no-color", false, "no colour, even on a terminal")
	return cmd
}

func diffRun(opts *diffOptions) error {
	out, err := newDestination(opts.IO, opts.Output, []string{opts.Old, opts.New}, opts.Model, opts.OldModel, opts.NewModel)
	if err != nil {
		return err
	}
	models := newModelCache(opts.IO)
	sopt := score.Options{Threshold: opts.Threshold}
	oldSpec, newSpec := opts.Model, opts.Model
	if opts.OldModel != "" {
		oldSpec = opts.OldModel
	}
	if opts.NewModel != "" {
		newSpec = opts.NewModel
	}
	old, err := loadAssessment(opts.IO, models, opts.Old, oldSpec, opts.Target, sopt)
	if err != nil {
		return err
	}
	nw, err := loadAssessment(opts.IO, models, opts.New, newSpec, opts.Target, sopt)
	if err != nil {
		return err
	}
	d := history.Compare(old, nw)

	var buf bytes.Buffer
	switch opts.Format {
	case "json":
		err = render.DiffJSON(&buf, d)
	case "markdown":
		err = render.DiffMarkdown(&buf, d)
	default:
		width := 0
		if opts.Output == "" {
			width = opts.IO.TerminalWidth()
		}
		err = render.DiffText(&buf, d, opts.Output == "" && opts.IO.ColorOut(opts.NoColor), width)
	}
	if err != nil {
		return err
	}
	if err := writeOutput(out, buf.Bytes()); err != nil {
		return err
	}
	out.wrote(opts.Format + " diff")
	if opts.FailOnRegression && d.Regression {
		return &findingError{msg: "regression: " + strings.Join(d.Regressions, "; ")}
	}
	return nil
}

// loadAssessment reads one side of a diff or trend: a JSON result (its
// first non-space character is '{') taken as it is, or an answers file
// scored against modelSpec, else the model it names, with the gaps to
// target (a level flag's value, resolved against that model).
//
// An answers file written for another version of its model (model_version
// differs) may answer indicators the model no longer has: those answers
// are set aside in Side.Unknown with a warning instead of failing. In a
// file for the same version, an unknown id is still an error.
func loadAssessment(io *IO, models *modelCache, name, modelSpec, target string, sopt score.Options) (history.Side, error) {
	data, err := yamlx.ReadFile(name, io.In)
	if err != nil {
		return history.Side{}, err
	}
	display := yamlx.DisplayName(name)
	if resultjson.IsJSON(data) {
		r, err := resultjson.Parse(display, data)
		if err != nil {
			return history.Side{}, err
		}
		return history.Side{Result: r}, nil
	}
	f, m, err := parseAnswers(models, display, data, modelSpec)
	if err != nil {
		return history.Side{}, err
	}
	_ = checkUnknownFields(io, f, false) // only warns: diff has no --strict
	var unknown []answers.Entry
	if f.ModelVersion != "" && f.ModelVersion != m.Version {
		// Another version of the model: answers to indicators it no longer
		// has are listed as removed, not refused.
		f, unknown = answers.SplitUnknown(f, m)
		fmt.Fprintf(io.Err, "maturity: warning: %s\n", answers.VersionWarning(f, m))
		if len(unknown) > 0 {
			ids := make([]string, len(unknown))
			for i, e := range unknown {
				ids[i] = e.ID
			}
			what := "answers to indicators"
			if len(unknown) == 1 {
				what = "answer to an indicator"
			}
			fmt.Fprintf(io.Err, "maturity: warning: %s: %d %s not in %s %s, left out of scoring: %s\n",
				f.Name, len(unknown), what, m.ID, m.Version, strings.Join(ids, ", "))
		}
	}
	if err := answers.Check(f, m); err != nil {
		return history.Side{}, err
	}
	if sopt.Target, err = resolveLevel(m, "target", target); err != nil {
		return history.Side{}, err
	}
	r, err := score.Score(m, f, sopt)
	if err != nil {
		return history.Side{}, err
	}
	return history.Side{Model: m, File: f, Result: r, Unknown: unknown}, nil
}
