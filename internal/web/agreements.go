package web

import (
	"regexp"
	"time"

	"github.com/labstack/echo/v4"

	"mend/internal/progress"
	"mend/internal/store"
	"mend/views"
)

// agreementMax is the longest agreement or note.
const agreementMax = 2000

// surveillanceRe finds the words of an agreement that asks for passwords,
// phones or tracking: the page then says why such agreements tend to harm.
var surveillanceRe = regexp.MustCompile(`(?i)password|passcode|pass code|location|phone|track|gps|spy|monitor`)

// agreementStatus names the states of an agreement.
var agreementStatus = map[string]string{
	store.AgreementOffered:     "offered",
	store.AgreementChangeAsked: "change asked",
	store.AgreementAccepted:    "in force",
	store.AgreementDeclined:    "declined",
	store.AgreementEnded:       "ended",
}

// agreementDid says the steps of an agreement's history.
var agreementDid = map[string]string{
	"offered": "offered it", "revised": "changed it", "change-asked": "asked to change it", "accepted": "accepted it",
	"declined": "declined it", "renewed": "renewed it", "ended": "ended it",
}

// dateLabel is a YYYY-MM-DD date as the pages say it.
func dateLabel(s string) string {
	d, err := progress.ParseDate(s)
	if err != nil {
		return s
	}
	return views.Day(d.Time(time.UTC))
}

func (s *Server) agreements(c echo.Context) error {
	list, err := s.store.Agreements(c.Request().Context(), scope(c))
	if err != nil {
		return err
	}
	p, err := s.people(c)
	if err != nil {
		return err
	}
	v := views.AgreementsView{Partner: p.PartnerName()}
	for _, a := range list {
		it := views.AgreementItemView{ID: a.ID, Body: journalExcerpt(a.Body), Who: p.Name(a.AuthorID), Status: agreementStatus[a.State]}
		switch a.State {
		case store.AgreementAccepted:
			it.Review = dateLabel(a.ReviewOn)
			v.InForce = append(v.InForce, it)
		case store.AgreementOffered, store.AgreementChangeAsked:
			v.Open = append(v.Open, it)
		default:
			v.History = append(v.History, it)
		}
	}
	return s.page(c, "Openness agreements", views.AgreementsPage(v))
}

// reviewBounds are the first and last review dates a form offers.
func (s *Server) reviewBounds(c echo.Context) (string, string) {
	today := s.today(c)
	return today.AddDays(1).String(), today.AddDays(store.AgreementMaxDays).String()
}

func (s *Server) newAgreement(c echo.Context) error {
	f := views.NewForm()
	lo, hi := s.reviewBounds(c)
	f.Values["review_on"] = s.today(c).AddDays(30).String()
	return s.page(c, "Offer an agreement", views.AgreementFormPage(views.AgreementFormView{Form: f, MinDate: lo, MaxDate: hi}))
}

// readAgreementForm reads and checks the wording and review date.
func (s *Server) readAgreementForm(c echo.Context) *views.Form {
	f := readForm(c, "body", "review_on")
	journalNewlines(f, "body")
	checkText(f, "body", "The agreement", true, agreementMax)
	s.checkReviewDate(c, f)
	return f
}

// checkReviewDate requires review_on to be after today and at most 90 days ahead.
func (s *Server) checkReviewDate(c echo.Context, f *views.Form) {
	today := s.today(c)
	d, err := progress.ParseDate(f.Get("review_on"))
	if err != nil || d <= today || d > today.AddDays(store.AgreementMaxDays) {
		f.Fail("review_on", "Please choose a review date after today and at most 90 days ahead.")
	}
}

