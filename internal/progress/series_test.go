package progress

import (
	"reflect"
	"testing"
	"time"
)

// In January 2026 Monday weeks start on Dec 29, Jan 5, 12, 19 and 26; Sunday weeks on Dec 28, Jan 4, 11...

func TestWeeklyAverages(t *testing.T) {
	tests := []struct {
		name     string
		values   []DayValue
		from, to Date
		first    time.Weekday
		want     []WeekPoint
	}{
		{
			"full weeks with a gap",
			[]DayValue{{jan(5), 4}, {jan(6), 6}, {jan(19), 7}},
			jan(5), jan(25), time.Monday,
			[]WeekPoint{{jan(5), 5, 2}, {jan(12), 0, 0}, {jan(19), 7, 1}},
		},
		{
			"partial first and last weeks, values outside the range ignored",
			[]DayValue{{dec2025(30), 10}, {jan(1), 2}, {jan(4), 4}, {jan(13), 9}, {jan(14), 1}},
			jan(1), jan(13), time.Monday,
			[]WeekPoint{{dec2025(29), 3, 2}, {jan(5), 0, 0}, {jan(12), 9, 1}},
		},
		{
			"unsorted, several values a day",
			[]DayValue{{jan(7), 3}, {jan(5), 1}, {jan(7), 8}},
			jan(5), jan(11), time.Monday,
			[]WeekPoint{{jan(5), 4, 3}},
		},
		{
			"weeks starting on Sunday",
			[]DayValue{{jan(3), 5}, {jan(4), 1}},
			jan(1), jan(10), time.Sunday,
			[]WeekPoint{{dec2025(28), 5, 1}, {jan(4), 1, 1}},
		},
		{
			"a zero rating is data, not a gap",
			[]DayValue{{jan(6), 0}},
			jan(5), jan(11), time.Monday,
			[]WeekPoint{{jan(5), 0, 1}},
		},
		{"no values: all gaps", nil, jan(5), jan(18), time.Monday, []WeekPoint{{jan(5), 0, 0}, {jan(12), 0, 0}}},
		{"single day", []DayValue{{jan(7), 6}}, jan(7), jan(7), time.Monday, []WeekPoint{{jan(5), 6, 1}}},
		{"empty range", []DayValue{{jan(7), 6}}, jan(8), jan(7), time.Monday, nil},
	}
	for _, tt := range tests {
		if got := WeeklyAverages(tt.values, tt.from, tt.to, tt.first); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: WeeklyAverages =\n %v\nwant\n %v", tt.name, got, tt.want)
		}
	}
	t.Logf("%d weekly average cases", len(tests))
}

func TestKeptPerWeek(t *testing.T) {
	today := jan(14) // a Wednesday
	base := []Occurrence{
		{jan(3), Kept, Confirmed}, // before the range
		{jan(5), Kept, Confirmed},
		{jan(6), Kept, Unreviewed},
		{jan(7), Kept, Disputed},
		{jan(8), Missed, Unreviewed},
		{jan(9), NotRecorded, Unreviewed}, // past, never recorded: missed
		{jan(12), Kept, Confirmed},
		{jan(13), NotRecorded, Unreviewed},
		{jan(14), NotRecorded, Unreviewed}, // today, still open
		{jan(15), NotRecorded, Unreviewed}, // future
		{jan(20), Kept, Confirmed},         // future, even if recorded
	}
	todayMissed := append([]Occurrence(nil), base...)
	todayMissed[8].Outcome = Missed
	reversed := make([]Occurrence, len(base))
	for i, o := range base {
		reversed[len(base)-1-i] = o
	}
	tests := []struct {
		name     string
		occ      []Occurrence
		from, to Date
		first    time.Weekday
		today    Date
		want     []WeekKept
	}{
		{
			"a mix, with today open and the future not counted",
			base, jan(5), jan(25), time.Monday, today,
			[]WeekKept{{jan(5), 1, 1, 1, 2}, {jan(12), 1, 0, 0, 1}, {jan(19), 0, 0, 0, 0}},
		},
		{
			"today recorded counts",
			todayMissed, jan(5), jan(25), time.Monday, today,
			[]WeekKept{{jan(5), 1, 1, 1, 2}, {jan(12), 1, 0, 0, 2}, {jan(19), 0, 0, 0, 0}},
		},
		{
			"unsorted input",
			reversed, jan(5), jan(25), time.Monday, today,
			[]WeekKept{{jan(5), 1, 1, 1, 2}, {jan(12), 1, 0, 0, 1}, {jan(19), 0, 0, 0, 0}},
		},
		{
			"partial weeks starting on Sunday",
			base, jan(3), jan(13), time.Sunday, today,
			[]WeekKept{{dec2025(28), 1, 0, 0, 0}, {jan(4), 1, 1, 1, 2}, {jan(11), 1, 0, 0, 1}},
		},
		{
			"a range entirely in the future is all zeros",
			base, jan(19), jan(25), time.Monday, today,
			[]WeekKept{{jan(19), 0, 0, 0, 0}},
		},
		{"empty range", base, jan(25), jan(5), time.Monday, today, nil},
	}
	for _, tt := range tests {
		if got := KeptPerWeek(tt.occ, tt.from, tt.to, tt.first, tt.today); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: KeptPerWeek =\n %v\nwant\n %v", tt.name, got, tt.want)
		}
	}
	t.Logf("%d kept-per-week cases", len(tests))
}

func TestCountPerWeek(t *testing.T) {
	notes := []Date{jan(30), jan(1), dec2025(31), jan(11), jan(4), jan(1), jan(32)}
	tests := []struct {
		name     string
		dates    []Date
		from, to Date
		first    time.Weekday
		want     []WeekCount
	}{
		{
			"a month of Monday weeks, unsorted, outside dates ignored",
			notes, jan(1), jan(31), time.Monday,
			[]WeekCount{{dec2025(29), 3}, {jan(5), 1}, {jan(12), 0}, {jan(19), 0}, {jan(26), 1}},
		},
		{
			"Sunday weeks",
			notes, jan(1), jan(17), time.Sunday,
			[]WeekCount{{dec2025(28), 2}, {jan(4), 1}, {jan(11), 1}},
		},
		{"no dates", nil, jan(5), jan(11), time.Monday, []WeekCount{{jan(5), 0}}},
		{"empty range", notes, jan(2), jan(1), time.Monday, nil},
	}
	for _, tt := range tests {
		if got := CountPerWeek(tt.dates, tt.from, tt.to, tt.first); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: CountPerWeek =\n %v\nwant\n %v", tt.name, got, tt.want)
		}
	}
	t.Logf("%d count-per-week cases", len(tests))
}

func TestJoin(t *testing.T) {
	tests := []struct {
		name    string
		due     []Date
		records []Record
		want    []Occurrence
	}{
		{
			"records matched by date, unsorted, extras ignored",
			janDays(1, 2, 3, 5),
			[]Record{m(jan(3)), kc(jan(1)), k(jan(4))},
			[]Occurrence{{jan(1), Kept, Confirmed}, {jan(2), NotRecorded, Unreviewed}, {jan(3), Missed, Unreviewed}, {jan(5), NotRecorded, Unreviewed}},
		},
		{"no records", janDays(7), nil, []Occurrence{{jan(7), NotRecorded, Unreviewed}}},
		{"no due dates", nil, []Record{kc(jan(1))}, nil},
	}
	for _, tt := range tests {
		if got := Join(tt.due, tt.records); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Join = %v, want %v", tt.name, got, tt.want)
		}
	}
}
