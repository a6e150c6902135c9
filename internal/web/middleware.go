package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"

	"mend/internal/auth"
	"mend/internal/store"
)

const (
	actorKey = "actor"
	nonceKey = "nonce"
)

// actor is who is asking: their session, and their account when logged in.
type actor struct {
	sess   *sessions.Session
	user   *store.User       // nil for visitors
	member *store.Membership // nil unless the user is in a space now
}

func actorOf(c echo.Context) *actor {
	if a, ok := c.Get(actorKey).(*actor); ok {
		return a
	}
	return &actor{}
}

// scope is the acting user's store scope.
func scope(c echo.Context) store.Scope {
	a := actorOf(c)
	if a.user == nil {
		return store.Scope{}
	}
	sc := store.Scope{UserID: a.user.ID}
	if a.member != nil {
		sc.SpaceID, sc.Since = a.member.SpaceID, a.member.JoinedAt
	}
	return sc
}

// skipsSession is true for paths that must not touch the database.
func skipsSession(path string) bool {
	return path == "/healthz" || path == "/readyz" || strings.HasPrefix(path, "/static/") || strings.HasPrefix(path, "/calendar/") ||
		strings.HasPrefix(path, "/c/") // a counsellor's pages: no login, no session, no cookie
}

// logRequests writes one line per request: never bodies, query strings
// (they can hold search words), cookies or tokens.
func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		if err := next(c); err != nil {
			c.Error(err)
		}
		r, res := c.Request(), c.Response()
		path := r.URL.Path
		path = secretPath(path)
		s.log.Info("request", "method", r.Method, "path", path, "status", res.Status,
			"bytes", res.Size, "ms", float64(time.Since(start).Microseconds())/1000)
		return nil
	}
}

// securityHeaders sets the headers every response carries, error pages
// included, with a fresh CSP nonce per request.
func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		b := make([]byte, 16)
		_, _ = rand.Read(b)
		nonce := base64.RawStdEncoding.EncodeToString(b)
		c.Set(nonceKey, nonce)
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self' 'nonce-"+nonce+"'; style-src 'self' 'nonce-"+nonce+"'; "+
			"img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; manifest-src 'self'; "+
			"base-uri 'none'; frame-ancestors 'none'; object-src 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "geolocation=(), camera=(), microphone=(), interest-cohort=()")
		if s.cfg.Secure() {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		if !strings.HasPrefix(c.Request().URL.Path, "/static/") {
			h.Set("Cache-Control", "no-store")
		}
		return next(c)
	}
}

// methodAllowed answers 405, with the Allow header, for a method the route
// table does not have for a known path, before any session is loaded or
// form checked: such a request has nothing to do with a login.
func methodAllowed(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		// The router sets the allowed methods only when it matched the
		// path but not the method.
		if allow, _ := c.Get(echo.ContextKeyHeaderAllow).(string); allow != "" && c.Request().Method != http.MethodOptions {
			c.Response().Header().Set(echo.HeaderAllow, allow)
			return echo.ErrMethodNotAllowed
		}
		return next(c)
	}
}

// loadActor loads the session and, when it is logged in, the user and their
// current membership: who is asking is decided here, once per request.
func (s *Server) loadActor(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if skipsSession(c.Request().URL.Path) {
			return next(c)
		}
		// The session, its user and their membership in one query.
		r := c.Request().WithContext(store.WithActorMemo(c.Request().Context()))
		c.SetRequest(r)
		sess, err := s.sessions.Get(r, s.sessions.CookieName())
		if err != nil {
			return err
		}
		a := &actor{sess: sess}
		if uid, _ := sess.Values[auth.KeyUserID].(string); uid != "" {
			u, m, err := s.store.UserWithMembership(r.Context(), uid)
			dk, unlocked := auth.DataKey(sess)
			switch {
			case errors.Is(err, store.ErrNotFound):
			case err != nil:
				return err
			case !unlocked:
				// A login from before data keys (or whose key no longer
				// unwraps) reads no private text: it logs in again.
			default:
				a.user, a.member = u, m
				c.SetRequest(r.WithContext(store.WithDataKey(r.Context(), u.ID, dk)))
			}
		}
		c.Set(actorKey, a)
		return next(c)
	}
}

// errCSRF is the refusal of a form that did not come from this site's page.
var errCSRF = echo.NewHTTPError(http.StatusForbidden, "This form could not be accepted: it may have expired or come from another site. Go back, reload the page and try again.")

// checkCSRF refuses every unsafe request that comes from another site
// (Sec-Fetch-Site / Origin) or lacks the session's token.
func (s *Server) checkCSRF(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return next(c)
		}
		if err := s.cop.Check(r); err != nil {
			return errCSRF
		}
		sess := actorOf(c).sess
		if sess == nil { // a path that loads no session takes no forms
			return errCSRF
		}
		want, _ := sess.Values[auth.KeyCSRF].(string)
		// From the header or the body only: a token in the URL would end
		// up in logs, histories and Referer headers.
		got := r.Header.Get("X-CSRF-Token")
		if got == "" {
			got = r.PostFormValue("_csrf")
		}
		if want == "" || subtle.ConstantTimeCompare([]byte(want), []byte(got)) != 1 {
			return errCSRF
		}
		return next(c)
	}
}

// requireAccess lets a request through when the actor has the access level.
func (s *Server) requireAccess(level access) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if level == anyone {
				return next(c)
			}
			a := actorOf(c)
			if a.user == nil {
				return c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(returnPath(c)))
			}
			if level == member && a.member == nil {
				return c.Redirect(http.StatusSeeOther, "/onboarding")
			}
			return next(c)
		}
	}
}

// returnPath is where to come back to after logging in: the page asked for,
// or the start page after a form post.
func returnPath(c echo.Context) string {
	if c.Request().Method != http.MethodGet {
		return "/"
	}
	return c.Request().URL.RequestURI()
}

// safeNext keeps a "next" parameter only when it is a path on this site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return ""
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return ""
	}
	return next
}