func (s *Server) offerAgreement(c echo.Context) error {
	f := s.readAgreementForm(c)
	lo, hi := s.reviewBounds(c)
	again := func() error {
		return invalid("Offer an agreement", views.AgreementFormPage(views.AgreementFormView{Form: f, MinDate: lo, MaxDate: hi}))
	}
	if !f.Valid() {
		return again()
	}
	a, err := s.store.OfferAgreement(c.Request().Context(), scope(c), f.Get("body"), f.Get("review_on"), s.today(c))
	if err != nil {
		return formAgain(err, f, again)
	}
	return s.redirect(c, "/agreements/"+a.ID, "Offered. It is in force once your partner accepts it.")
}

// agreementView builds the page of agreement id as the acting user sees it.
func (s *Server) agreementView(c echo.Context, id string) (views.AgreementView, error) {
	u := actorOf(c).user
	a, err := s.store.Agreement(c.Request().Context(), scope(c), id)
	if err != nil {
		return views.AgreementView{}, err
	}
	p, err := s.people(c)
	if err != nil {
		return views.AgreementView{}, err
	}
	loc := u.Location()
	today := s.today(c)
	lo, hi := s.reviewBounds(c)
	mine := a.AuthorID == u.ID
	v := views.AgreementView{ID: a.ID, Body: a.Body, Who: p.Name(a.AuthorID), Mine: mine, Status: agreementStatus[a.State],
		Caution: surveillanceRe.MatchString(a.Body), Form: views.NewForm(), MinDate: lo, MaxDate: hi}
	live := a.State != store.AgreementEnded && a.State != store.AgreementDeclined
	if live {
		v.Review = dateLabel(a.ReviewOn)
	}
	switch a.State {
	case store.AgreementChangeAsked:
		v.Note, v.NoteLabel = a.Note, "What to change:"
	case store.AgreementDeclined:
		v.Note, v.NoteLabel = a.Note, "Why not:"
	case store.AgreementEnded:
		v.Note, v.NoteLabel = a.EndNote, "Ended with this note:"
	}
	present := p.PartnerName() != "" && !p.Former(a.AuthorID)
	due := a.State == store.AgreementAccepted && a.ReviewOn <= today.String()
	v.Due = due && present
	v.CanRenew = v.Due
	v.CanAnswer = present && !mine && a.State == store.AgreementOffered
	v.CanRevise = present && mine && (a.State == store.AgreementOffered || a.State == store.AgreementChangeAsked || due)
	v.CanEnd = live
	v.Form.Values["body"] = a.Body
	v.Form.Values["review_on"] = today.AddDays(30).String()
	refs, err := s.store.AgreementPromises(c.Request().Context(), scope(c), a.ID)
	if err != nil {
		return views.AgreementView{}, err
	}
	for _, r := range refs {
		v.Promises = append(v.Promises, views.PracticeLinkView{Kind: "Promise", Title: r.Title, Href: "/promises/" + r.ID, Author: p.Name(r.AuthorID)})
	}
	for _, e := range a.History {
		ev := views.AgreementEventView{Who: p.Name(e.AuthorID), Did: agreementDid[e.What], Date: views.DayTime(e.CreatedAt.In(loc)), Note: e.Note}
		if e.What == "revised" {
			ev.Body = e.Body
		}
		if e.ReviewOn != "" && (e.What == "renewed" || e.What == "offered" || e.What == "revised") {
			ev.Did += ", to review on " + dateLabel(e.ReviewOn)
		}
		v.History = append(v.History, ev)
	}
	return v, nil
}

func (s *Server) agreement(c echo.Context) error {
	v, err := s.agreementView(c, c.Param("id"))
	if err != nil {
		return err
	}
	return s.page(c, "Agreement", views.AgreementPage(v))
}

// agreementAgain shows agreement id again with the failed form f.
func (s *Server) agreementAgain(c echo.Context, id string, f *views.Form) error {
	v, err := s.agreementView(c, id)
	if err != nil {
		return err
	}
	for k, val := range f.Values {
		v.Form.Values[k] = val
	}
	v.Form.Errors, v.Form.Message = f.Errors, f.Message
	return invalid("Agreement", views.AgreementPage(v))
}

