//go:build !linux

package output

import "os"

// openUnnamed reports that this system has no unnamed temporary files
// (O_TMPFILE is Linux's); Create falls back to a named one, removed on
// every error.
func (f *File) openUnnamed() (ok bool, err error) { return false, nil }

// linkUnnamed is never called: openUnnamed never succeeds here.
func (f *File) linkUnnamed() error { panic("output: no unnamed temporary files on this system") }

func openScratchUnnamed(string) (*os.File, bool) { return nil, false }
