package progress

import (
	"cmp"
	"slices"
)

// Outcome is what the author recorded for a due date.
type Outcome uint8

// The outcomes of a due date; the zero value is NotRecorded.
const (
	NotRecorded Outcome = iota
	Kept
	Missed
)

// String names the outcome for pages and logs.
func (o Outcome) String() string {
	switch o {
	case Kept:
		return "kept"
	case Missed:
		return "missed"
	}
	return "not recorded"
}

// Review is what the partner said about a recorded outcome.
type Review uint8

// The partner's reviews; the zero value is Unreviewed.
const (
	Unreviewed Review = iota
	Confirmed
	Disputed
)

// String names the review for pages and logs.
func (r Review) String() string {
	switch r {
	case Confirmed:
		return "confirmed"
	case Disputed:
		return "disputed"
	}
	return "unreviewed"
}

// Record is the effective ledger entry for one promise on one date.
type Record struct {
	Date    Date
	Outcome Outcome
	Review  Review
}

// Tally counts due occurrences by what became of them.
type Tally struct {
	Due         int // occurrences that count: every due date before today, plus today's if recorded
	Confirmed   int // kept and confirmed by the partner
	Unconfirmed int // kept, not yet reviewed
	Disputed    int // recorded kept but the partner saw it differently
	Missed      int // recorded missed
	NotRecorded int // past due dates with no record (counted as missed in the rate, shown separately)
}

// Rate is the share of counted occurrences kept and confirmed; ok is false when
// nothing counts yet, which is "no rate", not 0%.
func (t Tally) Rate() (rate float64, ok bool) {
	if t.Due == 0 {
		return 0, false
	}
	return float64(t.Confirmed) / float64(t.Due), true
}

// add counts one occurrence with its effective record.
func (t *Tally) add(o Outcome, r Review) {
	t.Due++
	switch {
	case o == Kept && r == Confirmed:
		t.Confirmed++
	case o == Kept && r == Disputed:
		t.Disputed++
	case o == Kept:
		t.Unconfirmed++
	case o == Missed:
		t.Missed++
	default:
		t.NotRecorded++
	}
}

// Combine adds tallies up, e.g. one partner's promises into their totals.
func Combine(tallies ...Tally) Tally {
	var sum Tally
	for _, t := range tallies {
		sum.Due += t.Due
		sum.Confirmed += t.Confirmed
		sum.Unconfirmed += t.Unconfirmed
		sum.Disputed += t.Disputed
		sum.Missed += t.Missed
		sum.NotRecorded += t.NotRecorded
	}
	return sum
}

// Count tallies the due dates (ascending) up to today against their records (any
// order; records for dates not due are ignored). Future dates never count, and
// today's only once something is recorded.
func Count(due []Date, records []Record, today Date) Tally {
	_, all, _ := scan(due, records, today, NoDate)
	return all
}

// Run returns the current run: how many of the most recent counted occurrences in
// a row were recorded kept and not disputed. Today's unrecorded occurrence neither
// breaks nor extends it.
func Run(due []Date, records []Record, today Date) int {
	_, _, run := scan(due, records, today, NoDate)
	return run
}

// Rates is what the dashboard shows for one promise.
type Rates struct {
	Last4Weeks, SinceStart Tally
	Run                    int
}

// Summarize computes a promise's rates as of today; the last four weeks are the 28 days ending today.
func Summarize(p Plan, records []Record, today Date) Rates {
	if len(p.Versions) == 0 {
		return Rates{}
	}
	due := p.Occurrences(p.Versions[0].From, today)
	recent, all, run := scan(due, records, today, today-27)
	return Rates{Last4Weeks: recent, SinceStart: all, Run: run}
}

// scan walks the counted occurrences once, merging them with the records by date:
// it tallies all of them, those on or after recentFrom, and the run at the end.
func scan(due []Date, records []Record, today, recentFrom Date) (recent, all Tally, run int) {
	recs := byDate(records)
	j := 0
	for _, d := range due {
		if d > today {
			break
		}
		for j < len(recs) && recs[j].Date < d {
			j++
		}
		r := Record{Date: d}
		for j < len(recs) && recs[j].Date == d {
			r = recs[j] // the caller should pass one per date; if not, the last wins
			j++
		}
		if d == today && r.Outcome != Kept && r.Outcome != Missed {
			continue // today is still open
		}
		all.add(r.Outcome, r.Review)
		if d >= recentFrom {
			recent.add(r.Outcome, r.Review)
		}
		if r.Outcome == Kept && r.Review != Disputed {
			run++
		} else {
			run = 0
		}
	}
	return recent, all, run
}

// byDate returns records sorted by date, copying only when they are not sorted
// already (the store usually returns them in date order).
func byDate(records []Record) []Record {
	cmpDate := func(a, b Record) int { return cmp.Compare(a.Date, b.Date) }
	if slices.IsSortedFunc(records, cmpDate) {
		return records
	}
	sorted := slices.Clone(records)
	slices.SortStableFunc(sorted, cmpDate)
	return sorted
}
