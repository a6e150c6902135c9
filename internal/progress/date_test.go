package progress

import (
	"errors"
	"testing"
	"time"
)

func TestDateOf(t *testing.T) {
	tests := []struct {
		y       int
		m       time.Month
		d       int
		want    Date
		str     string
		weekday time.Weekday
	}{
		{1970, time.January, 1, 0, "1970-01-01", time.Thursday},
		{1969, time.December, 31, -1, "1969-12-31", time.Wednesday},
		{2000, time.January, 1, 10957, "2000-01-01", time.Saturday},
		{2000, time.February, 29, 11016, "2000-02-29", time.Tuesday},
		{2000, time.March, 1, 11017, "2000-03-01", time.Wednesday},
		{2026, time.January, 1, 20454, "2026-01-01", time.Thursday},
		{1900, time.March, 1, -25508, "1900-03-01", time.Thursday},
		{2100, time.February, 28, 47540, "2100-02-28", time.Sunday},
		{2100, time.March, 1, 47541, "2100-03-01", time.Monday},
		{1, time.January, 1, -719162, "0001-01-01", time.Monday},
		{9999, time.December, 31, 2932896, "9999-12-31", time.Friday},
		// Out-of-range parts normalize like time.Date.
		{2026, time.February, 29, 20513, "2026-03-01", time.Sunday},
		{2026, 13, 1, 20819, "2027-01-01", time.Friday},
		{2026, 0, 1, 20423, "2025-12-01", time.Monday},
		{2026, time.January, 0, 20453, "2025-12-31", time.Wednesday},
		{2026, -11, 1, 20089, "2025-01-01", time.Wednesday},
	}
	for _, tt := range tests {
		got := DateOf(tt.y, tt.m, tt.d)
		if got != tt.want {
			t.Errorf("DateOf(%d, %d, %d) = %d, want %d", tt.y, tt.m, tt.d, got, tt.want)
		}
		if s := got.String(); s != tt.str {
			t.Errorf("DateOf(%d, %d, %d).String() = %q, want %q", tt.y, tt.m, tt.d, s, tt.str)
		}
		if w := got.Weekday(); w != tt.weekday {
			t.Errorf("%s.Weekday() = %v, want %v", got, w, tt.weekday)
		}
	}
}

