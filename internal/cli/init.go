package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/heat-tools/maturity/internal/answers"
)

type initOptions struct {
	IO           *IO
	Model        string
	Output       string
	Force        bool
	Organization string
	Scope        string
	Respondent   string
	AssessedAt   string
}

// NewCmdInit builds `maturity init`.
func NewCmdInit(io *IO, runF func(*initOptions) error) *cobra.Command {
	opts := &initOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Write an answers template: every indicator, unanswered, with its text",
		Long: `Write an answers file with every indicator of the model present and
unanswered, each with its text as a comment, to fill in with an editor and
then score. An existing file is never replaced without --force; -o - prints
the template.`,
		Example: `  maturity init                            # writes answers.yaml
  maturity init -o q3.yaml --organization Contoso --assessed-at 2026-11-28
  maturity init --model my-model.yaml -o -`,
		Args: noArgs("name the file to write with -o, such as maturity init -o answers.yaml"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkDate("assessed-at", opts.AssessedAt); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return initRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Model, "model", "m", "", "model: an embedded model id or a model file (default power-automate)")
	f.StringVarP(&opts.Output, "output", "o", "answers.yaml", "the `FILE` to write; - for stdout")
	f.BoolVar(&opts.Force, "force", false, "replace FILE if it exists")
	f.StringVar(&opts.Organization, "organization", "", "organization assessed")
	f.StringVar(&opts.Scope, "scope", "", "scope of the assessment, such as a team or programme")
	f.StringVar(&opts.Respondent, "respondent", "", "who answers")
	f.StringVar(&opts.AssessedAt, "assessed-at", "", "date of the assessment, YYYY-MM-DD or RFC 3339")
	return cmd
}

func initRun(opts *initOptions) error {
	out, err := newDestination(opts.IO, opts.Output, nil, opts.Model)
	if err != nil {
		return err
	}
	out.noReplace = !opts.Force
	m, err := loadModel(opts.IO, opts.Model)
	if err != nil {
		return err
	}
	modelRef, relative := modelRefFor(opts.Output, opts.Model, m.ID)
	scoreCmd := "maturity score "
	if !relative {
		scoreCmd += "--model " + shellArg(opts.Model) + " "
	}
	f := &answers.File{
		Model: modelRef, ModelVersion: m.Version, AssessedAt: opts.AssessedAt,
		Organization: opts.Organization, Scope: opts.Scope, Respondent: opts.Respondent,
	}
	data, err := answers.Template(m, f)
	if err != nil {
		return err
	}
	if err := writeReadable(out, data); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return withHint(fmt.Errorf("%s already exists; not replaced", opts.Output), "pass --force to replace it, or -o to write another file")
		}
		return err
	}
	if opts.Output == "-" {
		return nil
	}
	fmt.Fprintf(opts.IO.Err, "Wrote %s: %d indicators of %s %s to answer.\nFill it in, then run: %s%s\n", opts.Output, m.IndicatorCount(), m.ID, m.Version, scoreCmd, shellArg(opts.Output))
	return nil
}

// looksLikeModelFile says whether --model names a file rather than an
// embedded id, as loadModel decides.
func looksLikeModelFile(spec string) bool {
	if st, err := os.Stat(spec); err == nil && !st.IsDir() {
		return true
	}
	return looksLikePath(spec)
}

// modelRefFor is what an answers file at answersFile names as its model:
// a model file by its path relative to the answers file, so that
// `maturity score FILE` finds it without --model; an embedded model by its
// id. relative is false when a model file cannot be named that way (the
// answers go to stdout, say), and so commands will need --model.
func modelRefFor(answersFile, modelArg, id string) (ref string, relative bool) {
	if modelArg == "" || !looksLikeModelFile(modelArg) {
		return id, true
	}
	if rel, ok := relativeModelPath(answersFile, modelArg); ok {
		return rel, true
	}
	return id, false
}

// relativeModelPath is the model file's path from the answers file's
// folder, as an answers file names it (with a / or a .yaml ending, so
// that it reads as a path); false for a model on stdin or when there is
// none. A template on stdout is taken to be saved in the working folder.
func relativeModelPath(answersFile, modelFile string) (string, bool) {
	if modelFile == "-" {
		return "", false
	}
	if answersFile == "-" {
		answersFile = "answers.yaml"
	}
	from, err1 := filepath.Abs(filepath.Dir(answersFile))
	to, err2 := filepath.Abs(modelFile)
	if err1 != nil || err2 != nil {
		return "", false
	}
	rel, err := filepath.Rel(from, to)
	if err != nil {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if !looksLikePath(rel) {
		rel = "./" + rel
	}
	return rel, true
}
