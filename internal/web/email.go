package web

import (
	"context"
	"errors"
	"strings"

	"github.com/labstack/echo/v4"

	"mend/internal/auth"
	"mend/internal/mail"
	"mend/internal/store"
	"mend/views"
)

// send delivers m when mail is on, logging a failure without the address
// or the words.
func (s *Server) send(ctx context.Context, m mail.Message, kind string) error {
	if s.mailer == nil {
		return errors.New("mail is off")
	}
	err := s.mailer.Send(ctx, m)
	if err != nil {
		s.log.Warn("mail not sent", "kind", kind, "err", err)
	}
	return err
}

// mailToken makes a single-use token for userID sent to email, and the link carrying it.
func (s *Server) mailToken(ctx context.Context, userID, purpose, email string) (string, error) {
	token := auth.RandomToken()
	life, path := store.VerifyLifetime, "/email/verify/"
	if purpose == store.TokenReset {
		life, path = store.ResetLifetime, "/password/reset/"
	}
	if err := s.store.CreateEmailToken(ctx, userID, purpose, email, s.sessions.HashToken(token), life); err != nil {
		return "", err
	}
	return s.cfg.BaseURL + path + token, nil
}

// linkToken is the token of a mailed link's URL; "" when it cannot be one.
func linkToken(c echo.Context) string {
	t := c.Param("token")
	if len(t) != 43 {
		return ""
	}
	return t
}

// requestVerification mails the member a link to confirm their address.
func (s *Server) requestVerification(c echo.Context) error {
	u := actorOf(c).user
	if s.mailer == nil {
		return s.redirect(c, "/settings/reminders", "Email is not set up on this server.")
	}
	if u.EmailVerifiedAt != nil {
		return s.redirect(c, "/settings/reminders", "Your address is already confirmed.")
	}
	ctx := c.Request().Context()
	key := auth.Key{Name: "mail:" + u.ID, Limit: auth.AccountLimit}
	if wait, err := s.throttle.Wait(ctx, key); err != nil {
		return err
	} else if wait > 0 {
		return &tooMany{wait: int(wait.Seconds()) + 1}
	}
	if _, err := s.throttle.Fail(ctx, key); err != nil { // every mail counts: a few an hour at most
		return err
	}
	link, err := s.mailToken(ctx, u.ID, store.TokenVerify, u.Email)
	if err != nil {
		return err
	}
	if err := s.send(ctx, mail.Verify(u.Email, link), "verify"); err != nil {
		return s.redirect(c, "/settings/reminders", "The mail could not be sent. Please try again later.")
	}
	return s.redirect(c, "/settings/reminders", "We sent a confirmation link to "+u.Email+". It works for 24 hours.")
}

func (s *Server) verifyForm(c echo.Context) error {
	t := linkToken(c)
	if t == "" {
		return store.ErrNotFound
	}
	if _, err := s.store.OpenEmailToken(c.Request().Context(), store.TokenVerify, s.sessions.HashToken(t)); err != nil {
		return err
	}
	return s.page(c, "Confirm your email address", views.VerifyPage("/email/verify/"+t))
}

func (s *Server) verifyEmail(c echo.Context) error {
	t := linkToken(c)
	if t == "" {
		return store.ErrNotFound
	}
	userID, err := s.store.VerifyEmail(c.Request().Context(), s.sessions.HashToken(t))
	if err != nil {
		return err
	}
	s.log.Info("email verified", "user", userID)
	if u := actorOf(c).user; u != nil {
		return s.redirect(c, "/settings/reminders", "Your address is confirmed.")
	}
	return s.redirect(c, "/login", "Your address is confirmed. You can log in.")
}

func (s *Server) forgotForm(c echo.Context) error {
	return s.page(c, "Forgot your password?", views.ForgotPage(views.NewForm(), s.mailer != nil))
}

