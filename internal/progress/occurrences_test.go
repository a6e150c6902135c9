package progress

import (
	"errors"
	"testing"
	"time"
)

// Builders for readable tables; every date in them is written out by hand.

func once(due, start Date) Schedule {
	return Schedule{Kind: KindOnce, Due: due, Start: start, End: NoDate}
}

func daily(start, end Date) Schedule {
	return Schedule{Kind: KindDaily, Start: start, End: end}
}

func weekly(ws Weekdays, start, end Date) Schedule {
	return Schedule{Kind: KindWeekdays, Weekdays: ws, Start: start, End: end}
}

// plan is an open, unpaused plan with one version per schedule, each in force from its start.
func plan(ss ...Schedule) Plan {
	p := Plan{Closed: NoDate}
	for _, s := range ss {
		p.Versions = append(p.Versions, Version{From: s.Start, Schedule: s})
	}
	return p
}

func (p Plan) withPauses(spans ...Span) Plan { p.Pauses = spans; return p }

func (p Plan) withClosed(d Date) Plan { p.Closed = d; return p }

// from moves version i to take effect on d, leaving its schedule's start alone.
func (p Plan) withFrom(i int, d Date) Plan {
	vs := append([]Version(nil), p.Versions...)
	vs[i].From = d
	p.Versions = vs
	return p
}

var (
	mon     = WeekdaysOf(time.Monday)
	mwf     = WeekdaysOf(time.Monday, time.Wednesday, time.Friday)
	monWed  = WeekdaysOf(time.Monday, time.Wednesday)
	tueThu  = WeekdaysOf(time.Tuesday, time.Thursday)
	sun     = WeekdaysOf(time.Sunday)
	sat     = WeekdaysOf(time.Saturday)
	tue     = WeekdaysOf(time.Tuesday)
	dec2025 = func(d int) Date { return day("2025-12-01") + Date(d-1) }
)

type occurrenceCase struct {
	name     string
	plan     Plan
	from, to Date
	want     []Date
}