// agreementAction runs one change of agreement id and redirects to it.
func (s *Server) agreementAction(c echo.Context, flash string, f *views.Form, act func() error) error {
	id := c.Param("id")
	if f != nil && !f.Valid() {
		return s.agreementAgain(c, id, f)
	}
	if err := act(); err != nil {
		if f != nil {
			return formAgain(err, f, func() error { return s.agreementAgain(c, id, f) })
		}
		return err
	}
	return s.redirect(c, "/agreements/"+id, flash)
}

func (s *Server) acceptAgreement(c echo.Context) error {
	return s.agreementAction(c, "Accepted: the agreement is in force.", nil, func() error {
		return s.store.AcceptAgreement(c.Request().Context(), scope(c), c.Param("id"))
	})
}

func (s *Server) askAgreementChange(c echo.Context) error {
	f := readForm(c, "note")
	journalNewlines(f, "note")
	checkText(f, "note", "What you would change", true, agreementMax)
	return s.agreementAction(c, "Your partner is asked to change it.", f, func() error {
		return s.store.AskAgreementChange(c.Request().Context(), scope(c), c.Param("id"), f.Get("note"))
	})
}

func (s *Server) declineAgreement(c echo.Context) error {
	f := readForm(c, "note")
	checkText(f, "note", "The note", false, agreementMax)
	return s.agreementAction(c, "Declined.", f, func() error {
		return s.store.DeclineAgreement(c.Request().Context(), scope(c), c.Param("id"), f.Get("note"))
	})
}

func (s *Server) reviseAgreement(c echo.Context) error {
	f := s.readAgreementForm(c)
	return s.agreementAction(c, "Your change is offered. It is in force once your partner accepts it.", f, func() error {
		return s.store.ReviseAgreement(c.Request().Context(), scope(c), c.Param("id"), f.Get("body"), f.Get("review_on"), s.today(c))
	})
}

func (s *Server) renewAgreement(c echo.Context) error {
	f := readForm(c, "review_on")
	s.checkReviewDate(c, f)
	return s.agreementAction(c, "Renewed until its next review.", f, func() error {
		return s.store.RenewAgreement(c.Request().Context(), scope(c), c.Param("id"), f.Get("review_on"), s.today(c))
	})
}

func (s *Server) endAgreement(c echo.Context) error {
	f := readForm(c, "end_note")
	checkText(f, "end_note", "The note", false, agreementMax)
	return s.agreementAction(c, "Ended. It stays in the history.", f, func() error {
		return s.store.EndAgreement(c.Request().Context(), scope(c), c.Param("id"), f.Get("end_note"))
	})
}

// agreementOptions are the agreements in force a promise may point to, after "none".
func (s *Server) agreementOptions(c echo.Context) ([]views.Option, error) {
	list, err := s.store.AgreementsInForce(c.Request().Context(), scope(c))
	if err != nil || len(list) == 0 {
		return nil, err
	}
	opts := []views.Option{{Value: "", Label: "None"}}
	for _, a := range list {
		opts = append(opts, views.Option{Value: a.ID, Label: journalExcerpt(a.Body)})
	}
	return opts, nil
}

// checkPromiseAgreement requires agreement_id, when set, to be an agreement in force of the space.
func (s *Server) checkPromiseAgreement(c echo.Context, f *views.Form) error {
	id := f.Get("agreement_id")
	if id == "" {
		return nil
	}
	ok := store.ValidID(id)
	if ok {
		var err error
		if ok, err = s.store.AgreementInForce(c.Request().Context(), scope(c), id); err != nil {
			return err
		}
	}
	if !ok {
		f.Fail("agreement_id", "Please choose an agreement in force from the list, or none.")
	}
	return nil
}

// linkPromiseAgreement points the new promise id to agreement agreementID ("" for none).
func (s *Server) linkPromiseAgreement(c echo.Context, id, agreementID string) error {
	if agreementID == "" {
		return nil
	}
	return s.store.LinkPromiseAgreement(c.Request().Context(), scope(c), id, agreementID)
}
