package auth

import (
	"bufio"
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

// Password length limits. Length is counted in characters; input is capped
// in bytes so that hashing cost stays bounded.
const (
	MinPasswordChars = 12
	MaxPasswordBytes = 256
)

//go:embed common_passwords.txt
var commonList string

var common = sync.OnceValue(func() map[string]struct{} {
	m := make(map[string]struct{}, 10500)
	sc := bufio.NewScanner(strings.NewReader(commonList))
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			m[strings.ToLower(line)] = struct{}{}
		}
	}
	return m
})

// CommonPasswords is how many passwords the shipped list rejects.
func CommonPasswords() int { return len(common()) }

// CheckPassword returns a message for the user when password is not
// acceptable, or "" when it is. There are no composition rules: length and
// not being a well-known password are what matter.
func CheckPassword(password string) string {
	switch {
	case len(password) > MaxPasswordBytes:
		return "Use at most 256 bytes (about 64 characters or more, depending on the characters)."
	case !utf8.ValidString(password):
		return "This password contains characters that could not be read. Please type it again."
	case utf8.RuneCountInString(password) < MinPasswordChars:
		return "Use at least 12 characters. A few ordinary words in a row make a good one."
	}
	if _, bad := common()[strings.ToLower(password)]; bad {
		return "This password is one of the most commonly used ones, so it is easy to guess. Please choose another."
	}
	return ""
}
