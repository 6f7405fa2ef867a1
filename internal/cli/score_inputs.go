package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/heat-tools/maturity/internal/safetext"
)

// expandInputs turns the arguments into files: "-" is stdin, a directory
// means its regular *.yaml and *.yml files, sorted. Anything else found in
// a directory (a FIFO would block the batch forever, a device would be read
// without end) is skipped with a warning; a FIFO named as an argument is
// read as a stream, so that <(...) works.
func expandInputs(io *IO, args []string) ([]string, error) {
	var out []string
	stdin := 0
	for _, a := range args {
		if a == "-" {
			stdin++
			if stdin > 1 {
				return nil, usagef("", "- (standard input) can be given only once")
			}
			out = append(out, a)
			continue
		}
		st, err := os.Stat(a)
		if err != nil || !st.IsDir() {
			out = append(out, a) // reading it reports any error with its name
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot read directory: %w", safetext.Name(a), errors.Unwrap(err))
		}
		var files []string
		for _, e := range entries {
			ext := strings.ToLower(filepath.Ext(e.Name()))
			if e.IsDir() || ext != ".yaml" && ext != ".yml" {
				continue
			}
			path := filepath.Join(a, e.Name())
			if !isRegular(path, e) {
				fmt.Fprintf(io.Err, "maturity: warning: %s: skipped: not a regular file\n", safetext.Name(path))
				continue
			}
			files = append(files, path)
		}
		if len(files) == 0 {
			return nil, withHint(fmt.Errorf("%s: no *.yaml or *.yml files in this directory", safetext.Name(a)), "name answers files, or a directory that holds them")
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, nil
}

// isRegular says whether the directory entry at path is a regular file,
// following a symbolic link.
func isRegular(path string, e fs.DirEntry) bool {
	if e.Type().IsRegular() {
		return true
	}
	if e.Type()&fs.ModeSymlink == 0 {
		return false
	}
	st, err := os.Stat(path)
	return err != nil || st.Mode().IsRegular() // a dangling link is reported when read
}
