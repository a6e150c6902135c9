// Package jobs is the scheduler that serve starts: it computes which
// reminders are due from the database and sends each at most once, whatever
// the number of servers, restarts or daylight-saving changes.
package jobs

import (
	"time"

	"mend/internal/progress"
	"mend/internal/store"
)

// The kinds of reminder sent by mail.
const (
	KindSummary = "summary" // the morning summary
	KindCheckin = "checkin" // the check-in reminder
)

// Due is one reminder that should go out now.
type Due struct {
	Kind string
	Date progress.Date // the member's local date it belongs to: part of its key
	At   time.Time     // when it was due
}

// DueAt lists the reminders of settings r, for a member in loc, that are due
// at now: a reminder is due from its hour on its local date (moved to the end
// of quiet hours when it falls in them, and dropped if that is another day)
// until grace later. A reminder missed by more than grace (the server was
// down) is skipped, never sent in a flood. The hour is found on each date in
// the member's zone, so a daylight-saving day neither skips nor doubles one;
// an hour that does not exist that day (clocks go forward) is taken as the
// hour after, and one that happens twice (clocks go back) the first time. It allocates only the result.
func DueAt(r *store.ReminderSettings, loc *time.Location, now time.Time, grace time.Duration) []Due {
	if !r.SummaryOn && !r.CheckinOn {
		return nil
	}
	if r.QuietOn && quiet(r.QuietFrom, r.QuietTo, now.In(loc).Hour()) {
		return nil // not even a late one: quiet hours are quiet
	}
	var out []Due
	today := progress.Today(now, loc)
	// A reminder late in the evening may still be in its grace period
	// after midnight: yesterday's date is looked at too.
	for _, d := range [2]progress.Date{today.AddDays(-1), today} {
		if r.SummaryOn {
			if at, ok := dueTime(r, loc, d, r.SummaryHour); ok && !now.Before(at) && now.Sub(at) < grace {
				out = append(out, Due{Kind: KindSummary, Date: d, At: at})
			}
		}
		if r.CheckinOn && progress.Weekdays(r.CheckinDays).Has(d.Weekday()) {
			if at, ok := dueTime(r, loc, d, r.CheckinHour); ok && !now.Before(at) && now.Sub(at) < grace {
				out = append(out, Due{Kind: KindCheckin, Date: d, At: at})
			}
		}
	}
	return out
}

// dueTime is when a reminder at hour on d goes out, after quiet hours.
func dueTime(r *store.ReminderSettings, loc *time.Location, d progress.Date, hour int) (time.Time, bool) {
	if r.QuietOn && quiet(r.QuietFrom, r.QuietTo, hour) {
		if r.QuietTo < hour {
			return time.Time{}, false // quiet until tomorrow: that is another day's reminder
		}
		hour = r.QuietTo
	}
	y, m, day := d.Civil()
	t := time.Date(y, m, day, hour, 0, 0, 0, loc)
	// An hour that happens twice (clocks go back) is taken the first time:
	// time.Date does not promise which one it returns.
	if e := t.Add(-time.Hour).In(loc); e.Hour() == hour && e.Day() == day {
		t = e
	}
	return t, true
}

// quiet reports whether hour h is in the quiet hours [from, to), which may
// run past midnight.
func quiet(from, to, h int) bool {
	if from <= to {
		return h >= from && h < to
	}
	return h >= from || h < to
}
