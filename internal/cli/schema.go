package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/heat-tools/maturity/internal/schema"
)

type schemaOptions struct {
	IO   *IO
	Name string
}

// NewCmdSchema builds `maturity schema`.
func NewCmdSchema(io *IO) *cobra.Command {
	opts := &schemaOptions{IO: io}
	return &cobra.Command{
		Use:   "schema model|answers|result|plan",
		Short: "Print the JSON Schema of a file format, for editors and other tools",
		Example: `  maturity schema answers > answers.schema.json
  maturity schema result`,
		ValidArgs: schema.Names(),
		Args:      exactArgs(1, "schema needs the name of a file format: "+strings.Join(schema.Names(), ", "), "maturity schema answers"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			return schemaRun(opts)
		},
	}
}

func schemaRun(opts *schemaOptions) error {
	data, ok := schema.Get(opts.Name)
	if !ok {
		return usagef("schemas: "+strings.Join(schema.Names(), ", "), "unknown schema %q", opts.Name)
	}
	_, err := stdout(opts.IO).Write(data)
	return err
}
