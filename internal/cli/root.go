// Package cli wires the maturity commands: cobra parses, each command's run
// function does the work, and Main turns errors into exit codes.
package cli

import (
	"bytes"

	"github.com/spf13/cobra"
)

// Main runs the maturity command line and returns the exit code.
func Main() int {
	return Run(SystemIO(), osArgs())
}

// Run runs the command line with args (without the program name) on io.
// Everything written to io's stdout and stderr passes the one sanitizer.
func Run(io *IO, args []string) int {
	io, flush := io.sanitized()
	defer flush()
	return run(io, newRoot(io, args), args)
}

func run(io *IO, root *cobra.Command, args []string) int {
	err := execute(root, args)
	if err != nil {
		printError(io.Err, err)
	}
	return exitCode(err)
}

// execute runs root on args and returns what went wrong, if anything.
func execute(root *cobra.Command, args []string) error {
	root.SetArgs(args)
	return guard("", root.Execute)
}

// newRoot builds the root command for args. When args start with a
// command's name, only that command is built, without cobra's completion
// command and the version, which only the root shows: building the whole
// tree was a tenth of the time `maturity score` spends in main
// (docs/benchmarks.md). Anything else (help, completion, a mistyped
// command, flags before the command) gets the whole tree.
func newRoot(io *IO, args []string) *cobra.Command {
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
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	root.SetVersionTemplate("maturity {{.Version}}\n")
	root.SetFlagErrorFunc(flagError)
	subs := subcommands(io)
	for _, sub := range subs {
		if len(args) > 0 && args[0] == sub.name {
			root.CompletionOptions.DisableDefaultCmd = true
			root.AddCommand(sub.build())
			typeGroups(root)
			return root
		}
	}
	root.Version = version()
	for _, sub := range subs {
		root.AddCommand(sub.build())
	}
	// cobra adds its completion command when the root runs; added now, it
	// gets the same argument rules as the other commands.
	root.InitDefaultCompletionCmd(args...)
	root.SetHelpCommand(helpCommand(root))
	typeGroups(root)
	registerCompletions(io, root)
	return root
}

// subcommand is a command under the root, by name.
type subcommand struct {
	name  string
	build func() *cobra.Command
}

func subcommands(io *IO) []subcommand {
	return []subcommand{
		{"score", func() *cobra.Command { return NewCmdScore(io, nil) }},
		{"model", func() *cobra.Command { return NewCmdModel(io) }},
		{"init", func() *cobra.Command { return NewCmdInit(io, nil) }},
		{"schema", func() *cobra.Command { return NewCmdSchema(io) }},
		{"assess", func() *cobra.Command { return NewCmdAssess(io, nil) }},
		{"diff", func() *cobra.Command { return NewCmdDiff(io, nil) }},
		{"trend", func() *cobra.Command { return NewCmdTrend(io, nil) }},
		{"merge", func() *cobra.Command { return NewCmdMerge(io, nil) }},
		{"report", func() *cobra.Command { return NewCmdReport(io, nil) }},
		{"plan", func() *cobra.Command { return NewCmdPlan(io, nil) }},
	}
}

// Tree is the whole command tree, as `maturity --help` shows it, for
// generating documentation (docs/man) from it; it runs nothing.
func Tree() *cobra.Command {
	var discard bytes.Buffer
	io := &IO{In: &discard, Out: &discard, Err: &discard, Getenv: func(string) string { return "" }}
	return newRoot(io, nil)
}
