package seed

import (
	"slices"
	"time"

	"mend/internal/progress"
	"mend/internal/store"
)

// maxOpen is how many open promises a person keeps at most.
const maxOpen = 4

// promises makes p's promises: a first few in the first days, then one now
// and then, never more than maxOpen open at once.
func (c *cpl) promises(p *person) {
	last := c.g.today.AddDays(-1)
	var days []progress.Date
	for k := c.between(1, 3); k > 0; k-- {
		days = append(days, c.g.first.AddDays(c.r.IntN(min(4, c.g.days))))
	}
	for d := c.g.first.AddDays(7); d <= last; d = d.AddDays(7) {
		if c.chance(0.3) {
			days = append(days, d.AddDays(c.r.IntN(7)))
		}
	}
	slices.Sort(days)
	var closes []progress.Date // the closing day of each promise made, NoDate while open
	for _, d := range days {
		if d > last {
			continue
		}
		open := 0
		for _, k := range closes {
			if k == progress.NoDate || k > d {
				open++
			}
		}
		if open < maxOpen {
			closes = append(closes, c.promise(p, d))
		}
	}
}

// agreement is one version of a promise's terms.
type agreement struct {
	from  progress.Date
	sch   progress.Schedule
	note  string
	at    time.Time
	title string
}

// promise makes one promise of p on day made, with its history: perhaps a
// renegotiation, a pause, a closing; then its ledger and the partner's
// reviews. It returns the day it was closed, NoDate while open.
//
// Every change happens at a time of day that keeps the rules of the store:
// promises are made in the morning (before the evening a first day is
// recorded), renegotiated at nine (before the day is recorded), paused at
// ten, resumed at nine and closed at eight, so a pause or closing starts on
// its own day; and a closed promise takes no more records.
func (c *cpl) promise(p *person, made progress.Date) progress.Date {
	last := c.g.today.AddDays(-1)
	created := c.during(p, made, 7, 12)
	if !created.Before(p.limit) {
		return progress.NoDate
	}
	id := c.id()
	practice, title := "", ""
	if c.chance(0.5) {
		if pr := c.suited(p); len(pr.Try) > 0 {
			practice, title = pr.Slug, pick(c, pr.Try)
		}
	}
	if title == "" {
		title = pick(c, promiseTitles)
	}
	details := ""
	if c.chance(0.35) {
		details = pick(c, promiseDetails)
	}
	sch := progress.Schedule{Start: made, Due: progress.NoDate, End: progress.NoDate}
	if c.chance(0.3) {
		sch.Start = made.AddDays(c.between(1, 3))
	}
	switch x := c.r.Float64(); {
	case x < 0.2:
		sch.Kind, sch.Due = progress.KindOnce, sch.Start.AddDays(c.between(2, 14))
	case x < 0.6:
		sch.Kind = progress.KindDaily
	default:
		sch.Kind, sch.Weekdays = progress.KindWeekdays, c.weekdays(2, 5)
	}
	once := sch.Kind == progress.KindOnce
	if !once && c.chance(0.2) {
		sch.End = sch.Start.AddDays(c.between(20, 60))
	}
	agreed := []agreement{{from: made, sch: sch, at: created, title: title}}

	// Renegotiated: a recurring promise gets other days; a one-off, a later date.
	renegotiate := 0.22
	if once {
		renegotiate = 0.15
	}
	if c.chance(renegotiate) {
		lo, hi := sch.Start.AddDays(7), last
		if once {
			lo, hi = made.AddDays(1), min(last, sch.Due)
		}
		if lo <= hi {
			r := lo.AddDays(c.r.IntN(int(hi-lo) + 1))
			a := agreement{from: r, sch: sch, at: c.during(p, r, 9, 10), title: title}
			if !once && c.chance(0.5) {
				a.from = r.AddDays(1)
			}
			why := 0
			switch {
			case once:
				a.sch.Due, why = sch.Due.AddDays(c.between(2, 7)), 3
			case sch.Kind == progress.KindDaily:
				a.sch.Kind, a.sch.Weekdays = progress.KindWeekdays, c.weekdays(2, 5)
			case c.chance(0.7):
				for a.sch.Weekdays == sch.Weekdays {
					a.sch.Weekdays, why = c.weekdays(2, 5), 1
				}
			default:
				a.sch.Kind, a.sch.Weekdays, why = progress.KindDaily, 0, 2
			}
			a.note = pick(c, renegotiationNotes[why])
			if (once || sch.End == progress.NoDate || sch.End >= a.from) && a.at.Before(p.limit) {
				agreed = append(agreed, a)
			}
		}
	}
	final := agreed[len(agreed)-1]

	// Closed: a one-off once its day has passed, a promise with an end after
	// it, now and then another one, done or given up. Always after the last
	// agreement began.
	closeOn, kind := progress.NoDate, ""
	switch fs := final.sch; {
	case once:
		if c.chance(0.8) {
			closeOn, kind = fs.Due.AddDays(c.between(1, 4)), store.CloseDone
			if c.chance(0.15) {
				kind = store.CloseGivenUp
			}
		}
	case fs.End != progress.NoDate && c.chance(0.6):
		closeOn, kind = fs.End.AddDays(c.between(1, 5)), store.CloseDone
	case c.chance(0.12):
		closeOn, kind = fs.Start.AddDays(c.between(14, 120)), store.CloseGivenUp
	case c.chance(0.09):
		closeOn, kind = fs.Start.AddDays(c.between(30, 150)), store.CloseDone
	}
	if closeOn != progress.NoDate && closeOn <= final.from {
		closeOn = final.from.AddDays(c.between(3, 20))
	}
	var closedAt time.Time
	if closeOn != progress.NoDate {
		closedAt = c.during(p, closeOn, 8, 9)
		if closeOn > last || !closedAt.Before(p.limit) {
			closeOn, kind = progress.NoDate, ""
		}
	}

	// Paused for a few days, perhaps still paused now; a closing ends a pause.
	plan := progress.Plan{Closed: closeOn}
	for _, a := range agreed {
		plan.Versions = append(plan.Versions, progress.Version{From: a.from, Schedule: a.sch})
	}
	type pause struct {
		from, to       progress.Date
		note           string
		created, ended time.Time
	}
	var pauses []pause
	if !once && c.chance(0.15) {
		hi := last
		if closeOn != progress.NoDate {
			hi = closeOn.AddDays(-1)
		}
		if lo := sch.Start.AddDays(5); lo <= hi {
			from := lo.AddDays(c.r.IntN(int(hi-lo) + 1))
			pz := pause{from: from, to: progress.NoDate, created: c.during(p, from, 10, 11)}
			if c.chance(0.7) {
				pz.note = pick(c, pauseNotes)
			}
			resume := from.AddDays(c.between(3, 12))
			switch {
			case closeOn != progress.NoDate && resume >= closeOn:
				pz.to, pz.ended = closeOn, closedAt
			case resume <= last:
				pz.to, pz.ended = resume, c.during(p, resume, 9, 10)
			}
			if pz.created.Before(p.limit) && (pz.to == progress.NoDate || pz.ended.Before(p.limit)) {
				pauses = append(pauses, pz)
				plan.Pauses = append(plan.Pauses, progress.Span{From: pz.from, To: pz.to})
			}
		}
	}

	// The rows of the promise itself.
	var closedOn, closedAtV any
	note := ""
	if closeOn != progress.NoDate {
		closedOn, closedAtV = closeOn.String(), closedAt
		note = pick(c, closeDoneNotes)
		if kind == store.CloseGivenUp {
			note = pick(c, closeGivenUpNotes)
		}
	}
	c.b.add(tPromises, id, c.space, p.id, practice, created, closedOn, kind, note, closedAtV)
	for i, a := range agreed {
		var due, end any
		weekdays := int64(0)
		if a.sch.Kind == progress.KindOnce {
			due = a.sch.Due.String()
		}
		if a.sch.Kind == progress.KindWeekdays {
			weekdays = int64(a.sch.Weekdays)
		}
		if a.sch.End != progress.NoDate {
			end = a.sch.End.String()
		}
		c.b.add(tVersions, c.id(), id, c.space, a.from.String(), a.title, details, string(a.sch.Kind), due, weekdays,
			a.sch.Start.String(), end, a.note, a.at, int64(i+1))
	}
	for _, pz := range pauses {
		var to, ended any
		if pz.to != progress.NoDate {
			to, ended = pz.to.String(), pz.ended
		}
		c.b.add(tPauses, c.id(), id, c.space, pz.from.String(), to, pz.note, pz.created, ended)
	}
	c.ledger(p, id, plan, made, closedAt)
	return closeOn
}