var occurrenceCases = []occurrenceCase{
	// One-off promises.
	{"once inside range", plan(once(jan(10), jan(1))), jan(1), jan(31), janDays(10)},
	{"once due on its start", plan(once(jan(1), jan(1))), jan(1), jan(31), janDays(1)},
	{"once due before its start is never due", plan(once(jan(5), jan(10))), jan(1), jan(31), nil},
	{"once due after range", plan(once(jan(10), jan(1))), jan(1), jan(9), nil},
	{"once due before range", plan(once(jan(10), jan(1))), jan(11), jan(31), nil},
	{"once due on range end", plan(once(jan(10), jan(1))), jan(1), jan(10), janDays(10)},
	{"once due on range start", plan(once(jan(10), jan(1))), jan(10), jan(20), janDays(10)},
	{"once due before its version takes effect", plan(once(jan(10), jan(1))).withFrom(0, jan(15)), jan(1), jan(31), nil},
	{"once due after its end", plan(Schedule{Kind: KindOnce, Due: jan(10), Start: jan(1), End: jan(9)}), jan(1), jan(31), nil},

	// Daily promises.
	{"daily with start and end", plan(daily(jan(3), jan(6))), jan(1), jan(31), janDays(3, 4, 5, 6)},
	{"daily open-ended, clipped by range across a month", plan(daily(jan(1), NoDate)), jan(28), jan(33), janDays(28, 29, 30, 31, 32, 33)},
	{"daily, range before start", plan(daily(jan(10), NoDate)), jan(1), jan(9), nil},
	{"daily, range after end", plan(daily(jan(1), jan(9))), jan(10), jan(20), nil},
	{"daily end is inclusive", plan(daily(jan(1), jan(10))), jan(10), jan(20), janDays(10)},
	{"daily start on range end", plan(daily(jan(20), NoDate)), jan(10), jan(20), janDays(20)},
	{"single-day range", plan(daily(jan(1), NoDate)), jan(7), jan(7), janDays(7)},
	{"empty range", plan(daily(jan(1), NoDate)), jan(8), jan(7), nil},
	{"daily across new year", plan(daily(dec2025(30), NoDate)), dec2025(1), jan(2), []Date{dec2025(30), dec2025(31), jan(1), jan(2)}},
	{"daily at the end of year 9999", plan(daily(day("9999-12-30"), NoDate)), day("9999-12-01"), day("9999-12-31"), days("9999-12-30", "9999-12-31")},

	// Chosen weekdays.
	{"mondays", plan(weekly(mon, jan(1), NoDate)), jan(1), jan(31), janDays(5, 12, 19, 26)},
	{"mon wed fri", plan(weekly(mwf, jan(1), NoDate)), jan(1), jan(14), janDays(2, 5, 7, 9, 12, 14)},
	{"all seven weekdays is daily", plan(weekly(EveryDay, jan(1), NoDate)), jan(1), jan(7), janDays(1, 2, 3, 4, 5, 6, 7)},
	{"tue thu with start mid-week and an end", plan(weekly(tueThu, jan(7), jan(20))), jan(1), jan(31), janDays(8, 13, 15, 20)},
	{"sundays across new year", plan(weekly(sun, dec2025(1), NoDate)), dec2025(25), jan(12), []Date{dec2025(28), jan(4), jan(11)}},
	{"saturdays clipped at both ends", plan(weekly(sat, jan(1), NoDate)), jan(4), jan(30), janDays(10, 17, 24)},
	{"saturdays, range holds none", plan(weekly(sat, jan(1), NoDate)), jan(4), jan(9), nil},

	// Pauses.
	{"closed pause", plan(daily(jan(1), NoDate)).withPauses(Span{jan(5), jan(8)}), jan(1), jan(10), janDays(1, 2, 3, 4, 8, 9, 10)},
	{"open pause", plan(daily(jan(1), NoDate)).withPauses(Span{jan(5), NoDate}), jan(1), jan(10), janDays(1, 2, 3, 4)},
	{"pause overlapping range start", plan(daily(dec2025(1), NoDate)).withPauses(Span{dec2025(20), jan(3)}), jan(1), jan(5), janDays(3, 4, 5)},
	{"pause overlapping range end", plan(daily(jan(1), NoDate)).withPauses(Span{jan(4), jan(20)}), jan(1), jan(5), janDays(1, 2, 3)},
	{"pause covering everything", plan(daily(jan(1), NoDate)).withPauses(Span{dec2025(1), jan(32)}), jan(1), jan(31), nil},
	{"overlapping pauses out of order", plan(daily(jan(1), NoDate)).withPauses(Span{jan(6), jan(9)}, Span{jan(3), jan(7)}), jan(1), jan(10), janDays(1, 2, 9, 10)},
	{"pause inside a pause", plan(daily(jan(1), NoDate)).withPauses(Span{jan(3), jan(9)}, Span{jan(4), jan(5)}), jan(1), jan(10), janDays(1, 2, 9, 10)},
	{"adjacent pauses", plan(daily(jan(1), NoDate)).withPauses(Span{jan(3), jan(5)}, Span{jan(5), jan(7)}), jan(1), jan(10), janDays(1, 2, 7, 8, 9, 10)},
	{"paused weekdays", plan(weekly(mwf, jan(1), NoDate)).withPauses(Span{jan(6), jan(13)}), jan(1), jan(16), janDays(2, 5, 14, 16)},
	{"once inside a pause", plan(once(jan(10), jan(1))).withPauses(Span{jan(8), jan(12)}), jan(1), jan(31), nil},
	{"once on the day a pause ends", plan(once(jan(10), jan(1))).withPauses(Span{jan(8), jan(10)}), jan(1), jan(31), janDays(10)},
	{"empty pause has no effect", plan(daily(jan(1), NoDate)).withPauses(Span{jan(3), jan(3)}), jan(1), jan(4), janDays(1, 2, 3, 4)},
	{"pause entirely before range", plan(daily(jan(1), NoDate)).withPauses(Span{jan(1), jan(3)}), jan(5), jan(6), janDays(5, 6)},

	// Renegotiated schedules.
	{"daily then mon wed", plan(daily(jan(1), NoDate), weekly(monWed, jan(12), NoDate)), jan(8), jan(21), janDays(8, 9, 10, 11, 12, 14, 19, 21)},
	{"mondays then once", plan(weekly(mon, jan(1), NoDate), once(jan(20), jan(13))), jan(1), jan(31), janDays(5, 12, 20)},
	{"version starting after the range", plan(daily(jan(1), NoDate), weekly(mon, jan(32), NoDate)), jan(28), jan(31), janDays(28, 29, 30, 31)},
	{"range before the first version", plan(daily(jan(10), NoDate)).withFrom(0, jan(10)), jan(1), jan(9), nil},
	{"two versions from the same day: the later wins", plan(daily(jan(5), NoDate), weekly(mon, jan(5), NoDate)), jan(1), jan(14), janDays(5, 12)},
	{"new version whose schedule starts later leaves a gap", plan(daily(jan(1), NoDate), daily(jan(15), NoDate)).withFrom(1, jan(10)), jan(8), jan(16), janDays(8, 9, 15, 16)},
	{"old version ended before the new one", plan(daily(jan(1), jan(3)), daily(jan(6), NoDate)), jan(1), jan(7), janDays(1, 2, 3, 6, 7)},

	// Closed promises.
	{"closed on a date", plan(daily(jan(1), NoDate)).withClosed(jan(5)), jan(1), jan(10), janDays(1, 2, 3, 4)},
	{"closed before start", plan(daily(jan(10), NoDate)).withClosed(jan(5)), jan(1), jan(31), nil},
	{"closed on the once due date", plan(once(jan(10), jan(1))).withClosed(jan(10)), jan(1), jan(31), nil},
	{"closed the day after the once due date", plan(once(jan(10), jan(1))).withClosed(jan(11)), jan(1), jan(31), janDays(10)},

	// Everything at once.
	{
		"renegotiated, paused twice and closed",
		plan(daily(jan(1), NoDate), weekly(mwf, jan(12), NoDate)).withPauses(Span{jan(7), jan(10)}, Span{jan(19), jan(22)}).withClosed(jan(28)),
		jan(1), jan(31),
		janDays(1, 2, 3, 4, 5, 6, 10, 11, 12, 14, 16, 23, 26),
	},
	{
		"pause spanning a renegotiation",
		plan(daily(jan(1), NoDate), weekly(tue, jan(12), NoDate)).withPauses(Span{jan(9), jan(14)}),
		jan(5), jan(31),
		janDays(5, 6, 7, 8, 20, 27),
	},
	{"no versions", Plan{Closed: NoDate}, jan(1), jan(31), nil},
	{"weekdays without days is never due", plan(weekly(0, jan(1), NoDate)), jan(1), jan(31), nil},
	{"a renegotiation to weekdays without days ends the promise", plan(daily(jan(1), NoDate), weekly(0, jan(5), NoDate)), jan(1), jan(10), janDays(1, 2, 3, 4)},
	{"unknown kind is never due", plan(Schedule{Kind: "monthly", Start: jan(1), End: NoDate}), jan(1), jan(31), nil},
}

