package cli

import "strings"

// shellArg quotes s for a POSIX shell when it needs it, so that a printed
// command works when pasted. (assess.go's shellQuote, built only with the
// questionnaire, is the same rule and can use this one.)
func shellArg(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@+,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
