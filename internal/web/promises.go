package web

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"mend/internal/progress"
	"mend/internal/store"
	"mend/views"
)

// promises lists today's due days of both partners, their rates, and every
// promise of the space, from a handful of queries whatever the data size.
func (s *Server) promises(c echo.Context) error {
	ctx := c.Request().Context()
	sc := scope(c)
	// Repeat views come from the page cache (see pageCache): the rates here
	// are computed from every record since each promise began.
	key := s.pages.key(actorOf(c).sess.ID, actorOf(c).member, "promises", s.today(c).String())
	if body, ok := s.pages.get(key); ok {
		return s.page(c, "Promises", cachedBody(body))
	}
	ppl, err := s.people(c)
	if err != nil {
		return err
	}
	now := s.now()
	myToday := s.today(c)
	partnerID := ""
	if ppl.partner != nil {
		partnerID = ppl.partner.UserID
	}
	authors := []string{sc.UserID}
	if partnerID != "" {
		authors = append(authors, partnerID)
	}
	pl, err := s.store.ListPromises(ctx, sc, now, myToday.AddDays(-(store.PromiseWindow - 1)), authors)
	if err != nil {
		return err
	}
	v := views.PromisesView{TodayLabel: dayLabel(myToday, myToday), Partner: ppl.PartnerName(), EndedHidden: pl.Hidden}
	for i, t := range pl.Promises {
		today := t.Today(now)
		rates := pl.Rates[i]
		item := promiseItem(t, ppl, today, rates)
		if t.AuthorID == sc.UserID && !t.Ended() {
			item.Unrecorded = unrecorded(t.Occurrences(today), today)
		}
		switch {
		case t.Ended():
			v.Ended = append(v.Ended, item)
		case finishedOnce(t, today, rates, &item):
			v.Ended = append(v.Ended, item)
		case t.OpenPause() != nil:
			v.Paused = append(v.Paused, item)
		default:
			v.Active = append(v.Active, item)
		}
		if t.AuthorID == partnerID && v.PartnerTodayLabel == "" {
			v.PartnerTodayLabel = dayLabel(today, today)
		}
		if t.Ended() || !t.Plan.IsDue(today) {
			continue
		}
		d := views.DueView{PromiseID: t.ID, Title: currentTerms(t, today).Title, Date: today.String(), Label: dayLabel(today, today)}
		if r, ok := recordOn(t.Records, today); ok && r.Outcome != progress.NotRecorded {
			d.Outcome = r.Outcome.String()
		}
		switch t.AuthorID {
		case sc.UserID:
			v.MyDue = append(v.MyDue, d)
		case partnerID:
			v.PartnerDue = append(v.PartnerDue, d)
		}
	}
	for _, id := range authors {
		if r, ok := pl.People[id]; ok {
			v.People = append(v.People, views.PersonRates{Name: ppl.Name(id), Rates: ratesView(r, "since the start")})
		}
	}
	return s.page(c, "Promises", s.pages.keep(key, views.PromisesPage(v)))
}

// endedPromises lists every promise of the space that is finished or
// closed, however long ago: the list of promises shows the latest alone.
func (s *Server) endedPromises(c echo.Context) error {
	ctx := c.Request().Context()
	sc := scope(c)
	ppl, err := s.people(c)
	if err != nil {
		return err
	}
	now := s.now()
	list, err := s.store.PromisesSince(ctx, sc, s.today(c).AddDays(-(store.PromiseWindow - 1)))
	if err != nil {
		return err
	}
	rates, err := s.store.RatesOf(ctx, sc, list, now)
	if err != nil {
		return err
	}
	var items []views.PromiseItem
	for i, t := range list {
		today := t.Today(now)
		item := promiseItem(t, ppl, today, rates[i])
		if t.Ended() || finishedOnce(t, today, rates[i], &item) {
			items = append(items, item)
		}
	}
	return s.page(c, "Finished and closed promises", views.EndedPromisesPage(items))
}

