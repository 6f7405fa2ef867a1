package cli

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"github.com/heat-tools/maturity/internal/safetext"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/spf13/cobra"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/render"
	"github.com/heat-tools/maturity/internal/resultjson"
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
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(scoreFormats(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// scored is one input and its result, or the error that stopped it.
type scored struct {
	name    string
	model   *model.Model
	answers *answers.File
	result  *score.Result
	err     error
	stderr  []byte // warnings to print, in input order, after scoring
	below   string // where the result is below --min-level; "" when not
	options score.Options
	chunk   []byte   // this result's part of the output, when made by the worker
	row     []string // this result's line of the text summary, likewise
}

func scoreRun(opts *scoreOptions) error {
	inputs, err := expandInputs(opts.Inputs)
	if err != nil {
		return err
	}
	batch := len(inputs) > 1
	if batch && opts.IO.Getenv("GOGC") == "" {
		// A batch keeps little alive from one file to the next, so with the
		// default GOGC the collector ran every few dozen files; at 400 a
		// batch is about 15% faster and its heap stays under 100 MB
		// (docs/benchmarks.md).
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	out, err := newDestination(opts.IO, opts.Output, inputs, opts.Model)
	if err != nil {
		return err
	}
	defer out.abort()
	w := bufio.NewWriterSize(out, 64<<10)

	// json and jsonl batches are written as each file is scored, in input
	// order; the other formats need every result first.
	stream := opts.Format == "jsonl" || opts.Format == "json" && batch
	list := &resultjson.ListWriter{W: w}
	var ok []scored
	failed, err := scoreInputs(opts, inputs, func(r *scored) {
		prerender(opts.Format, batch, r)
	}, func(r *scored) error {
		if r.err != nil {
			return nil
		}
		if stream {
			var err error
			if opts.Format == "json" {
				err = list.Item(r.chunk)
			} else {
				_, err = w.Write(r.chunk)
			}
			if err != nil {
				return err
			}
			r.chunk = nil
		}
		ok = append(ok, *r)
		return nil
	})
	if err != nil {
		return err
	}

	if len(ok) > 0 {
		switch {
		case stream && opts.Format == "json":
			err = list.Close()
		case !stream:
			err = renderTo(w, opts, ok, batch)
		}
		if err == nil {
			err = w.Flush()
		}
		if err == nil {
			err = out.commit()
		}
		if err != nil {
			return err
		}
	}
	if failed {
		return &reported{code: ExitError}
	}
	return checkMinLevel(opts, ok)
}

// scoreInputs scores every input in parallel and passes each result to
// emit in input order, after printing the input's warnings and error.
// post, when not nil, runs in the worker after a successful score. failed
// says whether any input failed; err is emit's error, which stops the run.
func scoreInputs(opts *scoreOptions, inputs []string, post func(*scored), emit func(*scored) error) (failed bool, err error) {
	models := newModelCache(opts.IO)
	err = scoreAll(inputs, runtime.GOMAXPROCS(0), func(name string) scored {
		// Each input gets its own stderr buffer, so that warnings from
		// parallel workers come out whole and in input order.
		var errBuf bytes.Buffer
		io := *opts.IO
		io.Err = &errBuf
		r := scoreOne(opts, &io, models, name)
		r.stderr = errBuf.Bytes()
		if r.err == nil && post != nil {
			post(&r)
		}
		return r
	}, func(r *scored) error {
		opts.IO.Err.Write(r.stderr)
		if r.err != nil {
			failed = true
			printError(opts.IO.Err, r.err)
		}
		return emit(r)
	})
	return failed, err
}

// scoreAll runs one over every input with up to workers goroutines and
// passes each result to emit in input order, as soon as it and those
// before it are done. Workers stay at most a few dozen results ahead of
// emit, so a batch of any size holds few results in memory. An error from
// emit stops the workers taking inputs and is returned.
func scoreAll(inputs []string, workers int, one func(string) scored, emit func(*scored) error) error {
	workers = min(workers, len(inputs))
	if workers <= 1 {
		for _, name := range inputs {
			r := one(name)
			if err := emit(&r); err != nil {
				return err
			}
		}
		return nil
	}
	results := make([]scored, len(inputs))
	done := make([]chan struct{}, len(inputs))
	for i := range done {
		done[i] = make(chan struct{})
	}
	ahead := make(chan struct{}, 16*workers) // results made and not yet emitted
	quit := make(chan struct{})
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				select {
				case <-quit:
					return
				case ahead <- struct{}{}:
				}
				i := int(next.Add(1)) - 1
				if i >= len(inputs) {
					return
				}
				results[i] = one(inputs[i])
				close(done[i])
			}
		})
	}
	var err error
	for i := range inputs {
		<-done[i]
		if err = emit(&results[i]); err != nil {
			break
		}
		results[i] = scored{}
		<-ahead
	}
	close(quit)
	wg.Wait()
	return err
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
	return scored{name: name, model: m, answers: f, result: r, below: ml.shortfalls(m, r), options: sopt}
}

