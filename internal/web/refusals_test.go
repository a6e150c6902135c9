package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestRefusalInvalidShowsForm: input the store refuses as invalid is
// answered 422 with the form shown again, filled in, and the store's
// message on it.
func TestRefusalInvalidShowsForm(t *testing.T) {
	e := newEnv(t)
	a, _ := e.couple("Ana", "Ben")
	id := a.makePromise("Walk after dinner")
	a.record(id, "2026-03-10", "kept")
	entry := entries(t, a.open("/promises/"+id))[0]

	// Thanking oneself for one's own kept day: the note form comes back.
	r := a.post("/gratitude", form("body", "A note to myself", "ledger", entry))
	r.status(t, http.StatusUnprocessableEntity, "thanking oneself").
		has(t, `class="form-error"`, "A note can thank your partner for a promise they kept", "A note to myself", `action="/gratitude"`)

	// A recordable day posted with an outcome the form never offers.
	e.clock.Advance(24 * time.Hour)
	a.login(a.Email, a.Password)
	r = a.post("/promises/"+id+"/record", form("date", "2026-03-11", "outcome", "perhaps", "note", "kept words"))
	r.status(t, http.StatusUnprocessableEntity, "unknown outcome").
		has(t, `class="form-error"`, "Please say whether you kept the promise or missed it", `value="kept words"`, `action="/promises/`+id+`/record"`)

	// Without a form to show it on (an unreadable day), an error page, still 422.
	a.post("/promises/"+id+"/record", form("date", "someday", "outcome", "kept")).
		status(t, http.StatusUnprocessableEntity, "unreadable day").has(t, "could not be read")
}

// TestRefusalConflict: what the state of things forbids now is 409, with
// the store's message.
func TestRefusalConflict(t *testing.T) {
	e := newEnv(t)
	a, _ := e.couple("Ana", "Ben")
	id := a.makePromise("Walk after dinner")
	a.post("/promises/"+id+"/pause", nil).status(t, http.StatusSeeOther, "pause")
	a.post("/promises/"+id+"/pause", nil).status(t, http.StatusConflict, "second pause").has(t, "This promise is already paused.")
}

// TestRefusalGone: what no longer takes a change is 410: a closed promise,
// a used invitation.
func TestRefusalGone(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	id := a.makePromise("Walk after dinner")
	a.post("/promises/"+id+"/close", form("close_kind", "done", "close_note", "We walk every day now.")).status(t, http.StatusSeeOther, "close")
	a.post("/promises/"+id+"/record", form("date", "2026-03-10", "outcome", "kept")).
		status(t, http.StatusGone, "record on a closed promise").has(t, "This promise is closed")
	if r := a.get("/promises/" + id + "/edit"); r.Status != http.StatusGone || !strings.Contains(r.Body, "This promise is closed") {
		t.Fatalf("renegotiating a closed promise: %d", r.Status)
	}
	// The partner is told they are not the author first: that is no secret.
	b.post("/promises/"+id+"/record", form("date", "2026-03-10", "outcome", "kept")).
		status(t, http.StatusConflict, "partner records").has(t, "Only the one who made a promise can record it")

	c := e.signup("Cy")
	c.createSpace("Cy's")
	link := c.invite()
	d := e.signup("Di")
	if r := d.join(link); r.First != http.StatusSeeOther {
		t.Fatalf("join: %d", r.First)
	}
	f := e.signup("Fi")
	f.post(link, nil).status(t, http.StatusGone, "used invitation").has(t, "already been used")
}
