package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/merge"
	"github.com/heat-tools/maturity/internal/safetext"
	"github.com/heat-tools/maturity/model"
)

type mergeOptions struct {
	IO       *IO
	Inputs   []string
	Model    string
	Output   string
	Strategy string
	Strict   bool
}

// NewCmdMerge builds `maturity merge`.
func NewCmdMerge(io *IO, runF func(*mergeOptions) error) *cobra.Command {
	opts := &mergeOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "merge FILE... -o OUT",
		Short: "Merge several respondents' answers files into one",
		Long: `Merge answers files from several respondents into one answers file.

For each indicator the merged answer is chosen by --strategy, over the
answers ordered by their scale score: min (the lowest), median (the middle
one; the lower of the two middles for an even count) or max (the highest).
A respondent's na loses to any answer under min and max; under median, na
wins only when more than half of the answers are na. Unanswered
indicators are left out of the choice.

Every respondent's answer and note is kept in the merged file, under
responses, attributed to the file's respondent (else its file name).
Every disagreement (two different answers, na against an answer included)
is listed on standard error and as a comment in the merged file.

OUT is written atomically and replaced if it exists; it may not be one of
the inputs. -o - writes to standard output.`,
		Example: `  maturity merge ana.yaml ben.yaml cleo.yaml -o team.yaml
  maturity merge --strategy min answers/ -o cautious.yaml
  maturity merge a.yaml b.yaml -o - | maturity score -`,
		Args: minArgs(1, "merge needs the answers files of the respondents", "maturity merge ana.yaml ben.yaml -o team.yaml"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			if !slices.Contains(merge.Strategies(), opts.Strategy) {
				return usagef("strategies: "+strings.Join(merge.Strategies(), ", "), "unknown strategy %q", opts.Strategy)
			}
			if opts.Output == "" {
				return usagef("name the merged file to write, such as -o merged.yaml, or -o - for standard output", "-o OUT is required")
			}
			if runF != nil {
				return runF(opts)
			}
			return mergeRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Model, "model", "m", "", "model: an embedded model id or a model file (default: the one the answers name)")
	f.StringVarP(&opts.Output, "output", "o", "", "the merged answers `FILE` to write (required); - for stdout")
	f.BoolVar(&opts.Strict, "strict", false, "fail on an unknown top-level field in an input, instead of a warning")
	f.StringVar(&opts.Strategy, "strategy", string(merge.Median), "how answers combine: "+strings.Join(merge.Strategies(), ", "))
	return cmd
}

func mergeRun(opts *mergeOptions) error {
	inputs, err := expandInputs(opts.IO, opts.Inputs)
	if err != nil {
		return err
	}
	if len(inputs) < 2 {
		return usagef("name two or more answers files, or a directory of them", "merge needs at least two answers files, got %d", len(inputs))
	}
	out, err := newDestination(opts.IO, opts.Output, inputs, opts.Model)
	if err != nil {
		return err
	}
	models := newModelCache(opts.IO)
	var files []*answers.File
	var m *model.Model
	failed := false
	for _, name := range inputs {
		f, fm, err := loadAnswers(opts.IO, models, name, opts.Model, opts.Strict)
		if err != nil {
			printError(opts.IO.Err, err)
			failed = true
			continue
		}
		if m != nil && fm.ID != m.ID {
			printError(opts.IO.Err, withHint(fmt.Errorf("%s: answers are for model %s, the others for %s", safetext.Name(f.Name), fm.ID, m.ID), "merge answers for one model only"))
			failed = true
			continue
		}
		if m == nil {
			m = fm
		}
		files = append(files, f)
	}
	if failed {
		return &reported{code: ExitError}
	}

	res, err := merge.Merge(m, files, merge.Strategy(opts.Strategy))
	if err != nil {
		return err
	}
	// Answers that name their model file by its path keep doing so, from
	// the merged file, so that it scores without --model as they do.
	if path, ok := modelFileOf(files[0]); ok {
		if rel, ok := relativeModelPath(opts.Output, path); ok {
			res.File.Model = rel
		}
	}
	data, err := answers.EncodeComments(res.File, res.Comments)
	if err != nil {
		return err
	}
	printDisagreements(opts, res)
	if err := writeReadable(out, data); err != nil {
		return err
	}
	if opts.Output != "-" {
		fmt.Fprintf(opts.IO.Err, "Wrote %s: %d respondents merged (%s), %d answers, %d disagreements.\n",
			opts.Output, len(res.Respondents), opts.Strategy, len(res.File.Entries), len(res.Disagreements))
	}
	return nil
}

func printDisagreements(opts *mergeOptions, res *merge.Result) {
	w := opts.IO.Err
	if len(res.Disagreements) == 0 {
		fmt.Fprintf(w, "No disagreements among %d respondents: %s.\n", len(res.Respondents), strings.Join(res.Respondents, ", "))
		return
	}
	fmt.Fprintf(w, "%d disagreements among %d respondents (%s):\n", len(res.Disagreements), len(res.Respondents), strings.Join(res.Respondents, ", "))
	idW, sumW := 0, 0
	for _, d := range res.Disagreements {
		idW = max(idW, len(d.ID))
		sumW = max(sumW, len([]rune(d.Summary())))
	}
	for _, d := range res.Disagreements {
		merged := d.Merged
		if merged == "" {
			merged = "unanswered"
		}
		sum := d.Summary()
		fmt.Fprintf(w, "  %-*s  %s%s  %s → %s\n", idW, d.ID, sum, strings.Repeat(" ", sumW-len([]rune(sum))), d.Answers(), merged)
	}
}
