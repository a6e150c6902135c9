package web

import (
	"github.com/labstack/echo/v4"

	"mend/internal/progress"
	"mend/internal/store"
	"mend/views"
)

// Limits of gratitude notes.
const (
	gratitudeNoteMax  = 2000
	gratitudeReplyMax = 500
	gratitudePerPage  = 20
)

// gratitudeView builds the gratitude page as the acting user sees it. A
// ledger parameter (from "Say thank you" on a kept day of the partner's
// promise) offers to thank them for that day; anything else is ignored.
func (s *Server) gratitudeView(c echo.Context, f *views.Form) (views.GratitudeView, error) {
	a := actorOf(c)
	ctx := c.Request().Context()
	page := journalPage(c)
	notes, err := s.store.Gratitude(ctx, scope(c), (page-1)*gratitudePerPage, gratitudePerPage)
	if err != nil {
		return views.GratitudeView{}, err
	}
	p, err := s.people(c)
	if err != nil {
		return views.GratitudeView{}, err
	}
	thanked, err := s.store.ThankedOccurrences(ctx, scope(c), notes.Received, notes.Sent)
	if err != nil {
		return views.GratitudeView{}, err
	}
	if f.Get("ledger") == "" {
		f.Values["ledger"] = c.QueryParam("ledger")
	}
	if id := f.Get("ledger"); id != "" {
		f.Values["ledger"] = ""
		if !store.ValidID(id) || p.partner == nil {
			id = ""
		}
		if e, err := s.store.LedgerEntryByID(ctx, scope(c), id); id != "" && err == nil &&
			e.AuthorID == p.partner.UserID && e.Outcome == store.OutcomeKept {
			f.Values["ledger"] = id
			f.Values["ledger_label"] = thanksLabel(e.Title, e.Date)
		}
	}
	loc := a.user.Location()
	v := views.GratitudeView{PartnerName: p.PartnerName(), Form: f, Practices: s.journalPracticeOptions(), Page: page, ReplyForm: views.NewForm(),
		NewCount: int(notes.New)}
	note := func(n store.GratitudeNote, other string) views.GratitudeNoteView {
		nv := views.GratitudeNoteView{ID: n.ID, Person: p.Name(other), Body: n.Body, Date: views.DayTime(n.CreatedAt.In(loc)),
			New: n.ReceivedAt == nil, Heart: n.Heart, Reply: n.Reply}
		if n.ReceivedAt != nil {
			nv.Received = views.Day(n.ReceivedAt.In(loc))
		}
		if n.RepliedAt != nil {
			nv.Replied = views.DayTime(n.RepliedAt.In(loc))
		}
		if pr, ok := s.lib.Practice(n.Practice); ok {
			nv.PracticeSlug, nv.PracticeTitle = pr.Slug, pr.Title
		}
		if n.LedgerEntryID != nil {
			if o, ok := thanked[*n.LedgerEntryID]; ok {
				nv.ThanksFor, nv.ThanksURL = thanksLabel(o.Title, o.Date), "/promises/"+o.PromiseID
			}
		}
		return nv
	}
	for _, n := range notes.Received {
		nv := note(n, n.FromID)
		nv.CanReply = n.Reply == "" && !p.Former(n.FromID)
		v.Received = append(v.Received, nv)
	}
	for _, n := range notes.Sent {
		nv := note(n, n.ToID)
		nv.New = false
		v.Sent = append(v.Sent, nv)
	}
	if page > 1 {
		v.PrevURL = "/gratitude"
		if page > 2 {
			v.PrevURL = "/gratitude?page=" + itoa(page-1)
		}
	}
	if notes.More {
		v.NextURL = "/gratitude?page=" + itoa(page+1)
	}
	return v, nil
}

func (s *Server) gratitude(c echo.Context) error {
	v, err := s.gratitudeView(c, views.NewForm())
	if err != nil {
		return err
	}
	return s.page(c, "Gratitude notes", views.GratitudePage(v))
}

