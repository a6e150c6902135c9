package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"mend/internal/config"
)

func signupMode(mode string) envOption { return func(c *config.Config) { c.Signup = mode } }

// trySignup posts the sign-up form as a new visitor with next and returns
// the first response.
func (e *env) trySignup(c *client, email, next string) *resp {
	e.t.Helper()
	c.open("/signup?next=" + url.QueryEscape(next))
	r := c.postRaw("/signup", form("_csrf", c.token, "name", "Robin", "email", email, "password", testPassword, "time_zone", "UTC", "next", next),
		http.Header{"Origin": {e.srv.URL}, "Sec-Fetch-Site": {"same-origin"}})
	return r
}

// TestSignupInvite: in the default mode the first account may sign up, then
// only someone holding an open invitation, which the join link leads to.
func TestSignupInvite(t *testing.T) {
	e := newEnv(t, signupMode(config.SignupInvite))
	first := e.client()
	first.open("/signup").contains(t, "yours will be the first", `action="/signup"`)
	if r := e.trySignup(first, "first@example.com", ""); r.Status != http.StatusSeeOther {
		t.Fatalf("first sign-up: %d\n%s", r.Status, excerpt(r.Body))
	}
	a := &user{Name: "Robin", Email: "first@example.com", Password: testPassword, client: first}
	a.createSpace("Ours")

	stranger := e.client()
	page := stranger.open("/signup")
	page.contains(t, "by invitation only")
	page.lacks(t, `action="/signup"`)
	if r := e.trySignup(stranger, "stranger@example.com", ""); r.Status != http.StatusForbidden {
		t.Fatalf("stranger signs up: %d, want 403", r.Status)
	}
	if r := e.trySignup(stranger, "stranger@example.com", "/join/"+"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"); r.Status != http.StatusForbidden {
		t.Fatalf("stranger with a made-up invitation: %d, want 403", r.Status)
	}

	link := a.invite()
	invited := e.client()
	r := invited.open(link)
	if r.URL != "/signup?next="+link && r.URL != "/signup?next="+url.QueryEscape(link) {
		t.Fatalf("the join link led to %s", r.URL)
	}
	r.contains(t, "invited you to join Ours. Create your account to accept", `action="/signup"`)
	// On reload too, the page keeps saying who invited them, and to which space.
	invited.open(r.URL).contains(t, "invited you to join Ours")
	if r := e.trySignup(invited, "invited@example.com", link); r.Status != http.StatusSeeOther || r.Location != link {
		t.Fatalf("invited sign-up: %d %s\n%s", r.Status, r.Location, excerpt(r.Body))
	}
	b := &user{Name: "Robin", Email: "invited@example.com", client: invited}
	if r := b.join(link); r.URL != "/space" {
		t.Fatalf("join after sign-up ended at %s", r.URL)
	}
	// The invitation is used: it opens no more doors.
	late := e.client()
	if r := e.trySignup(late, "late@example.com", link); r.Status != http.StatusForbidden {
		t.Fatalf("sign-up with a used invitation: %d, want 403", r.Status)
	}
	var n int64
	e.db.Table("users").Count(&n)
	if n != 2 {
		t.Fatalf("%d accounts, want 2", n)
	}
}

// TestSignupClosed: no account is made on the web, not even the first.
func TestSignupClosed(t *testing.T) {
	e := newEnv(t, signupMode(config.SignupClosed))
	c := e.client()
	page := c.open("/signup")
	page.contains(t, "Sign-up here is closed", "mend user add")
	page.lacks(t, `action="/signup"`)
	if r := e.trySignup(c, "first@example.com", ""); r.Status != http.StatusForbidden {
		t.Fatalf("sign-up when closed: %d, want 403", r.Status)
	}
	var n int64
	e.db.Table("users").Count(&n)
	if n != 0 {
		t.Fatalf("%d accounts were made", n)
	}
}

// TestSignupOpen: anyone may sign up, and the page says so.
func TestSignupOpen(t *testing.T) {
	e := newEnv(t, signupMode(config.SignupOpen))
	e.signup("Ana")
	c := e.client()
	c.open("/signup").contains(t, "Sign-up here is open", `action="/signup"`)
	if r := e.trySignup(c, "second@example.com", ""); r.Status != http.StatusSeeOther {
		t.Fatalf("second sign-up when open: %d", r.Status)
	}
}

// TestSignupSaysWhoInvited: in open mode too, the sign-up page of someone
// following an invitation says who invited them, on every load.
func TestSignupSaysWhoInvited(t *testing.T) {
	e := newEnv(t)
	a := e.signup("Avery")
	a.createSpace("Avery and Blair")
	link := a.invite()
	visitor := e.client()
	first := visitor.open(link)
	first.contains(t, "Avery invited you to join Avery and Blair.")
	visitor.open(first.URL).contains(t, "Avery invited you to join Avery and Blair.")
}