// promiseItem is t as a list shows it.
func promiseItem(t *store.Tracked, ppl *people, today progress.Date, rates progress.Rates) views.PromiseItem {
	cur := currentTerms(t, today)
	return views.PromiseItem{
		ID: t.ID, Title: cur.Title, Author: authorName(ppl, t.AuthorID), Former: ppl.Former(t.AuthorID), Private: t.Private,
		Schedule: scheduleWords(cur.Schedule(), cur.From(), today), Status: status(t, ppl, today),
		Rates: promiseRatesView(t.Private, rates, "since "+shortDay(t.Start(), today)),
	}
}

// unrecorded counts the earlier days of the record window that are not recorded.
func unrecorded(occ []progress.Occurrence, today progress.Date) int {
	n := 0
	for _, o := range occ {
		if o.Date < today && o.Date > today.AddDays(-store.RecordWindow) && o.Outcome == progress.NotRecorded {
			n++
		}
	}
	return n
}

// newPromise shows the form to make a promise, filled in from a practice's
// "things to try" (?practice=slug&try=i) or a title (?title=...). Anything
// unknown is ignored.
func (s *Server) newPromise(c echo.Context) error {
	f := views.NewForm()
	f.Values["kind"] = string(progress.KindDaily)
	f.Values["start"] = s.today(c).String()
	if p, ok := s.lib.Practice(c.QueryParam("practice")); ok {
		f.Values["practice"] = p.Slug
		if i, err := strconv.Atoi(c.QueryParam("try")); err == nil && i >= 0 && i < len(p.Try) {
			f.Values["title"] = p.Try[i]
			// What a practice for the hurt partner, or about one's own
			// healing, asks is for oneself: a private intention by default.
			if p.Private {
				f.Values["private"] = "1"
			}
		}
	}
	if t := strings.TrimSpace(c.QueryParam("title")); t != "" && f.Values["title"] == "" {
		f.Values["title"] = t
	}
	v, err := s.promiseFormView(c, f)
	if err != nil {
		return err
	}
	return s.page(c, "Make a promise", views.PromiseNewPage(v))
}

func (s *Server) promiseFormView(c echo.Context, f *views.Form) (views.PromiseFormView, error) {
	n, err := s.store.OpenPromiseCount(c.Request().Context(), scope(c))
	opts := []views.Option{{Value: "", Label: "None"}}
	for _, p := range s.lib.Practices() {
		opts = append(opts, views.Option{Value: p.Slug, Label: p.Title})
	}
	if err != nil {
		return views.PromiseFormView{}, err
	}
	agreements, err := s.agreementOptions(c)
	return views.PromiseFormView{Form: f, Practices: opts, OpenCount: n, Agreements: agreements}, err
}

// termFields are the fields of a promise's words and schedule.
var termFields = []string{"title", textarea("details"), "kind", "due", "start", "end"}

func (s *Server) createPromise(c echo.Context) error {
	f := readForm(c, append(termFields, "practice", "can_keep", "private", "agreement_id")...)
	today := s.today(c)
	terms := readTerms(c, f, today, false)
	s.checkNewPromise(f)
	if err := s.checkPromiseAgreement(c, f); err != nil {
		return err
	}
	if !f.Valid() {
		v, err := s.promiseFormView(c, f)
		if err != nil {
			return err
		}
		return invalid("Make a promise", views.PromiseNewPage(v))
	}
	private := f.Get("private") == "1"
	p, err := s.store.CreatePromise(c.Request().Context(), scope(c), f.Get("practice"), private, terms)
	if err := formAgain(err, f, func() error {
		v, err := s.promiseFormView(c, f)
		if err != nil {
			return err
		}
		return invalid("Make a promise", views.PromiseNewPage(v))
	}); err != nil {
		return err
	}
	if err := s.linkPromiseAgreement(c, p.ID, f.Get("agreement_id")); err != nil {
		return err
	}
	msg := "Your promise is made."
	if private {
		msg = "Your private intention is made. Only you can see it."
	} else if ppl, err := s.people(c); err == nil && ppl.PartnerName() != "" {
		msg += " " + ppl.PartnerName() + " can see it now."
	}
	return s.redirect(c, "/promises/"+p.ID, msg)
}

