package web_test

import (
	"net/http"
	"net/url"
	"testing"
)

// TestCSRFTokenNotFromQuery: the token counts only in the form body or the
// X-CSRF-Token header, never in the URL, where it would leak into logs,
// histories and Referer headers.
func TestCSRFTokenNotFromQuery(t *testing.T) {
	e := newEnv(t)
	sameOrigin := http.Header{"Origin": {e.srv.URL}, "Sec-Fetch-Site": {"same-origin"}}

	u := e.signup("Query")
	u.open("/settings")
	f := form("name", "Query Two", "email", u.Email, "time_zone", "UTC")
	if r := u.postRaw("/settings?_csrf="+url.QueryEscape(u.token), f, sameOrigin); r.Status != http.StatusForbidden {
		t.Errorf("member, token in the query only: %d, want 403", r.Status)
	}

	visitor := e.client()
	visitor.open("/login")
	login := form("email", u.Email, "password", u.Password)
	if r := visitor.postRaw("/login?_csrf="+url.QueryEscape(visitor.token), login, sameOrigin); r.Status != http.StatusForbidden {
		t.Errorf("visitor, token in the query only: %d, want 403", r.Status)
	}

	// The body and the header still work.
	f.Set("_csrf", u.token)
	if r := u.postRaw("/settings", f, sameOrigin); r.Status != http.StatusSeeOther {
		t.Errorf("token in the body: %d, want 303", r.Status)
	}
	h := http.Header{"X-CSRF-Token": {visitor.token}}
	for k, v := range sameOrigin {
		h[k] = v
	}
	if r := visitor.postRaw("/login", login, h); r.Status != http.StatusSeeOther {
		t.Errorf("token in the header: %d, want 303", r.Status)
	}
}

// TestVisitorCSRFCookie: a visitor's token lives in a signed cookie, not in
// the database, and is as hard to get around as before: no cookie, a cookie
// whose value was altered, or one visitor's cookie with another's token, is
// refused; a visitor's own cookie and token log in.
func TestVisitorCSRFCookie(t *testing.T) {
	e := newEnv(t)
	u := e.signup("Visitor")
	u.post("/logout", nil)
	sameOrigin := http.Header{"Origin": {e.srv.URL}, "Sec-Fetch-Site": {"same-origin"}}
	base, _ := url.Parse(e.srv.URL)
	csrfCookie := func(c *client) *http.Cookie {
		for _, ck := range c.hc.Jar.Cookies(base) {
			if ck.Name == "mend_csrf" {
				return ck
			}
		}
		t.Fatal("the login form set no mend_csrf cookie")
		return nil
	}
	login := func(c *client, token string) int {
		f := form("email", u.Email, "password", u.Password, "_csrf", token)
		return c.postRaw("/login", f, sameOrigin).Status
	}

	a, b := e.client(), e.client()
	a.open("/login")
	b.open("/login")
	if a.token == b.token {
		t.Fatal("two visitors got the same token")
	}

	// A token without its cookie.
	if st := login(e.client(), a.token); st != http.StatusForbidden {
		t.Errorf("a token without a cookie: %d, want 403", st)
	}
	// Another visitor's cookie with one's own token.
	mixed := e.client()
	mixed.hc.Jar.SetCookies(base, []*http.Cookie{{Name: "mend_csrf", Value: csrfCookie(b).Value, Path: "/"}})
	if st := login(mixed, a.token); st != http.StatusForbidden {
		t.Errorf("another visitor's cookie: %d, want 403", st)
	}
	// An altered cookie.
	v := []byte(csrfCookie(a).Value)
	v[len(v)/2] ^= 1
	forged := e.client()
	forged.hc.Jar.SetCookies(base, []*http.Cookie{{Name: "mend_csrf", Value: string(v), Path: "/"}})
	if st := login(forged, a.token); st != http.StatusForbidden {
		t.Errorf("an altered cookie: %d, want 403", st)
	}
	// A made-up cookie holding the token in the clear.
	plain := e.client()
	plain.hc.Jar.SetCookies(base, []*http.Cookie{{Name: "mend_csrf", Value: a.token, Path: "/"}})
	if st := login(plain, a.token); st != http.StatusForbidden {
		t.Errorf("an unsigned cookie: %d, want 403", st)
	}
	// The visitor's own cookie and token.
	if st := login(a, a.token); st != http.StatusSeeOther {
		t.Fatalf("a visitor's own cookie and token: %d, want 303", st)
	}
	if !a.loggedIn() {
		t.Fatal("not logged in")
	}
	for _, ck := range a.hc.Jar.Cookies(base) {
		if ck.Name == "mend_csrf" {
			t.Error("the visitor cookie outlives the login")
		}
	}
}
