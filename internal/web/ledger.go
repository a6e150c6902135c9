package web

import (
	"slices"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"mend/internal/progress"
	"mend/internal/store"
	"mend/views"
)

// promiseView builds a promise's page for the viewer: weeks of ledger (12 at least).
func (s *Server) promiseView(c echo.Context, id string, weeks int) (views.PromiseView, error) {
	if !store.ValidID(id) {
		return views.PromiseView{}, store.ErrNotFound
	}
	sc := scope(c)
	t, items, err := s.store.PromiseDetail(c.Request().Context(), sc, id)
	if err != nil {
		return views.PromiseView{}, err
	}
	ppl, err := s.people(c)
	if err != nil {
		return views.PromiseView{}, err
	}
	loc := actorOf(c).user.Location()
	today := t.Today(s.now())
	cur := currentTerms(t, today)
	mine := t.AuthorID == sc.UserID
	v := views.PromiseView{
		ID: t.ID, Title: cur.Title, Details: cur.Details, Author: authorName(ppl, t.AuthorID), Mine: mine, Private: t.Private,
		Former: ppl.Former(t.AuthorID), Schedule: scheduleWords(cur.Schedule(), cur.From(), today),
		Status: status(t, ppl, today), Changeable: mine && !t.Ended(), Paused: t.OpenPause() != nil,
		Rates: promiseRatesView(t.Private, progress.Summarize(t.Plan, t.Records, today), "since "+shortDay(t.Start(), today)),
	}
	if v.Status == "" {
		v.Status = "Open"
	}
	if t.Private && mine {
		v.ShareWith = ppl.PartnerName()
		if ppl.partner == nil {
			v.ShareWith = ""
		}
	}
	if t.Closed() {
		v.CloseNote = t.CloseNote
	}
	if p, ok := s.lib.Practice(t.Practice); ok {
		v.PracticeSlug, v.PracticeTitle = p.Slug, p.Title
	}

	// The ledger: every due day of the window, latest first, with what was
	// recorded and said; a recorded day is shown even if no longer due.
	start := t.Start()
	weeks = weeksShown(weeks)
	from := today.AddDays(-7*weeks + 1)
	if start != progress.NoDate && start < from {
		v.Earlier = earlierLink(t.ID, weeks)
	} else if start != progress.NoDate {
		from = start
	}
	byDate := make(map[progress.Date]*store.LedgerItem, len(items))
	var dates []progress.Date
	for i := range items {
		d := parseStored(items[i].Date)
		byDate[d] = &items[i]
		if d >= from && d <= today {
			dates = append(dates, d)
		}
	}
	for _, d := range t.Plan.Occurrences(from, today) {
		if byDate[d] == nil {
			dates = append(dates, d)
		}
	}
	slices.Sort(dates)
	slices.Reverse(dates)
	partnerView := !mine && !t.AuthorGone()
	for _, d := range dates {
		row := views.LedgerRow{Date: d.String(), Label: dayLabel(d, today), Outcome: progress.NotRecorded.String()}
		it := byDate[d]
		if it == nil {
			if d == today {
				row.Outcome = "not recorded yet"
			}
			if v.Changeable && d > today.AddDays(-store.RecordWindow) {
				v.Record = append(v.Record, views.DueView{PromiseID: t.ID, Title: cur.Title, Date: d.String(), Label: dayLabel(d, today)})
			}
			v.Ledger = append(v.Ledger, row)
			continue
		}
		row.EntryID, row.Outcome, row.Note = it.ID, it.Outcome, it.Note
		row.RecordedAt = views.DayTime(it.CreatedAt.In(loc))
		row.Rev = strconv.Itoa(it.Revision)
		row.History, row.CorrectedAt = ledgerHistory(it, ppl, loc)
		if mine && !t.Closed() && d > today.AddDays(-store.RecordWindow) {
			row.CanChange = true
			if it.Review == nil && len(it.Corrections) == 0 {
				if until := it.CreatedAt.Add(store.ChangeWindow); s.now().Before(until) {
					row.PlainUntil = until.In(loc).Format("15:04")
				}
			}
		}
		if r := it.Review; r != nil {
			row.ReviewRev = strconv.Itoa(r.Revision)
			if r.ReviewerID == sc.UserID && partnerView {
				row.CanChangeReview = true
				if until := r.CreatedAt.Add(store.ChangeWindow); r.RepliedAt == nil && s.now().Before(until) &&
					!slices.ContainsFunc(it.Corrections, func(c store.LedgerCorrection) bool { return c.SourceID == r.ID }) {
					row.ReviewPlainUntil = until.In(loc).Format("15:04")
				}
			}
			row.Review, row.Reviewer, row.ReviewNote = r.Kind, ppl.Name(r.ReviewerID), r.Note
			row.ReviewedAt = views.DayTime(r.CreatedAt.In(loc))
			if r.RepliedAt != nil {
				row.Reply, row.RepliedAt = r.Reply, views.DayTime(r.RepliedAt.In(loc))
			}
			row.CanReply = mine && r.Kind == store.ReviewDispute && r.RepliedAt == nil
		}
		row.CanReview = partnerView && it.Review == nil
		if partnerView && it.Outcome == store.OutcomeKept && (it.Review == nil || it.Review.Kind == store.ReviewConfirm) {
			row.Thanks = "/gratitude?ledger=" + it.ID
		}
		v.Ledger = append(v.Ledger, row)
	}
	v.LedgerFrom = dayLabel(from, today)

	// Each agreement says until when it applied: the day before the next one in force.
	next := progress.NoDate
	until := make([]progress.Date, len(t.Agreed))
	for i := len(t.Agreed) - 1; i >= 0; i-- {
		if t.Replaced[i] {
			continue
		}
		until[i] = next
		next = t.Agreed[i].From().AddDays(-1)
	}
	for i := range t.Agreed {
		ver := &t.Agreed[i]
		v.Versions = append(v.Versions, views.VersionView{
			Title: ver.Title, Details: ver.Details, Schedule: scheduleWords(ver.Schedule(), ver.From(), today),
			Note: ver.Note, When: versionWhen(t, i, until[i], today), Current: ver == cur, Replaced: t.Replaced[i],
		})
	}
	v.PauseFrom = dayLabel(today, today)
	if r, ok := recordOn(t.Records, today); ok && r.Outcome != progress.NotRecorded {
		v.PauseFrom = dayLabel(today.AddDays(1), today)
	}
	for _, p := range t.Pauses {
		pv := views.PauseView{From: dayLabel(parseStored(p.FromDate), today), Note: p.Note}
		if p.ToDate != nil {
			if *p.ToDate == p.FromDate {
				continue // resumed before it began
			}
			pv.To = dayLabel(parseStored(*p.ToDate), today)
		}
		v.Pauses = append(v.Pauses, pv)
	}
	return v, nil
}

