package web

import (
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"mend/internal/progress"
	"mend/internal/store"
	"mend/views"
)

// Limits of what triggers keep.
const (
	triggerTextMax = 500
	triggerNoteMax = 2000
	triggerWeeks   = 12
	whenLayout     = "2006-01-02T15:04"
)

// responseLabels say a response to a trigger.
var responseLabels = map[string]string{
	store.ResponseHere: "I'm here",
	store.ResponseTalk: "I'd like to talk about it when you're ready",
	store.ResponseNote: "wrote a note",
}

func (s *Server) triggers(c echo.Context) error {
	return s.triggersPage(c, views.NewForm(), false)
}

// triggersPage is the triggers page with the quick form f (again, with
// its messages, when failed).
func (s *Server) triggersPage(c echo.Context, f *views.Form, failed bool) error {
	ctx := c.Request().Context()
	sc := scope(c)
	a := actorOf(c)
	loc := a.user.Location()
	list, err := s.store.Triggers(ctx, sc)
	if err != nil {
		return err
	}
	p, err := s.people(c)
	if err != nil {
		return err
	}
	today := s.today(c)
	from := today.WeekStart(time.Monday).AddDays(-7 * (triggerWeeks - 1))
	points, err := s.store.TriggerPoints(ctx, sc, from.Time(loc), today.AddDays(1).Time(loc))
	if err != nil {
		return err
	}
	v := views.TriggersView{Form: f, Now: s.now().In(loc).Format(whenLayout), Partner: p.PartnerName()}
	for _, t := range list {
		it := views.TriggerItemView{ID: t.ID, Who: p.Name(t.AuthorID), When: views.DayTime(t.OccurredAt.In(loc)), Strength: t.Strength,
			Cause: t.Cause, Shared: t.Shared, Responses: t.Responses}
		if t.AuthorID == sc.UserID {
			v.Mine = append(v.Mine, it)
		} else {
			v.Shared = append(v.Shared, it)
		}
	}
	var mine, theirs []store.TriggerPoint
	for _, pt := range points {
		if pt.AuthorID == sc.UserID {
			mine = append(mine, pt)
		} else {
			theirs = append(theirs, pt)
		}
	}
	v.MyCount, v.MyStrength = triggerCharts("my-triggers", "Your triggers", mine, from, today, loc)
	if len(theirs) > 0 {
		name := "Shared with you"
		if len(v.Shared) > 0 {
			name = v.Shared[0].Who + "'s shared triggers"
		}
		v.SharedCount, v.SharedStrong = triggerCharts("shared-triggers", name, theirs, from, today, loc)
	}
	if failed {
		return invalid("Triggers", views.TriggersPage(v))
	}
	return s.page(c, "Triggers", views.TriggersPage(v))
}

// triggerCharts are how many triggers of pts came each week, and their
// average strength, from from to today; nil when there are none.
func triggerCharts(id, title string, pts []store.TriggerPoint, from, today progress.Date, loc *time.Location) (*views.BarChart, *views.LineChart) {
	if len(pts) == 0 {
		return nil, nil
	}
	dates := make([]progress.Date, len(pts))
	values := make([]progress.DayValue, len(pts))
	for i, pt := range pts {
		dates[i] = progress.Today(pt.OccurredAt, loc)
		values[i] = progress.DayValue{Date: dates[i], Value: float64(pt.Strength)}
	}
	counts := progress.CountPerWeek(dates, from, today, time.Monday)
	if len(counts) == 0 {
		return nil, nil
	}
	labels := weekLabels(counts[0].Week, len(counts))
	bars := views.BarSeries{Name: "Triggers", Class: "s3"}
	for _, w := range counts {
		bars.Values = append(bars.Values, w.N)
	}
	line := views.LineSeries{Name: "Average strength", Class: "s2"}
	for _, w := range progress.WeeklyAverages(values, from, today, time.Monday) {
		line.Values, line.Has = append(line.Values, w.Avg), append(line.Has, w.N > 0)
	}
	return &views.BarChart{ID: id + "-count", Title: title + ", week by week", XLabels: labels, Stacks: []views.BarSeries{bars}},
		&views.LineChart{ID: id + "-strength", Title: title + ": average strength", XLabels: labels, YMax: 10, Series: []views.LineSeries{line}}
}

