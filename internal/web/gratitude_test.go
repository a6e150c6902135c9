package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

var receiveRe = regexp.MustCompile(`action="/gratitude/([a-z0-9]{16})/receive`)

// newNoteID is the id of the newest note u can mark as received.
func (u *user) newNoteID() string {
	u.t.Helper()
	m := receiveRe.FindStringSubmatch(u.open("/gratitude").Body)
	if m == nil {
		u.t.Fatalf("%s has no new gratitude note", u.Name)
	}
	return m[1]
}

// sendNote sends a gratitude note through the form.
func (u *user) sendNote(body string, kv ...string) *resp {
	u.t.Helper()
	u.open("/gratitude")
	return u.post("/gratitude", form(append([]string{"body", body}, kv...)...))
}

// TestGratitude: A thanks B; B sees it as new, marks it received with a
// heart and replies; A sees all of it. Nobody answers their own note.
func TestGratitude(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ada", "Bo")
	a.open("/gratitude?ledger=nonexistent").status(t, http.StatusOK, "unknown ledger parameter").has(t, "Thank Bo")
	a.open("/gratitude?ledger="+strings.Repeat("%27", 30)).status(t, http.StatusOK, "odd ledger parameter")

	long := strings.Repeat("n", 2001)
	a.sendNote(long).status(t, http.StatusUnprocessableEntity, "long note").has(t, long, "at most 2000")
	a.sendNote("").status(t, http.StatusUnprocessableEntity, "empty note")
	a.sendNote("Thanks", "practice", "no-such-practice").status(t, http.StatusUnprocessableEntity, "unknown practice").
		has(t, "Please choose a practice from the list")

	a.sendNote("Thank you for <b>making</b> dinner.", "practice", "actions-not-words").status(t, http.StatusSeeOther, "send").
		has(t, "Your note is sent", "To Bo", "Thank you for &lt;b&gt;making&lt;/b&gt; dinner.", "not read yet", "Show it with what you do")
	id := b.newNoteID()
	page := b.open("/gratitude")
	page.has(t, "From Ada", "Thank you for &lt;b&gt;making&lt;/b&gt; dinner.", ">1 new<", `class="tag accent">new<`, "Show it with what you do")

	// The sender can't receive or reply to their own note: the same 404 as for anything not theirs.
	a.post("/gratitude/"+id+"/receive", form("heart", "1")).status(t, http.StatusNotFound, "sender receives")
	a.post("/gratitude/"+id+"/reply", form("reply", "Me too")).status(t, http.StatusNotFound, "sender replies")
	a.post("/gratitude/"+id+"/reply", form("reply", "")).status(t, http.StatusNotFound, "sender replies, empty")
	a.open("/gratitude").has(t, "not read yet").hasnt(t, "Me too")

	b.post("/gratitude/"+id+"/receive", form("heart", "1")).status(t, http.StatusSeeOther, "receive").
		has(t, "Marked as received, with a heart").hasnt(t, `class="tag accent">new<`, ">1 new<")
	b.post("/gratitude/"+id+"/reply", form("reply", "")).status(t, http.StatusUnprocessableEntity, "empty reply").
		has(t, "Write a short reply, or choose the heart")
	longReply := strings.Repeat("r", 501)
	b.post("/gratitude/"+id+"/reply", form("reply", longReply)).status(t, http.StatusUnprocessableEntity, "long reply").
		has(t, longReply, "at most 500")
	b.post("/gratitude/"+id+"/reply", form("reply", "It was my pleasure.")).status(t, http.StatusSeeOther, "reply").
		has(t, "Your reply is sent", "It was my pleasure.")
	b.post("/gratitude/"+id+"/reply", form("reply", "And again")).status(t, http.StatusConflict, "second reply").
		has(t, "already replied")

	sent := a.open("/gratitude")
	sent.has(t, "received Tue 10 March 2026", "they gave it a heart", "Bo replied", "It was my pleasure.").hasnt(t, "not read yet", "And again")

	// A note from B to A is only A's to receive.
	b.sendNote("Thank you for listening.")
	id2 := a.newNoteID()
	b.post("/gratitude/"+id2+"/receive", nil).status(t, http.StatusNotFound, "B receives own note")
	a.post("/gratitude/"+id2+"/reply", form("heart", "1")).status(t, http.StatusSeeOther, "heart only").has(t, "You gave the note a heart")
	b.open("/gratitude").has(t, "they gave it a heart", "Thank you for listening.")

	if strings.Contains(e.logs.String(), "dinner") || strings.Contains(e.logs.String(), "pleasure") {
		t.Fatal("note text reached the logs")
	}
}

