package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"mend/internal/progress"
	"mend/internal/store"
	"mend/views"
)

// waitingView builds the dashboard's "Waiting for you" from what the store found.
func waitingView(w store.Waiting, ppl *people) views.WaitingView {
	v := views.WaitingView{Partner: ppl.PartnerName(), Notes: w.Notes, Reflection: len(w.Reflections) > 0}
	record := func(r store.WaitingRecord) views.WaitingRecordView {
		day := r.Date
		if d, err := progress.ParseDate(r.Date); err == nil {
			day = d.Time(time.UTC).Format("Monday 2 January")
		}
		return views.WaitingRecordView{EntryID: r.EntryID, PromiseID: r.PromiseID, Title: r.Title, Day: day,
			Outcome: r.Outcome, Note: r.Note, Dispute: r.ReviewNote, Rev: strconv.Itoa(r.Revision)}
	}
	for _, r := range w.ToReview {
		v.ToReview = append(v.ToReview, record(r))
	}
	for _, r := range w.Disputes {
		v.Disputes = append(v.Disputes, record(r))
	}
	return v
}

// confirmWaiting is "I saw these": the partner confirms several records at
// once. Each is confirmed on its own by the store's rules; one that cannot
// be (reviewed meanwhile, say) is counted and left alone.
func (s *Server) confirmWaiting(c echo.Context) error {
	ctx, sc := c.Request().Context(), scope(c)
	form, err := c.FormParams()
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	ids := form["entry"]
	if len(ids) == 0 {
		return s.redirect(c, "/#waiting", "Tick the days you saw, then press “I saw these”.")
	}
	if len(ids) > store.WaitingLimit {
		ids = ids[:store.WaitingLimit]
	}
	done, skipped := 0, 0
	for _, id := range ids {
		if !store.ValidID(id) {
			skipped++
			continue
		}
		// A record changed since the list was shown is not confirmed unseen.
		seen := -1
		if n, err := strconv.Atoi(form.Get("rev-" + id)); err == nil && n >= 0 {
			seen = n
		}
		if _, err := s.store.ReviewEntryAsShown(ctx, sc, id, seen, store.ReviewConfirm, ""); err != nil {
			if isRefusal(err) {
				skipped++
				continue
			}
			return err
		}
		done++
	}
	msg := "Confirmed: you saw " + days(done) + "."
	if skipped > 0 {
		msg += " " + days(skipped) + " could not be confirmed (changed or reviewed meanwhile, or no longer yours to confirm); the promise's page says why."
	}
	return s.redirect(c, "/#waiting", msg)
}

// isRefusal says whether err is the store refusing one item (or not
// finding it) rather than a failure.
func isRefusal(err error) bool {
	var r *store.Refusal
	return errors.As(err, &r) || errors.Is(err, store.ErrNotFound)
}

// days says n days in words.
func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}

// waitingCount is the number in the header: how many things wait for the
// acting member. A failure to count leaves it out of the page rather than
// failing the page (an error page is rendered through here too).
func (s *Server) waitingCount(c echo.Context) int {
	if n, ok := c.Get(waitingKey).(int); ok { // the dashboard has counted already
		return n
	}
	today := s.today(c)
	n, err := s.store.HeaderCount(c.Request().Context(), scope(c), today, today.WeekStart(time.Monday))
	if err != nil {
		s.log.Warn("count what is waiting", "err", err)
		return 0
	}
	return int(n)
}

// waitingWords say what to do with a waiting question or agreement.
var waitingWords = map[string]string{"ask": "Answer", "in-person": "Talk in person", "counsellor": "With your counsellor",
	"answer": "Answer the offer", "change": "Change your offer", "review": "Review"}

// conversationsWaiting lists in v the questions and agreements waiting for
// the acting member, and counts them.
func (s *Server) conversationsWaiting(c echo.Context, v *views.WaitingView, today progress.Date) (int, error) {
	ctx, sc := c.Request().Context(), scope(c)
	qs, err := s.store.WaitingQuestions(ctx, sc)
	if err != nil {
		return 0, err
	}
	as, err := s.store.AgreementsToReview(ctx, sc, today)
	if err != nil {
		return 0, err
	}
	for _, it := range qs.Items {
		v.Questions = append(v.Questions, views.WaitingLink{Href: "/questions/" + it.ID, Text: it.Text, What: waitingWords[it.What]})
	}
	for _, it := range as.Items {
		v.Agreements = append(v.Agreements, views.WaitingLink{Href: "/agreements/" + it.ID, Text: it.Text, What: waitingWords[it.What]})
	}
	return int(qs.Count + as.Count), nil
}

// waitingKey holds the count of what is waiting once a handler has it.
const waitingKey = "mend.waiting"
