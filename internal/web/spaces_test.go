package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestOnboardingAndSpace(t *testing.T) {
	e := newEnv(t)
	u := e.signup("Mara")
	if r := u.get("/"); r.Status != http.StatusSeeOther || r.Location != "/onboarding" {
		t.Fatalf("home without a space: %d %s", r.Status, r.Location)
	}
	page := u.open("/onboarding")
	page.contains(t, "Start a space", "/guidance", "/safety")
	if r := u.post("/space", form("name", "")); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("empty name: %d", r.Status)
	}
	if r := u.post("/space", form("name", strings.Repeat("x", 61))); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, strings.Repeat("x", 61)) {
		t.Fatalf("long name: %d, the form must come back filled", r.Status)
	}
	u.createSpace("Mara & Jo")
	u.open("/space").contains(t, "Mara &amp; Jo", "Make an invitation link", "Leave this space")
	if r := u.post("/space", form("name", "Second")); r.Status != http.StatusConflict {
		t.Fatalf("second space: %d, want 409", r.Status)
	}
}

// TestInvitationLifecycle: create, join, reuse refused, expiry, revoke, third
// member refused, join while in a space refused. Never a 500.
func TestInvitationLifecycle(t *testing.T) {
	e := newEnv(t)
	a := e.signup("Ada")
	a.createSpace("Ada & Bo")
	link := a.invite()
	page := a.open("/space")
	page.contains(t, "An invitation is open until", "Withdraw this invitation")
	page.lacks(t, link) // the link is shown once only
	if r := a.post("/space/invitations", nil); r.Status != http.StatusConflict {
		t.Fatalf("second open invitation: %d, want 409", r.Status)
	}

	// A visitor following the link is sent to sign up, then back to it.
	b := e.client()
	r := b.get(link)
	if r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/signup?next=") {
		t.Fatalf("visitor: %d %s", r.Status, r.Location)
	}
	b.follow(r).contains(t, "To accept the invitation")
	r = b.post("/signup", form("name", "Bo", "email", "bo@example.com", "password", testPassword, "time_zone", "UTC", "next", link))
	r.contains(t, "Ada</strong> invited you", "Join Ada &amp; Bo")
	r = b.post(link, nil)
	r.contains(t, "Welcome to Ada &amp; Bo.", "Ada", "Bo")
	a.open("/space").contains(t, "Bo")

	// Reuse of the link: refused with a clear message.
	c := e.signup("Cy")
	r = c.open(link)
	if r.Status != http.StatusGone || !strings.Contains(r.Body, "already been used") {
		t.Fatalf("reused link (GET): %d", r.Status)
	}
	if r := c.post(link, nil); r.Status != http.StatusGone || !strings.Contains(r.Body, "already been used") {
		t.Fatalf("reused link (POST): %d", r.Status)
	}
	// A full space makes no invitations.
	if r := a.post("/space/invitations", nil); r.Status != http.StatusConflict || !strings.Contains(r.Body, "two members") {
		t.Fatalf("invitation in a full space: %d", r.Status)
	}

	// Expiry: a week later the link no longer works.
	d := e.signup("Di")
	d.createSpace("Di's")
	expiring := d.invite()
	e.clock.Advance(7*24*time.Hour + time.Minute)
	c.login(c.Email, c.Password) // sessions idle out too
	if r := c.open(expiring); r.Status != http.StatusGone || !strings.Contains(r.Body, "expired") {
		t.Fatalf("expired link: %d", r.Status)
	}
	if r := c.post(expiring, nil); r.Status != http.StatusGone || !strings.Contains(r.Body, "expired") {
		t.Fatalf("expired link (POST): %d", r.Status)
	}

	// Revoke: the link stops working.
	d.login(d.Email, d.Password)
	revoked := d.invite()
	d.post("/space/invitations/"+openInvitationID(t, d)+"/revoke", nil).contains(t, "no longer works")
	if r := c.open(revoked); r.Status != http.StatusGone || !strings.Contains(r.Body, "withdrawn") {
		t.Fatalf("revoked link: %d", r.Status)
	}
	// An unknown or mangled token: 404, not 500.
	if r := c.open(revoked[:len(revoked)-3] + "abc"); r.Status != http.StatusNotFound {
		t.Fatalf("unknown token: %d", r.Status)
	}
	if r := c.open("/join/short"); r.Status != http.StatusNotFound {
		t.Fatalf("short token: %d", r.Status)
	}

	// Joining while already in a space is refused.
	fresh := d.invite()
	a.login(a.Email, a.Password)
	if r := a.open(fresh); r.Status != http.StatusConflict || !strings.Contains(r.Body, "already belong") {
		t.Fatalf("member opens another invitation: %d", r.Status)
	}
	if r := a.post(fresh, nil); r.Status != http.StatusConflict || !strings.Contains(r.Body, "already belong") {
		t.Fatalf("member joins another space: %d", r.Status)
	}
	// The invitation is still usable by someone free to join.
	if r := c.join(fresh); r.First != http.StatusSeeOther {
		t.Fatalf("free user joins: %d", r.First)
	}
	if strings.Contains(e.logs.String(), strings.TrimPrefix(fresh, "/join/")) {
		t.Fatal("an invitation token reached the logs")
	}
}

