package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"mend/internal/store"
)

// recentRe reads a promise page's rates.
var recentRe = regexp.MustCompile(`<ul class="facts">(.*?)</ul>`)

// TestLedgerCorrections: a record changed within ten minutes is simply
// changed; once the partner looked at it, or after ten minutes, a change is
// a correction that keeps the original in the history, sets the partner's
// "I saw it" aside (shown in the history too) and puts the day back in what
// waits for them; the partner's own review is changed and corrected alike.
// Stale forms, the wrong member and a change that changes nothing are refused.
func TestLedgerCorrections(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	today := e.clock.Now().Format("2006-01-02")
	id := a.makePromise("Walk together after dinner")
	a.record(id, today, "kept", "note", "We walked to the bridge")
	entry := entries(t, a.open("/promises/"+id))[0]
	change := "/ledger/" + entry + "/change"
	rates := func(u *user) string {
		m := recentRe.FindStringSubmatch(u.open("/promises/" + id).Body)
		if m == nil {
			t.Fatal("no rates on the promise page")
		}
		return m[1]
	}
	keptRate := rates(a)

	// Within ten minutes, nobody has looked: a plain change, no history.
	page := a.open("/promises/" + id)
	page.contains(t, "Change this record…", `action="/ledger/`+entry+`/change"`, "you can change it plainly")
	r := a.post(change, form("rev", "0", "outcome", "missed", "note", "We did not go out"))
	if r.First != http.StatusSeeOther {
		t.Fatalf("plain change: %d\n%s", r.First, excerpt(r.Body))
	}
	r.contains(t, "Changed: missed.", "We did not go out")
	r.lacks(t, "corrected to", "We walked to the bridge")
	if got := rates(b); got == keptRate {
		t.Fatalf("the rates did not follow the change: still %q", got)
	}
	missedRate := rates(b)

	// Ben saw the page before the change: his "I saw it" is refused.
	b.refused(http.StatusConflict, "/ledger/"+entry+"/confirm", form("rev", "0"), "changed since you opened the page")
	if r := b.post("/ledger/"+entry+"/confirm", form("rev", "1")); r.First != http.StatusSeeOther {
		t.Fatalf("confirm: %d\n%s", r.First, excerpt(r.Body))
	}
	b.open("/").lacks(t, `name="entry" value="`+entry+`"`)

	// Still within ten minutes, but Ben looked: a correction.
	a.refused(http.StatusConflict, change, form("rev", "0", "outcome", "kept"), "changed since you opened the page")
	a.refused(http.StatusUnprocessableEntity, change, form("rev", "1", "outcome", "missed", "note", "We did not go out"), "nothing changed")
	b.refused(http.StatusConflict, change, form("rev", "1", "outcome", "kept"), "Only the one who recorded")
	r = a.post(change, form("rev", "1", "outcome", "kept", "note", "We went, later"))
	if r.First != http.StatusSeeOther {
		t.Fatalf("correction: %d\n%s", r.First, excerpt(r.Body))
	}
	r.contains(t, "Corrected to kept.", "your partner is asked to look at the day again",
		"You recorded missed on", ", corrected to kept on", "Said then: We did not go out",
		"Ben said “I saw it” on", "set aside on")
	page = b.open("/promises/" + id)
	page.contains(t, "Ana recorded missed on", "You said “I saw it” on", "We went, later", `action="/ledger/`+entry+`/confirm"`)
	page.lacks(t, "Ben saw it</span>")
	b.open("/").contains(t, `name="entry" value="`+entry+`"`, `name="rev-`+entry+`" value="2"`) // waiting for his look again
	// "I saw these" from a list shown before the correction leaves it waiting.
	b.post("/waiting/confirm", form("entry", entry, "rev-"+entry, "1")).contains(t, "1 day could not be confirmed")
	b.open("/").contains(t, `name="entry" value="`+entry+`"`)
	if got := rates(b); got == missedRate {
		t.Fatalf("the rates did not follow the correction: still %q", got)
	}

	// After ten minutes, a change is a correction even unreviewed.
	e.clock.Advance(store.ChangeWindow + time.Minute)
	a.open("/promises/"+id).contains(t, "This is a correction")
	r = a.post(change, form("rev", "2", "outcome", "missed", "note", "We went, later"))
	if r.First != http.StatusSeeOther {
		t.Fatalf("late correction: %d\n%s", r.First, excerpt(r.Body))
	}
	if n := strings.Count(r.Body, ", corrected to "); n != 2 {
		t.Fatalf("%d record corrections in the history, want 2\n%s", n, excerpt(r.Body))
	}

	// Ben's review: plain within ten minutes, a correction after.
	if r := b.post("/ledger/"+entry+"/confirm", form("rev", "3")); r.First != http.StatusSeeOther {
		t.Fatalf("confirm again: %d\n%s", r.First, excerpt(r.Body))
	}
	review := "/ledger/" + entry + "/change-review"
	b.open("/promises/"+id).contains(t, "Change what you said…", `action="`+review+`"`)
	a.refused(http.StatusConflict, review, form("rev", "0", "kind", "confirm"), "Only the one who answered")
	b.refused(http.StatusUnprocessableEntity, review, form("rev", "0", "kind", "dispute"), "Please say what you saw differently")
	r = b.post(review, form("rev", "0", "kind", "dispute", "review_note", "You were home all evening"))
	if r.First != http.StatusSeeOther {
		t.Fatalf("plain review change: %d\n%s", r.First, excerpt(r.Body))
	}
	r.contains(t, "Changed: what you said of the day.", "You were home all evening")
	r.lacks(t, "corrected to “I saw it")
	e.clock.Advance(store.ChangeWindow + time.Minute)
	r = b.post(review, form("rev", "1", "kind", "confirm"))
	if r.First != http.StatusSeeOther {
		t.Fatalf("review correction: %d\n%s", r.First, excerpt(r.Body))
	}
	a.open("/promises/"+id).contains(t, "Ben said “I saw it differently” on", "corrected to “I saw it” on",
		"Said then: You were home all evening", "Ben saw it</span>")

	// Each one's export keeps their own words that corrections replaced, and only theirs.
	ea, eb := a.get("/export"), b.get("/export")
	ea.contains(t, "ledger_words_corrected", "We did not go out")
	ea.lacks(t, "You were home all evening")
	eb.contains(t, "ledger_words_corrected", "You were home all evening")
	eb.lacks(t, "We did not go out")

	// The timeline tells of the corrections.
	a.open("/timeline?kind=ledger").contains(t, "<strong>You</strong> corrected", "<strong>Ben</strong> corrected what they said of")
}