// TestGratitudeAlone: without a partner, the form is not offered and a post
// is refused; someone from another space reaches no note.
func TestGratitudeAlone(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ida", "Ole")
	a.sendNote("For the flowers.")
	id := b.newNoteID()

	solo := e.signup("Solo")
	solo.createSpace("Solo's")
	r := solo.open("/gratitude")
	r.has(t, "nobody else is in your space now", "Invite your partner").hasnt(t, `action="/gratitude"`, "For the flowers.")
	solo.post("/gratitude", form("body", "Hello?")).status(t, http.StatusConflict, "send without partner").has(t, "Invite your partner first")
	solo.post("/gratitude", form("body", "")).status(t, http.StatusConflict, "invalid note without partner")
	solo.post("/gratitude/"+id+"/receive", nil).status(t, http.StatusNotFound, "other space receives")
	solo.post("/gratitude/"+id+"/reply", form("reply", "hi")).status(t, http.StatusNotFound, "other space replies")
}

// TestGratitudePages: notes page by 20, newest first, in both lists.
func TestGratitudePages(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Pia", "Rex")
	for i := 1; i <= 21; i++ {
		a.sendNote("Note number " + itoa(int64(i)) + ".")
		e.clock.Advance(time.Minute)
	}
	p1 := b.open("/gratitude")
	p1.has(t, "Note number 21.", "Note number 2.", ">21 new<", "Older notes").hasnt(t, "Note number 1.")
	p2 := b.open("/gratitude?page=2")
	p2.has(t, "Note number 1.", "Newer notes", `action="/gratitude/`).hasnt(t, "Note number 2.")
	// A form on page 2 comes back to page 2.
	m := receiveRe.FindStringSubmatch(p2.Body)
	r := b.post("/gratitude/"+m[1]+"/receive?page=2", nil)
	if !strings.Contains(r.URL, "page=2") {
		t.Fatalf("after receiving on page 2, landed on %s", r.URL)
	}
	a.open("/gratitude?page=2").has(t, "Note number 1.", "received")
}

var sayThanksRe = regexp.MustCompile(`href="/gratitude\?ledger=([a-z0-9]+)"`)

// TestGratitudeForKeptPromise: "Say thank you" on a kept day of the
// partner's promise links the note to that day; the recipient sees what it
// was for. Only the partner's kept days can be thanked for.
func TestGratitudeForKeptPromise(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	id := a.makePromise("Walk after dinner")
	a.record(id, "2026-03-10", "kept")
	m := sayThanksRe.FindStringSubmatch(b.open("/promises/" + id).Body)
	if m == nil {
		t.Fatal("no \"Say thank you\" link on the partner's kept day")
	}
	entry := m[1]
	page := b.open("/gratitude?ledger=" + entry)
	page.contains(t, "A thank-you for keeping “Walk after dinner” on Tue 10 March 2026.", `name="ledger" value="`+entry+`"`)
	if r := b.post("/gratitude", form("body", "Thank you for the walk.", "ledger", entry)); r.First != http.StatusSeeOther {
		t.Fatalf("send: %d\n%s", r.First, excerpt(r.Body))
	}
	a.open("/gratitude").contains(t, "Thank you for the walk.", "For <a href=\"/promises/"+id+"\">keeping “Walk after dinner” on Tue 10 March 2026</a>")
	b.open("/gratitude").contains(t, "keeping “Walk after dinner”")

	// The author cannot be thanked by themselves, nor for a missed day.
	a.open("/gratitude?ledger="+entry).lacks(t, "A thank-you for")
	if r := a.post("/gratitude", form("body", "Me, me", "ledger", entry)); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("thanking oneself: %d, want 422", r.Status)
	}
	e.clock.Advance(24 * time.Hour)
	a.login(a.Email, a.Password)
	b.login(b.Email, b.Password)
	a.record(id, "2026-03-11", "missed")
	entries := ledgerEntryIDs(b.open("/promises/" + id).Body)
	if len(entries) != 2 {
		t.Fatalf("%d ledger entries to review, want 2", len(entries))
	}
	for _, other := range entries {
		if other == entry {
			continue
		}
		b.open("/gratitude?ledger="+other).lacks(t, "A thank-you for")
		if r := b.post("/gratitude", form("body", "For missing?", "ledger", other)); r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("thanking for a missed day: %d, want 422", r.Status)
		}
	}
	// Another space's ledger entry is not found.
	c, _ := e.couple("Cy", "Di")
	if r := c.post("/gratitude", form("body", "Hm", "ledger", entry)); r.Status != http.StatusNotFound {
		t.Fatalf("another space's entry: %d, want 404", r.Status)
	}
}

var ledgerFormRe = regexp.MustCompile(`/ledger/([a-z0-9]+)/(confirm|dispute)`)

func ledgerEntryIDs(body string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range ledgerFormRe.FindAllStringSubmatch(body, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out
}