func (s *Server) sendGratitude(c echo.Context) error {
	f := readForm(c, textarea("body"), "practice", "ledger")
	journalNewlines(f, "body")
	s.checkGratitude(f)
	if !f.Valid() {
		v, err := s.gratitudeView(c, f)
		if err != nil {
			return err
		}
		if v.PartnerName == "" {
			return store.ErrNoPartnerToThank
		}
		return invalid("Gratitude notes", views.GratitudePage(v))
	}
	n, err := s.store.SendGratitude(c.Request().Context(), scope(c), f.Get("body"), f.Get("practice"), f.Get("ledger"))
	if err := formAgain(err, f, func() error {
		v, err := s.gratitudeView(c, f)
		if err != nil {
			return err
		}
		return invalid("Gratitude notes", views.GratitudePage(v))
	}); err != nil {
		return err
	}
	s.log.Info("gratitude note sent", "note", n.ID)
	return s.redirect(c, "/gratitude", "Your note is sent. Thank you for noticing.")
}

// checkGratitude checks a new note: its text and practice.
func (s *Server) checkGratitude(f *views.Form) {
	checkText(f, "body", "Your note", true, gratitudeNoteMax)
	if slug := f.Get("practice"); slug != "" {
		if _, ok := s.lib.Practice(slug); !ok {
			f.Fail("practice", "Please choose a practice from the list.")
		}
	}
}

func (s *Server) receiveGratitude(c echo.Context) error {
	id := c.Param("id")
	heart := c.FormValue("heart") == "1"
	if err := s.store.ReceiveGratitude(c.Request().Context(), scope(c), id, heart); err != nil {
		return err
	}
	msg := "Marked as received."
	if heart {
		msg = "Marked as received, with a heart."
	}
	return s.redirect(c, gratitudeBack(c, id), msg)
}

func (s *Server) replyToGratitude(c echo.Context) error {
	id := c.Param("id")
	f := readForm(c, textarea("reply"), "heart")
	heart := checkGratitudeReply(f)
	if !f.Valid() {
		v, err := s.gratitudeView(c, views.NewForm())
		if err != nil {
			return err
		}
		found := false
		for _, n := range v.Received {
			found = found || n.ID == id && n.CanReply
		}
		if !found {
			// Not the acting user's to answer, answered already, or from
			// someone who left.
			n, err := s.store.GratitudeNoteTo(c.Request().Context(), scope(c), id)
			if err != nil {
				return err
			}
			if n.Reply != "" {
				return store.ErrGratitudeReplied
			}
			return store.ErrGratitudeFormer
		}
		v.ReplyID, v.ReplyForm = id, f
		return invalid("Gratitude notes", views.GratitudePage(v))
	}
	if err := s.store.ReplyToGratitude(c.Request().Context(), scope(c), id, f.Get("reply"), heart); err != nil {
		return err
	}
	msg := "Your reply is sent."
	if f.Get("reply") == "" {
		msg = "You gave the note a heart."
	}
	return s.redirect(c, gratitudeBack(c, id), msg)
}

// checkGratitudeReply checks the answer to a note: a short reply, a heart,
// or both. It reports whether the heart was chosen.
func checkGratitudeReply(f *views.Form) (heart bool) {
	journalNewlines(f, "reply")
	checkText(f, "reply", "Your reply", false, gratitudeReplyMax)
	heart = f.Get("heart") == "1"
	if f.Valid() && f.Get("reply") == "" && !heart {
		f.Fail("reply", "Write a short reply, or choose the heart.")
	}
	return heart
}

// gratitudeBack is the gratitude page a note's form came from, at the note.
func gratitudeBack(c echo.Context, id string) string {
	if page := journalPage(c); page > 1 {
		return "/gratitude?page=" + itoa(page) + "#note-" + id
	}
	return "/gratitude#note-" + id
}

// thanksLabel names a kept day of a promise: "keeping “Walk after dinner” on Tue 10 March 2026".
func thanksLabel(title, date string) string {
	d, err := progress.ParseDate(date)
	if err != nil {
		return "keeping “" + title + "”"
	}
	return "keeping “" + title + "” on " + store.DayWords(d)
}
