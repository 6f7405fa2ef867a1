package cli

import (
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/heat-tools/maturity/internal/dates"
	"github.com/heat-tools/maturity/internal/yamlx"
)

func osArgs() []string { return os.Args[1:] }

// checkFormat refuses a --format value that is not one of formats.
func checkFormat(format string, formats []string) error {
	if !slices.Contains(formats, format) {
		hint := "formats: " + strings.Join(formats, ", ")
		// Formats are short: a near one with another first letter (xml
		// for yaml) is another format meant, not a typo.
		if near := yamlx.Nearest(format, formats); near != "" && format != "" && near[0] == format[0] {
			hint = "did you mean " + near + "? " + hint
		}
		return usagef(hint, "unknown format %q", format)
	}
	return nil
}

const thresholdHint = "pass a coverage above 0 and at most 1, such as 0.8"

// checkThreshold refuses a --threshold given outside (0,1], NaN included.
func checkThreshold(cmd *cobra.Command, threshold float64) error {
	if !cmd.Flags().Changed("threshold") {
		return nil
	}
	if math.IsNaN(threshold) {
		return usagef(thresholdHint, "--threshold %v is not a number", threshold)
	}
	if !(threshold > 0 && threshold <= 1) {
		return usagef(thresholdHint, "--threshold %v is outside (0,1]", threshold)
	}
	return nil
}

// checkDate refuses a date flag's value that answers files would refuse.
func checkDate(flag, value string) error {
	if value != "" && !dates.Valid(value) {
		return usagef("write the date as "+dates.Forms, "--%s %q is not a date", flag, value)
	}
	return nil
}

// The argument rules below stand for cobra's (MinimumNArgs, ExactArgs, …):
// they say what is wrong in maturity's words and with a next step, as a
// usageError, so that nothing downstream has to recognise cobra's text.

// noArgs refuses any argument; hint, when not empty, replaces the usage line
// as the next step.
func noArgs(hint string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		return tooMany(cmd, args, 0, hint)
	}
}

// minArgs wants at least n arguments; missing says what is missing, and
// hint how to give it.
func minArgs(n int, missing, hint string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return &usageError{msg: missing, hint: hint}
		}
		return nil
	}
}

// maxArgs wants at most n arguments.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		return tooMany(cmd, args, n, "")
	}
}

// exactArgs wants n arguments: missing and hint as for minArgs.
func exactArgs(n int, missing, hint string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return &usageError{msg: missing, hint: hint}
		}
		return tooMany(cmd, args, n, "")
	}
}

// tooMany refuses the arguments after the first n, naming the first of them.
func tooMany(cmd *cobra.Command, args []string, n int, hint string) error {
	if len(args) <= n {
		return nil
	}
	if hint == "" {
		hint = "usage: " + cmd.UseLine()
	}
	return &usageError{msg: fmt.Sprintf("%s: unexpected argument %q", subPath(cmd), args[n]), hint: hint}
}

// subPath is cmd's path under the root, such as "model show".
func subPath(cmd *cobra.Command) string {
	return strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
}

// subcommandArgs is the argument rule of a command that only groups others
// (the root, model, completion): cobra finds a known command before the
// rule runs, so any argument left is an unknown command.
func subcommandArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	typed := args[0]
	if cmd.HasParent() {
		typed = subPath(cmd) + " " + typed
	}
	return &usageError{msg: fmt.Sprintf("unknown command %q", typed), hint: commandHint(cmd, args[0])}
}

// commandHint suggests the command nearest to typed, else lists them.
func commandHint(cmd *cobra.Command, typed string) string {
	names := commandNames(cmd)
	if near := nearestName(typed, names); near != "" {
		return fmt.Sprintf("did you mean %s %s?", cmd.CommandPath(), near)
	}
	return fmt.Sprintf("commands: %s; see %s --help", strings.Join(names, ", "), cmd.CommandPath())
}

