package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/heat-tools/maturity/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/script from the actual output")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"maturity": func() { os.Exit(cli.Main()) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script against the
// real binary: golden stdout, stderr and exit codes. Run with -update to
// regenerate the golden parts, then review the diff.
func TestScripts(t *testing.T) {
	testdata, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "../../testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			// Scripts copy what they need from the repo's testdata with
			// cp $TESTDATA/..., so that output names stay relative.
			env.Setenv("TESTDATA", testdata)
			env.Setenv("NO_COLOR", "")
			env.Setenv("SOURCE_DATE_EPOCH", "1795824000")
			return nil
		},
	})
}
