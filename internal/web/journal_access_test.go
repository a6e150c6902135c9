package web_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

func init() {
	fixtureBeforeLeaving = append(fixtureBeforeLeaving, func(t *testing.T, fx *fixture) {
		f := fx.users[formerF]
		id := f.writeEntry("Finley's shared entry", "Written before leaving.")
		f.entryAction(id, "share").status(t, http.StatusSeeOther, "Finley shares")
		fx.ids["journal:former"] = id
		fx.e.clock.Advance(time.Minute) // Blair joins after it was shared
	})
	fixtureItems = append(fixtureItems, func(t *testing.T, fx *fixture) {
		a := fx.users[memberA]
		fx.ids["journal:private"] = a.writeEntry("Avery's private entry", journalMarker)
		shared := a.writeEntry("Avery's shared entry", "For Blair to read.")
		a.entryAction(shared, "share").status(t, http.StatusSeeOther, "Avery shares")
		fx.ids["journal:shared"] = shared
		a.sendNote("Thank you, Blair.").status(t, http.StatusSeeOther, "Avery thanks Blair")
		fx.ids["gratitude:note"] = fx.users[partnerB].newNoteID()
	})
}

// journalMatrix are the authorization matrix entries of the journal and gratitude notes.
func journalMatrix() map[string]matrixRoute {
	entry := func(item, suffix string) func(*fixture) string {
		return func(fx *fixture) string { return "/journal/" + fx.ids["journal:"+item] + suffix }
	}
	note := func(suffix string) func(*fixture) string {
		return func(fx *fixture) string { return "/gratitude/" + fx.ids["gratitude:note"] + suffix }
	}
	return map[string]matrixRoute{
		"GET /journal":     {path: fixed("/journal?q=entry&page=1"), want: members(okPage)},
		"GET /journal/new": {path: fixed("/journal/new?practice=steady-over-time&prompt=1"), want: members(okPage)},
		"POST /journal":    {mutates: true, form: values("title", "A new entry", "body", "Words."), want: members(to("/journal/"))},
		"GET /journal/:id": {path: entry("private", ""), want: inS1(okPage, notFound)},
		"GET /journal/:id/edit": {path: entry("private", "/edit"),
			want: inS1(okPage, notFound)},
		"POST /journal/:id/edit": {mutates: true, path: entry("private", "/edit"), form: values("title", "Changed", "body", "New words."),
			want: inS1(to("/journal/"), notFound)},
		"POST /journal/:id/share": {mutates: true, path: entry("private", "/share"),
			want: inS1(to("/journal/"), notFound)},
		"POST /journal/:id/unshare": {mutates: true, path: entry("shared", "/unshare"),
			want: inS1(to("/journal/"), notFound)},
		"POST /journal/:id/delete": {mutates: true, path: entry("private", "/delete"), form: values("confirm", "yes"),
			want: inS1(to("/journal"), notFound)},
		"POST /journal/:id/reply": {mutates: true, path: entry("shared", "/reply"), form: values("reply", "Thank you."),
			want: inS1(notFound, to("/journal/"))},

		"GET /gratitude": {path: fixed("/gratitude?ledger=unknown"), want: members(okPage)},
		"POST /gratitude": {mutates: true, form: values("body", "Thank you."),
			want: members(conflict).with(memberA, to("/gratitude")).with(partnerB, to("/gratitude"))},
		"POST /gratitude/:id/receive": {mutates: true, path: note("/receive"), form: values("heart", "1"),
			want: inS1(notFound, to("/gratitude"))},
		"POST /gratitude/:id/reply": {mutates: true, path: note("/reply"), form: values("reply", "You're welcome."),
			want: inS1(notFound, to("/gratitude"))},
	}
}