// nearestName is the name closest to typed by edit distance, else the only
// name typed is a prefix of, else "".
func nearestName(typed string, names []string) string {
	if near := yamlx.Nearest(typed, names); near != "" {
		return near
	}
	var prefixed []string
	for _, n := range names {
		if typed != "" && strings.HasPrefix(n, typed) {
			prefixed = append(prefixed, n)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	return ""
}

// needSubcommand is the run function of a command that only groups others:
// without a command name there is nothing to do.
func needSubcommand(cmd *cobra.Command, args []string) error {
	names := commandNames(cmd)
	if !cmd.HasParent() || len(names) == 0 {
		return cmd.Help() // bare maturity: the overview
	}
	return &usageError{
		msg:  fmt.Sprintf("%s needs a command: %s", subPath(cmd), strings.Join(names, ", ")),
		hint: "see " + cmd.CommandPath() + " --help",
	}
}

// commandNames are the names of the commands under cmd that help lists.
func commandNames(cmd *cobra.Command) []string {
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	return names
}

// typeGroups gives every command that only groups others under root, and
// cobra's completion command and its shells, the argument rules above.
func typeGroups(root *cobra.Command) {
	for _, c := range root.Commands() {
		typeGroups(c)
	}
	switch {
	case root.HasParent() && root.Parent().Name() == "completion" && !root.Parent().Parent().HasParent():
		root.Args = noArgs("")
	case root.HasSubCommands() && !root.Runnable():
		root.Args = subcommandArgs
		root.RunE = needSubcommand
	}
}

// helpCommand is cobra's help command, except that an unknown topic is
// refused as an unknown command is, not answered with the root's help.
func helpCommand(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		ValidArgsFunction: func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			var comps []cobra.Completion
			if cmd, _, err := root.Find(args); err == nil {
				for _, c := range cmd.Commands() {
					if c.IsAvailableCommand() && strings.HasPrefix(c.Name(), toComplete) {
						comps = append(comps, cobra.CompletionWithDesc(c.Name(), c.Short))
					}
				}
			}
			return comps, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			cmd, rest, err := root.Find(args)
			if err != nil {
				return err
			}
			if len(rest) > 0 && cmd.HasAvailableSubCommands() {
				return subcommandArgs(cmd, rest)
			}
			cmd.InitDefaultHelpFlag()
			cmd.InitDefaultVersionFlag()
			return cmd.Help()
		},
	}
}

// flagError turns pflag's errors into usage errors in maturity's words: the
// nearest flag for a mistyped one, and for a bad value what the flag wants,
// never the Go parser's message.
func flagError(cmd *cobra.Command, err error) error {
	help := cmd.CommandPath() + " --help"
	var (
		notExist *pflag.NotExistError
		noValue  *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist):
		name := notExist.GetSpecifiedName()
		if short := notExist.GetSpecifiedShortnames(); short != "" {
			msg := fmt.Sprintf("unknown flag -%s", name)
			if short != name {
				msg += fmt.Sprintf(" in -%s", short)
			}
			return &usageError{msg: msg, hint: help}
		}
		var names []string
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden {
				names = append(names, f.Name)
			}
		})
		if near := yamlx.Nearest(name, names); near != "" {
			help = "did you mean --" + near + "?"
		}
		return &usageError{msg: fmt.Sprintf("unknown flag --%s", name), hint: help}
	case errors.As(err, &noValue):
		return &usageError{msg: fmt.Sprintf("--%s needs a value", noValue.GetFlag().Name), hint: help}
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		msg, hint := badValue(f)
		if hint == "" {
			hint = help
		}
		return &usageError{msg: fmt.Sprintf("--%s %q %s", f.Name, invalid.GetValue(), msg), hint: hint}
	case errors.As(err, &syntax):
		return &usageError{msg: fmt.Sprintf("%q is not a flag", syntax.GetSpecifiedFlag()), hint: help}
	}
	return &usageError{msg: err.Error(), hint: help}
}

// badValue says what is wrong with a value flag f could not parse, and,
// when it knows, what to pass instead.
func badValue(f *pflag.Flag) (msg, hint string) {
	switch f.Name {
	case "threshold":
		return "is not a number", thresholdHint
	}
	switch f.Value.Type() {
	case "int", "int64", "uint", "uint64":
		return "is not a whole number", ""
	case "float64", "float32":
		return "is not a number", ""
	case "bool":
		return "is not true or false", ""
	}
	return "is not a valid value", ""
}
