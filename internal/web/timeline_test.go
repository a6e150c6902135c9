package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

var earlierRe = regexp.MustCompile(`<a href="(/timeline\?[^"]*)">Earlier</a>`)
var laterRe = regexp.MustCompile(`<a href="(/timeline[^"]*)">Later</a>`)

// link returns the href of the link matched by re on r, unescaped.
func link(t *testing.T, r *resp, re *regexp.Regexp) string {
	t.Helper()
	m := re.FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatalf("%s: no link %s\n%s", r.URL, re, excerpt(r.Body))
	}
	return strings.ReplaceAll(m[1], "&amp;", "&")
}

// TestTimeline: everything the two share is on the timeline, newest first,
// each item naming its author and linking to it; the viewer's own private
// items are left out as the partner's are; a filter shows one kind; pages go
// back 14 days at a time.
func TestTimeline(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	if r := a.open("/timeline"); strings.Contains(r.Body, ">Earlier<") || !strings.Contains(r.Body, "Nothing to show for these two weeks.") {
		t.Fatalf("a new couple's timeline:\n%s", excerpt(r.Body))
	}

	p := a.makePromise("Call at lunch")
	a.record(p, "2026-03-10", "kept", "note", "Called at noon")
	e.clock.Advance(time.Minute)
	b.post("/ledger/"+entries(t, b.open("/promises/"+p))[0]+"/confirm", nil)
	closing := a.makePromise("Text before leaving work")
	a.post("/promises/"+closing+"/close", form("close_kind", "done", "close_note", "It became a habit"))
	e.clock.Advance(time.Minute)
	b.sendNote("Thank you for calling")
	entry := a.writeEntry("Our weekend", "It was good.")
	a.entryAction(entry, "share")
	b.post("/journal/"+entry+"/reply", form("reply", "Mine too."))
	a.writeEntry("ANA-PRIVATE-ENTRY", "Only mine")
	a.checkin("note", "ANA-PRIVATE-CHECKIN", "private", "1")
	b.checkin("mood", "tender", "note", "Ben's shared note")
	saveBookmark(t, a.client, "respect", "Read together", true)
	saveBookmark(t, a.client, "give-it-time", "ANA-PRIVATE-BOOKMARK", false)
	reflection := b.reflect("helped", "Walking", "visibility", "shared")
	e.clock.Advance(time.Minute)
	b.sendNote("Last of the day")

	r := a.open("/timeline")
	r.contains(t, "<h3>Tue 10 March</h3>",
		`<strong>You</strong> made a promise: <a href="/promises/`+p+`">Call at lunch</a>`,
		`<strong>You</strong> recorded <a href="/promises/`+p+`#entry-`, `Call at lunch</a>, Tue 10 March`, "Called at noon",
		`<strong>Ben</strong> confirmed <a href="/promises/`+p+`#entry-`,
		`<strong>You</strong> closed <a href="/promises/`+closing+`">Text before leaving work</a>`, `<span class="tag">done</span>`, "It became a habit",
		`<strong>Ben</strong> thanked you <a href="/gratitude#note-`, "Thank you for calling",
		`<strong>You</strong> shared a journal entry: <a href="/journal/`+entry+`">Our weekend</a>`,
		`<strong>Ben</strong> replied to your journal entry: <a href="/journal/`+entry+`">Our weekend</a>`,
		`<strong>Ben</strong> checked in, <a href="/checkins?before=2026-03-11">Tue 10 March</a>`, "Tender", "Ben&#39;s shared note",
		`<strong>Ben</strong> wrote a weekly reflection: <a href="/reflections/`+reflection+`">`,
		`<strong>You</strong> shared a bookmark: <a href="/guidance/respect">`, "Read together")
	// The viewer's own private items are left out too (see timeline's doc).
	r.lacks(t, "ANA-PRIVATE-ENTRY", "ANA-PRIVATE-CHECKIN", "ANA-PRIVATE-BOOKMARK", "/guidance/give-it-time")
	if strings.Index(r.Body, "Last of the day") > strings.Index(r.Body, "Call at lunch") {
		t.Fatal("the timeline is not newest first")
	}
	b.open("/timeline").contains(t, `<strong>Ana</strong> made a promise`, `<strong>You</strong> thanked Ana`, "<strong>You</strong> replied to a journal entry: ")

	// One kind at a time, through plain links.
	r = a.open("/timeline?kind=gratitude")
	r.contains(t, `aria-current="true">Thanks</a>`, "Thank you for calling", "(Thanks)")
	r.lacks(t, "made a promise", "checked in")
	r = a.open("/timeline?before=nonsense&kind=bogus")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, `aria-current="true">Everything</a>`) || !strings.Contains(r.Body, "Call at lunch") {
		t.Fatalf("odd parameters: %d\n%s", r.Status, excerpt(r.Body))
	}

	// Twenty days on, the first page has only what is new; "Earlier" leads
	// back to the rest and keeps the filter; "Later" comes back.
	e.later(20*24*time.Hour, a, b)
	b.sendNote("Three weeks on")
	r = a.open("/timeline")
	r.contains(t, "Three weeks on")
	r.lacks(t, "Call at lunch", ">Later<")
	earlier := a.open(link(t, r, earlierRe))
	earlier.contains(t, "Call at lunch", "Tue 10 March")
	earlier.lacks(t, "Three weeks on")
	if back := link(t, earlier, laterRe); back != "/timeline" {
		t.Fatalf("Later leads to %s", back)
	}
	r = a.open("/timeline?kind=promises")
	if l := link(t, r, earlierRe); !strings.Contains(l, "kind=promises") {
		t.Fatalf("Earlier drops the filter: %s", l)
	}
	// Before the space began there is nothing earlier to offer.
	if strings.Contains(earlier.Body, ">Earlier<") {
		t.Fatal("an Earlier link before the space began")
	}
}
