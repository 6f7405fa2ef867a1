//go:build !noassess

package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/heat-tools/maturity/internal/answers"
	"github.com/heat-tools/maturity/internal/assess"
	"github.com/heat-tools/maturity/internal/dates"
	"github.com/heat-tools/maturity/internal/render"
	"github.com/heat-tools/maturity/internal/safetext"
	"github.com/heat-tools/maturity/internal/score"
	"github.com/heat-tools/maturity/model"
)

// AssessBuilt says whether this build has the interactive questionnaire; a
// build with -tags noassess leaves it (and its terminal libraries) out.
const AssessBuilt = true

type assessOptions struct {
	IO           *IO
	Output       string
	Model        string
	Pillars      []string
	Revisit      bool
	Accessible   bool
	AssessedAt   string
	Organization string
	Scope        string
	Respondent   string
	Targets      []string // PILLAR=LEVEL, recorded in the file's targets:
	NoColor      bool

	// Now is the clock for assessed_at; tests fix it.
	Now func() time.Time
	// Context ends the session as an interrupt would (SIGINT, SIGTERM,
	// SIGHUP in the real command).
	Context context.Context
}

// NewCmdAssess builds `maturity assess`.
func NewCmdAssess(io *IO, runF func(*assessOptions) error) *cobra.Command {
	opts := &assessOptions{IO: io, Now: clock(io)}
	cmd := &cobra.Command{
		Use:   "assess",
		Short: "Answer the questionnaire in the terminal, saving every answer at once",
		Long: `Ask the model's questions in the terminal: one page per pillar and level,
each indicator with the model's scale plus "Not applicable", and a note.

Every answer is written to FILE (default answers.yaml) the moment it is
given, atomically, so the file is complete and scorable at every moment.
A question passed without a choice stays unanswered. Shift+tab goes back
(to the previous page from a page's first question), ctrl+o shows every
page with its progress. The file is locked while the session runs, and a
change made to it by another program stops the session without writing
over it. Ctrl-C keeps what was answered, a note being typed too (exit
130); run the same command again to resume: pages fully answered are
skipped (--revisit asks them again) and earlier answers are the defaults.
At the end the result is printed as 'maturity score' prints it.

Without a terminal, use --accessible to answer line by line on standard
input (one line per question: a number, an id or a label such as yes or
"Not applicable", y or n, optionally followed by a note; an empty line
skips, ? shows help, < goes back), or 'maturity init' plus
'maturity score'.`,
		Example: `  maturity assess                          # writes or resumes answers.yaml
  maturity assess -o contoso.yaml --organization Contoso
  maturity assess --pillar design --pillar build-test   # part of a workshop
  maturity assess --model my-model.yaml -o team.yaml
  printf '1\n2 only finance\n' | maturity assess --accessible -o a.yaml`,
		Args: noArgs("name the answers file with -o, such as maturity assess -o answers.yaml"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Output == "" || opts.Output == "-" {
				return usagef("name the answers file with -o FILE", "-o needs a file: answers are saved to it as they are given")
			}
			if err := checkDate("assessed-at", opts.AssessedAt); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return assessRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Output, "output", "o", "answers.yaml", "the answers `FILE` to write, or to resume when it exists")
	f.StringVarP(&opts.Model, "model", "m", "", "model: an embedded model id or a model file (default: the one FILE names, else power-automate)")
	f.StringArrayVarP(&opts.Pillars, "pillar", "p", nil, "ask only this pillar `ID` (repeatable)")
	f.BoolVar(&opts.Revisit, "revisit", false, "ask fully answered pages again too")
	f.BoolVar(&opts.Accessible, "accessible", false, "plain line-by-line mode for screen readers and scripts: answers from stdin")
	f.StringVar(&opts.AssessedAt, "assessed-at", "", "date of the assessment, YYYY-MM-DD or RFC 3339 (default: today for a new file; kept on resume)")
	f.StringVar(&opts.Organization, "organization", "", "organization assessed")
	f.StringVar(&opts.Scope, "scope", "", "scope of the assessment, such as a team or programme")
	f.StringVar(&opts.Respondent, "respondent", "", "who answers")
	f.StringArrayVar(&opts.Targets, "target", nil, "record the level a pillar aims for in the file's targets: `PILLAR=LEVEL` (a level value or name; repeatable)")
	f.BoolVar(&opts.NoColor, "no-color", false, "no colour in the result")
	return cmd
}

// clock is SOURCE_DATE_EPOCH when it is set (reproducible runs, tests),
// else the time now.
func clock(io *IO) func() time.Time {
	return func() time.Time {
		// Dates a new answers file: SOURCE_DATE_EPOCH when set and valid
		// (report refuses an invalid one; here it falls back), else the
		// local date.
		if io.Getenv("SOURCE_DATE_EPOCH") != "" {
			if t, err := generationTime(io.Getenv, time.Now); err == nil {
				return t
			}
		}
		return time.Now()
	}
}

func assessRun(opts *assessOptions) error {
	io := opts.IO
	if !opts.Accessible && !(io.InTTY && io.ErrTTY) {
		return usagef("run 'maturity init' and fill in the file, then 'maturity score FILE'; or pass --accessible to answer line by line on stdin",
			"assess needs a terminal on stdin and stderr")
	}
	// The answers file is read and written on purpose (it resumes); only a
	// model file may not be it.
	if _, err := newDestination(io, opts.Output, nil, opts.Model); err != nil {
		return err
	}
	// Locked before it is read, so that no other session writes it
	// between our reading and our first save. Saves (and the copy of our
	// version kept when the file changed outside) go through the one
	// output writer.
	store, err := assess.OpenStore(opts.Output, func(path string, data []byte) error {
		out, err := newDestination(io, path, nil)
		if err != nil {
			return err
		}
		return writeReadable(out, data)
	})
	if err != nil {
		var inUse *assess.InUseError
		if errors.As(err, &inUse) {
			// The lock dies with its process, so it is never stale.
			return withHint(err, "finish or stop the other session first, then run this command again")
		}
		return err
	}
	defer store.Close()
	f, m, err := openAnswers(opts)
	if err != nil {
		return err
	}
	save := func(f *answers.File) error {
		return store.Save(f) // a write error names the file already
	}
	s, err := assess.New(m, f, opts.Pillars, save)
	if err != nil {
		var up *assess.UnknownPillarError
		if errors.As(err, &up) {
			return usagef("pillars of "+m.ID+": "+strings.Join(up.Known, ", "), "--pillar: %s", err)
		}
		return err
	}
	// The file exists, complete and scorable, before the first question.
	if err := s.Save(); err != nil {
		return err
	}

	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	pages := s.Todo(opts.Revisit)
	status := fmt.Sprintf("Each answer is saved to %s at once · ctrl+c stops · run again to resume", opts.Output)
	if opts.Accessible {
		if len(pages) > 0 {
			fmt.Fprintf(io.Err, "Answers are saved to %s as you go; Ctrl-C or the end of input stops, the same command resumes.\n", opts.Output)
		}
		ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
		defer stop()
		err = assess.Prompt(ctx, s, pages, assess.NewLines(io.In), io.Err, !io.InTTY)
	} else if len(pages) > 0 {
		// SIGINT and SIGTERM are bubbletea's; a closed terminal (SIGHUP)
		// ends the program the same way.
		ctx, stop := signal.NotifyContext(ctx, syscall.SIGHUP)
		defer stop()
		err = assess.Run(ctx, s, assess.RunOptions{In: io.In, Out: io.Screen, Status: status, Revisit: opts.Revisit})
	}
	if err != nil {
		if errors.Is(err, assess.ErrInterrupted) {
			return &interruptError{
				msg:  fmt.Sprintf("interrupted: %d of %d answers saved in %s", s.Answered(), s.Total, opts.Output),
				hint: resumeCommand(opts) + " to resume",
			}
		}
		var (
			changed *assess.ChangedError
			small   *assess.TooSmallError
		)
		if errors.As(err, &small) {
			return withHint(err, "enlarge the terminal and run the command again, or answer line by line with --accessible")
		}
		if errors.As(err, &changed) {
			return withHint(err, "compare them with 'maturity diff "+shellQuote(changed.Path)+" "+shellQuote(changed.Mine)+"', keep what is right in "+shellQuote(changed.Path)+", then "+resumeCommand(opts))
		}
		return withHint(err, "the answers given so far are in "+opts.Output+"; "+resumeCommand(opts)+" resumes")
	}

	r, err := score.Score(m, f, score.Options{})
	if err != nil {
		return err
	}
	color := io.ColorOut(opts.NoColor)
	if err := render.Text(stdout(io), m, r, render.TextOptions{Color: color, Width: io.TerminalWidth()}); err != nil {
		return err
	}
	fmt.Fprintf(io.Err, "Answers saved in %s: %d of %d answered.\n", opts.Output, s.Answered(), s.Total)
	return nil
}

// openAnswers resumes FILE when it exists, else starts a new one; header
// fields given as flags replace those in the file.
func openAnswers(opts *assessOptions) (*answers.File, *model.Model, error) {
	var (
		f *answers.File
		m *model.Model
	)
	if _, err := os.Stat(opts.Output); err == nil {
		var err error
		f, m, err = loadAnswers(opts.IO, newModelCache(opts.IO), opts.Output, opts.Model, false)
		if err != nil {
			return nil, nil, err
		}
	} else if errors.Is(err, fs.ErrNotExist) {
		var err error
		m, err = loadModel(opts.IO, opts.Model)
		if err != nil {
			return nil, nil, err
		}
		ref, _ := modelRefFor(opts.Output, opts.Model, m.ID)
		f = &answers.File{Name: opts.Output, Model: ref}
	} else {
		return nil, nil, fmt.Errorf("%s: %w", safetext.Name(opts.Output), unwrapPath(err))
	}
	f.ModelVersion = m.Version
	switch {
	case opts.AssessedAt != "":
		f.AssessedAt = opts.AssessedAt
	case f.AssessedAt == "":
		f.AssessedAt = dates.Day(opts.Now())
	}
	for _, kv := range []struct {
		dst *string
		v   string
	}{{&f.Organization, opts.Organization}, {&f.Scope, opts.Scope}, {&f.Respondent, opts.Respondent}} {
		if kv.v != "" {
			*kv.dst = kv.v
		}
	}
	for _, v := range opts.Targets {
		pillar, level, err := splitPillar(m, "target", v)
		if err != nil {
			return nil, nil, err
		}
		if pillar == "" {
			return nil, nil, usagef("name the pillar: --target PILLAR=LEVEL, such as --target "+m.Pillars[0].ID+"="+level,
				"--target %s: assess records a target per pillar", v)
		}
		value, err := resolveLevel(m, "target", level)
		if err != nil {
			return nil, nil, err
		}
		f.SetTarget(pillar, strconv.Itoa(value))
	}
	return f, m, nil
}

// resumeCommand is the command line that continues this session.
func resumeCommand(opts *assessOptions) string {
	parts := []string{"maturity assess -o", shellQuote(opts.Output)}
	if opts.Model != "" {
		parts = append(parts, "--model", shellQuote(opts.Model))
	}
	for _, p := range opts.Pillars {
		parts = append(parts, "--pillar", shellQuote(p))
	}
	if opts.Accessible {
		parts = append(parts, "--accessible")
	}
	return strings.Join(parts, " ")
}

func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@+,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