func TestOccurrences(t *testing.T) {
	for _, tt := range occurrenceCases {
		got := tt.plan.Occurrences(tt.from, tt.to)
		if !datesEqual(got, tt.want) {
			t.Errorf("%s: Occurrences(%s, %s) = %v, want %v", tt.name, tt.from, tt.to, got, tt.want)
		}
	}
	t.Logf("%d occurrence cases", len(occurrenceCases))
}

// TestIsDueAgreesWithOccurrences asks IsDue about every day of each case's range:
// the per-day path and the range path must agree on what is due.
func TestIsDueAgreesWithOccurrences(t *testing.T) {
	for _, tt := range occurrenceCases {
		want := map[Date]bool{}
		for _, d := range tt.want {
			want[d] = true
		}
		for d := tt.from; d <= tt.to; d++ {
			if got := tt.plan.IsDue(d); got != want[d] {
				t.Errorf("%s: IsDue(%s) = %v, want %v", tt.name, d, got, want[d])
			}
		}
	}
}

func TestOccurrencesAllocatesOnce(t *testing.T) {
	p := plan(daily(jan(1), NoDate), weekly(mwf, jan(12), NoDate)).withPauses(Span{jan(7), jan(10)}).withClosed(day("2027-01-01"))
	allocs := testing.AllocsPerRun(100, func() { _ = p.Occurrences(jan(1), day("2026-12-31")) })
	if allocs != 1 {
		t.Errorf("Occurrences allocated %v times, want 1", allocs)
	}
	// A one-off promise over a huge range costs no walk: one small slice.
	o := plan(once(jan(10), jan(1)))
	if got := o.Occurrences(day("0001-01-01"), day("9999-12-31")); !datesEqual(got, janDays(10)) || cap(got) != 1 {
		t.Errorf("once over all time = %v (cap %d), want [2026-01-10] in a slice of cap 1", got, cap(got))
	}
}

