package web_test

import (
	"strings"
	"testing"
	"time"
)

// TestDaysBeginWithTheSpace: a new space's check-ins list has a row for
// each day since the viewer joined and none from before, and the timeline's
// range begins that day too; a partner who joins later starts at their own
// joining, as what they may see does.
func TestDaysBeginWithTheSpace(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.signup("Ana")
	a.createSpace("Ana & Ben")
	rows := func(u *user) int { return strings.Count(u.open("/checkins").Body, `<li class="checkin-day">`) }
	if n := rows(a); n != 1 {
		t.Fatalf("a space made today lists %d days of check-ins, want 1", n)
	}
	a.open("/timeline").contains(t, "Tue 10 March to Tue 10 March")
	e.clock.Advance(3 * 24 * time.Hour) // Fri 13 March
	invitation := a.invite()
	b := e.signup("Ben")
	b.join(invitation)
	ca := a.open("/checkins")
	ca.contains(t, "Tue 10 March 2026", "Fri 13 March 2026")
	ca.lacks(t, "Mon 9 March 2026")
	if n := rows(a); n != 4 {
		t.Fatalf("Ana lists %d days, want the 4 since she made the space", n)
	}
	if n := rows(b); n != 1 {
		t.Fatalf("Ben lists %d days, want the 1 since he joined", n)
	}
	a.open("/timeline").contains(t, "Tue 10 March to Fri 13 March")
	b.open("/timeline").contains(t, "Fri 13 March to Fri 13 March")

	// Three weeks on, the first pages are full; the earliest begins with the space.
	e.later(21*24*time.Hour, a, b) // Fri 3 April
	if n := rows(a); n != 14 {
		t.Fatalf("three weeks on, Ana lists %d days, want 14", n)
	}
	r := a.open("/timeline")
	r.contains(t, "Sat 21 March to Fri 3 April")
	earlier := a.open(link(t, r, earlierRe))
	earlier.contains(t, "Tue 10 March to Fri 20 March")
	earlier.lacks(t, ">Earlier<")
}

// TestPromiseHistoryInTimeline: renegotiating, pausing (with its reason),
// resuming and closing a promise are events of the timeline for both
// partners, and the pause is on the promise's page with its end.
func TestPromiseHistoryInTimeline(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	id := a.makePromise("Call at lunch")
	a.post("/promises/"+id+"/edit", form("title", "Call at lunch, or text", "kind", "daily", "from", "2026-03-11", "note", "Lunch moves"))
	e.clock.Advance(time.Hour)
	a.post("/promises/"+id+"/pause", form("pause_note", "PAUSE-REASON away for work"))
	e.clock.Advance(3 * 24 * time.Hour) // Fri 13 March
	a.post("/promises/"+id+"/resume", nil)
	a.post("/promises/"+id+"/close", form("close_kind", "done", "close_note", "A habit now"))
	for _, u := range []*user{a, b} {
		who := "<strong>Ana</strong>"
		if u == a {
			who = "<strong>You</strong>"
		}
		u.open("/timeline").contains(t,
			who+` renegotiated <a href="/promises/`+id+`">`, ", from Wed 11 March",
			who+` paused <a href="/promises/`+id+`">Call at lunch, or text</a> from Tue 10 March`, "PAUSE-REASON away for work",
			who+` resumed <a href="/promises/`+id+`">Call at lunch, or text</a>, due again from Fri 13 March`,
			who+` closed <a href="/promises/`+id+`">`)
		u.open("/timeline?kind=promises").contains(t, " paused ", " resumed ")
		u.open("/promises/"+id).contains(t, "Pauses", "Paused from Tue 10 March until Fri 13 March", "PAUSE-REASON away for work")
	}
}

// TestTimelineComings: the partner joining and leaving are on the timeline
// of the one already there, the leaving with where to turn; the newcomer's
// timeline does not show the others' earlier joining, which was before them.
func TestTimelineComings(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.signup("Ana")
	a.createSpace("Ana & Ben")
	invitation := a.invite()
	e.clock.Advance(time.Minute)
	b := e.signup("Ben")
	b.join(invitation)
	a.open("/timeline").contains(t, "<strong>Ben</strong> joined your space")
	b.open("/timeline").lacks(t, "joined your space")
	e.clock.Advance(time.Hour)
	b.leave()
	r := a.open("/timeline")
	r.contains(t, "<strong>Ben (former partner)</strong> left your space.", `<a href="/safety">If you are not safe, where to turn</a>`,
		"<strong>Ben (former partner)</strong> joined your space")
	a.open("/timeline?kind=promises").lacks(t, "left your space")
}