func TestDateStringOutsideFourDigitYears(t *testing.T) {
	tests := []struct {
		d    Date
		want string
	}{
		{DateOf(12345, time.June, 7), "12345-06-07"},
		{DateOf(-44, time.March, 15), "-44-03-15"},
		{NoDate, ""},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

// TestCivilAgainstTime checks every day of eight centuries, then strides across the
// whole int32 range, against the standard library's calendar.
func TestCivilAgainstTime(t *testing.T) {
	check := func(d Date) {
		y, m, dd := d.Civil()
		ty, tm, td := time.Unix(int64(d)*86400, 0).UTC().Date()
		if y != ty || m != tm || dd != td {
			t.Fatalf("%d.Civil() = %d-%d-%d, want %d-%d-%d", d, y, m, dd, ty, tm, td)
		}
		if back := DateOf(y, m, dd); back != d {
			t.Fatalf("DateOf(%d-%d-%d) = %d, want %d", y, m, dd, back, d)
		}
		if want := time.Weekday((int64(d)%7 + 11) % 7); d.Weekday() != want {
			t.Fatalf("%d.Weekday() = %v, want %v", d, d.Weekday(), want)
		}
		if y >= 1 && y <= 9999 {
			if p, err := ParseDate(d.String()); err != nil || p != d {
				t.Fatalf("ParseDate(%q) = %d, %v; want %d", d.String(), p, err, d)
			}
		}
	}
	for d := DateOf(1600, time.January, 1); d <= DateOf(2400, time.December, 31); d++ {
		check(d)
	}
	for d := int64(NoDate) + 1; d < 1<<31-1; d += 9973 {
		check(Date(d))
	}
}

func TestParseDate(t *testing.T) {
	valid := []struct {
		in   string
		want Date
	}{
		{"1970-01-01", 0},
		{"2026-02-28", 20512},
		{"2024-02-29", 19782},
		{"2000-02-29", 11016},
		{"0001-01-01", -719162},
		{"9999-12-31", 2932896},
		{"2026-12-31", 20818},
	}
	for _, tt := range valid {
		got, err := ParseDate(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	invalid := []string{
		"2026-02-30", "2026-02-29", "1900-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
		"2026-01-00", "2026-01-32", "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", " 2026-01-01",
		"2026-01-01 ", "2026-01-01T00:00:00Z", "", "abcd-ef-gh", "+026-01-01", "2026-0a-01", "20260101",
	}
	for _, in := range invalid {
		if got, err := ParseDate(in); !errors.Is(err, ErrBadDate) {
			t.Errorf("ParseDate(%q) = %d, %v; want ErrBadDate", in, got, err)
		}
	}
}

func TestAddDaysAndBetween(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2026-01-31", 1, "2026-02-01"},
		{"2026-12-31", 1, "2027-01-01"},
		{"2024-02-28", 1, "2024-02-29"},
		{"2026-02-28", 1, "2026-03-01"},
		{"2026-03-01", -1, "2026-02-28"},
		{"2026-01-01", 365, "2027-01-01"},
		{"2024-01-01", 366, "2025-01-01"},
		{"2026-03-08", 0, "2026-03-08"},
	}
	for _, tt := range tests {
		got := day(tt.from).AddDays(tt.n)
		if got.String() != tt.want {
			t.Errorf("%s.AddDays(%d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
		if b := Between(day(tt.from), got); b != tt.n {
			t.Errorf("Between(%s, %s) = %d, want %d", tt.from, got, b, tt.n)
		}
	}
	if got := NoDate.AddDays(5); got != NoDate {
		t.Errorf("NoDate.AddDays(5) = %d, want NoDate", got)
	}
}

func TestWeekStart(t *testing.T) {
	tests := []struct {
		d     string
		first time.Weekday
		want  string
	}{
		{"2026-01-01", time.Monday, "2025-12-29"},   // Thursday
		{"2026-01-01", time.Sunday, "2025-12-28"},   // Thursday
		{"2026-01-01", time.Saturday, "2025-12-27"}, // Thursday
		{"2026-01-01", time.Thursday, "2026-01-01"}, // its own first day
		{"2026-01-05", time.Monday, "2026-01-05"},   // Monday
		{"2026-01-04", time.Monday, "2025-12-29"},   // Sunday ends a Monday week
		{"2026-01-04", time.Sunday, "2026-01-04"},   // and starts a Sunday week
		{"1970-01-01", time.Monday, "1969-12-29"},   // negative day numbers
		{"1969-12-31", time.Sunday, "1969-12-28"},
		{"2026-03-08", time.Monday, "2026-03-02"}, // DST Sunday in New York
	}
	for _, tt := range tests {
		if got := day(tt.d).WeekStart(tt.first); got.String() != tt.want {
			t.Errorf("%s.WeekStart(%v) = %s, want %s", tt.d, tt.first, got, tt.want)
		}
	}
}

// TestTodayAcrossZones: the same instant is a different date in different zones,
// and dates change exactly at local midnight on both sides of DST changes.
func TestTodayAcrossZones(t *testing.T) {
	tests := []struct {
		at, zone, want string
	}{
		// 10:00Z is midnight in both UTC+14 and UTC-10, a whole day apart.
		{"2026-01-15T10:00:00Z", "Pacific/Kiritimati", "2026-01-16"},
		{"2026-01-15T10:00:00Z", "Pacific/Auckland", "2026-01-15"},
		{"2026-01-15T10:00:00Z", "Pacific/Honolulu", "2026-01-15"},
		{"2026-01-15T09:59:00Z", "Pacific/Kiritimati", "2026-01-15"},
		{"2026-01-15T09:59:00Z", "Pacific/Honolulu", "2026-01-14"},
		{"2026-01-15T10:00:00Z", "America/New_York", "2026-01-15"},
		{"2026-01-15T10:00:00Z", "Europe/Berlin", "2026-01-15"},
		// Auckland is UTC+13 in January and UTC+12 in July.
		{"2026-01-15T10:59:00Z", "Pacific/Auckland", "2026-01-15"},
		{"2026-01-15T11:00:00Z", "Pacific/Auckland", "2026-01-16"},
		{"2026-01-15T11:00:00Z", "Pacific/Honolulu", "2026-01-15"},
		{"2026-07-15T11:59:00Z", "Pacific/Auckland", "2026-07-15"},
		{"2026-07-15T12:00:00Z", "Pacific/Auckland", "2026-07-16"},
		// New York: EST (-5) until 2026-03-08 07:00Z, EDT (-4) until 2026-11-01 06:00Z.
		{"2026-03-08T04:59:00Z", "America/New_York", "2026-03-07"},
		{"2026-03-08T05:00:00Z", "America/New_York", "2026-03-08"},
		{"2026-03-09T03:59:00Z", "America/New_York", "2026-03-08"},
		{"2026-03-09T04:00:00Z", "America/New_York", "2026-03-09"},
		{"2026-11-01T03:59:00Z", "America/New_York", "2026-10-31"},
		{"2026-11-01T04:00:00Z", "America/New_York", "2026-11-01"},
		{"2026-11-02T04:59:00Z", "America/New_York", "2026-11-01"},
		{"2026-11-02T05:00:00Z", "America/New_York", "2026-11-02"},
		// Berlin: CEST (+2) from 2026-03-29 01:00Z until 2026-10-25 01:00Z.
		{"2026-03-28T22:59:00Z", "Europe/Berlin", "2026-03-28"},
		{"2026-03-28T23:00:00Z", "Europe/Berlin", "2026-03-29"},
		{"2026-03-29T21:59:00Z", "Europe/Berlin", "2026-03-29"},
		{"2026-03-29T22:00:00Z", "Europe/Berlin", "2026-03-30"},
		{"2026-10-24T21:59:00Z", "Europe/Berlin", "2026-10-24"},
		{"2026-10-24T22:00:00Z", "Europe/Berlin", "2026-10-25"},
		{"2026-10-25T22:59:00Z", "Europe/Berlin", "2026-10-25"},
		{"2026-10-25T23:00:00Z", "Europe/Berlin", "2026-10-26"},
		{"2026-01-15T23:59:59Z", "UTC", "2026-01-15"},
	}
	for _, tt := range tests {
		got := Today(instant(tt.at), zone(t, tt.zone))
		if got.String() != tt.want {
			t.Errorf("Today(%s, %s) = %s, want %s", tt.at, tt.zone, got, tt.want)
		}
	}
	// nil means UTC, not the server's zone: pretend the server runs in UTC+14.
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = zone(t, "Pacific/Kiritimati")
	if got := Today(instant("2026-01-15T23:30:00-05:00"), nil); got.String() != "2026-01-16" {
		t.Errorf("Today with nil location = %s, want the UTC date 2026-01-16", got)
	}
	if got := Today(instant("2026-01-15T09:30:00Z"), nil); got.String() != "2026-01-15" {
		t.Errorf("Today with nil location = %s, want the UTC date 2026-01-15", got)
	}
}

// TestTodayHourByHour walks instants an hour apart across a DST change: every date
// appears in one unbroken run, none skipped or doubled, and the change day is 23 or 25 hours long.
func TestTodayHourByHour(t *testing.T) {
	type run struct {
		date  string
		hours int
	}
	tests := []struct {
		zone, start string
		hours       int
		want        []run
	}{
		{"America/New_York", "2026-03-07T05:00:00Z", 72, []run{{"2026-03-07", 24}, {"2026-03-08", 23}, {"2026-03-09", 24}, {"2026-03-10", 1}}},
		{"America/New_York", "2026-10-31T04:00:00Z", 72, []run{{"2026-10-31", 24}, {"2026-11-01", 25}, {"2026-11-02", 23}}},
		{"Europe/Berlin", "2026-03-27T23:00:00Z", 72, []run{{"2026-03-28", 24}, {"2026-03-29", 23}, {"2026-03-30", 24}, {"2026-03-31", 1}}},
		{"Europe/Berlin", "2026-10-23T22:00:00Z", 72, []run{{"2026-10-24", 24}, {"2026-10-25", 25}, {"2026-10-26", 23}}},
		{"Pacific/Auckland", "2026-04-03T11:00:00Z", 72, []run{{"2026-04-04", 24}, {"2026-04-05", 25}, {"2026-04-06", 23}}},
		// Cuba moves its clocks at midnight itself: 00:00 never happens on 2026-03-08.
		{"America/Havana", "2026-03-07T05:00:00Z", 72, []run{{"2026-03-07", 24}, {"2026-03-08", 23}, {"2026-03-09", 24}, {"2026-03-10", 1}}},
		{"Pacific/Kiritimati", "2026-01-14T10:00:00Z", 48, []run{{"2026-01-15", 24}, {"2026-01-16", 24}}},
		{"Pacific/Honolulu", "2026-01-14T10:00:00Z", 48, []run{{"2026-01-14", 24}, {"2026-01-15", 24}}},
	}
	for _, tt := range tests {
		loc := zone(t, tt.zone)
		var got []run
		at := instant(tt.start)
		for h := 0; h < tt.hours; h++ {
			d := Today(at.Add(time.Duration(h)*time.Hour), loc).String()
			if n := len(got); n > 0 && got[n-1].date == d {
				got[n-1].hours++
			} else {
				got = append(got, run{d, 1})
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s from %s: got runs %v, want %v", tt.zone, tt.start, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s from %s: got runs %v, want %v", tt.zone, tt.start, got, tt.want)
				break
			}
		}
	}
}

func TestDateTime(t *testing.T) {
	tests := []struct {
		d, zone, want string
	}{
		{"2026-03-08", "America/New_York", "2026-03-08T05:00:00Z"},
		{"2026-03-09", "America/New_York", "2026-03-09T04:00:00Z"},
		{"2026-11-01", "America/New_York", "2026-11-01T04:00:00Z"},
		{"2026-11-02", "America/New_York", "2026-11-02T05:00:00Z"},
		{"2026-03-29", "Europe/Berlin", "2026-03-28T23:00:00Z"},
		{"2026-03-30", "Europe/Berlin", "2026-03-29T22:00:00Z"},
		{"2026-01-16", "Pacific/Kiritimati", "2026-01-15T10:00:00Z"},
		{"2026-01-15", "Pacific/Honolulu", "2026-01-15T10:00:00Z"},
		// Midnight is skipped: the day starts at 01:00 in the new offset.
		{"2026-03-08", "America/Havana", "2026-03-08T05:00:00Z"},
		{"2026-09-06", "America/Santiago", "2026-09-06T04:00:00Z"},
		{"2026-03-29", "Asia/Beirut", "2026-03-28T22:00:00Z"},
		{"2026-01-15", "UTC", "2026-01-15T00:00:00Z"},
	}
	for _, tt := range tests {
		got := day(tt.d).Time(zone(t, tt.zone)).UTC().Format(time.RFC3339)
		if got != tt.want {
			t.Errorf("%s.Time(%s) = %s, want %s", tt.d, tt.zone, got, tt.want)
		}
	}
	if got := day("2026-01-15").Time(nil); !got.Equal(instant("2026-01-15T00:00:00Z")) {
		t.Errorf("Time(nil) = %v, want UTC midnight", got)
	}
}

// TestDateTimeStartsTheDay: for every day of a year in zones with awkward
// transitions, Time is the first instant of the day and the instant before is the day before.
func TestDateTimeStartsTheDay(t *testing.T) {
	for _, name := range []string{"America/New_York", "Europe/Berlin", "Pacific/Auckland", "America/Havana", "America/Santiago", "Asia/Beirut", "Pacific/Kiritimati"} {
		loc := zone(t, name)
		for d := day("2026-01-01"); d <= day("2026-12-31"); d++ {
			start := d.Time(loc)
			if got := Today(start, loc); got != d {
				t.Fatalf("%s: Today(%s.Time()) = %s", name, d, got)
			}
			if got := Today(start.Add(-time.Nanosecond), loc); got != d-1 {
				t.Fatalf("%s: the instant before %s.Time() is %s, want %s", name, d, got, d-1)
			}
		}
	}
}
