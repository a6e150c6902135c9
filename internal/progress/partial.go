package progress

import "time"

// A promise's rates from part of its history: the records of its recent
// days, and what the records before them add up to (a promise's tally, kept
// at write time). Every record is made on a due date, and a plan changes
// only from the day it is changed on, so the records before the loaded
// days are each on a due date of the plan as it stands.

// Counts add records up by what became of them.
type Counts struct {
	Confirmed   int // kept and confirmed
	Unconfirmed int // kept, not yet reviewed
	Disputed    int // kept, seen differently
	Missed      int // recorded missed
}

// CountOf adds records up.
func CountOf(records []Record) Counts {
	var c Counts
	for _, r := range records {
		switch {
		case r.Outcome == Kept && r.Review == Confirmed:
			c.Confirmed++
		case r.Outcome == Kept && r.Review == Disputed:
			c.Disputed++
		case r.Outcome == Kept:
			c.Unconfirmed++
		case r.Outcome == Missed:
			c.Missed++
		}
	}
	return c
}

// Minus is c less d.
func (c Counts) Minus(d Counts) Counts {
	return Counts{Confirmed: c.Confirmed - d.Confirmed, Unconfirmed: c.Unconfirmed - d.Unconfirmed,
		Disputed: c.Disputed - d.Disputed, Missed: c.Missed - d.Missed}
}

// Plus is c and d together.
func (c Counts) Plus(d Counts) Counts {
	return Counts{Confirmed: c.Confirmed + d.Confirmed, Unconfirmed: c.Unconfirmed + d.Unconfirmed,
		Disputed: c.Disputed + d.Disputed, Missed: c.Missed + d.Missed}
}

func (c Counts) total() int { return c.Confirmed + c.Unconfirmed + c.Disputed + c.Missed }

// SummarizeFrom is Summarize for a plan whose records are known from the
// date from on: records are all of those dated from or later, and before
// what the records dated earlier add up to. A run that reaches back to from
// goes on over the due dates from runFrom to the day before from, when
// runFrom is known (the run of the record on the due date before from, see
// Runs; from itself when that day broke it). complete is false when the
// run reaches back to from and runFrom is NoDate, so that the records
// before it decide its length: then the caller loads earlier records, or
// finds runFrom, and asks again.
func SummarizeFrom(p Plan, before Counts, records []Record, from, today, runFrom Date) (r Rates, complete bool) {
	if len(p.Versions) == 0 {
		return Rates{}, true
	}
	start := p.Versions[0].From
	if from == NoDate || from <= start {
		return Summarize(p, records, today), true
	}
	prior := Tally{Due: len(p.Occurrences(start, min(from-1, today))), Confirmed: before.Confirmed,
		Unconfirmed: before.Unconfirmed, Disputed: before.Disputed, Missed: before.Missed}
	prior.NotRecorded = max(0, prior.Due-before.total())
	due := p.Occurrences(from, today)
	recent, all, run := scan(due, records, today, today-27)
	r = Rates{Last4Weeks: recent, SinceStart: Combine(prior, all), Run: run}
	if prior.Due == 0 {
		return r, true
	}
	if run == all.Due && runFrom != NoDate && runFrom <= from {
		r.Run += len(p.Occurrences(runFrom, from-1))
		return r, from <= today-27
	}
	// The last four weeks must be loaded whole, and the run must break in
	// what is loaded.
	return r, run < all.Due && from <= today-27
}

// KeptPerWeekFrom is KeptPerWeek for a plan whose records are known from
// the date known on: occ are its occurrences from known on, with their
// records, and earlier what its records add up to in each week (by the
// week's first day) before known, which must begin a week. The dates
// before known are all in the past.
func KeptPerWeekFrom(p Plan, earlier map[Date]Counts, occ []Occurrence, known, from, to Date, first time.Weekday, today Date) []WeekKept {
	bars := KeptPerWeek(occ, max(from, known), to, first, today)
	if from >= known {
		return bars
	}
	w0, n := weeks(from, to, first)
	out := make([]WeekKept, n)
	for i := range out {
		out[i].Week = w0 + Date(7*i)
	}
	for _, b := range bars { // the weeks from known on
		out[(b.Week-w0)/7] = b
	}
	for i := range out {
		w := out[i].Week
		if w >= known {
			break
		}
		due := len(p.Occurrences(max(w, from), min(w+6, known-1, to)))
		c := earlier[w]
		out[i].Confirmed += c.Confirmed
		out[i].Unconfirmed += c.Unconfirmed
		out[i].Disputed += c.Disputed
		out[i].Missed += c.Missed + max(0, due-c.total())
	}
	return out
}