// prerender does in the worker what can be done per input: the JSON of
// one result for json and jsonl batches, the summary line for text, so
// that big batches render in parallel. It also drops what the format will
// not show, which keeps a big batch's memory small.
func prerender(format string, batch bool, r *scored) {
	switch {
	case format == "jsonl":
		r.chunk = resultjson.Line(r.result)
	case format == "json" && batch:
		r.chunk = resultjson.ListItem(r.result)
	case format == "text" && batch:
		r.row = render.SummaryRow(r.result)
	}
	if r.chunk != nil || r.row != nil {
		// Only --min-level needs the result now: keep what it reads.
		r.result = &score.Result{Input: score.InputInfo{File: r.result.Input.File}, Level: r.result.Level}
		r.model, r.answers = nil, nil
	}
	if format == "json" || format == "yaml" {
		r.answers = nil // shown from the result alone
	}
}

func renderTo(w io.Writer, opts *scoreOptions, rs []scored, batch bool) error {
	list := make([]*score.Result, len(rs))
	full := make([]render.Scored, len(rs))
	for i, r := range rs {
		list[i] = r.result
		full[i] = render.Scored{Model: r.model, Answers: r.answers, Result: r.result}
	}
	color := opts.Output == "" && opts.IO.ColorOut(opts.NoColor)
	switch opts.Format {
	case "json":
		return resultjson.Write(w, list[0])
	case "yaml":
		if !batch {
			return render.YAML(w, list[0])
		}
		return render.YAMLList(w, list)
	case "markdown":
		return render.Markdown(w, full)
	case "junit":
		return render.JUnit(w, full)
	case "csv":
		return render.CSV(w, full, batch)
	default:
		if batch {
			rows := make([][]string, len(rs))
			for i, r := range rs {
				rows[i] = r.row
			}
			return render.SummaryTable(w, rows, render.TextOptions{Color: color})
		}
		for i, r := range rs {
			if i > 0 {
				fmt.Fprintln(w)
			}
			topt := render.TextOptions{Color: color, Width: opts.IO.TerminalWidth(), PlanLine: planLine(r)}
			if err := render.Text(w, r.model, r.result, topt); err != nil {
				return err
			}
		}
		return nil
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

func levelValues(m *model.Model) string {
	vs := make([]string, len(m.Levels))
	for i, l := range m.Levels {
		vs[i] = fmt.Sprint(l.Value)
	}
	return strings.Join(vs, ", ")
}

// expandInputs turns the arguments into files: "-" is stdin, a directory
// means its *.yaml and *.yml files, sorted.
func expandInputs(args []string) ([]string, error) {
	var out []string
	stdin := 0
	for _, a := range args {
		if a == "-" {
			stdin++
			if stdin > 1 {
				return nil, usagef("", "- (standard input) can be given only once")
			}
			out = append(out, a)
			continue
		}
		st, err := os.Stat(a)
		if err != nil || !st.IsDir() {
			out = append(out, a) // reading it reports any error with its name
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot read directory: %w", safetext.Name(a), errors.Unwrap(err))
		}
		var files []string
		for _, e := range entries {
			ext := strings.ToLower(filepath.Ext(e.Name()))
			if !e.IsDir() && (ext == ".yaml" || ext == ".yml") {
				files = append(files, filepath.Join(a, e.Name()))
			}
		}
		if len(files) == 0 {
			return nil, withHint(fmt.Errorf("%s: no *.yaml or *.yml files in this directory", safetext.Name(a)), "name answers files, or a directory that holds them")
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