// checkNewPromise checks what a new promise adds to its terms: the practice
// it puts into practice, and the author's word that they can keep it.
func (s *Server) checkNewPromise(f *views.Form) {
	if p := f.Get("practice"); p != "" {
		if _, ok := s.lib.Practice(p); !ok {
			f.Fail("practice", "Please choose a practice from the list, or none.")
		}
	}
	if f.Get("can_keep") != "1" {
		f.Fail("can_keep", "Please confirm that you can keep this promise. If you're not sure, make it smaller.")
	}
}

// readTerms validates the words and schedule of a promise form. A new
// promise starts today or later; renegotiated terms may keep an earlier start.
func readTerms(c echo.Context, f *views.Form, today progress.Date, renegotiating bool) store.Terms {
	f.Values["weekdays"] = strings.Join(c.Request().Form["weekdays"], ",")
	checkText(f, "title", "What you promise", true, 200)
	checkText(f, "details", "The details", false, 2000)
	s := progress.Schedule{Kind: progress.Kind(f.Get("kind")), Due: progress.NoDate, End: progress.NoDate}
	switch s.Kind {
	case progress.KindOnce, progress.KindDaily, progress.KindWeekdays:
	default:
		f.Fail("kind", "Please choose how often: once, every day, or on chosen days of the week.")
	}
	s.Start = formDate(f, "start", "start date", false)
	if s.Start == progress.NoDate {
		s.Start = today
	}
	if !renegotiating && s.Start < today {
		f.Fail("start", "The start date can't be in the past: a promise starts today or later.")
	}
	switch s.Kind {
	case progress.KindOnce:
		s.Due = formDate(f, "due", "due date", true)
		if s.Due != progress.NoDate && s.Due < s.Start {
			f.Fail("due", "The due date is before the start date.")
		}
	case progress.KindWeekdays:
		ws, err := progress.ParseWeekdays(f.Get("weekdays"))
		if err != nil || ws == 0 {
			f.Fail("weekdays", "Please choose at least one day of the week.")
		}
		s.Weekdays = ws
		fallthrough
	default:
		s.End = formDate(f, "end", "end date", false)
		if s.End != progress.NoDate && s.End < s.Start {
			f.Fail("end", "The end date is before the start date.")
		}
	}
	return store.Terms{Title: f.Get("title"), Details: f.Get("details"), Schedule: s}
}

// formDate reads field name as a date; NoDate when empty or wrong (with a message).
func formDate(f *views.Form, name, label string, required bool) progress.Date {
	v := f.Get(name)
	if v == "" {
		if required {
			f.Fail(name, "Please give the "+label+".")
		}
		return progress.NoDate
	}
	d, err := progress.ParseDate(v)
	if err != nil {
		f.Fail(name, "Please write the "+label+" as YYYY-MM-DD, for example 2026-03-10.")
		return progress.NoDate
	}
	return d
}

// promise shows one promise with its ledger (the last 12 weeks, or ?weeks=N).
func (s *Server) promise(c echo.Context) error {
	weeks, _ := strconv.Atoi(c.QueryParam("weeks"))
	v, err := s.promiseView(c, c.Param("id"), weeks)
	if err != nil {
		return err
	}
	return s.page(c, v.Title, views.PromisePage(v))
}

// promiseAgain shows the promise's page again with a form that needs correcting (422).
func (s *Server) promiseAgain(c echo.Context, id, key string, f *views.Form) error {
	v, err := s.promiseView(c, id, 0)
	if err != nil {
		return err
	}
	v.FormKey, v.Form = key, f
	if date, ok := strings.CutPrefix(key, "record:"); ok && f.Message != "" && !slices.ContainsFunc(v.Record, func(d views.DueView) bool { return d.Date == date }) {
		// The day has no form to show the message on (it is recorded, say).
		return store.Invalid(f.Message)
	}
	return invalid(v.Title, views.PromisePage(v))
}