func (s *Server) createTrigger(c echo.Context) error {
	f := readForm(c, "when", "strength", "cause", "helped")
	checkText(f, "cause", "What set it off", false, triggerTextMax)
	checkText(f, "helped", "What helped", false, triggerTextMax)
	loc := actorOf(c).user.Location()
	when, err := time.ParseInLocation(whenLayout, f.Get("when"), loc)
	switch {
	case err != nil:
		f.Fail("when", "Please give the day and time, like 2026-03-14 18:30.")
	case when.After(s.now().Add(5 * time.Minute)):
		f.Fail("when", "This is in the future. Please give when it happened.")
	case when.Before(s.now().AddDate(-1, 0, 0)):
		f.Fail("when", "Please give a time within the last year.")
	}
	strength, err := strconv.Atoi(f.Get("strength"))
	if err != nil || strength < 0 || strength > 10 {
		f.Fail("strength", "Please choose a strength from 0 to 10.")
	}
	if !f.Valid() {
		return s.triggersPage(c, f, true)
	}
	t, err := s.store.CreateTrigger(c.Request().Context(), scope(c), store.TriggerInput{OccurredAt: when, Strength: strength,
		Cause: f.Get("cause"), Helped: f.Get("helped")})
	if err != nil {
		return err
	}
	return s.redirect(c, "/triggers/"+t.ID, "Noted. Only you can see it unless you share it.")
}

// triggerView builds the page of trigger id as the acting user sees it.
func (s *Server) triggerView(c echo.Context, id string) (views.TriggerView, error) {
	a := actorOf(c)
	t, err := s.store.Trigger(c.Request().Context(), scope(c), id)
	if err != nil {
		return views.TriggerView{}, err
	}
	p, err := s.people(c)
	if err != nil {
		return views.TriggerView{}, err
	}
	loc := a.user.Location()
	mine := t.AuthorID == a.user.ID
	v := views.TriggerView{ID: t.ID, Who: p.Name(t.AuthorID), Mine: mine, When: views.DayTime(t.OccurredAt.In(loc)), Strength: t.Strength,
		Cause: t.Cause, Helped: t.Helped, Shared: t.Shared, Partner: p.PartnerName(), RespondForm: views.NewForm()}
	responded := false
	for _, r := range t.Responses {
		v.Responses = append(v.Responses, views.ResponseView{Who: p.Name(r.AuthorID), Date: views.DayTime(r.CreatedAt.In(loc)),
			Kind: responseLabels[r.Kind], Note: r.Note})
		responded = responded || r.AuthorID == a.user.ID
	}
	if mine {
		partner := p.PartnerName()
		switch {
		case partner == "" && t.Shared:
			v.ShareNote = "Shared, but nobody else is in your space now: only you can see it."
		case partner == "":
			v.ShareNote = "Private: only you can see it."
		case !t.Shared:
			v.ShareNote = "Private: only you can see it. If you share it, " + partner + " can see it and respond."
			v.CanShare = true
		case t.SharedAt != nil && t.SharedAt.Before(p.partner.JoinedAt):
			v.ShareNote = "Shared before " + partner + " joined your space, so " + partner + " can't see it."
			v.CanShare = true
		default:
			v.ShareNote = "Shared with " + partner + ": they can see it and respond."
		}
		return v, nil
	}
	switch {
	case responded:
	case p.Former(t.AuthorID):
		v.Closed = p.Name(t.AuthorID) + " has left the space, so a response can no longer be sent."
	default:
		v.CanRespond = true
	}
	return v, nil
}

func (s *Server) trigger(c echo.Context) error {
	v, err := s.triggerView(c, c.Param("id"))
	if err != nil {
		return err
	}
	return s.page(c, "Trigger", views.TriggerPage(v))
}

func (s *Server) shareTrigger(c echo.Context) error {
	id := c.Param("id")
	if err := s.store.ShareTrigger(c.Request().Context(), scope(c), id, true); err != nil {
		return err
	}
	return s.redirect(c, "/triggers/"+id, "Shared. Your partner can see it and respond.")
}

func (s *Server) unshareTrigger(c echo.Context) error {
	id := c.Param("id")
	if err := s.store.ShareTrigger(c.Request().Context(), scope(c), id, false); err != nil {
		return err
	}
	return s.redirect(c, "/triggers/"+id, "Private again. Any responses are kept, hidden, and show again if you share it again.")
}

func (s *Server) respondToTrigger(c echo.Context) error {
	id := c.Param("id")
	f := readForm(c, "kind", "note")
	journalNewlines(f, "note")
	checkText(f, "note", "The note", f.Get("kind") == store.ResponseNote, triggerNoteMax)
	if _, ok := responseLabels[f.Get("kind")]; !ok {
		f.Fail("kind", "Please choose how you respond.")
	}
	if !f.Valid() {
		v, err := s.triggerView(c, id)
		if err != nil {
			return err
		}
		if !v.CanRespond {
			return store.ErrNotFound
		}
		v.RespondForm = f
		return invalid("Trigger", views.TriggerPage(v))
	}
	if err := s.store.RespondToTrigger(c.Request().Context(), scope(c), id, f.Get("kind"), f.Get("note")); err != nil {
		return err
	}
	return s.redirect(c, "/triggers/"+id, "Sent.")
}
