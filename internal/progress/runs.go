package progress

import "slices"

// A record's run is where the run of kept days that ends on it began: the
// first of the plan's consecutive due dates, up to the record's own, that
// are all recorded kept and not disputed. The store keeps it with each
// record, so that a run reaching back past the days loaded is known from
// one record instead of from reading every day of it.

// Runs gives, for records of p (ascending dates, each on a due date of p),
// where the run ending on each began, or NoDate for a record that is not
// kept or is disputed. The record dated after (NoDate: none) comes just
// before them, with its run begun on run (NoDate: not kept); a record on
// the due date right after it continues that run.
func Runs(p Plan, after, run Date, records []Record) []Date {
	out := make([]Date, len(records))
	if len(records) == 0 || len(p.Versions) == 0 {
		for i := range out {
			out[i] = NoDate
		}
		return out
	}
	due := p.Occurrences(p.Versions[0].From, records[len(records)-1].Date)
	prevDate, prevRun := after, run
	for i, r := range records {
		k, _ := slices.BinarySearch(due, r.Date)
		switch {
		case r.Outcome != Kept || r.Review == Disputed:
			out[i] = NoDate
		case k > 0 && due[k-1] == prevDate && prevRun != NoDate:
			out[i] = prevRun
		default:
			out[i] = r.Date
		}
		prevDate, prevRun = r.Date, out[i]
	}
	return out
}

// DueBefore is p's last due date before d, NoDate when none.
func (p Plan) DueBefore(d Date) Date {
	if len(p.Versions) == 0 {
		return NoDate
	}
	due := p.Occurrences(p.Versions[0].From, d.AddDays(-1))
	if len(due) == 0 {
		return NoDate
	}
	return due[len(due)-1]
}
