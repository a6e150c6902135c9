package web

import (
	"context"
	"errors"

	"github.com/labstack/echo/v4"

	"mend/internal/seal"
	"mend/internal/store"
)

// dataKeyAtLogin is u's data key, unwrapped with the password just
// verified. A member without one (a new account, an account from before
// keys, or one whose password was reset without the old one) gets a new one
// here, wrapped by that password.
func (s *Server) dataKeyAtLogin(ctx context.Context, u *store.User, password string) (seal.Key, error) {
	sc := store.Scope{UserID: u.ID}
	for range 2 {
		if u.KeyByPassword != "" {
			dk, err := s.hasher.UnwrapKey(ctx, password, u.ID, u.KeyByPassword)
			if !errors.Is(err, seal.ErrOpen) {
				return dk, err
			}
			// Every change of the password wraps the key again, so this
			// is a key the password never wrapped: kept as lost, as after a reset.
			s.log.Warn("data key does not open with the password", "user", u.ID)
			if err := s.store.DropDataKey(ctx, sc); err != nil {
				return seal.Key{}, err
			}
		}
		dk := seal.NewKey()
		w, err := s.hasher.WrapKey(ctx, password, u.ID, dk)
		if err != nil {
			return seal.Key{}, err
		}
		made, err := s.store.CreateDataKeys(ctx, sc, w, "")
		if err != nil || made {
			return dk, err
		}
		// Another login made one meanwhile: use that one.
		if u, err = s.store.UserByID(ctx, u.ID); err != nil {
			return seal.Key{}, err
		}
	}
	return seal.Key{}, errors.New("data key: made and lost twice at once")
}

// keyNotice is what a member logging in is told about their private text:
// after a reset without the old password, that what they kept private
// before cannot be read until they enter their recovery code.
func keyNotice(u *store.User) string {
	if u.KeyLostAt == nil {
		return ""
	}
	return "Your password was reset, so what you kept private before cannot be read until you enter your recovery code " +
		"in Settings, under Private text. Nothing was deleted."
}

// startLogin starts u's login session holding dk, and seals with it what
// u wrote private that is still stored readable (from before keys, or
// written by the operator's commands), in one transaction.
func (s *Server) startLogin(c echo.Context, u *store.User, dk seal.Key) error {
	if err := s.sessions.Login(c.Request(), c.Response(), actorOf(c).sess, u.ID, dk); err != nil {
		return err
	}
	ctx := store.WithDataKey(c.Request().Context(), u.ID, dk)
	n, err := s.store.SealPlainRows(ctx, store.Scope{UserID: u.ID})
	if err != nil {
		return err
	}
	if n > 0 {
		s.log.Info("sealed private items", "user", u.ID, "rows", n)
	}
	return nil
}
