// Command interleave times commands run in turn, one run of each per
// round, so that drift in the machine's speed (other load, frequency
// scaling, a busy disk) falls on all of them alike. hyperfine runs all of
// one command's runs in a block, and the ratio of two blocks moved by
// ±0.05 from one run of bench/run.sh to the next.
//
//	interleave [-rounds N] [-warmup N] LABEL=CMD [LABEL=CMD ...]
//
// CMD is split on spaces; its output is discarded. interleave prints each
// command's median, mean and fastest wall time and the ratio of its median
// to the first command's.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

func main() {
	rounds := flag.Int("rounds", 1000, "timed runs of each command")
	warmup := flag.Int("warmup", 30, "untimed runs of each command first")
	flag.Parse()
	if flag.NArg() == 0 || *rounds < 1 {
		fmt.Fprintln(os.Stderr, "usage: interleave [-rounds N] [-warmup N] LABEL=CMD [LABEL=CMD ...]")
		os.Exit(2)
	}
	labels := make([]string, flag.NArg())
	cmds := make([][]string, flag.NArg())
	for i, arg := range flag.Args() {
		label, cmd, ok := strings.Cut(arg, "=")
		if !ok || strings.TrimSpace(cmd) == "" {
			fmt.Fprintf(os.Stderr, "interleave: %q: want LABEL=CMD\n", arg)
			os.Exit(2)
		}
		labels[i], cmds[i] = label, strings.Fields(cmd)
	}
	times := make([][]time.Duration, len(cmds))
	for r := 0; r < *warmup+*rounds; r++ {
		for i, c := range cmds {
			start := time.Now()
			if err := exec.Command(c[0], c[1:]...).Run(); err != nil {
				fmt.Fprintf(os.Stderr, "interleave: %s: %v\n", strings.Join(c, " "), err)
				os.Exit(1)
			}
			if r >= *warmup {
				times[i] = append(times[i], time.Since(start))
			}
		}
	}
	base := median(times[0])
	for i, t := range times {
		var sum time.Duration
		for _, d := range t {
			sum += d
		}
		fmt.Printf("   %-36s median %.3f ms  mean %.3f ms  fastest %.3f ms  ratio %.2fx\n",
			labels[i], ms(median(t)), ms(sum/time.Duration(len(t))), ms(slices.Min(t)), float64(median(t))/float64(base))
	}
}

func median(t []time.Duration) time.Duration {
	s := slices.Clone(t)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }
