package cli

import (
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

func osArgs() []string { return os.Args[1:] }

// checkFormat refuses a --format value that is not one of formats.
func checkFormat(format string, formats []string) error {
	if !slices.Contains(formats, format) {
		return usagef("formats: "+strings.Join(formats, ", "), "unknown format %q", format)
	}
	return nil
}

// checkThreshold refuses a --threshold given outside (0,1].
func checkThreshold(cmd *cobra.Command, threshold float64) error {
	if cmd.Flags().Changed("threshold") && (threshold <= 0 || threshold > 1) {
		return usagef("pass a coverage above 0 and at most 1, such as 0.8", "--threshold %v is outside (0,1]", threshold)
	}
	return nil
}

// isCobraUsageError recognises the argument errors cobra itself returns.
func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "accepts ", "requires at least", "requires at most", "flag needs an argument", "invalid argument", "invalid args"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

func commandPath(root *cobra.Command, args []string) string {
	c, _, err := root.Find(args)
	if err != nil || c == root {
		return ""
	}
	return strings.TrimPrefix(c.CommandPath(), "maturity ")
}
