package seed

import (
	"time"

	"mend/internal/store"
)

// checkins writes each partner's daily check-ins: on most days (fewer in a
// bad spell), mostly in the evening, with ratings that follow how they feel,
// a mood and often a note; some private, more so on low days.
func (c *cpl) checkins() {
	for t := range c.g.days {
		d := c.day(t)
		for _, p := range c.p {
			rate := p.checkinRate
			if c.spell[t] > 1 {
				rate -= 0.1
			}
			if !c.chance(rate) {
				continue
			}
			at := c.during(p, d, 19, 23)
			if c.chance(0.2) {
				at = c.during(p, d, 7, 9)
			}
			if !at.Before(p.limit) {
				continue
			}
			lvl := p.level[t]
			safe := rating(lvl + p.offSafe + c.normal(0.7))
			trust := rating(lvl + p.offTrust + c.normal(0.7))
			conn := rating(lvl + p.offConn + c.normal(0.9))
			b := band(float64(safe+trust+conn) / 3)
			mood, note := pick(c, moodsByBand[b]), ""
			if c.chance(0.45) {
				note = pick(c, checkinNotes[b])
			}
			private := p.privateRate
			if b == 0 {
				private += 0.1
			}
			updated := at
			if c.chance(0.06) { // changed the same evening
				if u := c.later(at, 2, 40); u.Before(p.limit) {
					updated = u
				}
			}
			c.b.add(tCheckins, c.id(), c.space, p.id, d.String(), safe, trust, conn, mood, note, c.chance(private), at, updated)
		}
	}
}

// reflectionDays are the days of the week (from Monday, 0) people write
// their weekly reflection on: mostly Sunday.
var reflectionDays = []int{6, 6, 6, 6, 5, 5, 4, 3}

// reflections writes the weekly reflections: most weeks, late in the week,
// answers that follow how the week felt, mostly to reveal together or
// shared, a few private.
func (c *cpl) reflections() {
	last := c.g.today.AddDays(-1)
	for ws := c.g.first.WeekStart(time.Monday); ws <= last; ws = ws.AddDays(7) {
		for _, p := range c.p {
			if !c.chance(p.reflectRate) {
				continue
			}
			d := ws.AddDays(pick(c, reflectionDays))
			if d < c.g.first || d > last {
				continue
			}
			at := c.during(p, d, 18, 22)
			if !at.Before(p.limit) {
				continue
			}
			sum, n := 0.0, 0
			for day := max(ws, c.g.first); day <= d; day = day.AddDays(1) {
				sum += p.level[day-c.g.first]
				n++
			}
			b := band(sum / float64(n))
			helped, hard, need, next := "", "", "", ""
			if c.chance(0.55 + 0.15*float64(b)) {
				helped = pick(c, reflectHelped)
			}
			if c.chance(0.9 - 0.2*float64(b)) {
				hard = pick(c, reflectHard)
			}
			if c.chance(0.65) {
				need = pick(c, reflectNeed)
			}
			if c.chance(0.7) {
				next = pick(c, reflectNext)
			}
			if helped == "" && hard == "" && need == "" && next == "" {
				helped = pick(c, reflectHelped)
			}
			practice := ""
			if c.chance(0.3) {
				practice = c.suited(p).Slug
			}
			vis := store.VisibilityTogether
			switch x := c.r.Float64(); {
			case x < 0.35:
				vis = store.VisibilityShared
			case x < 0.45:
				vis = store.VisibilityPrivate
			}
			c.b.add(tReflections, c.id(), c.space, p.id, ws.String(), helped, hard, need, next, practice, vis, at)
		}
	}
}