// TestAuthorsAcrossZones: on the same instant an author in UTC+13 is a day ahead of
// one in UTC-10, so their "today" and what is due by then differ.
func TestAuthorsAcrossZones(t *testing.T) {
	p := plan(daily(jan(10), NoDate))
	deadline := plan(once(jan(16), jan(10)))
	tests := []struct {
		at, zone   string
		today      Date
		occ        []Date
		dueToday   bool // the one-off due on the 16th
		recordedOK Tally
	}{
		{"2026-01-15T11:30:00Z", "Pacific/Auckland", jan(16), janDays(10, 11, 12, 13, 14, 15, 16), true, Tally{Due: 1, Unconfirmed: 1}},
		{"2026-01-15T11:30:00Z", "Pacific/Honolulu", jan(15), janDays(10, 11, 12, 13, 14, 15), false, Tally{}},
		// For one hour a day the two zones share a date.
		{"2026-01-15T10:30:00Z", "Pacific/Auckland", jan(15), janDays(10, 11, 12, 13, 14, 15), false, Tally{}},
		{"2026-01-15T10:30:00Z", "Pacific/Honolulu", jan(15), janDays(10, 11, 12, 13, 14, 15), false, Tally{}},
	}
	for _, tt := range tests {
		today := Today(instant(tt.at), zone(t, tt.zone))
		if today != tt.today {
			t.Errorf("%s in %s: today = %s, want %s", tt.at, tt.zone, today, tt.today)
		}
		if got := p.Occurrences(jan(1), today); !datesEqual(got, tt.occ) {
			t.Errorf("%s in %s: daily occurrences = %v, want %v", tt.at, tt.zone, got, tt.occ)
		}
		if got := deadline.IsDue(today); got != tt.dueToday {
			t.Errorf("%s in %s: one-off due today = %v, want %v", tt.at, tt.zone, got, tt.dueToday)
		}
		// The author records the one-off as kept on the 16th: it counts only once it is their today.
		got := Count(deadline.Occurrences(jan(1), today), []Record{{Date: jan(16), Outcome: Kept}}, today)
		if got != tt.recordedOK {
			t.Errorf("%s in %s: tally = %+v, want %+v", tt.at, tt.zone, got, tt.recordedOK)
		}
	}
}

