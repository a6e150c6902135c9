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
