package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/heat-tools/maturity/internal/mdtext"
	"github.com/heat-tools/maturity/internal/render"
	"github.com/heat-tools/maturity/internal/yamlx"
	"github.com/heat-tools/maturity/model"
)

// NewCmdModel builds `maturity model` and its subcommands.
func NewCmdModel(io *IO) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "model",
		Short: "List, show, validate and export maturity models",
		Long: `Work with maturity models: the embedded ones and your own files.

A model file is YAML in the format that 'maturity model export' prints and
'maturity schema model' describes.`,
	}
	cmd.AddCommand(
		newCmdModelList(io, nil),
		newCmdModelShow(io, nil),
		newCmdModelValidate(io, nil),
		newCmdModelExport(io, nil),
	)
	return cmd
}

type modelListOptions struct{ IO *IO }

func newCmdModelList(io *IO, runF func(*modelListOptions) error) *cobra.Command {
	opts := &modelListOptions{IO: io}
	return &cobra.Command{
		Use:     "list",
		Short:   "List the embedded models",
		Example: "  maturity model list",
		Args:    noArgs(""),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return modelListRun(opts)
		},
	}
}

func modelListRun(opts *modelListOptions) error {
	tw := tabwriter.NewWriter(stdout(opts.IO), 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tVERSION\tLEVELS\tPILLARS\tINDICATORS\tNAME")
	for _, id := range model.EmbeddedIDs() {
		m, err := model.Embedded(id)
		if err != nil {
			return err
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\n", m.ID, m.Version, len(m.Levels), len(m.Pillars), m.IndicatorCount(), m.Name)
	}
	return tw.Flush()
}

type modelShowOptions struct {
	IO    *IO
	Model string
}

func newCmdModelShow(io *IO, runF func(*modelShowOptions) error) *cobra.Command {
	opts := &modelShowOptions{IO: io}
	return &cobra.Command{
		Use:   "show [ID|FILE]",
		Short: "Show a model's levels, pillars, goals and counts",
		Example: `  maturity model show                     # the default model, power-automate
  maturity model show my-model.yaml`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Model = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return modelShowRun(opts)
		},
	}
}

func modelShowRun(opts *modelShowOptions) error {
	m, err := loadModel(opts.IO, opts.Model)
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s, version %s)\n", m.Name, m.ID, m.Version)
	if m.Description != "" {
		b.WriteString(render.Wrap(mdtext.Plain(m.Description), "", "", 80))
	}
	fmt.Fprintf(&b, "\n%d levels, %d pillars, %d cells, %d indicators; threshold %v\n",
		len(m.Levels), len(m.Pillars), cellCount(m), m.IndicatorCount(), m.EffectiveThreshold())
	fmt.Fprintf(&b, "Scoring: %s; scores with %s\n", m.EffectiveScoring(), render.Plural(m.EffectivePrecision(), "decimal"))
	if m.DefaultScaleUsed() {
		fmt.Fprintf(&b, "Answers: %s\n", scaleText(m.ScaleFor(nil, &model.Indicator{})))
	}
	for _, ns := range m.Scales {
		fmt.Fprintf(&b, "Scale %s: %s\n", ns.ID, scaleText(ns.Points))
	}

	b.WriteString("\nLevels\n")
	for _, l := range m.Levels {
		fmt.Fprintf(&b, "  %s", l.Label())
		if l.Summary != "" {
			fmt.Fprintf(&b, ": %s", mdtext.Plain(l.Summary))
		}
		b.WriteString("\n")
	}
	group := ""
	for _, p := range m.Pillars {
		if p.Group != group {
			group = p.Group
			if g, ok := m.Group(group); ok {
				fmt.Fprintf(&b, "\n== %s (%s) ==\n", g.Name, g.ID)
			}
		}
		fmt.Fprintf(&b, "\n%s (%s)\n", p.Name, p.ID)
		for _, l := range m.Levels {
			c, ok := p.Cell(l.Value)
			if !ok {
				fmt.Fprintf(&b, "  %s: no cell\n", l.Label())
				continue
			}
			count := render.Plural(len(c.Indicators), "indicator")
			if len(c.Indicators) == 0 && len(c.Context) > 0 {
				count = "context only"
			}
			line := l.Label() + ":"
			if c.Goal != "" {
				line += " " + mdtext.Plain(c.Goal)
			}
			b.WriteString(render.Wrap(fmt.Sprintf("%s (%s)", line, count), "  ", "    ", 80))
			for _, ctx := range c.Context {
				b.WriteString(render.Wrap("context: "+mdtext.Plain(ctx), "    ", "      ", 80))
			}
		}
	}
	if len(m.Sources) > 0 {
		b.WriteString("\nSources\n")
		for _, s := range m.Sources {
			lic := ""
			if s.License != "" {
				lic = " (" + s.License + ")"
			}
			fmt.Fprintf(&b, "  %s%s\n    %s\n", s.Title, lic, s.URL)
			if s.Author != "" {
				fmt.Fprintf(&b, "    by %s\n", s.Author)
			}
			if s.LicenseURL != "" {
				fmt.Fprintf(&b, "    licence: %s\n", s.LicenseURL)
			}
		}
	}
	_, err = stdout(opts.IO).Write([]byte(b.String()))
	return err
}

