package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/output"
	"github.com/heat-tools/maturity/internal/render"
	"github.com/heat-tools/maturity/internal/resultjson"
	"github.com/heat-tools/maturity/internal/safetext"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
)

type scoreOptions struct {
	IO              *IO
	Inputs          []string
	Model           string
	Format          string
	Output          string
	MinLevel        []string // LEVEL, PILLAR=LEVEL or targets (targets.go)
	Target          []string // LEVEL or PILLAR=LEVEL (targets.go)
	Threshold       float64
	RequireComplete bool
	Strict          bool
	NoColor         bool
}

func scoreFormats() []string {
	return []string{"text", "json", "jsonl", "yaml", "markdown", "junit", "csv"}
}

// NewCmdScore builds `maturity score`.
func NewCmdScore(io *IO, runF func(*scoreOptions) error) *cobra.Command {
	opts := &scoreOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "score FILE...",
		Short: "Score answers files: the level reached and the gaps to the next",
		Long: `Score one or more answers files against their model.

Each FILE is an answers file, - for standard input, or a directory, which
means the *.yaml and *.yml files in it. The model is --model (an embedded
model id or a model file), else the one the answers file names.

Formats: text (default; with several inputs, one summary table), json (an
array with several inputs), jsonl (one compact JSON result per line), yaml,
markdown (for a CI step summary or a merge request comment), junit (one
testsuite per pillar, a failure per gap) and csv (one row per indicator).
Several inputs are scored in parallel; the output keeps their order.

The exit code is 1 when a result is below --min-level, and 2 when an input
cannot be read or is invalid (the other inputs are still scored).`,
		Example: `  maturity score answers.yaml
  maturity score --format json answers.yaml
  maturity score --min-level 300 answers.yaml      # exit 1 below 300 Defined
  maturity score --format junit -o maturity.xml answers.yaml
  maturity score --format jsonl assessments/       # one line per file
  maturity score --model my-model.yaml --target 400 answers.yaml
  cat answers.yaml | maturity score -`,
		Args: minArgs(1, "score needs at least one answers file", "maturity score answers.yaml, or - for standard input"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			if err := checkFormat(opts.Format, scoreFormats()); err != nil {
				return err
			}
			if err := checkThreshold(cmd, opts.Threshold); err != nil {
				return err
			}
			if err := checkLevelFlags(opts.Target, opts.MinLevel); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return scoreRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Model, "model", "m", "", "model: an embedded model id or a model file (default: the one the answers name)")
	f.StringVarP(&opts.Format, "format", "f", "text", "output format: "+strings.Join(scoreFormats(), ", "))
	f.StringVarP(&opts.Output, "output", "o", "", "write the result to `FILE` (atomically) instead of stdout")
	f.StringArrayVar(&opts.MinLevel, "min-level", nil, "exit 1 when the level is below this `LEVEL` (300 or Defined), a pillar below PILLAR=LEVEL, or with targets any pillar below its target; repeatable")
	f.StringArrayVar(&opts.Target, "target", nil, "list the gaps to this `LEVEL` (default: the next level), or for one pillar PILLAR=LEVEL; repeatable")
	f.Float64Var(&opts.Threshold, "threshold", 0, "coverage a level needs, in (0,1] (default: the model's, usually 1.0)")
	f.BoolVar(&opts.RequireComplete, "require-complete", false, "fail when any indicator is unanswered")
	f.BoolVar(&opts.Strict, "strict", false, "fail on an unknown top-level field in an answers file, instead of a warning")
	f.BoolVar(&opts.NoColor, "no-color", false, "no colour, even on a terminal")
	return cmd
}

// scored is one input and its result, or the error that stopped it.
type scored struct {
	name    string
	model   *model.Model
	answers *answers.File
	result  *score.Result
	err     error
	below   string        // where the result is below --min-level; "" when not
	options score.Options // how it was scored (targets), for the plan line
	stderr  []byte        // warnings to print, in input order, after scoring
	part    render.Part   // in a batch: this result, rendered by the worker
}

func scoreRun(opts *scoreOptions) error {
	inputs, err := expandInputs(opts.IO, opts.Inputs)
	if err != nil {
		return err
	}
	out, err := newDestination(opts.IO, opts.Output, inputs, opts.Model)
	if err != nil {
		return err
	}
	defer out.abort()
	w := bufio.NewWriterSize(out, 64<<10)
	var ok []scored
	var failed bool
	if len(inputs) > 1 {
		ok, failed, err = scoreBatch(opts, inputs, w)
	} else {
		ok, failed, err = scoreSingle(opts, inputs, w)
	}
	if err != nil {
		return err
	}
	if len(ok) > 0 {
		if err := w.Flush(); err != nil {
			return err
		}
		if err := out.commit(); err != nil {
			return err
		}
		out.wrote(render.Plural(len(ok), "result") + ", " + opts.Format)
	}
	if failed {
		return &reported{code: ExitError}
	}
	return checkMinLevel(opts, ok)
}

// scoreSingle scores one input and writes its result to w.
func scoreSingle(opts *scoreOptions, inputs []string, w io.Writer) (ok []scored, failed bool, err error) {
	failed, err = scoreInputs(opts, inputs, nil, func(r *scored) error {
		if r.err == nil {
			ok = append(ok, *r)
		}
		return nil
	})
	if err != nil || len(ok) == 0 {
		return ok, failed, err
	}
	return ok, failed, renderOne(w, opts, ok[0])
}

