package cli

import (
	"errors"
	"fmt"
	"io/fs"

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
	f := &answers.File{
		Model: m.ID, ModelVersion: m.Version, AssessedAt: opts.AssessedAt,
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
	fmt.Fprintf(opts.IO.Err, "Wrote %s: %d indicators of %s %s to answer.\nFill it in, then run: maturity score %s\n", opts.Output, m.IndicatorCount(), m.ID, m.Version, opts.Output)
	return nil
}