// forgot mails a reset link when the address has an account, and answers
// the same either way.
func (s *Server) forgot(c echo.Context) error {
	f := readForm(c, "email")
	if s.mailer == nil {
		return s.forgotForm(c)
	}
	checkEmail(f, "email")
	if !f.Valid() {
		return invalid("Forgot your password?", views.ForgotPage(f, true))
	}
	email := store.NormalizeEmail(f.Get("email"))
	keys := []auth.Key{{Name: "reset:" + email, Limit: auth.AccountLimit}, {Name: "client:" + c.RealIP(), Limit: auth.ClientLimit}}
	ctx := c.Request().Context()
	if wait, err := s.throttle.Wait(ctx, keys...); err != nil {
		return err
	} else if wait > 0 {
		return &tooMany{wait: int(wait.Seconds()) + 1}
	}
	if _, err := s.throttle.Fail(ctx, keys...); err != nil {
		return err
	}
	u, err := s.store.UserByEmail(ctx, email)
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.log.Info("password reset asked", "known", false)
	case err != nil:
		return err
	default:
		s.log.Info("password reset asked", "user", u.ID)
		link, err := s.mailToken(ctx, u.ID, store.TokenReset, u.Email)
		if err != nil {
			return err
		}
		_ = s.send(ctx, mail.Reset(u.Email, link), "reset")
	}
	return s.redirect(c, "/login", "If an account uses that address, we have sent it a link to choose a new password. It works for 30 minutes.")
}

func (s *Server) resetForm(c echo.Context) error {
	t := linkToken(c)
	if t == "" {
		return store.ErrNotFound
	}
	if _, err := s.store.OpenEmailToken(c.Request().Context(), store.TokenReset, s.sessions.HashToken(t)); err != nil {
		return err
	}
	return s.page(c, "Choose a new password", views.ResetPage(views.NewForm(), "/password/reset/"+t))
}

func (s *Server) resetPassword(c echo.Context) error {
	t := linkToken(c)
	if t == "" {
		return store.ErrNotFound
	}
	ctx := c.Request().Context()
	hash := s.sessions.HashToken(t)
	if _, err := s.store.OpenEmailToken(ctx, store.TokenReset, hash); err != nil {
		return err
	}
	f := readForm(c, "password")
	if msg := auth.CheckPassword(f.Get("password")); msg != "" {
		f.Fail("password", msg)
		return invalid("Choose a new password", views.ResetPage(f, "/password/reset/"+t))
	}
	pw, err := s.hasher.Hash(ctx, f.Get("password"))
	if err != nil {
		return err
	}
	keep, keyFor, wrapped := "", "", ""
	if a := actorOf(c); a.sess != nil {
		keep = a.sess.ID
		if dk, ok := auth.DataKey(a.sess); ok && a.user != nil {
			// Logged in: the key is at hand and is wrapped by the new password.
			keyFor = a.user.ID
			if wrapped, err = s.hasher.WrapKey(ctx, f.Get("password"), a.user.ID, dk); err != nil {
				return err
			}
		}
	}
	userID, err := s.store.ResetPassword(ctx, hash, pw, keep, keyFor, wrapped)
	if err != nil {
		return err
	}
	s.log.Info("password reset", "user", userID)
	if u := actorOf(c).user; u != nil && u.ID == userID {
		return s.redirect(c, "/", "Your password is changed. Your other devices were logged out.")
	}
	return s.redirect(c, "/login", "Your password is changed and every device was logged out. Log in with your new password.")
}

// signupByMail is sign-up when mail is on: it says the same whether or not
// the address already has an account, and mails its owner either way.
func (s *Server) signupByMail(c echo.Context, u *store.User) error {
	ctx := c.Request().Context()
	err := s.store.CreateUser(ctx, u)
	switch {
	case errors.Is(err, store.ErrConflict):
		s.log.Info("signup for a known address")
		_ = s.send(ctx, mail.AlreadyRegistered(store.NormalizeEmail(u.Email), s.cfg.BaseURL), "registered")
	case err != nil:
		return err
	default:
		s.log.Info("signup", "user", u.ID)
		link, err := s.mailToken(ctx, u.ID, store.TokenVerify, u.Email)
		if err != nil {
			return err
		}
		_ = s.send(ctx, mail.Verify(u.Email, link), "verify")
	}
	return s.redirect(c, "/login", "We sent a mail to "+strings.TrimSpace(u.Email)+". Open the link in it to confirm your address, then log in.")
}

// HashToken is the keyed hash under which a token of a link is stored, for
// tests that make such links without a mail server.
func (s *Server) HashToken(token string) string { return s.sessions.HashToken(token) }
