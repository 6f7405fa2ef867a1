//go:build noassess

package cli

import (
	"github.com/spf13/cobra"
)

// AssessBuilt says whether this build has the interactive questionnaire.
// This one, built with -tags noassess for CI images, does not: it leaves out
// the terminal libraries, which cost start-up time in every command.
const AssessBuilt = false

type assessOptions struct{}

// NewCmdAssess stands in for the questionnaire and says how to get it.
func NewCmdAssess(io *IO, runF func(*assessOptions) error) *cobra.Command {
	return &cobra.Command{
		Use:                "assess",
		Short:              "Interactive questionnaire (not in this build)",
		DisableFlagParsing: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return usagef("install maturity without -tags noassess, or use maturity init and maturity score",
				"this build of maturity has no interactive questionnaire (built with -tags noassess)")
		},
	}
}
