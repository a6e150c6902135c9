package web

import (
	"errors"
	"net/http"
	"strconv"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"mend/internal/progress"
	"mend/internal/store"
	"mend/views"
)

// checkinDays is how many days one page of the check-in list shows.
const checkinDays = 14

// maxAnswer is the longest check-in note or reflection answer, in characters.
const maxAnswer = 2000

var moodLabels = map[string]string{
	"calm": "Calm", "hopeful": "Hopeful", "tender": "Tender", "close": "Close", "tired": "Tired",
	"anxious": "Anxious", "sad": "Sad", "hurt": "Hurt", "angry": "Angry", "numb": "Numb",
}

func moodOptions() []views.Option {
	opts := make([]views.Option, len(store.Moods))
	for i, m := range store.Moods {
		opts[i] = views.Option{Value: m, Label: moodLabels[m]}
	}
	return opts
}

// checkRating requires field name to be a whole number from 0 to 10.
func checkRating(f *views.Form, name string) int {
	v := f.Get(name)
	n, err := strconv.Atoi(v)
	switch {
	case v == "":
		f.Fail(name, "Please choose a number from 0 to 10.")
	case err != nil || n < 0 || n > 10:
		shown := v
		if utf8.RuneCountInString(shown) > 20 {
			shown = string([]rune(shown)[:20]) + "…"
		}
		f.Fail(name, "“"+shown+"” is not a number from 0 to 10. Please choose one.")
	}
	return n
}

// readCheckin reads and checks the check-in form.
func readCheckin(c echo.Context) (*views.Form, store.CheckinInput) {
	f := readForm(c, "safe", "trust", "connected", "mood", textarea("note"), "private")
	in := store.CheckinInput{
		Safe: checkRating(f, "safe"), Trust: checkRating(f, "trust"), Connected: checkRating(f, "connected"),
		Mood: f.Get("mood"), Note: f.Get("note"), Private: f.Get("private") == "1",
	}
	switch {
	case in.Mood == "":
		f.Fail("mood", "Please choose the word closest to how you feel.")
	case !store.KnownMood(in.Mood):
		f.Fail("mood", "Please choose a mood from the list.")
	}
	checkText(f, "note", "The note", false, maxAnswer)
	return f, in
}

// checkinForm is the form filled with a saved check-in.
func checkinForm(ci *store.Checkin) *views.Form {
	f := views.NewForm()
	f.Values["safe"], f.Values["trust"], f.Values["connected"] = itoa(ci.Safe), itoa(ci.Trust), itoa(ci.Connected)
	f.Values["mood"], f.Values["note"] = ci.Mood, ci.Note
	if ci.Private {
		f.Values["private"] = "1"
	}
	return f
}

// checkinsView builds the check-in page: today's form or status (on the
// newest page) and the days of both partners side by side. before, when
// set, pages back to the days before it.
func (s *Server) checkinsView(c echo.Context, f *views.Form) (views.CheckinsView, error) {
	ctx := c.Request().Context()
	sc := scope(c)
	today := s.today(c)
	v := views.CheckinsView{Form: f, Moods: moodOptions(), Newest: true}
	last, fetchTo := today, today.AddDays(2) // a partner east of here may already live tomorrow
	if b, err := progress.ParseDate(c.QueryParam("before")); err == nil && b <= today {
		v.Newest = false
		last, fetchTo = b.AddDays(-1), b.AddDays(-1)
	}
	first := last.AddDays(-(checkinDays - 1))
	ppl, err := s.people(c)
	if err != nil {
		return v, err
	}
	list, err := s.store.Checkins(ctx, sc, first, fetchTo)
	if err != nil {
		return v, err
	}
	// Columns: mine, my partner's, then any former partner's shared ones.
	authors := []string{sc.UserID}
	if ppl.partner != nil {
		authors = append(authors, ppl.partner.UserID)
	}
	byDay := map[string]map[string]*store.Checkin{}
	for i := range list {
		ci := &list[i]
		if byDay[ci.Date] == nil {
			byDay[ci.Date] = map[string]*store.Checkin{}
		}
		byDay[ci.Date][ci.AuthorID] = ci
		known := false
		for _, a := range authors {
			known = known || a == ci.AuthorID
		}
		if !known {
			authors = append(authors, ci.AuthorID)
		}
		if ci.AuthorID == sc.UserID && ci.Date == today.String() {
			v.TodayID = ci.ID
		}
		if ppl.partner != nil && ci.AuthorID == ppl.partner.UserID && ci.Date >= today.String() && v.Newest {
			v.PartnerCheckedIn = ppl.partner.Name
		}
	}
	for _, a := range authors {
		v.Columns = append(v.Columns, ppl.Name(a))
	}
	// No row for a day before the viewer joined the space: nothing they
	// may see is in it.
	start := ppl.startDay(actorOf(c).user.Location(), today)
	for d := fetchTo; d >= first; d-- {
		day := byDay[d.String()]
		if (d > last || d < start) && len(day) == 0 {
			continue
		}
		dv := views.CheckinDay{Label: views.Day(d.Time(nil)), Today: d == today}
		for _, a := range authors {
			ci := day[a]
			if ci == nil {
				dv.Cells = append(dv.Cells, nil)
				continue
			}
			dv.Cells = append(dv.Cells, &views.CheckinView{
				ID: ci.ID, Mood: moodLabels[ci.Mood], Safe: ci.Safe, Trust: ci.Trust, Connected: ci.Connected,
				Note: ci.Note, Private: ci.Private, Mine: a == sc.UserID, CanEdit: a == sc.UserID && ci.Date == today.String(),
			})
		}
		v.Days = append(v.Days, dv)
	}
	if older, err := s.store.LatestVisibleCheckinBefore(ctx, sc, first); err != nil {
		return v, err
	} else if older != progress.NoDate {
		// Jump straight to the next days with something in them.
		v.Earlier = "/checkins?before=" + older.AddDays(1).String()
	}
	if !v.Newest {
		if next := last.AddDays(checkinDays + 1); next <= today {
			v.Later = "/checkins?before=" + next.String()
		} else {
			v.Later = "/checkins"
		}
	}
	v.ShowForm = v.Newest && v.TodayID == ""
	v.FormAction = "/checkins"
	return v, nil
}

