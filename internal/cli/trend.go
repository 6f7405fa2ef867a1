package cli

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/heat-tools/maturity/internal/history"
	"github.com/heat-tools/maturity/internal/render"
	"github.com/heat-tools/maturity/internal/score"
)

type trendOptions struct {
	IO        *IO
	Inputs    []string
	Model     string
	Format    string
	Output    string
	Threshold float64
}

func trendFormats() []string { return []string{"text", "json", "csv", "markdown"} }

// NewCmdTrend builds `maturity trend`.
func NewCmdTrend(io *IO, runF func(*trendOptions) error) *cobra.Command {
	opts := &trendOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "trend FILE...",
		Short: "Show the overall and per-pillar scores over time",
		Long: `Show how assessments changed over time: one row per file, ordered by
assessed_at and then by file name, with the overall level and score and
each pillar's score. Files without assessed_at come last, by file name,
with a warning.

Each FILE is an answers file (scored like maturity score does), a JSON
result of maturity score --format json, - for standard input, or a
directory of *.yaml and *.yml files. On a terminal, a sparkline per
series (the overall score and each pillar) follows the table.`,
		Example: `  maturity trend assessments/
  maturity trend q1.yaml q2.yaml q3.yaml --format csv > trend.csv
  maturity trend --format markdown assessments/*.yaml`,
		Args: minArgs(1, "trend needs the answers files to compare over time", "maturity trend q1.yaml q2.yaml, or a directory of them"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			if err := checkFormat(opts.Format, trendFormats()); err != nil {
				return err
			}
			if err := checkThreshold(cmd, opts.Threshold); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return trendRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Model, "model", "m", "", "model: an embedded model id or a model file (default: the one each file names)")
	f.StringVarP(&opts.Format, "format", "f", "text", "output format: "+strings.Join(trendFormats(), ", "))
	f.StringVarP(&opts.Output, "output", "o", "", "write the trend to `FILE` (atomically) instead of stdout")
	f.Float64Var(&opts.Threshold, "threshold", 0, "coverage a level needs, in (0,1] (default: the model's)")
	return cmd
}

func trendRun(opts *trendOptions) error {
	inputs, err := expandInputs(opts.IO, opts.Inputs)
	if err != nil {
		return err
	}
	out, err := newDestination(opts.IO, opts.Output, inputs, opts.Model)
	if err != nil {
		return err
	}
	models := newModelCache(opts.IO)
	var results []*score.Result
	failed := false
	for _, name := range inputs {
		side, err := loadAssessment(opts.IO, models, name, opts.Model, "", score.Options{Threshold: opts.Threshold})
		if err != nil {
			printError(opts.IO.Err, err)
			failed = true
			continue
		}
		results = append(results, side.Result)
	}
	if failed {
		return &reported{code: ExitError}
	}
	points, undated := history.Trend(results)
	if len(undated) > 0 {
		printOne(opts.IO.Err, "warning: no assessed_at in "+strings.Join(undated, ", ")+"; listed last, by file name", "")
	}
	var buf bytes.Buffer
	switch opts.Format {
	case "json":
		err = render.TrendJSON(&buf, points)
	case "csv":
		err = render.TrendCSV(&buf, points)
	case "markdown":
		err = render.TrendMarkdown(&buf, points)
	default:
		sparklines := opts.Output == "" && opts.IO.OutTTY && opts.IO.Getenv("TERM") != "dumb"
		width := 0
		if opts.Output == "" {
			width = opts.IO.TerminalWidth()
		}
		err = render.TrendText(&buf, points, sparklines, width)
	}
	if err != nil {
		return err
	}
	if err := writeOutput(out, buf.Bytes()); err != nil {
		return err
	}
	out.wrote(fmt.Sprintf("%s trend of %s", opts.Format, render.Plural(len(results), "assessment")))
	return nil
}
