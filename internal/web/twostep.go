package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"image/png"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/labstack/echo/v4"

	"mend/internal/auth"
	"mend/internal/seal"
	"mend/internal/store"
	"mend/views"
)

// twoStepCookie carries a login waiting for its second step: who gave the
// right password, when, and where to go after. It is signed and encrypted,
// and visitors have no server-side session to keep it in.
const twoStepCookie = "mend_twostep"

// twoStepWindow is how long the code may follow the password.
const twoStepWindow = 5 * time.Minute

// halfLogin is what twoStepCookie holds.
type halfLogin struct {
	UserID string
	At     int64
	Next   string
	// DataKey is the member's data key, unwrapped with the password: the
	// cookie is encrypted with a key of the server's, and lives minutes.
	DataKey []byte
}

func (s *Server) twoStepCodec() *securecookie.SecureCookie {
	return securecookie.New(derive(s.flashKey, "twostep-hash"), derive(s.flashKey, "twostep-block")).MaxAge(int(twoStepWindow / time.Second))
}

// sealer encrypts TOTP secrets with a key of their own, derived from the
// server's secret.
func (s *Server) sealer() *auth.Sealer {
	sl, err := auth.NewSealer(derive(s.flashKey, "totp-secret"))
	if err != nil {
		panic(err) // a 32-byte key always makes a cipher
	}
	return sl
}

func (s *Server) recoveryKey() []byte { return derive(s.flashKey, "recovery-codes") }

// askForCode is the end of a correct password for an account with two-step
// login: the session remembers who is half logged in, and the browser is
// asked for the code.
func (s *Server) askForCode(c echo.Context, u *store.User, next string, dk seal.Key) error {
	v, err := s.twoStepCodec().Encode(twoStepCookie, halfLogin{UserID: u.ID, At: s.now().Unix(), Next: next, DataKey: dk[:]})
	if err != nil {
		return err
	}
	s.setCookie(c, twoStepCookie, v, int(twoStepWindow/time.Second))
	return s.redirect(c, "/login/code", "")
}

// pendingLogin is the account waiting for its code, or nil.
func (s *Server) pendingLogin(c echo.Context) (*store.User, string, seal.Key, error) {
	v := s.cookie(c, twoStepCookie)
	if v == "" {
		return nil, "", seal.Key{}, nil
	}
	var h halfLogin
	if s.twoStepCodec().Decode(twoStepCookie, v, &h) != nil || h.UserID == "" ||
		s.now().Sub(time.Unix(h.At, 0)) > twoStepWindow {
		return nil, "", seal.Key{}, nil
	}
	dk, ok := seal.KeyFrom(h.DataKey)
	if !ok {
		return nil, "", seal.Key{}, nil
	}
	u, err := s.store.UserByID(c.Request().Context(), h.UserID)
	if errors.Is(err, store.ErrNotFound) || err == nil && u.TOTPSecret == "" {
		return nil, "", seal.Key{}, nil
	}
	return u, safeNext(h.Next), dk, err
}

// checkSecondFactor spends a code: a TOTP code of a step not used before,
// or an unused recovery code.
func (s *Server) checkSecondFactor(ctx context.Context, u *store.User, code string) (bool, error) {
	compact := strings.Join(strings.Fields(code), "")
	if len(compact) == 6 && strings.Trim(compact, "0123456789") == "" {
		secret, err := s.sealer().Open(u.TOTPSecret)
		if err != nil {
			// The server's secret key changed since the secret was sealed.
			s.log.Error("two-step secret unreadable", "user", u.ID)
			return false, store.Conflict("Your two-step login cannot be checked on this server. Ask whoever runs this installation to run mend user reset-2fa for you.")
		}
		step, ok := auth.CheckTOTP(secret, compact, s.now(), u.TOTPLastStep)
		if !ok {
			return false, nil
		}
		return s.store.AcceptTOTPStep(ctx, u.ID, step)
	}
	if compact == "" {
		return false, nil
	}
	return s.store.UseRecoveryCode(ctx, u.ID, auth.HashRecoveryCode(s.recoveryKey(), compact))
}

func (s *Server) loginCodeForm(c echo.Context) error {
	if actorOf(c).user != nil {
		return s.redirect(c, "/", "")
	}
	u, _, _, err := s.pendingLogin(c)
	if err != nil {
		return err
	}
	if u == nil {
		return s.redirect(c, "/login", "")
	}
	return s.page(c, "Enter your code", views.LoginCodePage(views.NewForm()))
}

