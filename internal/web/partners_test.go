package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestLaterPartnerSeesNothingEarlier: what was shared in a space was shared
// with the partner of that time. After Finley leaves and Blair joins, Blair
// reaches none of what Finley shared with Avery, nor what Avery shared with
// Finley; Avery still reads Finley's shared items, marked as a former
// partner's.
func TestLaterPartnerSeesNothingEarlier(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, f := e.couple("Avery", "Finley")
	const (
		fJournal  = "FINLEY-JOURNAL-5c1e"
		fCheckin  = "FINLEY-CHECKIN-77aa"
		fReflect  = "FINLEY-REFLECTION-0d2b"
		fBookmark = "FINLEY-BOOKMARK-9e41"
		fPromise  = "FINLEY-PROMISE-31f0"
		fThanks   = "FINLEY-THANKS-6b3c"
		aJournal  = "AVERY-EARLY-JOURNAL-4a90"
		aCheckin  = "AVERY-EARLY-CHECKIN-2f6d"
		aPromise  = "AVERY-EARLY-PROMISE-8c15"
	)
	share := func(u *user, title string) {
		id := u.writeEntry(title, "Shared with my partner: "+title)
		if r := u.post("/journal/"+id+"/share", nil); r.First != http.StatusSeeOther {
			t.Fatalf("share %s: %d", title, r.First)
		}
	}
	share(f, fJournal)
	share(a, aJournal)
	f.open("/checkins")
	f.post("/checkins", checkinValues("note", fCheckin))
	a.open("/checkins")
	a.post("/checkins", checkinValues("note", aCheckin))
	f.open("/reflections/new")
	if r := f.post("/reflections", form("helped", fReflect, "visibility", "shared")); r.First != http.StatusSeeOther {
		t.Fatalf("reflection: %d", r.First)
	}
	saveBookmark(t, f.client, "respect", fBookmark, true)
	fp := f.makePromise(fPromise)
	f.record(fp, "2026-03-10", "kept")
	a.makePromise(aPromise)
	f.open("/gratitude")
	f.post("/gratitude", form("body", fThanks))

	f.leave()
	e.clock.Advance(time.Minute)
	b := e.signup("Blair")
	a.open("/space")
	if r := b.join(a.invite()); r.First != http.StatusSeeOther {
		t.Fatalf("Blair joins: %d", r.First)
	}

	earlier := []string{fJournal, fCheckin, fReflect, fBookmark, fPromise, fThanks, aJournal, aCheckin, aPromise}
	pages := b.crawl("/", "/promises", "/checkins", "/reflections", "/journal", "/journal?q=EARLY", "/gratitude", "/bookmarks", "/guidance/respect", "/timeline")
	for path, body := range pages {
		for _, m := range earlier {
			if strings.Contains(body, m) {
				t.Errorf("Blair reaches %q on %s", m, path)
			}
		}
	}
	// Avery, the one who stays, still has all of it.
	seen := ""
	for _, body := range a.crawl("/", "/promises", "/checkins", "/reflections", "/journal", "/gratitude", "/bookmarks", "/guidance/respect", "/timeline") {
		seen += body
	}
	for _, m := range []string{fJournal, fCheckin, fReflect, fBookmark, fPromise, fThanks, "Finley (former partner)"} {
		if !strings.Contains(seen, m) {
			t.Errorf("Avery no longer reaches %q", m)
		}
	}
}
