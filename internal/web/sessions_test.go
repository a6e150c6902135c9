package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// cookie returns the value of the session cookie c holds.
func (c *client) cookie() string {
	u, _ := url.Parse(c.e.srv.URL)
	for _, ck := range c.hc.Jar.Cookies(u) {
		if ck.Name == "mend_session" {
			return ck.Value
		}
	}
	return ""
}

// withCookie is a new client holding only the session cookie value.
func (e *env) withCookie(value string) *client {
	c := e.client()
	u, _ := url.Parse(e.srv.URL)
	c.hc.Jar.SetCookies(u, []*http.Cookie{{Name: "mend_session", Value: value, Path: "/"}})
	return c
}

// loggedIn reports whether c is logged in, by asking for a page that needs it.
func (c *client) loggedIn() bool {
	c.t.Helper()
	r := c.get("/settings")
	switch {
	case r.Status == http.StatusOK:
		return true
	case r.Status == http.StatusSeeOther && strings.HasPrefix(r.Location, "/login"):
		return false
	}
	c.t.Fatalf("/settings: unexpected %d %s", r.Status, r.Location)
	return false
}

func TestSessionFixation(t *testing.T) {
	e := newEnv(t)
	u := e.signup("Dee")
	u.post("/logout", nil)

	// A visitor holds no login session: only an attacker's planted cookie.
	before := "planted-by-someone-else"
	c := e.withCookie(before)
	c.open("/login")
	if c.cookie() != before {
		t.Fatal("the login form replaced the session cookie: visitors must hold none")
	}
	c.post("/login", form("email", u.Email, "password", u.Password))
	after := c.cookie()
	if after == "" || after == before {
		t.Fatalf("session cookie not replaced at login: before %q after %q", before, after)
	}
	if !c.loggedIn() {
		t.Fatal("not logged in after login")
	}
	if e.withCookie(before).loggedIn() {
		t.Fatal("the cookie from before login is logged in: session fixation")
	}
}

func TestLogoutEndsSession(t *testing.T) {
	e := newEnv(t)
	u := e.signup("Eli")
	old := u.cookie()
	u.post("/logout", nil)
	if u.loggedIn() {
		t.Fatal("still logged in after logout")
	}
	if e.withCookie(old).loggedIn() {
		t.Fatal("replaying the cookie from before logout is logged in")
	}
}

func TestSessionTimeouts(t *testing.T) {
	e := newEnv(t)
	u := e.signup("Fay")
	e.clock.Advance(7*24*time.Hour - time.Minute)
	if !u.loggedIn() {
		t.Fatal("logged out before the idle timeout")
	}
	e.clock.Advance(7*24*time.Hour + time.Minute)
	if u.loggedIn() {
		t.Fatal("still logged in after 7 days idle")
	}

	// Absolute lifetime: active every 6 days, still out after 30 days.
	u.login(u.Email, u.Password)
	for day := 6; day < 30; day += 6 {
		e.clock.Advance(6 * 24 * time.Hour)
		if !u.loggedIn() {
			t.Fatalf("logged out on day %d of an active session", day)
		}
	}
	e.clock.Advance(6*24*time.Hour + time.Minute) // day 30 and a minute
	if u.loggedIn() {
		t.Fatal("still logged in 30 days after login")
	}
}

var sessionIDRe = regexp.MustCompile(`name="session" value="([^"]+)"`)

func TestLogOutOtherSessions(t *testing.T) {
	e := newEnv(t)
	u := e.signup("Gus")
	phone, tablet := e.client(), e.client()
	phone.login(u.Email, u.Password)
	tablet.login(u.Email, u.Password)

	// Log out one session by its id from the list.
	page := u.open("/settings/sessions")
	ids := sessionIDRe.FindAllStringSubmatch(page.Body, -1)
	if len(ids) != 2 {
		t.Fatalf("sessions page lists %d other sessions, want 2", len(ids))
	}
	page.contains(t, "This device", "Log out everywhere else")
	u.post("/settings/sessions", form("session", ids[0][1]))
	if phone.loggedIn() == tablet.loggedIn() {
		t.Fatal("ending one session ended both or neither")
	}

	// A session id of another user is not found.
	other := e.signup("Hal")
	if r := other.post("/settings/sessions", form("session", ids[1][1])); r.Status != http.StatusNotFound {
		t.Fatalf("ending another user's session: %d, want 404", r.Status)
	}

	r := u.post("/settings/sessions", form("others", "1"))
	r.contains(t, "Logged out 1 other session.")
	if phone.loggedIn() || tablet.loggedIn() {
		t.Fatal("another session survived log out everywhere else")
	}
	if !u.loggedIn() || !other.loggedIn() {
		t.Fatal("the current session, or another user's, was logged out")
	}
}

// TestPasswordChangeEndsOtherSessions: a changed password logs out other devices.
func TestPasswordChangeEndsOtherSessions(t *testing.T) {
	e := newEnv(t)
	u := e.signup("Ivy")
	other := e.client()
	other.login(u.Email, u.Password)
	r := u.post("/settings/password", form("current", "not my password at all", "password", "another fine passphrase"))
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("wrong current password: %d", r.Status)
	}
	r.contains(t, "This is not your current password.")
	u.post("/settings/password", form("current", u.Password, "password", "another fine passphrase")).contains(t, "other devices were logged out")
	if other.loggedIn() {
		t.Fatal("other device still logged in after a password change")
	}
}