// TestJournalAccess: each entry route as each actor, on each kind of entry:
// the partner gets 404 on a private entry everywhere, reads and may reply to
// a shared one, never acts as its author; a former partner's shared entry
// stays with the one who stayed and is not shown to a partner who joined later.
func TestJournalAccess(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	fx := newFixture(t, e)
	type check struct {
		method, suffix string
		kv             []string
	}
	readOnly := []check{{"GET", "", nil}, {"GET", "/edit", nil}}
	writes := []check{
		{"POST", "/edit", []string{"title", "Hijacked", "body", "x"}},
		{"POST", "/share", nil},
		{"POST", "/unshare", nil},
		{"POST", "/delete", []string{"confirm", "yes"}},
		{"POST", "/reply", []string{"reply", "Hijacked"}},
	}
	try := func(k actorKind, item string, c check) int {
		cl := fx.client(k)
		path := "/journal/" + fx.ids["journal:"+item] + c.suffix
		if c.method == "GET" {
			return cl.get(path).Status
		}
		f := form(c.kv...)
		f.Set("_csrf", cl.token)
		return cl.postRaw(path, f, http.Header{"Origin": {e.srv.URL}, "Sec-Fetch-Site": {"same-origin"}}).Status
	}
	// Nobody but Avery may do anything to the private entry; nobody but the
	// author may change the shared ones; refusals change nothing.
	for _, k := range []actorKind{partnerB, otherC, formerF} {
		for _, item := range []string{"private", "shared", "former"} {
			for _, c := range append(append([]check{}, readOnly...), writes...) {
				got := try(k, item, c)
				want := http.StatusNotFound
				if k == partnerB && item == "shared" && c.method == "GET" && c.suffix == "" {
					want = http.StatusOK
				}
				if k == partnerB && item == "shared" && c.suffix == "/reply" {
					continue // allowed; the matrix checks it
				}
				if got != want {
					t.Errorf("%s %s on %s's entry as %s: %d, want %d", c.method, c.suffix, item, k, got, want)
				}
			}
		}
	}
	a := fx.users[memberA]
	a.open("/journal/"+fx.ids["journal:private"]).has(t, "Avery&#39;s private entry", journalMarker)
	a.open("/journal/"+fx.ids["journal:former"]).has(t, "Finley&#39;s shared entry", "Finley (former partner)", "has left the space")
	a.entryAction(fx.ids["journal:former"], "reply", "reply", "Too late").status(t, http.StatusConflict, "reply to a former partner's entry")
	for _, k := range []actorKind{memberA} {
		for _, c := range writes[:2] {
			if got := try(k, "former", c); got != http.StatusNotFound {
				t.Errorf("Avery %s %s on Finley's entry: %d, want 404", c.method, c.suffix, got)
			}
		}
	}
	b := fx.users[partnerB]
	b.open("/journal").has(t, "Avery&#39;s shared entry").hasnt(t, "Finley", "Avery&#39;s private entry", journalMarker)
	b.open("/journal?q=entry").has(t, "1 entry matches")
	a.open("/journal?q=entry").has(t, "3 entries match")
}

// TestJournalLeaving: when the author leaves, their private entries (with
// any reply) are deleted; what they shared stays, named as a former
// partner's, and can no longer be answered. A partner who joins later sees
// none of it, nor the old couple's notes.
func TestJournalLeaving(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Noa", "Ezra")
	private := a.writeEntry("Noa private", "mine alone")
	shared := a.writeEntry("Noa shared", "for Ezra")
	a.entryAction(shared, "share")
	b.entryAction(shared, "reply", "reply", "Ezra's answer").status(t, http.StatusSeeOther, "reply")
	hidden := a.writeEntry("Noa shared then hidden", "for a while")
	a.entryAction(hidden, "share")
	b.entryAction(hidden, "reply", "reply", "Ezra's hidden answer")
	a.entryAction(hidden, "unshare")
	unanswered := a.writeEntry("Noa unanswered", "no reply yet")
	a.entryAction(unanswered, "share")
	a.sendNote("Thanks from Noa.")
	b.sendNote("Thanks from Ezra.")
	bShared := b.writeEntry("Ezra shared", "for Noa")
	b.entryAction(bShared, "share")

	e.clock.Advance(time.Hour)
	a.leave()
	if n := countRows(t, e, "SELECT COUNT(*) FROM journal_entries WHERE id IN (?, ?)", private, hidden); n != 0 {
		t.Fatalf("%d private entries of the leaver remain", n)
	}
	if n := countRows(t, e, "SELECT COUNT(*) FROM journal_replies"); n != 1 {
		t.Fatalf("%d replies remain, want only the one on the shared entry", n)
	}
	b.get("/journal/"+private).status(t, http.StatusNotFound, "private entry after leaving")
	b.get("/journal/"+hidden).status(t, http.StatusNotFound, "unshared entry after leaving")
	b.open("/journal/"+shared).has(t, "Noa shared", "Noa (former partner)", "Ezra&#39;s answer")
	b.open("/journal/"+unanswered).has(t, "Noa unanswered", "has left the space").hasnt(t, `action="/journal/`+unanswered+`/reply"`)
	b.entryAction(unanswered, "reply", "reply", "Late").status(t, http.StatusConflict, "reply to a former partner")
	g := b.open("/gratitude")
	g.has(t, "Thanks from Noa.", "From Noa (former partner)", "Thanks from Ezra.", "To Noa (former partner)", "nobody else is in your space now")
	noteID := receiveRe.FindStringSubmatch(g.Body)[1]
	b.post("/gratitude/"+noteID+"/reply", form("reply", "Too late")).status(t, http.StatusConflict, "reply to a former partner's note")
	b.post("/gratitude/"+noteID+"/receive", nil).status(t, http.StatusSeeOther, "receive a former partner's note")
	b.open("/journal/"+bShared).has(t, "nobody else is in your space now")

	// The leaver reaches nothing of the space.
	for _, p := range []string{"/journal/" + shared, "/journal", "/gratitude"} {
		if r := a.get(p); r.Status != http.StatusSeeOther || r.Location != "/onboarding" {
			t.Fatalf("leaver GET %s: %d %s", p, r.Status, r.Location)
		}
	}
	a.createSpace("Noa again")
	a.get("/journal/"+shared).status(t, http.StatusNotFound, "leaver in a new space")
	a.post("/gratitude/"+noteID+"/receive", nil).status(t, http.StatusNotFound, "leaver receives")
	a.open("/journal").hasnt(t, "Noa shared", "Ezra shared")

	// A new partner joins Ezra: the old couple's shared entries and notes are not theirs.
	e.clock.Advance(time.Hour)
	c := e.signup("Cy")
	c.join(b.invite()).status(t, http.StatusSeeOther, "Cy joins")
	for _, id := range []string{shared, unanswered, bShared} {
		c.get("/journal/"+id).status(t, http.StatusNotFound, "new partner on an old shared entry")
	}
	c.open("/journal").hasnt(t, "Noa", "Ezra shared")
	c.open("/journal?q=shared").has(t, "0 entries match")
	c.open("/gratitude").hasnt(t, "Thanks from", "Noa")
	// Ezra is told, and can share his entry with Cy.
	b.open("/journal/"+bShared).has(t, "Shared before Cy joined", "Share with Cy")
	b.entryAction(bShared, "share").has(t, "Shared with Cy")
	c.open("/journal/"+bShared).has(t, "Ezra shared", "Reply to Ezra")
	b.open("/journal/"+shared).has(t, "Noa shared", "Ezra&#39;s answer")
}