// editPromise shows the form to renegotiate a promise, filled with its latest terms.
func (s *Server) editPromise(c echo.Context) error {
	t, earliest, err := s.renegotiable(c)
	if err != nil {
		return err
	}
	today := t.Today(s.now())
	latest := t.VersionOn(progress.DateOf(9999, 12, 31))
	sch := latest.Schedule()
	f := views.NewForm()
	f.Values["title"], f.Values["details"], f.Values["kind"] = latest.Title, latest.Details, latest.Kind
	f.Values["start"], f.Values["end"], f.Values["weekdays"] = sch.Start.String(), sch.End.String(), sch.Weekdays.String()
	if sch.Kind == progress.KindOnce {
		f.Values["due"] = sch.Due.String()
	}
	f.Values["from"] = earliest.String()
	return s.page(c, "Renegotiate", views.PromiseEditPage(editView(t, today, earliest, f)))
}

func editView(t *store.Tracked, today, earliest progress.Date, f *views.Form) views.PromiseFormView {
	cur := currentTerms(t, today)
	hint := "Today (" + dayLabel(today, today) + ") or later."
	if earliest > today {
		hint = "Today is already recorded under the current terms, so " + dayLabel(earliest, today) + " or later."
	}
	return views.PromiseFormView{ID: t.ID, Title: cur.Title, Current: scheduleWords(cur.Schedule(), cur.From(), today),
		Form: f, FromHint: hint}
}

// renegotiable loads the promise of the URL for its author to change, and
// the first date new terms can apply from: today, or the day after the last recorded one.
func (s *Server) renegotiable(c echo.Context) (*store.Tracked, progress.Date, error) {
	id := c.Param("id")
	t, _, err := s.store.PromiseDetail(c.Request().Context(), scope(c), id)
	if err != nil {
		return nil, 0, err
	}
	switch {
	case t.AuthorID != scope(c).UserID:
		return nil, 0, store.NotAuthor("renegotiate")
	case t.Ended():
		return nil, 0, store.ErrPromiseClosed
	}
	earliest := t.Today(s.now())
	if n := len(t.Records); n > 0 && t.Records[n-1].Date >= earliest {
		earliest = t.Records[n-1].Date.AddDays(1)
	}
	return t, earliest, nil
}

func (s *Server) renegotiate(c echo.Context) error {
	t, earliest, err := s.renegotiable(c)
	if err != nil {
		return err
	}
	today := t.Today(s.now())
	f := readForm(c, append(termFields, "from", textarea("note"))...)
	terms := readTerms(c, f, today, true)
	from := checkRenegotiation(f, terms, today, earliest)
	if !f.Valid() {
		return invalid("Renegotiate", views.PromiseEditPage(editView(t, today, earliest, f)))
	}
	err = s.store.Renegotiate(c.Request().Context(), scope(c), t.ID, from, terms, f.Get("note"))
	if err := formAgain(err, f, func() error {
		return invalid("Renegotiate", views.PromiseEditPage(editView(t, today, earliest, f)))
	}); err != nil {
		return err
	}
	return s.redirect(c, "/promises/"+t.ID, "The new terms are agreed. They apply from "+dayLabel(from, today)+"; earlier days keep the terms they had.")
}

// checkRenegotiation checks when new terms apply (today or later, after
// the last recorded day: earliest) against the terms, and the note saying
// why. It returns the date they apply from.
func checkRenegotiation(f *views.Form, terms store.Terms, today, earliest progress.Date) progress.Date {
	from := formDate(f, "from", "date the new terms apply from", true)
	if from != progress.NoDate {
		sch := terms.Schedule
		switch {
		case from < today:
			f.Fail("from", "New terms can't apply from a day in the past: past days are judged by what was agreed then.")
		case from < earliest:
			f.Fail("from", dayLabel(earliest.AddDays(-1), today)+" is already recorded under the current terms, so new terms can apply from "+dayLabel(earliest, today)+" at the earliest.")
		case sch.Kind == progress.KindOnce && sch.Due != progress.NoDate && sch.Due < from:
			f.Fail("due", "The due date comes before the new terms apply.")
		case sch.End != progress.NoDate && sch.End < from:
			f.Fail("end", "The end date comes before the new terms apply. To stop the promise, close it instead.")
		}
	}
	if f.Get("note") == "" {
		f.Fail("note", "Please say why the promise changes: your partner reads it with the new terms.")
	}
	checkText(f, "note", "Why it changes", true, 2000)
	return from
}

