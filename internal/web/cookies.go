package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// Every cookie of the app is set here (the login and visitor CSRF cookies by
// the session store, with the same rules): for the whole site (Path=/),
// HttpOnly, SameSite=Lax and, when the base URL is https, Secure with the
// __Host- prefix, which a browser accepts only from this host over https,
// so that no sibling domain or plain-http page can plant or overwrite it.

// cookieName is name as sent to the browser: with the __Host- prefix over https.
func (s *Server) cookieName(name string) string {
	if s.cfg.Secure() {
		return "__Host-" + name
	}
	return name
}

// setCookie sets cookie name to value for maxAge seconds (deleted when < 0).
func (s *Server) setCookie(c echo.Context, name, value string, maxAge int) {
	ck := &http.Cookie{Name: s.cookieName(name), Value: value, Path: "/", MaxAge: maxAge,
		HttpOnly: true, Secure: s.cfg.Secure(), SameSite: http.SameSiteLaxMode}
	c.SetCookie(ck)
}

// clearCookie deletes cookie name.
func (s *Server) clearCookie(c echo.Context, name string) { s.setCookie(c, name, "", -1) }

// cookie returns the value of the request's cookie name, "" when absent.
func (s *Server) cookie(c echo.Context, name string) string {
	ck, err := c.Cookie(s.cookieName(name))
	if err != nil {
		return ""
	}
	return ck.Value
}