// TestConcurrentCorrections: the same record corrected from two tabs, and
// corrected while the partner confirms it, at the same moment: one
// correction per state, one record and at most one review a day, and a
// review left standing only if the record was not corrected after it.
func TestConcurrentCorrections(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	for i := 0; i < rounds; i++ {
		day := e.clock.Now().Format("2006-01-02")
		id := a.makePromise("Race " + itoa(int64(i)))
		a.record(id, day, "kept")
		entry := entries(t, a.open("/promises/"+id))[0]
		e.clock.Advance(store.ChangeWindow + time.Minute) // every change is a correction now
		a2 := e.client()
		a2.login(a.Email, a.Password)
		a2.get("/promises/" + id)
		b.open("/promises/" + id)
		clients := []*client{a.client, a2, b.client}
		forms := []url.Values{
			form("rev", "0", "outcome", "missed"),
			form("rev", "0", "outcome", "missed", "note", "From the other tab"),
			form("rev", "0"),
		}
		paths := []string{"/ledger/" + entry + "/change", "/ledger/" + entry + "/change", "/ledger/" + entry + "/confirm"}
		statuses := racePaths(t, clients, paths, forms)
		n := count(t, "corrections", statuses[:2])
		if n[http.StatusSeeOther] != 1 {
			t.Fatalf("round %d: the two corrections answered %v, want one applied", i, statuses[:2])
		}
		var entriesN, corrections, reviews int64
		e.db.Raw("SELECT COUNT(*) FROM ledger_entries WHERE id = ?", entry).Scan(&entriesN)
		e.db.Raw("SELECT COUNT(*) FROM ledger_corrections WHERE entry_id = ? AND part = 'record'", entry).Scan(&corrections)
		e.db.Raw("SELECT COUNT(*) FROM ledger_reviews WHERE entry_id = ?", entry).Scan(&reviews)
		if entriesN != 1 || corrections != 1 {
			t.Fatalf("round %d: %d entries and %d record corrections, want 1 and 1", i, entriesN, corrections)
		}
		// Ben's confirmation either came first (and was set aside, kept in
		// the history) or saw the corrected record and was refused.
		var setAside int64
		e.db.Raw("SELECT COUNT(*) FROM ledger_corrections WHERE entry_id = ? AND part = 'review'", entry).Scan(&setAside)
		switch {
		case statuses[2] == http.StatusSeeOther && (reviews != 0 || setAside != 1):
			t.Fatalf("round %d: Ben's confirmation stood with %d reviews and %d set aside, want 0 and 1", i, reviews, setAside)
		case statuses[2] == http.StatusConflict && (reviews != 0 || setAside != 0):
			t.Fatalf("round %d: Ben was refused, yet %d reviews and %d set aside", i, reviews, setAside)
		case statuses[2] != http.StatusSeeOther && statuses[2] != http.StatusConflict:
			t.Fatalf("round %d: Ben's confirmation answered %d", i, statuses[2])
		}
	}
}