// ledger records p's due days of a promise: most of them, on the evening of
// the day or a few mornings later, kept more often as trust returns; and the
// partner confirms most of them, and now and then sees a day differently.
func (c *cpl) ledger(p *person, promiseID string, plan progress.Plan, made progress.Date, closedAt time.Time) {
	o := p.other
	last := c.g.today.AddDays(-1)
	// The entries are written once their reviews are decided, with their
	// runs (progress.Runs).
	var entries [][]any
	var records []progress.Record
	for _, d := range plan.Occurrences(made, last) {
		rate := p.recordRate
		switch d {
		case last:
			rate *= 0.45 // not everyone has recorded yesterday yet
		case last.AddDays(-1):
			rate *= 0.8
		}
		if !c.chance(rate) {
			continue
		}
		at := c.during(p, d, 19, 24)
		if c.chance(0.2) {
			at = c.during(p, d.AddDays(c.between(1, 3)), 7, 10)
		}
		if !at.Before(p.limit) || (!closedAt.IsZero() && !at.Before(closedAt)) {
			continue
		}
		t := int(d - c.g.first)
		keep := min(0.99, max(0.35, p.keepRate+0.04*(p.level[t]-5)-0.05*c.spell[t]))
		outcome, note := store.OutcomeKept, ""
		rec := progress.Record{Date: d, Outcome: progress.Kept}
		if !c.chance(keep) {
			outcome, rec.Outcome = store.OutcomeMissed, progress.Missed
			if c.chance(0.5) {
				note = pick(c, missedNotes)
			}
		} else if c.chance(0.12) {
			note = pick(c, keptNotes)
		}
		entry := c.id()
		entries = append(entries, []any{entry, c.space, promiseID, p.id, d.String(), outcome, note, at})
		records = append(records, rec)
		if !c.chance(0.8) {
			continue
		}
		rt := c.after(o, at, 30, 40*60)
		if !rt.Before(o.limit) {
			continue
		}
		kind, why, reply := store.ReviewConfirm, "", ""
		var replied any
		if outcome == store.OutcomeKept && c.chance(0.05) {
			kind, why = store.ReviewDispute, pick(c, disputeNotes)
			records[len(records)-1].Review = progress.Disputed
			if c.chance(0.7) {
				if pt := c.after(p, rt, 60, 30*60); pt.Before(p.limit) {
					reply, replied = pick(c, disputeReplies), pt
				}
			}
		}
		c.b.add(tReviews, c.id(), c.space, entry, o.id, kind, why, reply, replied, rt)
	}
	for i, from := range progress.Runs(plan, progress.NoDate, progress.NoDate, records) {
		var run any
		if from != progress.NoDate {
			run = from.String()
		}
		c.b.add(tEntries, append(entries[i], run)...)
	}
}

// weekdays is a random set of lo to hi days of the week.
func (c *cpl) weekdays(lo, hi int) progress.Weekdays {
	var ws progress.Weekdays
	for _, d := range c.r.Perm(7)[:c.between(lo, hi)] {
		ws = ws.With(time.Weekday(d))
	}
	return ws
}
