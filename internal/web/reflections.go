package web

import (
	"errors"
	"net/http"
	"net/url"
	"sort"
	"time"

	"github.com/labstack/echo/v4"

	"mend/internal/progress"
	"mend/internal/store"
	"mend/views"
)

// reflectionWeeks is how many weeks one page of the reflection list covers.
const reflectionWeeks = 12

// thisWeek is the Monday of the acting user's current week, in their zone.
func (s *Server) thisWeek(c echo.Context) progress.Date {
	return s.today(c).WeekStart(time.Monday)
}

// weekLabel names the week starting on the Monday w.
func weekLabel(w progress.Date) string { return "Week of " + views.Day(w.Time(nil)) }

// partnerWord is how a page names the partner, by name when there is one.
func partnerWord(p *people) string {
	if n := p.PartnerName(); n != "" {
		return n
	}
	return "your partner"
}

var visibilityOptions = []views.Option{
	{Value: store.VisibilityTogether, Label: "Reveal together: my partner sees it once they have written theirs for this week, and I see theirs once I have written mine"},
	{Value: store.VisibilityShared, Label: "Shared: my partner can read it now"},
	{Value: store.VisibilityPrivate, Label: "Private: only I can read it"},
}

// practiceOptions are the practices a next step may be linked to.
func (s *Server) practiceOptions() []views.Option {
	opts := []views.Option{{Value: "", Label: "No practice"}}
	for _, p := range s.lib.Practices() {
		opts = append(opts, views.Option{Value: p.Slug, Label: p.Title})
	}
	return opts
}

func (s *Server) reflections(c echo.Context) error {
	ctx := c.Request().Context()
	sc := scope(c)
	week := s.thisWeek(c)
	ppl, err := s.people(c)
	if err != nil {
		return err
	}
	v := views.ReflectionsView{Newest: true, Partner: partnerWord(ppl)}
	last, fetchTo := week, week.AddDays(7) // a partner east of here may already be in next week
	if b, err := progress.ParseDate(c.QueryParam("before")); err == nil && b <= week {
		v.Newest = false
		last = b.WeekStart(time.Monday)
		if last == b {
			last = last.AddDays(-7)
		}
		fetchTo = last
	}
	first := last.AddDays(-7 * (reflectionWeeks - 1))
	list, err := s.store.Reflections(ctx, sc, first, fetchTo)
	if err != nil {
		return err
	}
	mine := map[string]*store.ReflectionEntry{}
	for i := range list {
		if list[i].AuthorID == sc.UserID {
			mine[list[i].WeekStart] = &list[i]
		}
	}
	if r := mine[week.String()]; r != nil {
		v.ThisWeekID = r.ID
	}
	var wv *views.ReflectionWeek
	for i := range list {
		r := &list[i]
		if wv == nil || wv.Start != r.WeekStart {
			ws, _ := progress.ParseDate(r.WeekStart)
			v.Weeks = append(v.Weeks, views.ReflectionWeek{Start: r.WeekStart, Label: weekLabel(ws), Current: ws == week})
			wv = &v.Weeks[len(v.Weeks)-1]
		}
		item := views.ReflectionItem{Author: ppl.Name(r.AuthorID), Mine: r.AuthorID == sc.UserID,
			Visibility: r.Visibility, Hidden: r.Hidden}
		if !r.Hidden {
			item.ID, item.Excerpt = r.ID, excerptOf(r.Reflection)
		}
		switch {
		case item.Mine:
			item.Status = ownStatus(r, ppl, r.WeekStart == week.String())
		case r.Hidden:
			item.Status = hiddenStatus(ppl.Name(r.AuthorID), mine[r.WeekStart], r.WeekStart == week.String())
		case r.Visibility == store.VisibilityTogether:
			item.Status = "Revealed: you have both written yours for this week."
		}
		wv.Items = append(wv.Items, item)
	}
	for _, w := range v.Weeks {
		sort.SliceStable(w.Items, func(i, j int) bool { return w.Items[i].Mine && !w.Items[j].Mine })
	}
	if older, err := s.store.LatestReflectionWeekBefore(ctx, sc, first); err != nil {
		return err
	} else if older != progress.NoDate {
		v.Earlier = "/reflections?before=" + older.AddDays(7).String()
	}
	if !v.Newest {
		if next := last.AddDays(7 * (reflectionWeeks + 1)); next <= week {
			v.Later = "/reflections?before=" + next.String()
		} else {
			v.Later = "/reflections"
		}
	}
	return s.page(c, "Weekly reflections", views.ReflectionsPage(v))
}

