package main

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/heat-tools/maturity/internal/cli"
	"github.com/heat-tools/maturity/internal/yamlx"
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
		Condition: func(cond string) (bool, error) {
			if cond == "assess" { // the questionnaire is in this build
				return cli.AssessBuilt, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"hostile":  hostileFile,
			"filemode": fileMode,
		},
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

// hostileFile writes a hostile input that is too large to keep in the
// repository: hostile KIND FILE (the kinds are below).
func hostileFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: hostile big|nested|random|cr|u2028|values|dupkeys|unknown|utf16le|utf16be FILE")
	}
	var data []byte
	switch args[0] {
	case "big": // 9 MiB of a valid-looking answers file
		data = append([]byte("model: power-automate\n# "), bytes.Repeat([]byte("x"), 9<<20)...)
	case "nested": // 20,000 levels of nesting
		data = []byte("model: power-automate\nanswers: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n")
	case "random": // 1 MiB of random bytes
		data = make([]byte, 1<<20)
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range data {
			data[i] = byte(rng.Uint32())
		}
	case "cr": // 8 MiB of one-letter items on lines broken by CR alone
		data = []byte("x:\r" + strings.Repeat("-\r", (yamlx.MaxFileSize-3)/2))
	case "u2028": // the same, broken by U+2028 LINE SEPARATOR
		data = []byte("x:\u2028" + strings.Repeat("-\u2028", (yamlx.MaxFileSize-5)/4))
	case "values": // 80,000 short lines of 4 nested lists: 320,000 nodes
		data = []byte(strings.Repeat("- - - - a\n", 80_000))
	case "dupkeys": // 140,000 answers to one indicator, within the limits
		data = []byte("model: power-automate\nanswers:\n" + strings.Repeat("  empower.100.a: yes\n", 140_000))
	case "unknown": // 140,000 unknown indicator ids, within the limits
		var b strings.Builder
		b.WriteString("model: power-automate\nanswers:\n")
		for i := range 140_000 {
			fmt.Fprintf(&b, "  u%d: yes\n", i)
		}
		data = []byte(b.String())
	case "utf16le", "utf16be": // "model: tiny\n" saved as UTF-16 without a byte order mark
		for _, c := range []byte("model: tiny\n") {
			if args[0] == "utf16le" {
				data = append(data, c, 0)
			} else {
				data = append(data, 0, c)
			}
		}
	default:
		ts.Fatalf("unknown hostile file %q", args[0])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), data, 0o644))
}

// fileMode checks a file's type and permissions, the link itself for a
// link: filemode FILE MODE, MODE as Go prints it (-rw-------, Lrwxrwxrwx,
// prw-------, Dcrw-rw-rw-).
func fileMode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: filemode FILE MODE")
	}
	st, err := os.Lstat(ts.MkAbs(args[0]))
	ts.Check(err)
	if got := st.Mode().String(); (got == args[1]) == neg {
		ts.Fatalf("%s: mode %s, want %s%s", args[0], got, map[bool]string{true: "not "}[neg], args[1])
	}
}
