package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

var waitingEntryRe = regexp.MustCompile(`name="entry" value="([a-z0-9]+)"`)

// waitingCount is the number in the header's Home link, 0 when none.
func waitingCount(t *testing.T, r *resp) string {
	t.Helper()
	m := regexp.MustCompile(`<span class="badge">(\d+)<span class="visually-hidden"> waiting for you`).FindStringSubmatch(r.Body)
	if m == nil {
		return "0"
	}
	return m[1]
}

// TestWaitingForYou: what the partner recorded, a dispute, a reflection to
// reveal together and notes of thanks wait on the dashboard and are counted
// in the header of every page; several records are confirmed at once; the
// list shows nothing of another space, and a private check-in is in none.
func TestWaitingForYou(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Avery", "Blair")
	day := 24 * time.Hour
	id := a.makePromise("Text when plans change", "start", "2026-03-10")
	a.record(id, "2026-03-10", "kept", "note", "Texted at noon")
	e.clock.Advance(day)
	a.record(id, "2026-03-11", "kept")
	e.clock.Advance(day)
	a.record(id, "2026-03-12", "missed")
	a.checkin("note", "PRIVATE-CHECKIN-WAITING", "private", "1")

	// Another couple's records never reach Blair's list.
	c, d := e.couple("Casey", "Dana")
	other := c.makePromise("Other couple's promise", "start", "2026-03-12")
	c.record(other, "2026-03-12", "kept")
	if n := waitingCount(t, d.open("/promises")); n != "1" {
		t.Fatalf("Dana's header counts %s, want 1", n)
	}

	home := b.open("/")
	w := section(t, home, "waiting")
	for _, want := range []string{"Avery's records to confirm", "Text when plans change", "Tuesday 10 March", "Wednesday 11 March",
		"Thursday 12 March", "Texted at noon", "I saw these", `href="/promises/` + id + `#entry-`} {
		if !strings.Contains(w, want) {
			t.Fatalf("Blair's waiting list lacks %q:\n%s", want, w)
		}
	}
	for _, bad := range []string{"Other couple", "PRIVATE-CHECKIN-WAITING"} {
		if strings.Contains(home.Body, bad) {
			t.Fatalf("Blair's dashboard shows %q", bad)
		}
	}
	if n := waitingCount(t, b.open("/journal")); n != "3" {
		t.Fatalf("Blair's header counts %s on another page, want 3", n)
	}
	if n := waitingCount(t, a.open("/")); n != "0" || !strings.Contains(section(t, a.open("/"), "waiting"), "Nothing is waiting for you") {
		t.Fatalf("Avery's header counts %s, want 0 and nothing waiting", n)
	}

	// Blair confirms two days at once and questions the third.
	entries := waitingEntryRe.FindAllStringSubmatch(w, -1)
	if len(entries) != 3 {
		t.Fatalf("entries to confirm: %v", entries)
	}
	thu, wed := entries[0][1], entries[1][1]
	r := b.post("/waiting/confirm", form("entry", wed, "entry", entries[2][1]))
	if r.First != http.StatusSeeOther {
		t.Fatalf("confirm several: %d\n%s", r.First, excerpt(r.Body))
	}
	r.contains(t, "Confirmed: you saw 2 days.")
	b.post("/ledger/"+thu+"/dispute", form("dispute_note", "I think it was Friday"))
	if n := waitingCount(t, b.open("/")); n != "0" {
		t.Fatalf("after reviewing all, Blair's header counts %s", n)
	}
	// Confirming again is refused for each, and said so.
	b.post("/waiting/confirm", form("entry", wed)).contains(t, "Confirmed: you saw 0 days. 1 day could not be confirmed")

	// Avery now has the dispute to answer; Blair a note of thanks and a reflection to reveal together.
	aw := section(t, a.open("/"), "waiting")
	for _, want := range []string{"Blair saw these differently", "I think it was Friday", "Thursday 12 March"} {
		if !strings.Contains(aw, want) {
			t.Fatalf("Avery's waiting list lacks %q:\n%s", want, aw)
		}
	}
	a.sendNote("Thank you for listening")
	a.reflect("helped", "Walking", "visibility", "together")
	bw := section(t, b.open("/"), "waiting")
	for _, want := range []string{"A note of thanks from Avery is waiting for you.", "Avery has written this week's reflection, to reveal together."} {
		if !strings.Contains(bw, want) {
			t.Fatalf("Blair's waiting list lacks %q:\n%s", want, bw)
		}
	}
	if n := waitingCount(t, b.open("/checkins")); n != "2" {
		t.Fatalf("Blair's header counts %s, want 2", n)
	}
	b.reflect("helped", "Talking", "visibility", "together")
	if strings.Contains(section(t, b.open("/"), "waiting"), "reflection") {
		t.Fatal("the reflection still waits after Blair wrote theirs")
	}
}