// scaleText lists a scale's points and na, as model show prints them.
func scaleText(pts []model.ScalePoint) string {
	parts := make([]string, 0, len(pts)+1)
	for _, s := range pts {
		parts = append(parts, fmt.Sprintf("%s (%s, %v)", s.ID, s.Label, s.Score))
	}
	return strings.Join(append(parts, "na (not applicable)"), ", ")
}

func cellCount(m *model.Model) int {
	n := 0
	for _, p := range m.Pillars {
		n += len(p.Cells)
	}
	return n
}

type modelValidateOptions struct {
	IO    *IO
	Files []string
}

func newCmdModelValidate(io *IO, runF func(*modelValidateOptions) error) *cobra.Command {
	opts := &modelValidateOptions{IO: io}
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check model files and report every problem with its position",
		Long: `Check model files. Every problem is reported as FILE:LINE:COL: message,
not only the first; the exit code is 2 when any file has a problem.`,
		Example: "  maturity model validate my-model.yaml",
		Args:    minArgs(1, "model validate needs at least one model file", "maturity model validate my-model.yaml"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if runF != nil {
				return runF(opts)
			}
			return modelValidateRun(opts)
		},
	}
}

func modelValidateRun(opts *modelValidateOptions) error {
	failed := false
	for _, name := range opts.Files {
		data, err := yamlx.ReadFile(name, opts.IO.In)
		if err == nil {
			var m *model.Model
			if m, err = model.Parse(yamlx.DisplayName(name), data); err == nil {
				fmt.Fprintf(stdout(opts.IO), "%s: ok: %s version %s, %d levels, %d pillars, %d cells, %d indicators\n",
					yamlx.DisplayName(name), m.ID, m.Version, len(m.Levels), len(m.Pillars), cellCount(m), m.IndicatorCount())
				continue
			}
		}
		failed = true
		printError(opts.IO.Err, err)
	}
	if failed {
		return &reported{code: ExitError}
	}
	return nil
}

type modelExportOptions struct {
	IO     *IO
	ID     string
	Output string
}

func newCmdModelExport(io *IO, runF func(*modelExportOptions) error) *cobra.Command {
	opts := &modelExportOptions{IO: io, ID: model.DefaultID}
	cmd := &cobra.Command{
		Use:   "export [ID|FILE]",
		Short: "Print a model's YAML: an embedded one as written, a file normalized",
		Example: `  maturity model export power-automate > my-model.yaml
  maturity model export -o my-model.yaml
  maturity model export draft.yaml -o clean.yaml   # normalized`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.ID = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return modelExportRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to `FILE` (atomically) instead of stdout")
	return cmd
}

func modelExportRun(opts *modelExportOptions) error {
	data, ok := model.EmbeddedSource(opts.ID)
	var reads []string
	if !ok {
		if !looksLikeModelFile(opts.ID) {
			return usagef("embedded models: "+strings.Join(model.EmbeddedIDs(), ", ")+"; or pass a model file", "no embedded model %q", opts.ID)
		}
		// A model file is printed normalized: checked, in the format's
		// field order, comments dropped.
		m, err := loadModel(opts.IO, opts.ID)
		if err != nil {
			return err
		}
		if data, err = m.MarshalNormalized(); err != nil {
			return err
		}
		reads = []string{opts.ID}
	}
	out, err := newDestination(opts.IO, opts.Output, reads)
	if err != nil {
		return err
	}
	return writeReadable(out, data)
}
