package progress

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// Date is a civil calendar date counted in days since 1970-01-01 (its zero value).
// A date has no time and no zone, so adding a day can never be skipped or doubled
// by a daylight-saving change.
type Date int32

// NoDate stands for "no date": an open-ended schedule, a pause still running, an
// open promise. It sorts before every real date. Set it explicitly (Schedule.End,
// Span.To, Plan.Closed): the zero Date is 1970-01-01, a real day.
const NoDate Date = math.MinInt32

// ErrBadDate is returned by ParseDate for anything but a real YYYY-MM-DD date.
var ErrBadDate = errors.New("not a date in the form YYYY-MM-DD")

// DateOf returns the date y-m-d, normalizing out-of-range months and days as time.Date does.
func DateOf(y int, m time.Month, d int) Date {
	// Normalize the month so the day count below sees 1..12.
	mi := int(m) - 1
	y += floorDiv(mi, 12)
	mi -= floorDiv(mi, 12) * 12
	return Date(daysFromCivil(y, mi+1) + d - 1)
}

// Today returns the civil date of the instant now in loc (UTC when loc is nil).
func Today(now time.Time, loc *time.Location) Date {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := now.In(loc).Date()
	return DateOf(y, m, d)
}

// ParseDate reads a strict "2006-01-02" date and rejects days that do not exist.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, fmt.Errorf("%q: %w", s, ErrBadDate)
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return 0, fmt.Errorf("%q: %w", s, ErrBadDate)
	}
	return DateOf(y, time.Month(m), d), nil
}

// Civil returns the year, month and day of d.
func (d Date) Civil() (year int, month time.Month, day int) {
	// Howard Hinnant's civil_from_days: eras of 400 years starting on March 1.
	z := int64(d) + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = int(doy - (153*mp+2)/5 + 1)
	mo := mp + 3
	if mo > 12 {
		mo -= 12
	}
	year = int(yoe + era*400)
	if mo <= 2 {
		year++
	}
	return year, time.Month(mo), day
}

// String formats d as "2006-01-02"; NoDate formats as "" so an open end renders as an empty field.
func (d Date) String() string {
	if d == NoDate {
		return ""
	}
	y, m, dd := d.Civil()
	if y < 0 || y > 9999 {
		return fmt.Sprintf("%d-%02d-%02d", y, m, dd)
	}
	b := [10]byte{
		byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + int(m)/10), byte('0' + int(m)%10), '-',
		byte('0' + dd/10), byte('0' + dd%10),
	}
	return string(b[:])
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// 1970-01-01 was a Thursday.
	return time.Weekday(floorMod(int(d)+int(time.Thursday), 7))
}

// AddDays returns the date n days after d (before, for negative n); NoDate stays NoDate.
func (d Date) AddDays(n int) Date {
	if d == NoDate {
		return NoDate
	}
	return Date(int(d) + n)
}

// Time returns the first instant of d in loc (UTC when nil): local midnight, or the
// end of the daylight-saving jump when a zone skips midnight itself (as Cuba does).
func (d Date) Time(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	y, m, dd := d.Civil()
	t := time.Date(y, m, dd, 0, 0, 0, 0, loc)
	if t.Day() != dd {
		// time.Date resolved the missing midnight to the evening before; the day
		// starts when the new offset takes effect.
		if _, end := t.ZoneBounds(); !end.IsZero() {
			t = end
		}
	}
	return t
}

// WeekStart returns the first day of d's week, for weeks starting on first.
func (d Date) WeekStart(first time.Weekday) Date {
	return d - Date(floorMod(int(d.Weekday())-int(first), 7))
}

// Between returns the number of days from a to b (negative when b is before a).
func Between(a, b Date) int {
	return int(b) - int(a)
}

// daysFromCivil is Howard Hinnant's days_from_civil for month 1..12; the day is added by the caller.
func daysFromCivil(y, m int) int {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp + 2) / 5
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int) int {
	return a - floorDiv(a, b)*b
}