// TestPartnerLeftNotice: when a partner leaves, the one who stays is told
// so, kindly, with where to turn; not that their space is ready. Someone who
// joins later is not told of a partner who left before them.
func TestPartnerLeftNotice(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Avery", "Blair")
	b.leave()
	home := a.open("/")
	home.contains(t, "Blair has left your space", `href="/safety"`, `href="/export"`)
	home.lacks(t, "Your space is ready")
	c := e.signup("Casey")
	if r := c.join(a.invite()); r.First != http.StatusSeeOther {
		t.Fatalf("Casey joins: %d", r.First)
	}
	a.open("/").lacks(t, "has left your space")
	c.open("/").lacks(t, "has left your space", "Blair")
}

// waitingUnsafeCases are the CSRF cases of the waiting list's form.
func waitingUnsafeCases() map[string]unsafeCase {
	return map[string]unsafeCase{
		"POST /waiting/confirm": func(t *testing.T, e *env) (*client, string, url.Values) {
			a, _ := e.couple("Confirmer", "Recorder")
			a.open("/")
			return a.client, "/waiting/confirm", form("entry", "abcdefghijkmnpqr")
		},
	}
}

// TestWhatHappenedNews: the partner joining, pausing and resuming a promise
// are news in "Since your last visit".
func TestWhatHappenedNews(t *testing.T) {
	e := newEnv(t)
	a := e.signup("Avery")
	a.createSpace("Ours")
	a.open("/") // Avery's first visit
	link := a.invite()
	e.clock.Advance(time.Hour)
	b := e.signup("Blair")
	if r := b.join(link); r.First != http.StatusSeeOther {
		t.Fatalf("Blair joins: %d", r.First)
	}
	id := b.makePromise("Walk after dinner")
	b.post("/promises/"+id+"/pause", form("pause_note", "Away for work"))
	e.clock.Advance(4 * time.Hour) // a new visit
	news := section(t, a.open("/"), "new-h")
	for _, want := range []string{"<strong>Blair</strong> joined your space", "<strong>Blair</strong> paused", "Away for work"} {
		if !strings.Contains(news, want) {
			t.Fatalf("Avery's news lacks %q:\n%s", want, news)
		}
	}
	e.clock.Advance(24 * time.Hour)
	b.post("/promises/"+id+"/resume", nil)
	e.clock.Advance(4 * time.Hour)
	if news := section(t, a.open("/"), "new-h"); !strings.Contains(news, "<strong>Blair</strong> resumed") {
		t.Fatalf("Avery's news lacks the resumed promise:\n%s", news)
	}
}

// TestWaitingConversations: a question sent to the member waits on the
// dashboard, is counted in the header, and stops waiting once answered.
func TestWaitingConversations(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Avery", "Blair")
	id := a.draftQuestion("When did you last speak to him?")
	if n := waitingCount(t, b.open("/journal")); n != "0" {
		t.Fatalf("a draft is counted for the partner: %s", n)
	}
	a.post("/questions/"+id+"/send", nil)
	w := section(t, b.open("/"), "waiting")
	if !strings.Contains(w, `href="/questions/`+id+`"`) || !strings.Contains(w, "When did you last speak to him?") {
		t.Fatalf("the question does not wait on Blair's dashboard:\n%s", w)
	}
	if n := waitingCount(t, b.open("/journal")); n != "1" {
		t.Fatalf("Blair's header counts %s, want 1", n)
	}
	b.post("/questions/"+id+"/answer", form("answer", "In June, at the station."))
	if n := waitingCount(t, b.open("/journal")); n != "0" {
		t.Fatalf("after answering, Blair's header counts %s", n)
	}
}