// ownStatus says whether the acting user's reflection has been read or
// revealed; current is whether it is of their current week.
func ownStatus(r *store.ReflectionEntry, ppl *people, current bool) string {
	switch r.Visibility {
	case store.VisibilityPrivate:
		return "Private: only you can read it."
	case store.VisibilityShared:
		return "Shared with " + partnerWord(ppl) + "."
	}
	switch {
	case r.Answered:
		return "Revealed: you have both written yours for this week."
	case !current:
		return "Not revealed: " + partnerWord(ppl) + " didn't write one for that week that you can both read, so it stays yours alone."
	}
	return "Not revealed yet: " + partnerWord(ppl) + " will see it once they have written theirs for this week."
}

// hiddenStatus explains a partner's reflection to reveal together that the
// acting user may not read yet. It says that it exists, never what it says.
func hiddenStatus(author string, mine *store.ReflectionEntry, current bool) string {
	switch {
	case mine != nil && mine.Visibility == store.VisibilityPrivate:
		return author + " has written their reflection for this week, to reveal together. Yours for this week is private, so theirs stays hidden."
	case current:
		return author + " has written their reflection for this week; it will appear when you've written yours."
	}
	return author + " wrote their reflection for this week, to reveal together. You didn't write one that week, so it stays hidden."
}

// excerptOf is the first answer of a reflection, shortened, for the list.
func excerptOf(r store.Reflection) string {
	for _, a := range []string{r.Helped, r.Hard, r.Need, r.NextStep} {
		if a != "" {
			rs := []rune(a)
			if len(rs) > 140 {
				return string(rs[:140]) + "…"
			}
			return a
		}
	}
	return ""
}

// reflectionFormView builds the form page of this week's reflection.
func (s *Server) reflectionFormView(c echo.Context, f *views.Form) (views.ReflectionFormView, error) {
	ctx := c.Request().Context()
	week := s.thisWeek(c)
	ppl, err := s.people(c)
	if err != nil {
		return views.ReflectionFormView{}, err
	}
	v := views.ReflectionFormView{Week: weekLabel(week), Form: f, Practices: s.practiceOptions(), Visibilities: visibilityOptions,
		Partner: partnerWord(ppl)}
	// Say whether the partner's reflection to reveal together is waiting.
	list, err := s.store.Reflections(ctx, scope(c), week, week)
	if err != nil {
		return v, err
	}
	for _, r := range list {
		if r.AuthorID != scope(c).UserID && r.Hidden {
			v.Waiting = ppl.Name(r.AuthorID) + " has written their reflection for this week, to reveal together: it will appear when you've written yours."
		}
	}
	return v, nil
}