// scoreBatch scores several inputs and writes each result as soon as it
// and those before it are done (render.Batch), so that memory does not
// grow with the batch. ok keeps of each result only what --min-level reads.
func scoreBatch(opts *scoreOptions, inputs []string, w io.Writer) (ok []scored, failed bool, err error) {
	defer paceBatchGC(opts.IO)()
	var scratch *os.File
	if render.NeedsScratch(opts.Format) {
		if scratch, err = output.Scratch(); err != nil {
			return nil, false, fmt.Errorf("cannot make a scratch file for the batch: %w", unwrapPath(err))
		}
		defer scratch.Close()
	}
	color := opts.Output == "" && opts.IO.ColorOut(opts.NoColor)
	b, err := render.NewBatch(opts.Format, w, scratch, render.TextOptions{Color: color})
	if err != nil {
		return nil, false, err
	}
	failed, err = scoreInputs(opts, inputs, func(r *scored) {
		r.part, r.err = b.Prepare(render.Scored{Model: r.model, Answers: r.answers, Result: r.result})
		r.result = &score.Result{Input: score.InputInfo{File: r.result.Input.File}, Level: r.result.Level}
		r.model, r.answers = nil, nil
	}, func(r *scored) error {
		if r.err != nil {
			return nil
		}
		if err := b.Add(r.part); err != nil {
			return err
		}
		r.part = render.Part{}
		ok = append(ok, *r)
		return nil
	})
	if err != nil {
		return ok, failed, err
	}
	return ok, failed, b.Close()
}

// batchMemoryLimit paces the collector during a batch: the contract bounds a
// batch at 256 MiB whatever its size, and the limit leaves room for
// what the runtime holds outside the heap.
const batchMemoryLimit = 160 << 20

// paceBatchGC sets the collector for a batch, unless the user set GOGC or
// GOMEMLIMIT: a high GOGC, because a batch keeps little alive from one
// file to the next and the default collected every few dozen files, under
// a memory limit, so that a large file cannot make the heap grow five
// times its live size. It returns the function that puts both back.
func paceBatchGC(io *IO) (restore func()) {
	if io.Getenv("GOGC") != "" || io.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	limit := debug.SetMemoryLimit(batchMemoryLimit)
	gc := debug.SetGCPercent(400)
	return func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(limit)
	}
}

// scoreOne scores one input; a panic becomes an error naming the input, so
// that one file cannot stop a batch.
func scoreOne(opts *scoreOptions, io *IO, models *modelCache, name string) (s scored) {
	err := guard(name, func() error {
		s = scoreFile(opts, io, models, name)
		return nil
	})
	if err != nil {
		return scored{name: name, err: err}
	}
	return s
}

func scoreFile(opts *scoreOptions, io *IO, models *modelCache, name string) scored {
	f, m, err := loadAnswers(io, models, name, opts.Model, opts.Strict)
	if err != nil {
		return scored{name: name, err: err}
	}
	ml, err := parseMinLevel(m, opts.MinLevel)
	if err != nil {
		return scored{name: name, err: err}
	}
	sopt, err := targetOptions(m, opts.Target, score.Options{Threshold: opts.Threshold})
	if err != nil {
		return scored{name: name, err: err}
	}
	r, err := score.Score(m, f, sopt)
	if err != nil {
		return scored{name: name, err: err}
	}
	if opts.RequireComplete && len(r.Unanswered) > 0 {
		first := r.Unanswered
		if len(first) > 3 {
			first = first[:3]
		}
		more := ""
		if len(r.Unanswered) > 3 {
			more = ", …"
		}
		return scored{name: name, err: withHint(
			fmt.Errorf("%s: %d of %d indicators unanswered (%s%s)", safetext.Name(f.Name), len(r.Unanswered), r.Counts.Indicators, strings.Join(first, ", "), more),
			"answer them, or mark those that do not apply as na")}
	}
	below, err := ml.shortfalls(m, f, sopt, r)
	if err != nil {
		return scored{name: name, err: err}
	}
	return scored{name: name, model: m, answers: f, result: r, below: below, options: sopt}
}

// renderOne writes the result of a single input.
func renderOne(w io.Writer, opts *scoreOptions, r scored) error {
	full := []render.Scored{{Model: r.model, Answers: r.answers, Result: r.result}}
	switch opts.Format {
	case "json":
		return resultjson.Write(w, r.result)
	case "jsonl":
		_, err := w.Write(resultjson.Line(r.result))
		return err
	case "yaml":
		return render.YAML(w, r.result)
	case "markdown":
		return render.Markdown(w, full)
	case "junit":
		return render.JUnit(w, full)
	case "csv":
		return render.CSV(w, full, false)
	default:
		color := opts.Output == "" && opts.IO.ColorOut(opts.NoColor)
		return render.Text(w, r.model, r.result, render.TextOptions{Color: color, Width: opts.IO.TerminalWidth(), PlanLine: planLine(r)})
	}
}

func checkMinLevel(opts *scoreOptions, rs []scored) error {
	var below []string
	for _, r := range rs {
		if r.below != "" {
			below = append(below, r.below)
		}
	}
	if len(below) == 0 {
		return nil
	}
	return &findingError{msg: fmt.Sprintf("below --min-level %s: %s", strings.Join(opts.MinLevel, " "), strings.Join(below, "; "))}
}

func levelLabel(l score.LevelRef) string {
	return "level " + l.Label()
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