// TestRoleVisibility: the role is shown to the partner only when shared.
func TestRoleVisibility(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ira", "Lev")
	const shown = `class="role">My trust was broken`
	a.post("/space/role", form("role", "hurt"))
	a.open("/space").contains(t, shown)
	b.open("/space").lacks(t, shown)
	a.post("/space/role", form("role", "hurt", "shared", "1"))
	b.open("/space").contains(t, shown)
	if r := a.post("/space/role", form("role", "villain")); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("unknown role: %d", r.Status)
	}
}

// TestLeaving: after A leaves, B reaches nothing private of A's, A can start
// a new space, and the last one out deletes the space.
func TestLeaving(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Noa", "Ezra")
	const marker = "PRIVATE-MARKER-7f3a"
	a.post("/space/role", form("role", "broke")) // a private answer
	for _, seed := range privateSeeds {
		seed(t, a.client, marker)
	}
	a.open("/space/leave").contains(t, "Your private entries in this space are deleted")
	if r := a.post("/space/leave", form("password", "not my password")); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("leave with a wrong password: %d", r.Status)
	}
	a.leave()
	if r := a.get("/space"); r.Location != "/onboarding" {
		t.Fatalf("after leaving, /space: %d %s", r.Status, r.Location)
	}

	pages := b.crawl("/", "/space")
	if len(pages) < 3 {
		t.Fatalf("crawl reached only %d pages", len(pages))
	}
	for path, body := range pages {
		if strings.Contains(body, marker) || strings.Contains(body, `class="role">I broke the trust`) {
			t.Fatalf("%s shows the former partner's private item", path)
		}
	}
	space := b.open("/space")
	space.contains(t, "Noa", "former partner", "Make an invitation link")
	space.lacks(t, `class="role">`)

	a.createSpace("Noa, again")
	a.open("/space").contains(t, "Noa, again")

	b.leave()
	var n int64
	e.db.Raw("SELECT COUNT(*) FROM spaces WHERE name = ?", "Noa & Ezra").Scan(&n)
	if n != 0 {
		t.Fatal("a space with no members left was not deleted")
	}
	var rows int64
	e.db.Raw("SELECT COUNT(*) FROM memberships m JOIN spaces s ON s.id = m.space_id WHERE s.name = ?", "Noa & Ezra").Scan(&rows)
	if rows != 0 {
		t.Fatal("memberships of the deleted space remain")
	}
}

// privateSeeds write one private item of each kind containing the marker;
// each area with private items adds its own.
var privateSeeds []func(t *testing.T, c *client, marker string)

// spaceUnsafeCases are the CSRF cases of the space routes.
func spaceUnsafeCases() map[string]unsafeCase {
	solo := func(path string, kv ...string) unsafeCase {
		return func(t *testing.T, e *env) (*client, string, url.Values) {
			u := e.signup("Solo")
			u.createSpace("Solo's")
			u.open("/space")
			return u.client, path, form(kv...)
		}
	}
	return map[string]unsafeCase{
		"POST /space": func(t *testing.T, e *env) (*client, string, url.Values) {
			u := e.signup("Starter")
			u.open("/onboarding")
			return u.client, "/space", form("name", "Ours")
		},
		"POST /space/invitations": solo("/space/invitations"),
		"POST /space/invitations/:id/revoke": func(t *testing.T, e *env) (*client, string, url.Values) {
			u := e.signup("Revoker")
			u.createSpace("R")
			u.invite()
			return u.client, "/space/invitations/" + openInvitationID(t, u) + "/revoke", nil
		},
		"POST /join/:token": func(t *testing.T, e *env) (*client, string, url.Values) {
			host := e.signup("Host")
			host.createSpace("H")
			link := host.invite()
			guest := e.signup("Guest")
			guest.open(link)
			return guest.client, link, nil
		},
		"POST /space/role":  solo("/space/role", "role", "hurt"),
		"POST /space/leave": solo("/space/leave", "password", testPassword),
	}
}
