package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"mend/internal/auth"
	"mend/internal/store"
	"mend/views"
)

func (s *Server) signupForm(c echo.Context) error {
	next := safeNext(c.QueryParam("next"))
	if actorOf(c).user != nil {
		return s.redirect(c, orHome(next), "")
	}
	mode, err := s.signupMode(c, next)
	if err != nil {
		return err
	}
	f := views.NewForm()
	f.Values["time_zone"] = "UTC"
	return s.page(c, "Create your account", views.SignupPage(f, zoneOptions(), next, mode))
}

func (s *Server) signup(c echo.Context) error {
	f := readForm(c, "name", "email", "password", "time_zone")
	next := safeNext(c.FormValue("next"))
	if actorOf(c).user != nil { // already logged in: nothing to do
		return s.redirect(c, orHome(next), "")
	}
	mode, err := s.signupMode(c, next)
	if err != nil {
		return err
	}
	if !mode.Allowed {
		s.log.Info("signup refused", "mode", s.cfg.Signup)
		return s.render(c, http.StatusForbidden, "Create your account", views.SignupPage(views.NewForm(), zoneOptions(), next, mode))
	}
	checkText(f, "name", "Your name", true, 60)
	checkEmail(f, "email")
	if msg := auth.CheckPassword(f.Get("password")); msg != "" {
		f.Fail("password", msg)
	}
	checkZone(f, "time_zone")
	again := func() error { return invalid("Create your account", views.SignupPage(f, zoneOptions(), next, mode)) }
	if !f.Valid() {
		return again()
	}
	hash, err := s.hasher.Hash(c.Request().Context(), f.Get("password"))
	if err != nil {
		return err
	}
	u := &store.User{Name: f.Get("name"), Email: f.Get("email"), PasswordHash: hash, TimeZone: f.Get("time_zone")}
	if err := s.store.CreateUser(c.Request().Context(), u); errors.Is(err, store.ErrConflict) {
		f.Fail("email", "An account with this email already exists. Log in instead, or use another address.")
		return again()
	} else if err != nil {
		return err
	}
	s.log.Info("signup", "user", u.ID)
	if err := s.sessions.Login(c.Request(), c.Response(), actorOf(c).sess, u.ID); err != nil {
		return err
	}
	return s.redirect(c, orHome(next), "Welcome to Mend, "+u.Name+".")
}

func (s *Server) loginForm(c echo.Context) error {
	next := safeNext(c.QueryParam("next"))
	if actorOf(c).user != nil {
		return s.redirect(c, orHome(next), "")
	}
	return s.page(c, "Log in", views.LoginPage(views.NewForm(), next, ""))
}

// login checks the password in about the same time whether or not the
// account exists, and says the same thing either way.
func (s *Server) login(c echo.Context) error {
	f := readForm(c, "email", "password")
	next := safeNext(c.FormValue("next"))
	if actorOf(c).user != nil {
		return s.redirect(c, orHome(next), "")
	}
	email := store.NormalizeEmail(f.Get("email"))
	keys := []auth.Key{{Name: "account:" + email, Limit: auth.AccountLimit}, {Name: "client:" + c.RealIP(), Limit: auth.ClientLimit}}
	if wait := s.throttle.Wait(keys...); wait > 0 {
		s.log.Warn("login throttled", "ip", c.RealIP())
		return &tooMany{wait: int(wait/time.Second) + 1}
	}
	ctx := c.Request().Context()
	hash := ""
	u, err := s.store.UserByEmail(ctx, email)
	switch {
	case err == nil:
		hash = u.PasswordHash
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	password := f.Get("password")
	if len(password) > auth.MaxPasswordBytes {
		hash, password = "", "" // still spend the time of one hash
	}
	ok, err := s.hasher.Verify(ctx, hash, password)
	if err != nil {
		return err
	}
	if !ok {
		s.throttle.Fail(keys...)
		s.log.Info("login failed", "ip", c.RealIP())
		f.Message = "That email and password don't match an account. Check them and try again."
		return invalid("Log in", views.LoginPage(f, next, ""))
	}
	s.throttle.Reset(keys[0])
	if u.TOTPSecret != "" {
		return s.askForCode(c, u, next)
	}
	if err := s.sessions.Login(c.Request(), c.Response(), actorOf(c).sess, u.ID); err != nil {
		return err
	}
	s.log.Info("login", "user", u.ID)
	return s.redirect(c, orHome(next), "")
}

func (s *Server) logout(c echo.Context) error {
	a := actorOf(c)
	if err := s.sessions.Logout(c.Request(), c.Response(), a.sess); err != nil {
		return err
	}
	s.log.Info("logout", "user", a.user.ID)
	return s.redirect(c, "/login", "You have logged out.")
}

func orHome(next string) string {
	if next == "" {
		return "/"
	}
	return next
}

// healthz answers without touching the database: it says the process serves.
func (s *Server) healthz(c echo.Context) error {
	return c.String(http.StatusOK, "ok\n")
}
