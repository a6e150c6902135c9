package web

import (
	"errors"
	"strings"

	"github.com/labstack/echo/v4"

	"mend/internal/config"
	"mend/internal/store"
	"mend/views"
)

// signupMode decides whether this visitor may create an account, following
// the installation's sign-up mode, and says which rule applies. next is the
// page the visitor comes back to: /join/TOKEN when they hold an invitation.
func (s *Server) signupMode(c echo.Context, next string) (views.SignupMode, error) {
	if s.cfg.Signup == config.SignupClosed {
		return views.SignupMode{
			Notice: "Sign-up here is closed. Whoever runs this installation creates accounts with the command mend user add; ask them for one."}, nil
	}
	ctx := c.Request().Context()
	// Whatever the mode, someone holding an invitation is told, on every
	// load of the page, who invited them and to which space.
	if token, ok := strings.CutPrefix(next, "/join/"); ok && len(token) >= 40 && len(token) <= 64 {
		info, err := s.store.InvitationByToken(ctx, s.sessions.HashToken(token))
		switch {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			return views.SignupMode{}, err
		case store.InvitationProblem(&info.Invitation, s.now()) == "":
			return views.SignupMode{Allowed: true,
				Notice: info.InviterName + " invited you to join " + info.SpaceName + ". Create your account to accept, or log in if you already have one."}, nil
		}
	}
	if s.cfg.Signup == config.SignupOpen {
		return views.SignupMode{Allowed: true,
			Notice: "Sign-up here is open: anyone who can reach this site can create an account."}, nil
	}
	n, err := s.store.CountUsers(ctx)
	if err != nil {
		return views.SignupMode{}, err
	}
	if n == 0 {
		return views.SignupMode{Allowed: true,
			Notice: "This installation has no accounts yet: yours will be the first. After it, only someone holding an invitation to a space can sign up."}, nil
	}
	return views.SignupMode{
		Notice: "Sign-up here is by invitation only. Ask your partner for the invitation link to their space and open it to create your account."}, nil
}
