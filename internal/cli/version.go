package cli

import (
	"runtime/debug"
	"strings"
)

// Release builds set these with -ldflags "-X ..." (.ci/release); they win
// over what the Go toolchain stamps, which a build from a source archive
// or with -buildvcs=false lacks. They are the one place the linker can
// write, hence package variables.
var (
	releaseVersion string // such as v0.3.0
	releaseCommit  string // the full commit hash
	releaseDate    string // the commit time, RFC 3339 in UTC
)

// version is what --version prints after the program name: the version,
// the commit (+dirty for a build of modified sources) and its date.
func version() string {
	bi, _ := debug.ReadBuildInfo()
	return versionOf(bi, releaseVersion, releaseCommit, releaseDate)
}

// versionOf is version from build info and the linker's values.
func versionOf(bi *debug.BuildInfo, ver, commit, date string) string {
	modified := false
	if bi != nil {
		if ver == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			ver = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if commit == "" {
					commit = s.Value
				}
			case "vcs.time":
				if date == "" {
					date = s.Value
				}
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if ver == "" {
		ver = "devel"
	}
	if commit == "" {
		commit = "unknown"
	} else if len(commit) > 12 {
		commit = commit[:12]
	}
	if modified {
		commit += "+dirty"
	}
	if date == "" {
		date = "unknown"
	}
	return ver + " (commit " + commit + ", " + date + ")"
}

// versionNumber is the version alone, for the reports' footer: a report
// read later names the version that made it, not the build's details.
func versionNumber() string {
	v, _, _ := strings.Cut(version(), " ")
	return v
}
