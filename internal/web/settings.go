package web

import (
	"errors"

	"github.com/labstack/echo/v4"

	"mend/internal/auth"
	"mend/internal/store"
	"mend/views"
)

func (s *Server) profileForm(u *store.User) *views.Form {
	f := views.NewForm()
	f.Values["name"], f.Values["email"], f.Values["time_zone"] = u.Name, u.Email, u.TimeZone
	return f
}

func (s *Server) settings(c echo.Context) error {
	return s.page(c, "Settings", views.SettingsPage(s.profileForm(actorOf(c).user), zoneOptions(), views.NewForm()))
}

// checkProfile checks a profile: name, email and time zone.
func checkProfile(f *views.Form) {
	checkText(f, "name", "Your name", true, 60)
	checkEmail(f, "email")
	checkZone(f, "time_zone")
}

// updateProfile saves the name, email and time zone. The email is the
// login, so changing it takes the current password, is logged as an account
// event, and logs out the account's other devices.
func (s *Server) updateProfile(c echo.Context) error {
	a := actorOf(c)
	f := readForm(c, "name", "email", "time_zone", "current_password")
	checkProfile(f)
	again := func() error {
		delete(f.Values, "current_password") // never sent back to the browser
		return invalid("Settings", views.SettingsPage(f, zoneOptions(), views.NewForm()))
	}
	ctx := c.Request().Context()
	emailChanged := store.NormalizeEmail(f.Get("email")) != a.user.Email
	if emailChanged && f.Valid() {
		if wait, err := s.checkCurrentPassword(c, f, "current_password", "to change your email"); err != nil {
			return err
		} else if wait > 0 {
			return &tooMany{wait: wait}
		}
	}
	if !f.Valid() {
		return again()
	}
	err := s.store.UpdateProfile(ctx, scope(c), store.Profile{Name: f.Get("name"), Email: f.Get("email"), TimeZone: f.Get("time_zone")})
	if errors.Is(err, store.ErrConflict) {
		f.Fail("email", "Another account already uses this email address.")
		return again()
	} else if err != nil {
		return err
	}
	msg := "Your profile is saved."
	if emailChanged {
		n, err := s.store.EndOtherLoginSessions(ctx, scope(c), a.sess.ID)
		if err != nil {
			return err
		}
		s.log.Info("email changed", "user", a.user.ID, "sessions_ended", n)
		if n > 0 {
			msg += " Your other devices were logged out."
		}
	}
	return s.redirect(c, "/settings", msg)
}

// checkCurrentPassword checks the current password given in field of f, and
// fails that field when it is missing or wrong. Failures are throttled by
// the login session, never by the email address, so that strangers guessing
// at the address cannot lock the owner out of their own settings. It returns
// the seconds to wait when throttled.
func (s *Server) checkCurrentPassword(c echo.Context, f *views.Form, field, purpose string) (int, error) {
	a := actorOf(c)
	password := f.Get(field)
	if password == "" {
		f.Fail(field, "Enter your current password "+purpose+".")
		return 0, nil
	}
	key := reentryKey(c)
	if wait, err := s.throttle.Wait(c.Request().Context(), key); err != nil {
		return 0, err
	} else if wait > 0 {
		return int(wait.Seconds()) + 1, nil
	}
	if len(password) > auth.MaxPasswordBytes {
		password = "" // never hash an unbounded input; an empty password never matches
	}
	ok, err := s.hasher.Verify(c.Request().Context(), a.user.PasswordHash, password)
	if err != nil {
		return 0, err
	}
	if !ok {
		if _, err := s.throttle.Fail(c.Request().Context(), key); err != nil {
			return 0, err
		}
		f.Fail(field, "This is not your current password.")
	}
	return 0, nil
}

func (s *Server) changePassword(c echo.Context) error {
	u := actorOf(c).user
	f := readForm(c, "current", "password")
	again := func() error {
		return invalid("Settings", views.SettingsPage(s.profileForm(u), zoneOptions(), f))
	}
	ctx := c.Request().Context()
	key := reentryKey(c)
	if wait, err := s.throttle.Wait(ctx, key); err != nil {
		return err
	} else if wait > 0 {
		return waitFor(wait, "too many wrong passwords")
	}
	ok, err := s.hasher.Verify(ctx, u.PasswordHash, f.Get("current"))
	if err != nil {
		return err
	}
	if !ok {
		if _, err := s.throttle.Fail(ctx, key); err != nil {
			return err
		}
		f.Fail("current", "This is not your current password.")
	}
	if msg := auth.CheckPassword(f.Get("password")); msg != "" {
		f.Fail("password", msg)
	}
	if !f.Valid() {
		return again()
	}
	hash, err := s.hasher.Hash(ctx, f.Get("password"))
	if err != nil {
		return err
	}
	// The data key is wrapped again by the new password; nothing is re-encrypted.
	dk, _ := auth.DataKey(actorOf(c).sess) // a logged-in actor has it (loadActor)
	wrapped, err := s.hasher.WrapKey(ctx, f.Get("password"), u.ID, dk)
	if err != nil {
		return err
	}
	if err := s.store.SetPassword(ctx, scope(c), hash, wrapped); err != nil {
		return err
	}
	n, err := s.store.EndOtherLoginSessions(ctx, scope(c), actorOf(c).sess.ID)
	if err != nil {
		return err
	}
	s.log.Info("password changed", "user", u.ID, "sessions_ended", n)
	msg := "Your password is changed."
	if n > 0 {
		msg += " Your other devices were logged out."
	}
	return s.redirect(c, "/settings", msg)
}

func (s *Server) loginSessions(c echo.Context) error {
	a := actorOf(c)
	list, err := s.store.LoginSessions(c.Request().Context(), scope(c))
	if err != nil {
		return err
	}
	loc := a.user.Location()
	views_ := make([]views.SessionView, len(list))
	for i, ls := range list {
		views_[i] = views.SessionView{ID: ls.ID, Device: ls.UserAgent, Started: views.DayTime(ls.CreatedAt.In(loc)),
			LastSeen: views.DayTime(ls.LastSeenAt.In(loc)), IsCurrent: ls.ID == a.sess.ID}
		if views_[i].Device == "" {
			views_[i].Device = "A browser"
		}
	}
	return s.page(c, "Where you're logged in", views.SessionsPage(views_))
}

func (s *Server) endLoginSessions(c echo.Context) error {
	a := actorOf(c)
	ctx := c.Request().Context()
	if c.FormValue("others") != "" {
		n, err := s.store.EndOtherLoginSessions(ctx, scope(c), a.sess.ID)
		if err != nil {
			return err
		}
		return s.redirect(c, "/settings/sessions", "Logged out "+plural(int(n), "other session", "other sessions")+".")
	}
	id := c.FormValue("session")
	if !store.ValidID(id) {
		return store.ErrNotFound
	}
	if err := s.store.EndLoginSession(ctx, scope(c), id); err != nil {
		return err
	}
	if id == a.sess.ID {
		return s.redirect(c, "/login", "You have logged out.")
	}
	return s.redirect(c, "/settings/sessions", "That session is logged out.")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}

// reentryKey is what a logged-in member's re-entered password is throttled
// by: their own login session. Failed logins for their email address, which
// anyone can cause, never stop them from leaving or changing the password.
func reentryKey(c echo.Context) auth.Key {
	return auth.Key{Name: "session:" + actorOf(c).sess.ID, Limit: auth.SessionLimit}
}
