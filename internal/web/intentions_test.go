package web_test

import (
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// TestPrivateIntention: a thing to try of a practice for the hurt partner
// becomes a private intention by default; its author tracks it alone, and
// the partner sees nothing of it on any page, in the timeline, on the
// dashboard or in their export, and cannot confirm, dispute or thank it.
func TestPrivateIntention(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	a.post("/space/role", form("role", "hurt"))

	// From a practice for the hurt partner, the box is ticked; from one for
	// both that is not about one's own healing, it is not.
	a.open("/promises/new?practice=first-days-hurt&try=0").contains(t, `name="private" value="1" checked`, "Keep it as a private intention")
	if r := a.open("/promises/new?practice=keep-your-word&try=0"); strings.Contains(r.Body, `name="private" value="1" checked`) {
		t.Error("a practice for both, about keeping one's word, offers a private intention by default")
	}
	a.open("/promises/new?practice=why-work&try=0").contains(t, `name="private" value="1" checked`) // own healing

	const secret = "Zebra walk by the canal at dusk"
	r := a.post("/promises", form("title", secret, "kind", "daily", "can_keep", "1", "private", "1",
		"practice", "first-days-hurt", "details", "Quagga details"))
	r.contains(t, "Your private intention is made. Only you can see it.", "private intention", "nobody is asked to confirm it")
	id := strings.TrimPrefix(r.URL, "/promises/")
	today := e.clock.Now().UTC().Format("2006-01-02")
	a.record(id, today, "kept", "note", "Okapi note")
	entryIDs := entries(t, a.open("/promises/"+id))
	if len(entryIDs) != 1 {
		t.Fatalf("Ana's ledger: %v", entryIDs)
	}
	ap := a.open("/promises/" + id)
	ap.contains(t, "1 of 1 kept in the last 4 weeks")
	ap.lacks(t, "not yet confirmed")
	a.open("/promises").contains(t, secret, "private intention")
	a.open("/guidance/first-days-hurt").contains(t, secret) // linked from its practice, for her
	a.open("/export").contains(t, secret, `"private_intention": true`)

	// A shared promise of hers, for comparison: Ben sees that one.
	shared := a.makePromise("Shared promise of Ana")

	// Ben, by following every link from his pages, never meets it.
	pages := b.client.crawl("/", "/promises", "/timeline", "/timeline?kind=promises", "/timeline?kind=ledger",
		"/guidance/first-days-hurt", "/gratitude", "/export", "/path")
	if len(pages) < 20 {
		t.Fatalf("Ben's crawl reached only %d pages", len(pages))
	}
	sawShared := false
	for path, body := range pages {
		for _, word := range []string{secret, "Zebra", "Quagga", "Okapi", id} {
			if strings.Contains(body, word) {
				t.Errorf("Ben sees %q on %s", word, path)
			}
		}
		sawShared = sawShared || strings.Contains(body, shared)
	}
	if !sawShared {
		t.Error("Ben does not see Ana's shared promise either: the crawl proves nothing")
	}
	// Nor by asking for it directly.
	if r := b.get("/promises/" + id); r.Status != http.StatusNotFound {
		t.Errorf("Ben opens the private intention: %d", r.Status)
	}
	for _, path := range []string{"/ledger/" + entryIDs[0] + "/confirm", "/ledger/" + entryIDs[0] + "/dispute"} {
		if r := b.post(path, form("dispute_note", "I saw it differently")); r.Status != http.StatusNotFound {
			t.Errorf("Ben posts %s: %d, want 404", path, r.Status)
		}
	}
	if r := b.post("/gratitude", form("body", "Thanks", "ledger", entryIDs[0])); r.Status != http.StatusNotFound {
		t.Errorf("Ben thanks Ana for a day of her private intention: %d, want 404", r.Status)
	}
	// Ana's own page still has it, and nothing Ben did reached it.
	a.open("/promises/"+id).contains(t, secret, "Okapi note")
}

// TestShareIntention: a private intention can be shared with the partner,
// once there is one, even one who joined after it was made; from then on
// it is a promise like any other, with its record so far, which the
// partner can confirm. It cannot be made private again: the partner has
// seen it and may have written on it.
func TestShareIntention(t *testing.T) {
	e := newEnv(t)
	a := e.signup("Ana")
	a.createSpace("Ana & Ben")
	const title = "Yak walk before breakfast"
	r := a.post("/promises", form("title", title, "kind", "daily", "can_keep", "1", "private", "1"))
	id := strings.TrimPrefix(r.URL, "/promises/")
	today := e.clock.Now().UTC().Format("2006-01-02")
	a.record(id, today, "kept", "note", "Ibex note")
	// Alone, there is nobody to share it with: no button, and a refusal.
	a.open("/promises/"+id).lacks(t, "/promises/"+id+"/share")
	a.refused(http.StatusConflict, "/promises/"+id+"/share", nil, "nobody else is in your space")

	// Ben joins after it was made; he does not see it.
	link := a.invite()
	b := e.signup("Ben")
	if r := b.join(link); r.First != http.StatusSeeOther {
		t.Fatalf("Ben joins: %d", r.First)
	}
	if r := b.get("/promises/" + id); r.Status != http.StatusNotFound {
		t.Fatalf("Ben opens the private intention: %d", r.Status)
	}
	b.open("/promises").lacks(t, title)
	// Ben cannot share it for her.
	if r := b.post("/promises/"+id+"/share", nil); r.Status != http.StatusNotFound {
		t.Errorf("Ben shares Ana's intention: %d, want 404", r.Status)
	}

	a.open("/promises/"+id).contains(t, "Share it with Ben", "not make it private again")
	a.post("/promises/"+id+"/share", nil).contains(t, "Shared: it is now a promise your partner sees")
	ap := a.open("/promises/" + id)
	ap.lacks(t, "private intention", "/promises/"+id+"/share")
	ap.contains(t, "not yet confirmed")

	// Ben sees it now, with its record so far, and can confirm the day.
	b.open("/promises").contains(t, title)
	b.open("/promises/"+id).contains(t, title, "Ibex note")
	entry := entries(t, b.open("/promises/"+id))[0]
	if r := b.post("/ledger/"+entry+"/confirm", nil); r.First != http.StatusSeeOther {
		t.Errorf("Ben confirms the shared day: %d", r.First)
	}
	b.open("/timeline?kind=promises").contains(t, title)

	// Shared stays shared: sharing again is refused, and nothing makes it private.
	a.refused(http.StatusConflict, "/promises/"+id+"/share", nil, "already shared")
	other := a.makePromise("Shared from the start")
	a.refused(http.StatusConflict, "/promises/"+other+"/share", nil, "already shared")
	b.open("/promises/"+id).contains(t, title)
}

// TestIntentionNotes: a private intention's words are sealed at rest, its
// notes too (a day's, a pause's, the closing); its author reads them all on
// its page. The timeline is what the two share: the intention is not in
// it, for the author or the partner.
func TestIntentionNotes(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	r := a.post("/promises", form("title", "Quokka walk at dawn", "details", "Alone, before the day.", "kind", "daily", "can_keep", "1", "private", "1"))
	id := strings.TrimPrefix(r.URL, "/promises/")
	a.record(id, e.clock.Now().UTC().Format("2006-01-02"), "kept", "note", "Wombat morning")
	a.post("/promises/"+id+"/pause", form("pause_note", "Koala break"))
	e.clock.Advance(48 * time.Hour) // the pause began yesterday
	a.post("/promises/"+id+"/close", form("close_kind", "done", "close_note", "Numbat ending"))
	a.open("/promises/"+id).contains(t, "Quokka walk at dawn", "Wombat morning", "Koala break", "Numbat ending")
	a.open("/timeline").lacks(t, "Quokka", "Wombat", "Koala", "Numbat")
	b.open("/timeline").lacks(t, "Quokka", "Wombat", "Koala", "Numbat")
	// None of its words is stored readable (SQLite: the file and its WAL).
	if os.Getenv("MEND_TEST_POSTGRES") == "" {
		for _, m := range []string{"Quokka walk", "Wombat morning", "Koala break", "Numbat ending"} {
			e.onDisk(m, false)
		}
	}
}

func init() {
	// A private intention: its terms and a pause's note.
	privateSeeds = append(privateSeeds, func(t *testing.T, c *client, marker string) {
		r := c.post("/promises", form("title", "Intention "+marker, "details", "Alone: "+marker, "kind", "daily", "can_keep", "1", "private", "1"))
		if r.First != http.StatusSeeOther {
			t.Fatalf("a private intention: %d", r.First)
		}
		c.post(r.URL+"/pause", form("pause_note", "Paused: "+marker))
	})
}
