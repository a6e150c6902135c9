package progress

import "testing"

// rec builders keep the tables short: k = kept, unreviewed.
func k(d Date) Record  { return Record{Date: d, Outcome: Kept} }
func kc(d Date) Record { return Record{Date: d, Outcome: Kept, Review: Confirmed} }
func kd(d Date) Record { return Record{Date: d, Outcome: Kept, Review: Disputed} }
func m(d Date) Record  { return Record{Date: d, Outcome: Missed} }

func TestCount(t *testing.T) {
	today := jan(10)
	tests := []struct {
		name     string
		due      []Date
		records  []Record
		want     Tally
		wantRate float64
		wantOK   bool
	}{
		{"no occurrences", nil, nil, Tally{}, 0, false},
		{"only future occurrences", janDays(11, 12), []Record{kc(jan(11))}, Tally{}, 0, false},
		{"today unrecorded does not count yet", janDays(10), nil, Tally{}, 0, false},
		{"today recorded kept counts", janDays(10), []Record{k(jan(10))}, Tally{Due: 1, Unconfirmed: 1}, 0, true},
		{"today recorded missed counts", janDays(10), []Record{m(jan(10))}, Tally{Due: 1, Missed: 1}, 0, true},
		{"all kept and confirmed", janDays(7, 8, 9), []Record{kc(jan(7)), kc(jan(8)), kc(jan(9))}, Tally{Due: 3, Confirmed: 3}, 1, true},
		{
			"a mix",
			janDays(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
			[]Record{
				kc(jan(1)), k(jan(2)), kd(jan(3)), m(jan(4)), // 5: nothing
				{Date: jan(6), Outcome: Missed, Review: Disputed}, kc(jan(7)), // 8: nothing
				kc(jan(9)), // 10 is today, unrecorded
			},
			Tally{Due: 9, Confirmed: 3, Unconfirmed: 1, Disputed: 1, Missed: 2, NotRecorded: 2},
			3.0 / 9, true,
		},
		{
			"records in any order, off-schedule and future ones ignored",
			janDays(2, 5, 9, 12),
			[]Record{kc(jan(12)), m(jan(9)), kc(jan(3)), kc(jan(5)), kc(jan(2)), kc(jan(4))},
			Tally{Due: 3, Confirmed: 2, Missed: 1},
			2.0 / 3, true,
		},
		{"two records for a date: the later wins", janDays(5), []Record{m(jan(5)), kc(jan(5))}, Tally{Due: 1, Confirmed: 1}, 1, true},
		{"two records out of order: the later in the list wins", janDays(5, 6), []Record{kc(jan(6)), kc(jan(5)), m(jan(5))}, Tally{Due: 2, Confirmed: 1, Missed: 1}, 0.5, true},
		{"a record saying not recorded is not recorded", janDays(5), []Record{{Date: jan(5), Review: Confirmed}}, Tally{Due: 1, NotRecorded: 1}, 0, true},
		{"past dates with no records", janDays(1, 2, 3), nil, Tally{Due: 3, NotRecorded: 3}, 0, true},
	}
	for _, tt := range tests {
		got := Count(tt.due, tt.records, today)
		if got != tt.want {
			t.Errorf("%s: Count = %+v, want %+v", tt.name, got, tt.want)
		}
		rate, ok := got.Rate()
		if ok != tt.wantOK || rate != tt.wantRate {
			t.Errorf("%s: Rate = %v, %v; want %v, %v", tt.name, rate, ok, tt.wantRate, tt.wantOK)
		}
	}
	t.Logf("%d count cases", len(tests))
}

func TestRun(t *testing.T) {
	today := jan(10)
	tests := []struct {
		name    string
		due     []Date
		records []Record
		want    int
	}{
		{"no occurrences", nil, nil, 0},
		{"all kept", janDays(6, 7, 8, 9), []Record{kc(jan(6)), k(jan(7)), kc(jan(8)), kc(jan(9))}, 4},
		{"broken by a miss", janDays(5, 6, 7, 8, 9), []Record{kc(jan(5)), kc(jan(6)), m(jan(7)), kc(jan(8)), kc(jan(9))}, 2},
		{"broken by a date not recorded", janDays(6, 7, 8, 9), []Record{kc(jan(6)), kc(jan(7)), kc(jan(9))}, 1},
		{"broken by a dispute", janDays(6, 7, 8, 9), []Record{kc(jan(6)), kd(jan(7)), kc(jan(8)), kc(jan(9))}, 2},
		{"today unrecorded neither breaks nor extends", janDays(7, 8, 9, 10), []Record{kc(jan(7)), kc(jan(8)), kc(jan(9))}, 3},
		{"today kept extends", janDays(8, 9, 10), []Record{kc(jan(8)), kc(jan(9)), k(jan(10))}, 3},
		{"today missed breaks", janDays(8, 9, 10), []Record{kc(jan(8)), kc(jan(9)), m(jan(10))}, 0},
		{"latest past date unrecorded", janDays(7, 8, 9), []Record{kc(jan(7)), kc(jan(8))}, 0},
		{"unconfirmed kept counts", janDays(8, 9), []Record{k(jan(8)), k(jan(9))}, 2},
		{"future records ignored", janDays(9, 11), []Record{kc(jan(9)), kc(jan(11))}, 1},
		{"a confirmed miss still breaks", janDays(8, 9), []Record{kc(jan(8)), {Date: jan(9), Outcome: Missed, Review: Confirmed}}, 0},
		{"weekly dates with gaps between them", janDays(1, 5, 8), []Record{m(jan(1)), kc(jan(5)), kc(jan(8)), m(jan(6))}, 2},
		{"unsorted records", janDays(7, 8, 9), []Record{kc(jan(9)), kc(jan(7)), kc(jan(8))}, 3},
	}
	for _, tt := range tests {
		if got := Run(tt.due, tt.records, today); got != tt.want {
			t.Errorf("%s: Run = %d, want %d", tt.name, got, tt.want)
		}
	}
	t.Logf("%d run cases", len(tests))
}

func TestSummarize(t *testing.T) {
	// Jan 1..13 kept and confirmed, Jan 14 missed, Jan 15..Feb 9 kept unconfirmed.
	var long []Record
	for d := jan(1); d <= jan(13); d++ {
		long = append(long, kc(d))
	}
	long = append(long, m(jan(14)))
	for d := jan(15); d <= jan(40); d++ {
		long = append(long, k(d))
	}
	tests := []struct {
		name    string
		plan    Plan
		records []Record
		today   Date
		want    Rates
	}{
		{"no versions", Plan{Closed: NoDate}, []Record{kc(jan(1))}, jan(10), Rates{}},
		{"first day, nothing recorded", plan(daily(jan(1), NoDate)), nil, jan(1), Rates{}},
		{"before the start", plan(daily(jan(5), NoDate)), nil, jan(1), Rates{}},
		{
			// Today is Feb 10: the last four weeks are Jan 14..Feb 10, and today is unrecorded.
			"a long daily promise",
			plan(daily(jan(1), NoDate)), long, jan(41),
			Rates{
				Last4Weeks: Tally{Due: 27, Unconfirmed: 26, Missed: 1},
				SinceStart: Tally{Due: 40, Confirmed: 13, Unconfirmed: 26, Missed: 1},
				Run:        26,
			},
		},
		{
			"paused days are not counted",
			plan(daily(jan(1), NoDate)).withPauses(Span{jan(5), jan(8)}), []Record{kc(jan(8)), kc(jan(9))}, jan(10),
			Rates{
				Last4Weeks: Tally{Due: 6, Confirmed: 2, NotRecorded: 4},
				SinceStart: Tally{Due: 6, Confirmed: 2, NotRecorded: 4},
				Run:        2,
			},
		},
		{
			// Due: Jan 1-4 daily, then Mon 5, Wed 7, Fri 9, Mon 12, Wed 14, Fri 16 (today, recorded).
			"renegotiated from daily to mon wed fri",
			plan(daily(jan(1), NoDate), weekly(mwf, jan(5), NoDate)),
			[]Record{kc(jan(1)), kc(jan(2)), kc(jan(3)), kc(jan(4)), kc(jan(5)), kc(jan(6)), kc(jan(7)), m(jan(9)), k(jan(12)), kd(jan(14)), kc(jan(16))},
			jan(16),
			Rates{
				Last4Weeks: Tally{Due: 10, Confirmed: 7, Unconfirmed: 1, Disputed: 1, Missed: 1},
				SinceStart: Tally{Due: 10, Confirmed: 7, Unconfirmed: 1, Disputed: 1, Missed: 1},
				Run:        1,
			},
		},
		{
			"closed promise stops counting",
			plan(daily(jan(1), NoDate)).withClosed(jan(5)), []Record{kc(jan(1)), kc(jan(2)), kc(jan(3)), kc(jan(4)), m(jan(6))}, jan(10),
			Rates{
				Last4Weeks: Tally{Due: 4, Confirmed: 4},
				SinceStart: Tally{Due: 4, Confirmed: 4},
				Run:        4,
			},
		},
		{
			// Today is Feb 28: the window is Feb 1..28, so Jan 31 falls just outside it.
			"four-week window edge",
			plan(daily(jan(1), NoDate)), []Record{kc(jan(31)), m(jan(32))}, day("2026-02-28"),
			Rates{
				Last4Weeks: Tally{Due: 27, Missed: 1, NotRecorded: 26},
				SinceStart: Tally{Due: 58, Confirmed: 1, Missed: 1, NotRecorded: 56},
				Run:        0,
			},
		},
		{
			"one-off kept today",
			plan(once(jan(10), jan(1))), []Record{kc(jan(10))}, jan(10),
			Rates{Last4Weeks: Tally{Due: 1, Confirmed: 1}, SinceStart: Tally{Due: 1, Confirmed: 1}, Run: 1},
		},
	}
	for _, tt := range tests {
		if got := Summarize(tt.plan, tt.records, tt.today); got != tt.want {
			t.Errorf("%s: Summarize =\n %+v\nwant\n %+v", tt.name, got, tt.want)
		}
	}
	t.Logf("%d summarize cases", len(tests))
}

func TestRate(t *testing.T) {
	tests := []struct {
		t      Tally
		want   float64
		wantOK bool
	}{
		{Tally{}, 0, false},
		{Tally{Due: 4, Unconfirmed: 4}, 0, true},
		{Tally{Due: 4, Confirmed: 1, Missed: 3}, 0.25, true},
		{Tally{Due: 4, Confirmed: 4}, 1, true},
	}
	for _, tt := range tests {
		got, ok := tt.t.Rate()
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("%+v.Rate() = %v, %v; want %v, %v", tt.t, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestCombine(t *testing.T) {
	tests := []struct {
		in   []Tally
		want Tally
	}{
		{nil, Tally{}},
		{[]Tally{{Due: 2, Confirmed: 2}}, Tally{Due: 2, Confirmed: 2}},
		{
			[]Tally{
				{Due: 5, Confirmed: 1, Unconfirmed: 1, Disputed: 1, Missed: 1, NotRecorded: 1},
				{},
				{Due: 3, Confirmed: 2, NotRecorded: 1},
			},
			Tally{Due: 8, Confirmed: 3, Unconfirmed: 1, Disputed: 1, Missed: 1, NotRecorded: 2},
		},
	}
	for _, tt := range tests {
		if got := Combine(tt.in...); got != tt.want {
			t.Errorf("Combine(%v) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestOutcomeAndReviewNames(t *testing.T) {
	names := map[string]string{
		NotRecorded.String(): "not recorded", Kept.String(): "kept", Missed.String(): "missed",
		Unreviewed.String(): "unreviewed", Confirmed.String(): "confirmed", Disputed.String(): "disputed",
	}
	for got, want := range names {
		if got != want {
			t.Errorf("name %q, want %q", got, want)
		}
	}
	if len(names) != 6 {
		t.Errorf("got %d distinct names, want 6", len(names))
	}
}

// TestCountDoesNotAllocateForSortedRecords: the store returns records in date order,
// so the hot path must not copy them.
func TestCountDoesNotAllocateForSortedRecords(t *testing.T) {
	due := janDays(1, 2, 3, 4, 5)
	recs := []Record{kc(jan(1)), k(jan(3)), m(jan(5))}
	if n := testing.AllocsPerRun(100, func() { _ = Count(due, recs, jan(10)) }); n != 0 {
		t.Errorf("Count allocated %v times, want 0", n)
	}
}
