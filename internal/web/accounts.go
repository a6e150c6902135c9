package web

import (
	"context"
	"errors"
	"net/http"

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
	// Every sign-up from an address counts, before the costly hash: a
	// flood from one address waits, and cannot fill the database. Each
	// attempt is counted and judged by its own count, which holds the limit
	// exactly under concurrent posts; attempts while refused prolong the wait.
	ctx := c.Request().Context()
	key := auth.Key{Name: "signup:" + c.RealIP(), Limit: auth.SignupLimit(s.cfg.SignupsPerAddress)}
	if wait, err := s.throttle.Fail(ctx, key); err != nil {
		return err
	} else if wait > 0 {
		s.log.Warn("signup throttled", "ip", c.RealIP())
		return waitFor(wait, "too many new accounts from your network")
	}
	hash, err := s.hasher.Hash(ctx, f.Get("password"))
	if err != nil {
		return err
	}
	u := &store.User{Name: f.Get("name"), Email: f.Get("email"), PasswordHash: hash, TimeZone: f.Get("time_zone")}
	if s.mailer != nil {
		return s.signupByMail(c, u)
	}
	if err := s.store.CreateUser(ctx, u); errors.Is(err, store.ErrConflict) {
		f.Fail("email", "An account with this email already exists. Log in instead, or use another address.")
		return again()
	} else if err != nil {
		return err
	}
	s.log.Info("signup", "user", u.ID)
	dk, err := s.dataKeyAtLogin(ctx, u, f.Get("password"))
	if err != nil {
		return err
	}
	if err := s.startLogin(c, u, dk); err != nil {
		return err
	}
	return s.redirect(c, orHome(next), "Welcome to Mend, "+u.Name+". What you keep private is sealed with your password: "+
		"make a recovery code in Settings, under Private text, so that a forgotten password does not lock it away.")
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
	if !f.Valid() { // characters no account's email holds
		return invalid("Log in", views.LoginPage(f, next, ""))
	}
	email := store.NormalizeEmail(f.Get("email"))
	keys := []auth.Key{{Name: "account:" + email, Limit: auth.AccountLimit}, {Name: "client:" + c.RealIP(), Limit: auth.ClientLimit}}
	ctx := c.Request().Context()
	if wait, err := s.throttle.Wait(ctx, keys...); err != nil {
		return err
	} else if wait > 0 {
		s.log.Warn("login throttled", "ip", c.RealIP())
		return waitFor(wait, "")
	}
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
		if _, err := s.throttle.Fail(ctx, keys...); err != nil {
			return err
		}
		s.log.Info("login failed", "ip", c.RealIP())
		f.Message = "That email and password don't match an account. Check them and try again."
		return invalid("Log in", views.LoginPage(f, next, ""))
	}
	s.rehash(ctx, u, password)
	if err := s.throttle.Reset(ctx, keys[0]); err != nil {
		return err
	}
	dk, err := s.dataKeyAtLogin(ctx, u, password)
	if err != nil {
		return err
	}
	if u.TOTPSecret != "" {
		return s.askForCode(c, u, next, dk)
	}
	if err := s.startLogin(c, u, dk); err != nil {
		return err
	}
	s.log.Info("login", "user", u.ID)
	return s.redirect(c, orHome(next), keyNotice(u))
}

// rehash stores a new hash of the password just verified when the stored
// one was made with other costs than the hasher's: raising the costs reaches
// every account at its next login. A failure is logged, never refused: the
// login itself succeeded, and the next one tries again.
func (s *Server) rehash(ctx context.Context, u *store.User, password string) {
	if !s.hasher.NeedsRehash(u.PasswordHash) {
		return
	}
	hash, err := s.hasher.Hash(ctx, password)
	if err == nil {
		err = s.store.ReplacePasswordHash(ctx, store.Scope{UserID: u.ID}, u.PasswordHash, hash)
	}
	if err != nil {
		s.log.Warn("password rehash", "user", u.ID, "err", err)
		return
	}
	s.log.Info("password rehashed", "user", u.ID)
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
