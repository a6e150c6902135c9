package web

import (
	"strconv"

	"github.com/labstack/echo/v4"

	"mend/internal/store"
	"mend/views"
)

// seenRevision reads the revision of a record or review the form was made
// for; -1 when the form carries none.
func seenRevision(f *views.Form) int {
	n, err := strconv.Atoi(f.Get("rev"))
	if err != nil || n < 0 {
		return -1
	}
	return n
}

// changeRecord is the author changing, or correcting, what they recorded for a day.
func (s *Server) changeRecord(c echo.Context) error {
	id := c.Param("id")
	ctx, sc := c.Request().Context(), scope(c)
	e, err := s.store.LedgerEntryByID(ctx, sc, id)
	if err != nil {
		return err
	}
	f := readForm(c, "rev", "outcome", "note")
	seen := seenRevision(f)
	if seen < 0 {
		return store.Invalid("That form could not be read. Go back, reload the page and try again.")
	}
	checkRecordNote(f)
	if !f.Valid() {
		return s.promiseAgain(c, e.PromiseID, "change:"+id, f)
	}
	ch, err := s.store.ChangeRecord(ctx, sc, id, seen, f.Get("outcome"), f.Get("note"))
	if err := formAgain(err, f, func() error { return s.promiseAgain(c, e.PromiseID, "change:"+id, f) }); err != nil {
		return err
	}
	msg := "Changed: " + f.Get("outcome") + "."
	switch {
	case ch.Reset:
		msg = "Corrected to " + f.Get("outcome") + ". What you first recorded stays in the history, and your partner is asked to look at the day again."
	case ch.Corrected:
		msg = "Corrected to " + f.Get("outcome") + ". What you first recorded stays in the history."
	}
	return s.redirect(c, "/promises/"+ch.PromiseID+"#entry-"+id, msg)
}

// changeReview is the partner changing, or correcting, what they said of a day.
func (s *Server) changeReview(c echo.Context) error {
	id := c.Param("id")
	ctx, sc := c.Request().Context(), scope(c)
	e, err := s.store.LedgerEntryByID(ctx, sc, id)
	if err != nil {
		return err
	}
	f := readForm(c, "rev", "kind", textarea("review_note"))
	seen := seenRevision(f)
	if seen < 0 {
		return store.Invalid("That form could not be read. Go back, reload the page and try again.")
	}
	if f.Get("kind") == store.ReviewDispute && f.Get("review_note") == "" {
		f.Fail("review_note", "Please say what you saw differently: your partner reads it and can answer once.")
	}
	checkText(f, "review_note", "What you saw", false, 2000)
	if !f.Valid() {
		return s.promiseAgain(c, e.PromiseID, "rereview:"+id, f)
	}
	ch, err := s.store.ChangeReview(ctx, sc, id, seen, f.Get("kind"), f.Get("review_note"))
	if err := formAgain(err, f, func() error { return s.promiseAgain(c, e.PromiseID, "rereview:"+id, f) }); err != nil {
		return err
	}
	msg := "Changed: what you said of the day."
	if ch.Corrected {
		msg = "Corrected: what you said before stays in the history."
	}
	return s.redirect(c, "/promises/"+ch.PromiseID+"#entry-"+id, msg)
}
