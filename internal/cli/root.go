// Package cli wires the maturity commands: cobra parses, each command's run
// function does the work, and Main turns errors into exit codes.
package cli

import (
	"errors"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Main runs the maturity command line and returns the exit code.
func Main() int {
	return Run(SystemIO(), osArgs())
}

// Run runs the command line with args (without the program name) on io.
func Run(io *IO, args []string) int {
	root := NewRootCmd(io)
	root.SetArgs(args)
	err := guard("", root.Execute)
	if err != nil {
		var flagErr *usageError
		if !errors.As(err, &flagErr) && isCobraUsageError(err) {
			err = &usageError{msg: err.Error(), hint: strings.TrimSpace("maturity "+commandPath(root, args)) + " --help"}
		}
		printError(io.Err, err)
	}
	return exitCode(err)
}

// NewRootCmd builds the maturity command tree.
func NewRootCmd(io *IO) *cobra.Command {
	root := &cobra.Command{
		Use:   "maturity",
		Short: "Assess and score automation maturity",
		Long: `maturity assesses how mature an organization's automation practice is.

It ships the Power Platform automation maturity model (levels 100 Initial to
500 Efficient across the seven HEAT pillars) and works with any model in the
same YAML format. Answer the questions interactively, or fill in an answers
file, then score it: the level reached and the gaps to the next level.`,
		Example: `  maturity assess                         # the questionnaire, saved to answers.yaml
  maturity init -o answers.yaml           # or a template to fill in with an editor
  maturity score answers.yaml             # level, pillars and gaps
  maturity score --min-level 300 --format junit -o maturity.xml answers.yaml
  maturity report q1.yaml q2.yaml -o report.html
  maturity diff --fail-on-regression old.yaml new.yaml
  maturity model show power-automate      # levels, pillars, goals`,
		Version:       version(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	root.SetVersionTemplate("maturity {{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{msg: err.Error(), hint: c.CommandPath() + " --help"}
	})
	root.AddCommand(
		NewCmdScore(io, nil),
		NewCmdModel(io),
		NewCmdInit(io, nil),
		NewCmdSchema(io),
		NewCmdAssess(io, nil),
		NewCmdDiff(io, nil),
		NewCmdTrend(io, nil),
		NewCmdMerge(io, nil),
		NewCmdReport(io, nil),
	)
	return root
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