// recordOccurrence records one due day of the viewer's promise as kept or missed.
func (s *Server) recordOccurrence(c echo.Context) error {
	id := c.Param("id")
	f := readForm(c, "date", "outcome", "note", "back", "next")
	date, err := progress.ParseDate(f.Get("date"))
	if err != nil {
		return store.Invalid("That day could not be read. Go back, reload the page and try again.")
	}
	checkRecordNote(f)
	if !f.Valid() {
		return s.promiseAgain(c, id, "record:"+date.String(), f)
	}
	_, err = s.store.RecordOccurrence(c.Request().Context(), scope(c), id, date, f.Get("outcome"), f.Get("note"))
	if err := formAgain(err, f, func() error { return s.promiseAgain(c, id, "record:"+date.String(), f) }); err != nil {
		return err
	}
	path := "/promises/" + id
	if f.Get("back") == "list" {
		path = "/promises"
	} else if next := safeNext(f.Get("next")); next != "" {
		path = next // the dashboard
	}
	return s.redirect(c, path, "Recorded "+dayLabel(date, date)+" as "+f.Get("outcome")+".")
}

// checkRecordNote checks the optional note with a recorded day.
func checkRecordNote(f *views.Form) { checkText(f, "note", "The note", false, 2000) }

// confirmEntry is the partner saying "I saw it".
func (s *Server) confirmEntry(c echo.Context) error {
	id := c.Param("id")
	seen := seenRevision(readForm(c, "rev"))
	promiseID, err := s.store.ReviewEntryAsShown(c.Request().Context(), scope(c), id, seen, store.ReviewConfirm, "")
	if err != nil {
		return err
	}
	return s.redirect(c, "/promises/"+promiseID+"#entry-"+id, "Confirmed: you saw it.")
}