// TestDailyOncePerCivilDateAcrossDST walks the hours around each DST change: a daily
// promise is due exactly once on each civil date, and a Sunday promise once on the change day.
func TestDailyOncePerCivilDateAcrossDST(t *testing.T) {
	tests := []struct {
		zone, start string
		dates       []Date // the civil dates the 96 hours touch, by hand
		sunday      Date   // the change day, always a Sunday
	}{
		{"America/New_York", "2026-03-07T05:00:00Z", days("2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10", "2026-03-11"), day("2026-03-08")},
		{"America/New_York", "2026-10-31T04:00:00Z", days("2026-10-31", "2026-11-01", "2026-11-02", "2026-11-03"), day("2026-11-01")},
		{"Europe/Berlin", "2026-03-27T23:00:00Z", days("2026-03-28", "2026-03-29", "2026-03-30", "2026-03-31", "2026-04-01"), day("2026-03-29")},
		{"Europe/Berlin", "2026-10-23T22:00:00Z", days("2026-10-24", "2026-10-25", "2026-10-26", "2026-10-27"), day("2026-10-25")},
	}
	everyDay := plan(daily(day("2026-01-01"), NoDate))
	sundays := plan(weekly(sun, day("2026-01-01"), NoDate))
	for _, tt := range tests {
		loc := zone(t, tt.zone)
		at := instant(tt.start)
		seen := map[Date]int{} // civil date -> how many distinct "today"s produced it
		var order []Date
		for h := 0; h < 96; h++ {
			d := Today(at.Add(time.Duration(h)*time.Hour), loc)
			if len(order) == 0 || order[len(order)-1] != d {
				order = append(order, d)
				seen[d]++
			}
		}
		if !datesEqual(order, tt.dates) {
			t.Errorf("%s: civil dates %v, want %v", tt.zone, order, tt.dates)
		}
		for d, n := range seen {
			if n != 1 {
				t.Errorf("%s: date %s came back %d times", tt.zone, d, n)
			}
		}
		first, last := order[0], order[len(order)-1]
		if got := everyDay.Occurrences(first, last); !datesEqual(got, tt.dates) {
			t.Errorf("%s: daily occurrences %v, want %v", tt.zone, got, tt.dates)
		}
		if got := sundays.Occurrences(first, last); !datesEqual(got, []Date{tt.sunday}) {
			t.Errorf("%s: Sunday occurrences %v, want [%s]", tt.zone, got, tt.sunday)
		}
	}
}

func TestPlanValidate(t *testing.T) {
	tests := []struct {
		name string
		p    Plan
		want error
	}{
		{"valid", plan(daily(jan(1), NoDate), weekly(mwf, jan(12), NoDate)).withPauses(Span{jan(3), jan(5)}, Span{jan(20), NoDate}), nil},
		{"no versions", Plan{Closed: NoDate}, ErrNoVersions},
		{"versions out of order", plan(daily(jan(10), NoDate), daily(jan(1), NoDate)), ErrVersionsOrder},
		{"invalid schedule", plan(weekly(0, jan(1), NoDate)), ErrNoWeekdays},
		{"pause without start", plan(daily(jan(1), NoDate)).withPauses(Span{NoDate, jan(3)}), ErrPauseNoStart},
		{"pause ending as it starts", plan(daily(jan(1), NoDate)).withPauses(Span{jan(3), jan(3)}), ErrPauseEndsEarly},
		{"pause ending before it starts", plan(daily(jan(1), NoDate)).withPauses(Span{jan(3), jan(2)}), ErrPauseEndsEarly},
	}
	for _, tt := range tests {
		err := tt.p.Validate()
		if (tt.want == nil) != (err == nil) || (tt.want != nil && !errors.Is(err, tt.want)) {
			t.Errorf("%s: Validate() = %v, want %v", tt.name, err, tt.want)
		}
	}
	err := plan(weekly(0, jan(1), NoDate)).Validate()
	if want := "schedule from 2026-01-01: choose at least one day of the week"; err == nil || err.Error() != want {
		t.Errorf("Validate() message = %v, want %q", err, want)
	}
}
