package cli

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/heat-tools/maturity/internal/render"
	"github.com/heat-tools/maturity/internal/score"
)

type reportOptions struct {
	IO        *IO
	Inputs    []string
	Model     string
	Format    string
	Output    string
	Target    []string
	Threshold float64
	// Now is the clock for the generation time when SOURCE_DATE_EPOCH is
	// not set; tests replace it.
	Now func() time.Time
}

func reportFormats() []string { return []string{"html", "markdown"} }

// NewCmdReport builds `maturity report`.
func NewCmdReport(io *IO, runF func(*reportOptions) error) *cobra.Command {
	opts := &reportOptions{IO: io, Now: time.Now}
	cmd := &cobra.Command{
		Use:   "report FILE...",
		Short: "Write the assessment report: level, grid, chart, gaps, notes and trend",
		Long: `Write the report to hand over after an assessment: the level and what it
means, a pillar × level grid coloured by coverage, a chart of the pillar
scores, the gaps to the next level with their resources, and every note
and its evidence.

With several answers files (or a directory of them), they are ordered by
assessed_at, then file name; the report is about the latest, and adds the
score trend and the change since the previous assessment.

--format html (the default) is one self-contained page: inline CSS and SVG,
no scripts, nothing loaded from elsewhere, ready to print. --format
markdown suits a wiki or a merge request. The report goes to -o FILE
(written atomically), or to stdout without -o. The generation time is the
current time, or SOURCE_DATE_EPOCH when set, so that the same inputs give
the same bytes.`,
		Example: `  maturity report answers.yaml -o report.html
  maturity report q1.yaml q2.yaml q3.yaml -o report.html   # with the trend
  maturity report assessments/ --format markdown -o REPORT.md`,
		Args: minArgs(1, "report needs at least one answers file", "maturity report answers.yaml -o report.html"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			if err := checkFormat(opts.Format, reportFormats()); err != nil {
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
			return reportRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Model, "model", "m", "", "model: an embedded model id or a model file (default: the one the answers name)")
	f.StringVarP(&opts.Format, "format", "f", "html", "report format: "+strings.Join(reportFormats(), ", "))
	f.StringVarP(&opts.Output, "output", "o", "", "write the report to `FILE` (atomically) instead of stdout")
	f.StringArrayVar(&opts.Target, "target", nil, "plan to this `LEVEL` (default: the top level), or for one pillar PILLAR=LEVEL; repeatable")
	f.Float64Var(&opts.Threshold, "threshold", 0, "coverage a level needs, in (0,1] (default: the model's, usually 1.0)")
	return cmd
}

func reportRun(opts *reportOptions) error {
	generated, err := generationTime(opts.IO.Getenv, opts.Now)
	if err != nil {
		return err
	}
	inputs, err := expandInputs(opts.IO, opts.Inputs)
	if err != nil {
		return err
	}
	out, err := newDestination(opts.IO, opts.Output, inputs, opts.Model)
	if err != nil {
		return err
	}
	sopts := &scoreOptions{IO: opts.IO, Model: opts.Model, Target: opts.Target, Threshold: opts.Threshold}
	var results []scored
	failed, err := scoreInputs(sopts, inputs, nil, func(r *scored) error {
		results = append(results, *r)
		return nil
	})
	if err != nil {
		return err
	}
	if failed {
		// A report that silently leaves out an assessment would mislead.
		return &reported{code: ExitError}
	}

	list := make([]render.Scored, len(results))
	for i, r := range results {
		list[i] = render.Scored{Model: r.model, Answers: r.answers, Result: r.result, Options: r.options}
		if r.model.ID != list[0].Model.ID {
			return withHint(fmt.Errorf("%s is for model %s, but %s is for %s: one report covers one model",
				r.result.Input.File, r.model.ID, list[0].Result.Input.File, list[0].Model.ID),
				"report on the files of each model separately")
		}
	}
	score.OrderByDate(list, func(s render.Scored) score.InputInfo { return s.Result.Input })

	ropts := render.ReportOptions{Generated: generated, Version: versionNumber()}
	var buf bytes.Buffer
	switch opts.Format {
	case "markdown":
		err = render.MarkdownReport(&buf, list, ropts)
	default:
		err = render.HTMLReport(&buf, list, ropts)
	}
	if err != nil {
		return err
	}
	if err := writeOutput(out, buf.Bytes()); err != nil {
		return err
	}
	out.wrote(fmt.Sprintf("%s report of %s", opts.Format, render.Plural(len(list), "assessment")))
	return nil
}

// generationTime is SOURCE_DATE_EPOCH (seconds since 1970, UTC) when set,
// else now.
func generationTime(getenv func(string) string, now func() time.Time) (time.Time, error) {
	s := getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return now().UTC(), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, usagef("set it to a number of seconds since 1970-01-01 UTC, or unset it", "SOURCE_DATE_EPOCH %q is not a number of seconds", s)
	}
	return time.Unix(n, 0).UTC(), nil
}
