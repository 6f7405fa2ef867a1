// Command maturity assesses and scores automation maturity.
package main

import (
	"os"

	"github.com/heat-tools/maturity/internal/cli"
)

func main() {
	os.Exit(cli.Main())
}
