package cli

import (
	"os"
	"strings"

	"github.com/spf13/cobra"
)

func osArgs() []string { return os.Args[1:] }

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
