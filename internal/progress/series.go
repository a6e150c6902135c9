package progress

import "time"

// DefaultFirstWeekday is the day dashboard weeks start on unless the user chose another.
const DefaultFirstWeekday = time.Monday

// DayValue is one measured value on a date, such as one check-in rating.
type DayValue struct {
	Date  Date
	Value float64
}

// WeekPoint is the average of a week's values; N == 0 means no data that week,
// which a chart draws as a gap, never as 0.
type WeekPoint struct {
	Week Date // the first day of the week
	Avg  float64
	N    int
}

// WeeklyAverages returns one point per week overlapping [from, to], in order,
// averaging the values dated inside [from, to] (input in any order).
func WeeklyAverages(values []DayValue, from, to Date, first time.Weekday) []WeekPoint {
	w0, n := weeks(from, to, first)
	if n == 0 {
		return nil
	}
	points := make([]WeekPoint, n)
	for i := range points {
		points[i].Week = w0 + Date(7*i)
	}
	for _, v := range values {
		if v.Date < from || v.Date > to {
			continue
		}
		p := &points[(v.Date-w0)/7]
		p.Avg += v.Value // a running sum until the division below
		p.N++
	}
	for i := range points {
		if points[i].N > 0 {
			points[i].Avg /= float64(points[i].N)
		}
	}
	return points
}

// Occurrence is one due occurrence with its effective record (NotRecorded if none).
type Occurrence struct {
	Date    Date
	Outcome Outcome
	Review  Review
}

// Join pairs each due date (ascending) with its record, for KeptPerWeek and the ledger page.
func Join(due []Date, records []Record) []Occurrence {
	if len(due) == 0 {
		return nil
	}
	recs := byDate(records)
	out := make([]Occurrence, len(due))
	j := 0
	for i, d := range due {
		out[i] = Occurrence{Date: d}
		for j < len(recs) && recs[j].Date < d {
			j++
		}
		for j < len(recs) && recs[j].Date == d {
			out[i].Outcome, out[i].Review = recs[j].Outcome, recs[j].Review
			j++
		}
	}
	return out
}

// WeekKept counts a week's counted occurrences by what became of them.
type WeekKept struct {
	Week                                     Date // the first day of the week
	Confirmed, Unconfirmed, Disputed, Missed int  // Missed includes past dates never recorded
}

// KeptPerWeek returns one bar per week overlapping [from, to], in order. Like Count,
// it leaves out future occurrences and today's until something is recorded.
func KeptPerWeek(occ []Occurrence, from, to Date, first time.Weekday, today Date) []WeekKept {
	w0, n := weeks(from, to, first)
	if n == 0 {
		return nil
	}
	bars := make([]WeekKept, n)
	for i := range bars {
		bars[i].Week = w0 + Date(7*i)
	}
	for _, o := range occ {
		if o.Date < from || o.Date > to || o.Date > today {
			continue
		}
		if o.Date == today && o.Outcome != Kept && o.Outcome != Missed {
			continue // today is still open
		}
		var t Tally
		t.add(o.Outcome, o.Review)
		b := &bars[(o.Date-w0)/7]
		b.Confirmed += t.Confirmed
		b.Unconfirmed += t.Unconfirmed
		b.Disputed += t.Disputed
		b.Missed += t.Missed + t.NotRecorded
	}
	return bars
}

// WeekCount is how many things happened in a week.
type WeekCount struct {
	Week Date // the first day of the week
	N    int
}

// CountPerWeek counts the dates inside [from, to] (any order) per week, one entry
// per week overlapping the range, zero weeks included.
func CountPerWeek(dates []Date, from, to Date, first time.Weekday) []WeekCount {
	w0, n := weeks(from, to, first)
	if n == 0 {
		return nil
	}
	counts := make([]WeekCount, n)
	for i := range counts {
		counts[i].Week = w0 + Date(7*i)
	}
	for _, d := range dates {
		if d >= from && d <= to {
			counts[(d-w0)/7].N++
		}
	}
	return counts
}

// weeks returns the start of the first week overlapping [from, to] and how many weeks overlap it.
func weeks(from, to Date, first time.Weekday) (w0 Date, n int) {
	if from > to {
		return 0, 0
	}
	w0 = from.WeekStart(first)
	return w0, int(to.WeekStart(first)-w0)/7 + 1
}
