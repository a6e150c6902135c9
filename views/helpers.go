package views

import (
	"net/url"
	"strconv"
	"time"
)

func itoa(n int) string { return strconv.Itoa(n) }

func inputType(t string) string {
	if t == "" {
		return "text"
	}
	return t
}

// plural returns "1 thing" or "n things".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Day formats t as a date a person reads ("Mon 3 March 2026").
func Day(t time.Time) string { return t.Format("Mon 2 January 2006") }

// DayTime formats t with its time of day.
func DayTime(t time.Time) string { return t.Format("2 Jan 2006, 15:04") }

// withNext adds the page to return to after logging in or signing up.
func withNext(path, next string) string {
	if next == "" {
		return path
	}
	return path + "?next=" + url.QueryEscape(next)
}