// sharePromise shares a private intention with the partner, for good.
func (s *Server) sharePromise(c echo.Context) error {
	id := c.Param("id")
	if err := s.store.SharePromise(c.Request().Context(), scope(c), id); err != nil {
		return err
	}
	return s.redirect(c, "/promises/"+id, "Shared: it is now a promise your partner sees, with its record so far.")
}

func (s *Server) pausePromise(c echo.Context) error {
	id := c.Param("id")
	f := readForm(c, "pause_note")
	checkPause(f)
	if !f.Valid() {
		return s.promiseAgain(c, id, "pause", f)
	}
	if err := s.store.PausePromise(c.Request().Context(), scope(c), id, f.Get("pause_note")); err != nil {
		return err
	}
	return s.redirect(c, "/promises/"+id, "The promise is paused: no day is due until you resume it.")
}

// checkPause checks the optional note of a pause.
func checkPause(f *views.Form) { checkText(f, "pause_note", "The note", false, 2000) }

func (s *Server) resumePromise(c echo.Context) error {
	id := c.Param("id")
	if err := s.store.ResumePromise(c.Request().Context(), scope(c), id); err != nil {
		return err
	}
	return s.redirect(c, "/promises/"+id, "The promise is resumed: it is due again from today.")
}

func (s *Server) closePromise(c echo.Context) error {
	id := c.Param("id")
	f := readForm(c, "close_kind", textarea("close_note"))
	checkClose(f)
	if !f.Valid() {
		return s.promiseAgain(c, id, "close", f)
	}
	err := s.store.ClosePromise(c.Request().Context(), scope(c), id, f.Get("close_kind"), f.Get("close_note"))
	if err := formAgain(err, f, func() error { return s.promiseAgain(c, id, "close", f) }); err != nil {
		return err
	}
	return s.redirect(c, "/promises/"+id, "The promise is closed. Nothing is due any more; its ledger stays.")
}

// checkClose checks the closing of a promise: done or given up, with a note.
func checkClose(f *views.Form) {
	if k := f.Get("close_kind"); k != store.CloseDone && k != store.CloseGivenUp {
		f.Fail("close_kind", "Please choose whether it's done or you're giving it up.")
	}
	if f.Get("close_note") == "" {
		f.Fail("close_note", "Please add a note for your partner about closing it.")
	}
	checkText(f, "close_note", "The note", true, 2000)
}

// weeksShown is how many weeks of ledger a page shows: 12, or more in steps of 12.
func weeksShown(n int) int {
	switch {
	case n <= 12:
		return 12
	case n > 520:
		return 520
	}
	return (n + 11) / 12 * 12
}

// earlierLink is the link to a ledger longer by 12 weeks.
func earlierLink(id string, weeks int) string {
	return fmt.Sprintf("/promises/%s?weeks=%d#ledger-h", id, weeks+12)
}

// finishedOnce says whether t is a one-off promise whose day is behind it:
// recorded, or past the days that can still be recorded. It is finished,
// not active, and item says with what outcome.
func finishedOnce(t *store.Tracked, today progress.Date, rates progress.Rates, item *views.PromiseItem) bool {
	terms := currentTerms(t, today)
	if terms == nil || terms.Kind != string(progress.KindOnce) || terms.Due == nil {
		return false
	}
	due, err := progress.ParseDate(*terms.Due)
	if err != nil {
		return false
	}
	r, recorded := recordOn(t.Records, due)
	if t.RecordsFrom != progress.NoDate && due < t.RecordsFrom {
		// Its one day is older than the records loaded: its tally says.
		all := rates.SinceStart
		switch {
		case all.Missed > 0:
			r, recorded = progress.Record{Date: due, Outcome: progress.Missed}, true
		case all.Confirmed+all.Unconfirmed+all.Disputed > 0:
			r, recorded = progress.Record{Date: due, Outcome: progress.Kept}, true
		}
	}
	recorded = recorded && r.Outcome != progress.NotRecorded
	if !recorded && due > today.AddDays(-store.RecordWindow) {
		return false
	}
	outcome := "not recorded"
	if recorded {
		outcome = r.Outcome.String()
	}
	item.Status = "Finished: " + dayLabel(due, today) + ", " + outcome + "."
	return true
}
