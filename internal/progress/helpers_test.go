package progress

import (
	"testing"
	"time"
	_ "time/tzdata" // the zone tests must not depend on the machine's zoneinfo
)

// day parses a date literal in a test table; a typo is a test bug, so it panics.
func day(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// days parses a list of date literals.
func days(ss ...string) []Date {
	out := make([]Date, len(ss))
	for i, s := range ss {
		out[i] = day(s)
	}
	return out
}

// jan is a day of January 2026, the month most tables use (Jan 1 is a Thursday,
// the Mondays are the 5th, 12th, 19th and 26th). jan(32) is February 1.
func jan(d int) Date {
	return day("2026-01-01") + Date(d-1)
}

// janDays lists days of January 2026.
func janDays(ds ...int) []Date {
	out := make([]Date, len(ds))
	for i, d := range ds {
		out[i] = jan(d)
	}
	return out
}

// zone loads a time zone from the embedded database.
func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

// instant parses an RFC 3339 instant.
func instant(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// datesEqual compares two date lists, treating nil and empty alike.
func datesEqual(a, b []Date) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