// disputeEntry is the partner saying "I saw it differently", with a note.
func (s *Server) disputeEntry(c echo.Context) error {
	id := c.Param("id")
	ctx, sc := c.Request().Context(), scope(c)
	e, err := s.store.LedgerEntryByID(ctx, sc, id)
	if err != nil {
		return err
	}
	f := readForm(c, "rev", textarea("dispute_note"))
	if e.AuthorID != sc.UserID { // the author is refused by the store, whatever they wrote
		checkDispute(f)
		if !f.Valid() {
			return s.promiseAgain(c, e.PromiseID, "review:"+id, f)
		}
	}
	_, err = s.store.ReviewEntryAsShown(ctx, sc, id, seenRevision(f), store.ReviewDispute, f.Get("dispute_note"))
	if err := formAgain(err, f, func() error { return s.promiseAgain(c, e.PromiseID, "review:"+id, f) }); err != nil {
		return err
	}
	return s.redirect(c, "/promises/"+e.PromiseID+"#entry-"+id, "What you saw is recorded with the day. Your partner can answer it once.")
}

// checkDispute checks what the partner saw differently.
func checkDispute(f *views.Form) {
	if f.Get("dispute_note") == "" {
		f.Fail("dispute_note", "Please say what you saw differently: your partner reads it and can answer once.")
	}
	checkText(f, "dispute_note", "What you saw", true, 2000)
}

// replyToDispute is the author's one answer to a dispute.
func (s *Server) replyToDispute(c echo.Context) error {
	id := c.Param("id")
	ctx, sc := c.Request().Context(), scope(c)
	e, err := s.store.LedgerEntryByID(ctx, sc, id)
	if err != nil {
		return err
	}
	f := readForm(c, textarea("reply"))
	if e.AuthorID == sc.UserID { // anyone else is refused by the store
		checkDisputeReply(f)
		if !f.Valid() {
			return s.promiseAgain(c, e.PromiseID, "reply:"+id, f)
		}
	}
	_, err = s.store.ReplyToDispute(ctx, sc, id, f.Get("reply"))
	if err := formAgain(err, f, func() error { return s.promiseAgain(c, e.PromiseID, "reply:"+id, f) }); err != nil {
		return err
	}
	return s.redirect(c, "/promises/"+e.PromiseID+"#entry-"+id, "Your answer is recorded with the day.")
}

// checkDisputeReply checks the author's answer to a dispute.
func checkDisputeReply(f *views.Form) {
	if f.Get("reply") == "" {
		f.Fail("reply", "Please write your answer.")
	}
	checkText(f, "reply", "Your answer", true, 2000)
}

// versionWhen says when version i of t was agreed and which days it judges.
func versionWhen(t *store.Tracked, i int, until, today progress.Date) string {
	ver := &t.Agreed[i]
	made := "Renegotiated on "
	if i == 0 {
		made = "Made on "
	}
	made += dayLabel(progress.Today(ver.CreatedAt, t.Location()), today) + ", "
	from := dayLabel(ver.From(), today)
	switch {
	case t.Replaced[i]:
		return made + "was to apply from " + from + "."
	case until == progress.NoDate:
		return made + "applies from " + from + "."
	case until < today:
		return made + "applied from " + from + " to " + dayLabel(until, today) + "."
	}
	return made + "applies from " + from + " to " + dayLabel(until, today) + "."
}

// reviewWords name a kind of review as the partner said it.
var reviewWords = map[string]string{store.ReviewConfirm: "“I saw it”", store.ReviewDispute: "“I saw it differently”"}

// ledgerHistory says what corrections replaced of a ledger entry, oldest
// first, and when its record was last corrected ("" if never).
func ledgerHistory(it *store.LedgerItem, ppl *people, loc *time.Location) ([]views.HistoryLine, string) {
	var out []views.HistoryLine
	last := ""
	for _, c := range it.Corrections {
		written, at := views.DayTime(c.WrittenAt.In(loc)), views.DayTime(c.CreatedAt.In(loc))
		who := ppl.Name(c.WriterID)
		var h views.HistoryLine
		switch {
		case c.Part == store.PartRecord:
			h.Text = who + " recorded " + c.Value + " on " + written + ", corrected to " + c.NewValue + " on " + at + "."
			last = at
		case c.NewValue == "":
			h.Text = who + " said " + reviewWords[c.Value] + " on " + written + "; set aside on " + at +
				" when the record was corrected, for a look at the day again."
		default:
			h.Text = who + " said " + reviewWords[c.Value] + " on " + written + ", corrected to " + reviewWords[c.NewValue] + " on " + at + "."
		}
		h.Note = c.Note
		if c.RepliedAt != nil {
			h.Reply = c.Reply
		}
		out = append(out, h)
	}
	return out, last
}