func (s *Server) newReflection(c echo.Context) error {
	r, err := s.store.OwnReflectionOf(c.Request().Context(), scope(c), s.thisWeek(c))
	if err == nil {
		return s.redirect(c, "/reflections/"+r.ID, "You have written your reflection for this week. The next one opens on Monday.")
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	f := views.NewForm()
	f.Values["visibility"] = store.VisibilityTogether
	v, err := s.reflectionFormView(c, f)
	if err != nil {
		return err
	}
	return s.page(c, "This week's reflection", views.ReflectionFormPage(v))
}

func (s *Server) createReflection(c echo.Context) error {
	f := readForm(c, textarea("helped"), textarea("hard"), textarea("need"), textarea("next_step"), "practice", "visibility")
	s.checkReflection(f)
	again := func(status int) error {
		v, err := s.reflectionFormView(c, f)
		if err != nil {
			return err
		}
		if status == http.StatusUnprocessableEntity {
			return invalid("This week's reflection", views.ReflectionFormPage(v))
		}
		return s.render(c, status, "This week's reflection", views.ReflectionFormPage(v))
	}
	if !f.Valid() {
		return again(http.StatusUnprocessableEntity)
	}
	in := store.ReflectionInput{Helped: f.Get("helped"), Hard: f.Get("hard"), Need: f.Get("need"), NextStep: f.Get("next_step"),
		Practice: f.Get("practice"), Visibility: f.Get("visibility")}
	r, err := s.store.CreateReflection(c.Request().Context(), scope(c), s.thisWeek(c), in)
	if _, ok := store.InvalidMessage(err); ok {
		return formAgain(err, f, func() error { return again(http.StatusUnprocessableEntity) })
	}
	if errors.Is(err, store.ErrConflict) {
		f.Message = "You have already written your reflection for this week, so this one can't be saved. " +
			"What you typed is still below if you'd like to keep it somewhere, such as your journal. The next reflection opens on Monday."
		return again(http.StatusConflict)
	} else if err != nil {
		return err
	}
	msg := "Your reflection is saved."
	switch in.Visibility {
	case store.VisibilityTogether:
		msg += " It will be revealed once you have both written yours for this week."
	case store.VisibilityPrivate:
		msg += " It is private: only you can read it."
	}
	return s.redirect(c, "/reflections/"+r.ID, msg)
}

// checkReflection checks the reflection form: its answers, practice and visibility.
func (s *Server) checkReflection(f *views.Form) {
	answers := 0
	for _, q := range []struct{ name, label string }{
		{"helped", "What helped"}, {"hard", "What was hard"}, {"need", "What you need"}, {"next_step", "The one thing you will do"},
	} {
		checkText(f, q.name, q.label, false, maxAnswer)
		if f.Get(q.name) != "" {
			answers++
		}
	}
	if answers == 0 {
		f.Message = "Please answer at least one of the questions. The others can stay empty."
	}
	if p := f.Get("practice"); p != "" {
		if _, ok := s.lib.Practice(p); !ok {
			f.Fail("practice", "Please choose a practice from the list, or none.")
		}
	}
	if !store.KnownVisibility(f.Get("visibility")) {
		f.Fail("visibility", "Please choose who may read your reflection.")
	}
}

func (s *Server) reflection(c echo.Context) error {
	id := c.Param("id")
	sc := scope(c)
	r, err := s.store.ReflectionByID(c.Request().Context(), sc, id)
	if err != nil {
		return err
	}
	ppl, err := s.people(c)
	if err != nil {
		return err
	}
	ws, _ := progress.ParseDate(r.WeekStart)
	v := views.ReflectionView{Author: ppl.Name(r.AuthorID), Mine: r.AuthorID == sc.UserID, Week: weekLabel(ws),
		Helped: r.Helped, Hard: r.Hard, Need: r.Need, NextStep: r.NextStep}
	if v.Mine {
		v.Status = ownStatus(r, ppl, r.WeekStart == s.thisWeek(c).String())
	} else if r.Visibility == store.VisibilityTogether {
		v.Status = "Revealed: you have both written yours for this week."
	}
	if p, ok := s.lib.Practice(r.Practice); ok {
		v.PracticeTitle, v.PracticeURL = p.Title, "/guidance/"+p.Slug
	}
	if v.Mine && r.NextStep != "" {
		v.PromiseURL = "/promises/new?title=" + url.QueryEscape(r.NextStep)
		if v.PracticeURL != "" {
			v.PromiseURL += "&practice=" + url.QueryEscape(r.Practice)
		}
	}
	return s.page(c, v.Week, views.ReflectionPage(v))
}
