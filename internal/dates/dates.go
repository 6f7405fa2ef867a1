// Package dates is the one reader of the dates maturity accepts: an
// assessment date in an answers file, on the command line, or to order
// files by. Every command uses it, so that a date one command writes is
// never refused by another.
package dates

import (
	"fmt"
	"strings"
	"time"
)

// Forms names the accepted forms, for messages and hints.
const Forms = "YYYY-MM-DD or RFC 3339, such as 2026-11-28 or 2026-11-28T14:30:00+01:00"

// dayLayout is a calendar date, the form maturity writes.
const dayLayout = "2006-01-02"

// Parse reads exactly a calendar date YYYY-MM-DD (midnight UTC) or an
// RFC 3339 time (in its own offset). Nothing around the value is allowed:
// no spaces, no second line.
func Parse(s string) (time.Time, error) {
	if t, err := time.Parse(dayLayout, s); err == nil {
		return t, nil
	}
	// time.Parse also takes a comma before the fraction of a second, which
	// RFC 3339 does not.
	if !strings.Contains(s, ",") {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD or RFC 3339)", s)
}

// Valid says whether Parse accepts s.
func Valid(s string) bool {
	_, err := Parse(s)
	return err == nil
}

// Day is t's calendar date in the form Parse reads, as maturity writes it.
func Day(t time.Time) string { return t.Format(dayLayout) }
