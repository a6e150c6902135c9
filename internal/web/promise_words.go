package web

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"mend/internal/progress"
	"mend/internal/store"
	"mend/views"
)

// dayLabel writes d as "Tue 10 March", with the year when it is not today's year.
func dayLabel(d, today progress.Date) string {
	if d == progress.NoDate {
		return ""
	}
	t := d.Time(time.UTC)
	if y, _, _ := today.Civil(); t.Year() != y {
		return t.Format("Mon 2 January 2006")
	}
	return t.Format("Mon 2 January")
}

// shortDay writes d as "3 March", with the year when it is not today's year.
func shortDay(d, today progress.Date) string {
	t := d.Time(time.UTC)
	if y, _, _ := today.Civil(); t.Year() != y {
		return t.Format("2 January 2006")
	}
	return t.Format("2 January")
}

// scheduleWords says a schedule in words: "Every Monday, Wednesday and Friday
// from 3 March", "Once, on Tuesday 10 March". from is when it takes effect.
func scheduleWords(s progress.Schedule, from, today progress.Date) string {
	if s.Kind == progress.KindOnce {
		return "Once, on " + s.Due.Time(time.UTC).Format("Monday 2 January") + yearIfOther(s.Due, today)
	}
	var b strings.Builder
	switch {
	case s.Kind == progress.KindDaily || s.Weekdays&progress.EveryDay == progress.EveryDay:
		b.WriteString("Every day")
	default:
		var names []string
		for _, d := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday} {
			if s.Weekdays.Has(d) {
				names = append(names, d.String())
			}
		}
		b.WriteString("Every " + andList(names))
	}
	b.WriteString(" from " + shortDay(max(from, s.Start), today))
	if s.End != progress.NoDate {
		b.WriteString(" until " + shortDay(s.End, today))
	}
	return b.String()
}

func yearIfOther(d, today progress.Date) string {
	y, _, _ := d.Civil()
	if ty, _, _ := today.Civil(); y != ty {
		return fmt.Sprintf(" %d", y)
	}
	return ""
}

// andList joins "a", "b" and "c" as "a, b and c".
func andList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// ratesView writes rates as facts; since names the start ("since 3 March", "since the start").
func ratesView(r progress.Rates, since string) views.RatesView {
	var v views.RatesView
	t := r.Last4Weeks
	switch {
	case r.SinceStart.Due == 0:
		v.Recent = "Nothing to count yet: a due day counts once it is recorded or over."
	case t.Due == 0:
		v.Recent = "Nothing was due in the last 4 weeks."
	default:
		v.Recent = fmt.Sprintf("%d of %d kept and confirmed in the last 4 weeks", t.Confirmed, t.Due)
		var rest []string
		for _, p := range []struct {
			n    int
			what string
		}{
			{t.Unconfirmed, "kept, not yet confirmed"},
			{t.Disputed, "seen differently"},
			{t.Missed, "missed"},
			{t.NotRecorded, "not recorded"},
		} {
			if p.n > 0 {
				rest = append(rest, fmt.Sprintf("%d %s", p.n, p.what))
			}
		}
		v.Detail = strings.Join(rest, " · ")
	}
	if a := r.SinceStart; a.Due > 0 {
		v.Since = fmt.Sprintf("%d of %d kept and confirmed %s", a.Confirmed, a.Due, since)
	}
	if r.Run > 0 {
		v.Run = fmt.Sprintf("Current run: %d kept in a row", r.Run)
	}
	return v
}

// recordOn finds the record of date d in records sorted by date.
func recordOn(records []progress.Record, d progress.Date) (progress.Record, bool) {
	i := sort.Search(len(records), func(i int) bool { return records[i].Date >= d })
	if i < len(records) && records[i].Date == d {
		return records[i], true
	}
	return progress.Record{}, false
}

// currentTerms is the version in force today, or the first one before it starts.
func currentTerms(t *store.Tracked, today progress.Date) *store.PromiseVersion {
	if v := t.VersionOn(today); v != nil {
		return v
	}
	return &store.PromiseVersion{Title: "(untitled)"}
}

// status says where a promise stands, for lists and its page; "" while active.
func status(t *store.Tracked, p *people, today progress.Date) string {
	switch {
	case t.Closed():
		on := parseStored(*t.ClosedOn)
		if t.ClosedAt != nil {
			on = progress.Today(*t.ClosedAt, t.Location())
		}
		if t.CloseKind == store.CloseGivenUp {
			return "Given up on " + dayLabel(on, today)
		}
		return "Done on " + dayLabel(on, today)
	case t.AuthorGone():
		return "Ended when " + p.Name(t.AuthorID) + " left the space"
	}
	if pause := t.OpenPause(); pause != nil {
		from := parseStored(pause.FromDate)
		if from > today {
			return "Paused from " + dayLabel(from, today)
		}
		return "Paused since " + dayLabel(from, today)
	}
	if n := len(t.Plan.Versions); n > 0 {
		// The terms in force last have run out: a one-off past its day, or an end date gone by.
		last := t.Plan.Versions[n-1].Schedule
		if (last.Kind == progress.KindOnce && last.Due < today) || (last.End != progress.NoDate && last.End < today) {
			return "Nothing more is due: close it when you're ready"
		}
	}
	return ""
}

// parseStored reads a date the store wrote.
func parseStored(s string) progress.Date {
	d, err := progress.ParseDate(s)
	if err != nil {
		return progress.NoDate
	}
	return d
}

// authorName names a promise's author after "By": "you", the partner, or a former partner marked as such.
func authorName(p *people, userID string) string {
	if userID == p.me {
		return "you"
	}
	return p.Name(userID)
}
