package cli

import (
	"strings"
	"testing"
)

// Run builds only the command its arguments name; what a user sees must be
// the same as with the whole tree.
func TestRunBuildsOneCommandAsTheWholeTreeWould(t *testing.T) {
	full, _, _ := testIO("", false, nil)
	var argLists [][]string
	for _, sub := range subcommands(full) {
		if got := sub.build().Name(); got != sub.name {
			t.Errorf("subcommand listed as %q is named %q", sub.name, got)
		}
		argLists = append(argLists,
			[]string{sub.name, "--help"}, []string{sub.name, "--no-such-flag"},
			[]string{sub.name, "--version"}, []string{sub.name, "-h", "x"})
	}
	argLists = append(argLists,
		[]string{"model", "show", "--help"}, []string{"model", "nope"}, []string{"model", "list"},
		[]string{"score", "--format", "nope", "x.yaml"}, []string{"schema", "result"},
		[]string{"scor"}, []string{"--help"}, []string{"--version"}, []string{},
		[]string{"help", "score"}, []string{"completion", "bash"}, []string{"__complete", "score", "--format", ""})
	for _, args := range argLists {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			io1, out1, err1 := testIO("", false, nil)
			want := run(io1, newRoot(io1, nil), args)
			io2, out2, err2 := testIO("", false, nil)
			got := Run(io2, args)
			if got != want || out1.String() != out2.String() || err1.String() != err2.String() {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s\nwant:\n%s", got, want, out2, out1, err2, err1)
			}
			if out1.Len()+err1.Len() == 0 {
				t.Error("no output: the case shows nothing")
			}
		})
	}
}

func TestNewRootBuildsOnlyTheNamedCommand(t *testing.T) {
	io, _, _ := testIO("", false, nil)
	if n := len(newRoot(io, []string{"score", "a.yaml"}).Commands()); n != 1 {
		t.Errorf("score: %d commands built, want 1", n)
	}
	if n, all := len(newRoot(io, []string{"--help"}).Commands()), len(subcommands(io))+1; n != all { // and completion
		t.Errorf("--help: %d commands built, want %d", n, all)
	}
}