func (s *Server) checkins(c echo.Context) error {
	v, err := s.checkinsView(c, views.NewForm())
	if err != nil {
		return err
	}
	return s.page(c, "Check-ins", views.CheckinsPage(v))
}

func (s *Server) createCheckin(c echo.Context) error {
	f, in := readCheckin(c)
	if !f.Valid() {
		v, err := s.checkinsView(c, f)
		if err != nil {
			return err
		}
		v.ShowForm = true
		return invalid("Check-ins", views.CheckinsPage(v))
	}
	_, err := s.store.CreateCheckin(c.Request().Context(), scope(c), s.today(c), in)
	err = formAgain(err, f, func() error {
		v, err := s.checkinsView(c, f)
		if err != nil {
			return err
		}
		v.ShowForm = true
		return invalid("Check-ins", views.CheckinsPage(v))
	})
	if errors.Is(err, store.ErrConflict) {
		return s.checkinAgain(c, f, "You already checked in today. Saving this form will change today's check-in to what you see here.")
	} else if err != nil {
		return err
	}
	msg := "Thank you for checking in."
	if in.Private {
		msg += " It is private: only you can see it."
	}
	return s.redirect(c, "/checkins", msg)
}

// checkinAgain shows a check-in form the server could not save as asked,
// filled with what was typed, as the form of today's check-in: a second one
// the same day, or a change sent after the day of the check-in ended.
func (s *Server) checkinAgain(c echo.Context, f *views.Form, msg string) error {
	v, err := s.checkinsView(c, f)
	if err != nil {
		return err
	}
	f.Message = msg
	v.ShowForm = true
	if v.TodayID != "" {
		v.FormAction = "/checkins/" + v.TodayID + "/edit"
	}
	return s.render(c, http.StatusConflict, "Check-ins", views.CheckinsPage(v))
}

func (s *Server) editCheckinForm(c echo.Context) error {
	id := c.Param("id")
	ci, err := s.store.OwnCheckin(c.Request().Context(), scope(c), id)
	if err != nil {
		return err
	}
	if ci.Date != s.today(c).String() {
		return store.ErrNotToday
	}
	return s.page(c, "Change today's check-in", views.CheckinEditPage(id, checkinForm(ci), moodOptions()))
}

func (s *Server) editCheckin(c echo.Context) error {
	id := c.Param("id")
	ctx := c.Request().Context()
	f, in := readCheckin(c)
	if !f.Valid() {
		// Someone else's check-in, or none, is not found before the form
		// is judged.
		if _, err := s.store.OwnCheckin(ctx, scope(c), id); err != nil {
			return err
		}
		return invalid("Change today's check-in", views.CheckinEditPage(id, f, moodOptions()))
	}
	// Not found unless it is the member's own: UpdateCheckin changes only
	// those, and says which it did not find.
	err := s.store.UpdateCheckin(ctx, scope(c), id, s.today(c), in)
	err = formAgain(err, f, func() error {
		return invalid("Change today's check-in", views.CheckinEditPage(id, f, moodOptions()))
	})
	if errors.Is(err, store.ErrNotToday) {
		// The day ended while the form was open: keep what was typed, as today's.
		return s.checkinAgain(c, f, "That check-in was for a day that has ended, so it can no longer be changed. "+
			"What you typed is below: save it as today's check-in.")
	} else if err != nil {
		return err
	}
	return s.redirect(c, "/checkins", "Today's check-in is updated.")
}