func (s *Server) loginCode(c echo.Context) error {
	if actorOf(c).user != nil {
		return s.redirect(c, "/", "")
	}
	u, next, dk, err := s.pendingLogin(c)
	if err != nil {
		return err
	}
	if u == nil {
		return s.redirect(c, "/login", "That took too long. Please log in again.")
	}
	ctx := c.Request().Context()
	keys := []auth.Key{{Name: "account:" + u.Email, Limit: auth.AccountLimit}, {Name: "client:" + c.RealIP(), Limit: auth.ClientLimit}}
	if wait, err := s.throttle.Wait(ctx, keys...); err != nil {
		return err
	} else if wait > 0 {
		s.log.Warn("login code throttled", "ip", c.RealIP())
		return &tooMany{wait: int(wait/time.Second) + 1}
	}
	f := readForm(c, "code")
	ok, err := s.checkSecondFactor(ctx, u, f.Get("code"))
	if err != nil {
		return err
	}
	if !ok {
		if _, err := s.throttle.Fail(ctx, keys...); err != nil {
			return err
		}
		s.log.Info("login code failed", "ip", c.RealIP())
		f.Message = "That code doesn't work. Codes change every 30 seconds and each works once: enter the one your app shows now."
		return invalid("Enter your code", views.LoginCodePage(f))
	}
	if err := s.throttle.Reset(ctx, keys[0]); err != nil {
		return err
	}
	s.clearCookie(c, twoStepCookie)
	if err := s.startLogin(c, u, dk); err != nil {
		return err
	}
	s.log.Info("login", "user", u.ID, "two_step", true)
	return s.redirect(c, orHome(next), keyNotice(u))
}

// setupView makes the setup page for secret.
func (s *Server) setupView(u *store.User, secret string, f *views.Form) (views.TwoStepSetupView, error) {
	key, err := auth.TOTPKeyFromSecret(u.Email, secret)
	if err != nil {
		return views.TwoStepSetupView{}, err
	}
	img, err := key.Image(200, 200)
	if err != nil {
		return views.TwoStepSetupView{}, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return views.TwoStepSetupView{}, err
	}
	return views.TwoStepSetupView{QR: "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()),
		Secret: secret, Pending: s.sealer().Seal(secret), Form: f}, nil
}

func (s *Server) twoStep(c echo.Context) error {
	u := actorOf(c).user
	if u.TOTPSecret != "" {
		n, err := s.store.RecoveryCodesLeft(c.Request().Context(), u.ID)
		if err != nil {
			return err
		}
		return s.page(c, "Two-step login", views.TwoStepOnPage(int(n), views.NewForm()))
	}
	key, err := auth.NewTOTPKey(u.Email)
	if err != nil {
		return err
	}
	v, err := s.setupView(u, key.Secret(), views.NewForm())
	if err != nil {
		return err
	}
	return s.page(c, "Two-step login", views.TwoStepSetupPage(v))
}

func (s *Server) enableTwoStep(c echo.Context) error {
	u := actorOf(c).user
	if u.TOTPSecret != "" {
		return s.redirect(c, "/settings/two-step", "Two-step login is already on.")
	}
	f := readForm(c, "code")
	secret, err := s.sealer().Open(c.FormValue("pending"))
	if err != nil {
		return store.Conflict("This form has expired. Open the two-step login page again.")
	}
	step, ok := auth.CheckTOTP(secret, f.Get("code"), s.now(), 0)
	if !ok {
		f.Fail("code", "That code doesn't match. Check that the app shows Mend's code and enter the one it shows now.")
		v, err := s.setupView(u, secret, f)
		if err != nil {
			return err
		}
		return invalid("Two-step login", views.TwoStepSetupPage(v))
	}
	codes := auth.NewRecoveryCodes()
	hashes := make([]string, len(codes))
	for i, code := range codes {
		hashes[i] = auth.HashRecoveryCode(s.recoveryKey(), code)
	}
	if err := s.store.EnableTwoStep(c.Request().Context(), scope(c), s.sealer().Seal(secret), step, hashes); err != nil {
		return err
	}
	s.log.Info("two-step login on", "user", u.ID)
	return s.render(c, http.StatusOK, "Two-step login is on", views.TwoStepCodesPage(codes))
}

func (s *Server) disableTwoStep(c echo.Context) error {
	u := actorOf(c).user
	if u.TOTPSecret == "" {
		return s.redirect(c, "/settings", "Two-step login is off.")
	}
	ctx := c.Request().Context()
	f := readForm(c, "password", "code")
	key := auth.Key{Name: "account:" + u.Email, Limit: auth.AccountLimit}
	if wait, err := s.throttle.Wait(ctx, key); err != nil {
		return err
	} else if wait > 0 {
		return &tooMany{wait: int(wait/time.Second) + 1}
	}
	ok, err := s.hasher.Verify(ctx, u.PasswordHash, f.Get("password"))
	if err != nil {
		return err
	}
	if !ok {
		f.Fail("password", "This is not your password.")
	} else if ok, err = s.checkSecondFactor(ctx, u, f.Get("code")); err != nil {
		return err
	} else if !ok {
		f.Fail("code", "That code doesn't work. Enter the one your app shows now, or an unused recovery code.")
	}
	if !f.Valid() {
		if _, err := s.throttle.Fail(ctx, key); err != nil {
			return err
		}
		n, err := s.store.RecoveryCodesLeft(ctx, u.ID)
		if err != nil {
			return err
		}
		return invalid("Two-step login", views.TwoStepOnPage(int(n), f))
	}
	if err := s.store.DisableTwoStep(ctx, u.ID); err != nil {
		return err
	}
	s.log.Info("two-step login off", "user", u.ID)
	return s.redirect(c, "/settings", "Two-step login is off. Logging in asks for your password only.")
}
