package cli

import (
	"runtime/debug"
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

func TestVersionShowsVersionCommitAndDate(t *testing.T) {
	vcs := &debug.BuildInfo{Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-11-28T10:00:00Z"},
		{Key: "vcs.modified", Value: "false"},
	}}
	vcs.Main.Version = "(devel)"
	dirty := &debug.BuildInfo{Settings: append(vcs.Settings[:2:2], debug.BuildSetting{Key: "vcs.modified", Value: "true"})}
	tagged := &debug.BuildInfo{}
	tagged.Main.Version = "v0.3.0"
	tests := []struct {
		name              string
		bi                *debug.BuildInfo
		ver, commit, date string
		want              string
	}{
		{"no build info", nil, "", "", "", "devel (commit unknown, unknown)"},
		{"a local build", vcs, "", "", "", "devel (commit 0123456789ab, 2026-11-28T10:00:00Z)"},
		{"modified sources", dirty, "", "", "", "devel (commit 0123456789ab+dirty, 2026-11-28T10:00:00Z)"},
		{"go install of a tag", tagged, "", "", "", "v0.3.0 (commit unknown, unknown)"},
		{"release ldflags win", vcs, "v0.4.0", "fedcba9876543210", "2026-12-01T00:00:00Z", "v0.4.0 (commit fedcba987654, 2026-12-01T00:00:00Z)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := versionOf(tt.bi, tt.ver, tt.commit, tt.date); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
