package web_test

import (
	"net/http"
	"testing"
	"time"
)

// TestRejoinedPartnerIsCurrent: a partner who leaves and comes back to the
// same space by a new invitation is the partner again, named as such, and
// what they write now can be answered. Their earlier membership row does not
// make them a "former partner".
func TestRejoinedPartnerIsCurrent(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Rowan", "Sage")
	e.clock.Advance(time.Hour)
	b.leave()
	e.clock.Advance(time.Hour)
	a.open("/space")
	b.join(a.invite()).status(t, http.StatusSeeOther, "Sage rejoins")
	e.clock.Advance(time.Minute)

	entry := b.writeEntry("Sage is back", "I came back to try again.")
	b.entryAction(entry, "share").status(t, http.StatusSeeOther, "share")
	a.open("/journal/"+entry).has(t, "Sage is back", "Reply to Sage").hasnt(t, "former partner", "has left the space")
	a.entryAction(entry, "reply", "reply", "Glad you are here.").status(t, http.StatusSeeOther, "reply to the rejoined partner")

	b.sendNote("Thank you for letting me back in.").status(t, http.StatusSeeOther, "note")
	id := a.newNoteID()
	a.open("/gratitude").has(t, "From Sage").hasnt(t, "former partner")
	a.post("/gratitude/"+id+"/reply", form("reply", "Welcome back.")).status(t, http.StatusSeeOther, "reply to the note")
	b.open("/gratitude").has(t, "Welcome back.", "To Rowan")
	a.open("/space").has(t, "Sage")
}
