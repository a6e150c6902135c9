package web

import (
	"github.com/labstack/echo/v4"

	"mend/views"
)

// deleteAccountForm asks for the password before deleting the account,
// and offers the export first.
func (s *Server) deleteAccountForm(c echo.Context) error {
	return s.page(c, "Delete your account", views.DeleteAccountPage(scope(c).SpaceID != "", views.NewForm()))
}

// deleteAccount deletes the account and everything its member wrote,
// once the password is given (throttled as any re-entry of it). The
// member leaves their space first, as they would by leaving it.
func (s *Server) deleteAccount(c echo.Context) error {
	a := actorOf(c)
	ctx := c.Request().Context()
	f := readForm(c, "password")
	if wait, err := s.checkCurrentPassword(c, f, "password", "to delete your account"); err != nil {
		return err
	} else if wait > 0 {
		return &tooMany{wait: wait}
	}
	if !f.Valid() {
		delete(f.Values, "password")
		return invalid("Delete your account", views.DeleteAccountPage(scope(c).SpaceID != "", f))
	}
	if err := s.store.DeleteAccount(ctx, a.user.ID); err != nil {
		return err
	}
	// The account's login sessions went with it; this clears the cookie.
	if err := s.sessions.Logout(c.Request(), c.Response(), a.sess); err != nil {
		s.log.Warn("clear cookie after account deletion", "err", err)
	}
	s.log.Info("account deleted", "user", a.user.ID)
	return s.redirect(c, "/", "Your account and everything you wrote are deleted.")
}
