package web

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"mend/internal/progress"
	"mend/internal/store"
	"mend/views"
)

const feedCookie = "mend_feed"

// reminderForm fills the settings form from r.
func reminderForm(r store.ReminderSettings) *views.Form {
	f := views.NewForm()
	on := func(name string, b bool) {
		if b {
			f.Values[name] = "1"
		}
	}
	on("summary_on", r.SummaryOn)
	on("checkin_on", r.CheckinOn)
	on("quiet_on", r.QuietOn)
	on("email_on", r.EmailOn)
	on("feed_titles", r.FeedTitles)
	f.Values["summary_hour"] = itoa(r.SummaryHour)
	f.Values["checkin_hour"] = itoa(r.CheckinHour)
	f.Values["quiet_from"] = itoa(r.QuietFrom)
	f.Values["quiet_to"] = itoa(r.QuietTo)
	f.Values["checkin_days"] = progress.Weekdays(r.CheckinDays).String()
	if r.ReflectionDay >= 0 {
		f.Values["reflection_day"] = progress.WeekdaysOf(time.Weekday(r.ReflectionDay)).String()
	}
	return f
}

// remindersView builds the page around f.
func (s *Server) remindersView(c echo.Context, f *views.Form) (views.RemindersView, error) {
	u := actorOf(c).user
	v := views.RemindersView{Form: f, Hours: views.HourOptions(), Days: views.ReflectionDayOptions(),
		MailOn: s.mailer != nil, Email: u.Email, Verified: u.EmailVerifiedAt != nil}
	feed, err := s.store.CalendarFeed(c.Request().Context(), scope(c))
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return v, err
	default:
		v.Feed = &views.FeedView{Created: views.DayTime(feed.CreatedAt.In(u.Location()))}
		if ck := s.cookie(c, feedCookie); ck != "" {
			var link struct{ ID, URL string }
			if s.inviteCodec().Decode(feedCookie, ck, &link) == nil && link.ID == feed.ID {
				v.Feed.URL = link.URL
			}
			s.clearCookie(c, feedCookie)
		}
	}
	return v, nil
}

func (s *Server) reminders(c echo.Context) error {
	r, err := s.store.Reminders(c.Request().Context(), scope(c))
	if err != nil {
		return err
	}
	v, err := s.remindersView(c, reminderForm(r))
	if err != nil {
		return err
	}
	return s.page(c, "Reminders", views.RemindersPage(v))
}

func (s *Server) saveReminders(c echo.Context) error {
	f := readForm(c, "summary_on", "summary_hour", "checkin_on", "checkin_hour", "reflection_day",
		"quiet_on", "quiet_from", "quiet_to", "email_on", "feed_titles")
	f.Values["checkin_days"] = strings.Join(c.Request().Form["checkin_days"], ",")
	r := store.DefaultReminders(scope(c).UserID)
	r.SummaryOn, r.CheckinOn, r.QuietOn = f.Get("summary_on") != "", f.Get("checkin_on") != "", f.Get("quiet_on") != ""
	r.EmailOn, r.FeedTitles = f.Get("email_on") != "", f.Get("feed_titles") != ""
	hour := func(name string, p *int) {
		n, err := strconv.Atoi(f.Get(name))
		if err != nil || n < 0 || n > 23 {
			f.Fail(name, "Please choose an hour from the list.")
			return
		}
		*p = n
	}
	hour("summary_hour", &r.SummaryHour)
	hour("checkin_hour", &r.CheckinHour)
	hour("quiet_from", &r.QuietFrom)
	hour("quiet_to", &r.QuietTo)
	if days := f.Get("checkin_days"); days != "" {
		ws, err := progress.ParseWeekdays(days)
		if err != nil {
			f.Fail("checkin_days", "Please choose days from the list.")
		}
		r.CheckinDays = int(ws)
	}
	if r.CheckinOn && r.CheckinDays == 0 {
		f.Fail("checkin_days", "Please choose at least one day for the check-in reminder.")
	}
	if d := f.Get("reflection_day"); d != "" {
		ws, err := progress.ParseWeekdays(d)
		if err != nil || ws.Len() != 1 {
			f.Fail("reflection_day", "Please choose a day from the list.")
		} else {
			for w := range 7 {
				if ws.Has(time.Weekday(w)) {
					r.ReflectionDay = w
				}
			}
		}
	}
	if r.QuietOn && r.QuietFrom == r.QuietTo {
		f.Fail("quiet_to", "Quiet hours need to end at another hour than they begin.")
	}
	if !f.Valid() {
		v, err := s.remindersView(c, f)
		if err != nil {
			return err
		}
		return invalid("Reminders", views.RemindersPage(v))
	}
	if err := s.store.SaveReminders(c.Request().Context(), scope(c), r); err != nil {
		return err
	}
	msg := "Your reminders are saved."
	if r.EmailOn && (r.SummaryOn || r.CheckinOn) {
		switch u := actorOf(c).user; {
		case s.mailer == nil:
			msg += " Email is not set up on this server, so none will be sent."
		case u.EmailVerifiedAt == nil:
			msg += " Confirm your address to receive them by mail."
		}
	}
	return s.redirect(c, "/settings/reminders", msg)
}

// newFeed makes the member's calendar feed, or a new address for it: the
// old one stops working at once.
func (s *Server) newFeed(c echo.Context) error {
	token := randomToken128()
	feed, err := s.store.NewCalendarFeed(c.Request().Context(), scope(c), s.sessions.HashToken(token))
	if err != nil {
		return err
	}
	link := struct{ ID, URL string }{feed.ID, s.cfg.BaseURL + "/calendar/" + token + ".ics"}
	v, err := s.inviteCodec().Encode(feedCookie, link)
	if err != nil {
		return err
	}
	s.setCookie(c, feedCookie, v, 300)
	s.log.Info("calendar feed made", "user", scope(c).UserID)
	return s.redirect(c, "/settings/reminders", "Your calendar feed is ready. Copy its address now: it is shown only once.")
}

func (s *Server) revokeFeed(c echo.Context) error {
	if err := s.store.RevokeCalendarFeed(c.Request().Context(), scope(c)); err != nil {
		return err
	}
	s.log.Info("calendar feed revoked", "user", scope(c).UserID)
	return s.redirect(c, "/settings/reminders", "Your calendar feed is off. Its address no longer works.")
}
