package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
)

var (
	secretRe   = regexp.MustCompile(`id="totp-secret">([A-Z2-7]+)<`)
	pendingRe  = regexp.MustCompile(`name="pending" value="([^"]+)"`)
	recoveryRe = regexp.MustCompile(`<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>`)
)

// TestTwoStep turns two-step login on with a code from the QR code's key,
// then logs in with a code (each accepted once) and with a recovery code
// (each accepted once), turns it off with the password and a code, and
// meets the throttle after too many wrong codes.
func TestTwoStep(t *testing.T) {
	e := newEnv(t)
	a := e.signup("Ana")
	page := a.open("/settings/two-step")
	page.contains(t, `src="data:image/png;base64,`, "Turn on two-step login")
	m := secretRe.FindStringSubmatch(page.Body)
	if m == nil {
		t.Fatalf("no key on the page\n%s", excerpt(page.Body))
	}
	secret := m[1]
	code := func() string {
		c, err := totp.GenerateCode(secret, e.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	wrong := func() string { // a code of an hour ago: never valid now
		c, _ := totp.GenerateCode(secret, e.clock.Now().Add(-time.Hour))
		return c
	}
	pending := func(r *resp) string {
		m := pendingRe.FindStringSubmatch(r.Body)
		if m == nil {
			t.Fatalf("no pending key on %s", r.URL)
		}
		return m[1]
	}
	r := a.post("/settings/two-step", form("pending", pending(page), "code", wrong()))
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("setup with a wrong code: %d", r.Status)
	}
	r = a.post("/settings/two-step", form("pending", pending(r), "code", code()))
	r.contains(t, "Two-step login is on")
	codes := recoveryRe.FindAllStringSubmatch(r.Body, -1)
	if len(codes) != 10 {
		t.Fatalf("%d recovery codes shown", len(codes))
	}
	var stored string
	e.db.Table("users").Where("email = ?", a.Email).Select("totp_secret").Scan(&stored)
	if stored == "" || stored == secret {
		t.Fatalf("the secret is stored as %q", stored)
	}

	// The code that turned it on was spent; the next step's code logs in.
	e.clock.Advance(30 * time.Second)
	b := e.client()
	r = b.login(a.Email, a.Password)
	if r.URL != "/login/code" {
		t.Fatalf("login with two-step ended at %s", r.URL)
	}
	if r := b.get("/settings"); r.Status != http.StatusSeeOther {
		t.Fatalf("half logged in, settings answered %d", r.Status)
	}
	if r := b.post("/login/code", form("code", wrong())); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("wrong code: %d", r.Status)
	}
	now := code()
	if r := b.post("/login/code", form("code", now)); r.First != http.StatusSeeOther || r.URL != "/onboarding" {
		t.Fatalf("right code: %d at %s", r.First, r.URL)
	}
	// The same code again, from another browser, is refused.
	c := e.client()
	c.login(a.Email, a.Password)
	if r := c.post("/login/code", form("code", now)); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("a code used twice: %d", r.Status)
	}
	// A recovery code works once.
	if r := c.post("/login/code", form("code", codes[0][1])); r.First != http.StatusSeeOther {
		t.Fatalf("recovery code: %d", r.First)
	}
	d := e.client()
	d.login(a.Email, a.Password)
	if r := d.post("/login/code", form("code", codes[0][1])); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("a recovery code used twice: %d", r.Status)
	}

	// Turning it off needs the password and a code.
	e.clock.Advance(30 * time.Second)
	a.open("/settings/two-step").contains(t, "9 unused recovery codes")
	if r := a.post("/settings/two-step/off", form("password", "not my password", "code", code())); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("off with a wrong password: %d", r.Status)
	}
	if r := a.post("/settings/two-step/off", form("password", a.Password, "code", wrong())); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("off with a wrong code: %d", r.Status)
	}
	if r := a.post("/settings/two-step/off", form("password", a.Password, "code", code())); r.URL != "/settings" {
		t.Fatalf("off: %d at %s", r.Status, r.URL)
	}
	if r := e.client().login(a.Email, a.Password); r.URL != "/onboarding" {
		t.Fatalf("login after turning it off ended at %s", r.URL)
	}
}

// TestTwoStepThrottle: wrong codes are throttled like wrong passwords.
func TestTwoStepThrottle(t *testing.T) {
	e := newEnv(t)
	a := e.signup("Ana")
	page := a.open("/settings/two-step")
	secret := secretRe.FindStringSubmatch(page.Body)[1]
	now, _ := totp.GenerateCode(secret, e.clock.Now())
	a.post("/settings/two-step", form("pending", pendingRe.FindStringSubmatch(page.Body)[1], "code", now)).contains(t, "Two-step login is on")
	b := e.client()
	b.login(a.Email, a.Password)
	old, _ := totp.GenerateCode(secret, e.clock.Now().Add(-time.Hour))
	for i := 0; ; i++ {
		r := b.post("/login/code", form("code", old))
		if r.Status == http.StatusTooManyRequests {
			break
		}
		if r.Status != http.StatusUnprocessableEntity || i > 10 {
			t.Fatalf("wrong code %d: %d", i, r.Status)
		}
	}
}

// twoStepUnsafeCases are the CSRF cases of the two-step login routes.
func twoStepUnsafeCases() map[string]unsafeCase {
	loggedIn := func(path string, kv ...string) unsafeCase {
		return func(t *testing.T, e *env) (*client, string, url.Values) {
			u := e.signup("Csrf")
			u.open("/settings")
			return u.client, path, form(kv...)
		}
	}
	return map[string]unsafeCase{
		"POST /login/code":            loggedIn("/login/code", "code", "123456"),
		"POST /settings/two-step/off": loggedIn("/settings/two-step/off"),
		"POST /settings/two-step": func(t *testing.T, e *env) (*client, string, url.Values) {
			u := e.signup("Csrf")
			page := u.open("/settings/two-step")
			secret := secretRe.FindStringSubmatch(page.Body)[1]
			code, _ := totp.GenerateCode(secret, e.clock.Now())
			return u.client, "/settings/two-step", form("pending", pendingRe.FindStringSubmatch(page.Body)[1], "code", code)
		},
	}
}