// journalUnsafeCases are the CSRF cases of the journal and gratitude routes.
func journalUnsafeCases() map[string]unsafeCase {
	// couple gives A and B, with an entry by A (shared when asked).
	couple := func(e *env, shared bool) (*user, *user, string) {
		a, b := e.couple("Csa", "Csb")
		id := a.writeEntry("An entry", "Words.")
		if shared {
			a.entryAction(id, "share")
		}
		return a, b, id
	}
	byAuthor := func(action string, shared bool, kv ...string) unsafeCase {
		return func(t *testing.T, e *env) (*client, string, url.Values) {
			a, _, id := couple(e, shared)
			a.open("/journal/" + id)
			return a.client, "/journal/" + id + "/" + action, form(kv...)
		}
	}
	recipient := func(action string, kv ...string) unsafeCase {
		return func(t *testing.T, e *env) (*client, string, url.Values) {
			a, b := e.couple("Csa", "Csb")
			a.sendNote("Thanks.")
			id := b.newNoteID()
			return b.client, "/gratitude/" + id + "/" + action, form(kv...)
		}
	}
	return map[string]unsafeCase{
		"POST /journal": func(t *testing.T, e *env) (*client, string, url.Values) {
			u := e.signup("Writer")
			u.createSpace("W")
			u.open("/journal/new")
			return u.client, "/journal", form("title", "T", "body", "B")
		},
		"POST /journal/:id/edit":    byAuthor("edit", false, "title", "T2", "body", "B2"),
		"POST /journal/:id/share":   byAuthor("share", false),
		"POST /journal/:id/unshare": byAuthor("unshare", true),
		"POST /journal/:id/delete":  byAuthor("delete", false, "confirm", "yes"),
		"POST /journal/:id/reply": func(t *testing.T, e *env) (*client, string, url.Values) {
			_, b, id := couple(e, true)
			b.open("/journal/" + id)
			return b.client, "/journal/" + id + "/reply", form("reply", "R")
		},
		"POST /gratitude": func(t *testing.T, e *env) (*client, string, url.Values) {
			a, _ := e.couple("Csa", "Csb")
			a.open("/gratitude")
			return a.client, "/gratitude", form("body", "Thanks.")
		},
		"POST /gratitude/:id/receive": recipient("receive", "heart", "1"),
		"POST /gratitude/:id/reply":   recipient("reply", "reply", "R"),
	}
}
