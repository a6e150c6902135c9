package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"mend/internal/config"
)

// unsafeCase prepares a client that may properly make one unsafe request,
// and returns that request's path and form (without the CSRF token).
type unsafeCase func(t *testing.T, e *env) (c *client, path string, f url.Values)

// unsafeCases has one entry per unsafe route of the route table.
func unsafeCases() map[string]unsafeCase {
	loggedIn := func(path string, kv ...string) unsafeCase {
		return func(t *testing.T, e *env) (*client, string, url.Values) {
			u := e.signup("Csrf")
			u.open("/settings")
			f := form(kv...)
			if path == "/settings" {
				f = form("name", "Csrf Two", "email", u.Email, "time_zone", "UTC")
			}
			return u.client, path, f
		}
	}
	cases := map[string]unsafeCase{
		"POST /signup": func(t *testing.T, e *env) (*client, string, url.Values) {
			c := e.client()
			c.open("/signup")
			return c, "/signup", form("name", "New", "email", "new-"+itoa(userSeq.Add(1))+"@example.com", "password", testPassword, "time_zone", "UTC")
		},
		"POST /login": func(t *testing.T, e *env) (*client, string, url.Values) {
			u := e.signup("Login")
			u.post("/logout", nil)
			u.open("/login")
			return u.client, "/login", form("email", u.Email, "password", u.Password)
		},
		"POST /logout":            loggedIn("/logout"),
		"POST /settings":          loggedIn("/settings"),
		"POST /settings/password": loggedIn("/settings/password", "current", testPassword, "password", "a different long passphrase"),
		"POST /settings/sessions": loggedIn("/settings/sessions", "others", "1"),
		"POST /settings/delete":   loggedIn("/settings/delete", "password", testPassword),
	}
	for k, v := range moreUnsafeCases() {
		cases[k] = v
	}
	return cases
}

// TestCSRF: every unsafe route refuses a request without the token, with a
// token of another session, and one marked cross-site; done properly, it works.
func TestCSRF(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cases := unsafeCases()
	var unsafe []string
	for _, r := range e.app.Echo().Routes() {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions, "echo_route_not_found":
			continue
		}
		key := r.Method + " " + r.Path
		unsafe = append(unsafe, key)
		if cases[key] == nil {
			t.Errorf("route %s has no CSRF case: add one to unsafeCases", key)
		}
	}
	sort.Strings(unsafe)
	sameOrigin := http.Header{"Origin": {e.srv.URL}, "Sec-Fetch-Site": {"same-origin"}}
	stranger := e.client()
	stranger.open("/login")
	for _, key := range unsafe {
		setup := cases[key]
		if setup == nil {
			continue
		}
		t.Run(key, func(t *testing.T) {
			c, path, f := setup(t, e)
			// 1. No token.
			if r := c.postRaw(path, f, sameOrigin); r.Status != http.StatusForbidden {
				t.Errorf("without token: %d, want 403", r.Status)
			}
			// 2. The token of another session.
			other := cloneForm(f)
			other.Set("_csrf", stranger.token)
			if r := c.postRaw(path, other, sameOrigin); r.Status != http.StatusForbidden {
				t.Errorf("with another session's token: %d, want 403", r.Status)
			}
			// 3. The right token, but sent from another site.
			cross := cloneForm(f)
			cross.Set("_csrf", c.token)
			if r := c.postRaw(path, cross, http.Header{"Sec-Fetch-Site": {"cross-site"}, "Origin": {"https://evil.example"}}); r.Status != http.StatusForbidden {
				t.Errorf("cross-site: %d, want 403", r.Status)
			}
			// 4. Properly.
			if r := c.post(path, cloneForm(f)); r.First >= 400 {
				t.Errorf("proper request: %d\n%s", r.First, excerpt(r.Body))
			}
		})
	}
	t.Logf("%d unsafe routes checked four ways", len(unsafe))
}

func cloneForm(f url.Values) url.Values {
	c := url.Values{}
	for k, v := range f {
		c[k] = append([]string(nil), v...)
	}
	return c
}

var nonceRe = regexp.MustCompile(`'nonce-([^']+)'`)

// TestSecurityHeaders: on a page, a 404 and a 500; a fresh nonce each time.
func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.signup("Headers")
	page := u.get("/settings")
	notFound := u.get("/no/such/page")
	if notFound.Status != http.StatusNotFound {
		t.Fatalf("404 page: %d", notFound.Status)
	}
	notFound.contains(t, "Not found", "Headers") // the error page keeps the layout and the viewer

	// Break the database under the server: the next request fails inside.
	if err := e.db.Exec("ALTER TABLE users RENAME TO users_gone").Error; err != nil {
		t.Fatal(err)
	}
	broken := u.get("/settings")
	if broken.Status != http.StatusInternalServerError {
		t.Fatalf("broken database: %d, want 500", broken.Status)
	}
	broken.contains(t, "Something went wrong")
	broken.lacks(t, "users", "SQL", "no such table")
	if logs := e.logs.String(); !strings.Contains(logs, "no such table") && !strings.Contains(logs, "does not exist") {
		t.Error("the cause of the 500 was not logged")
	}
	if err := e.db.Exec("ALTER TABLE users_gone RENAME TO users").Error; err != nil {
		t.Fatal(err)
	}

	nonces := map[string]bool{}
	for name, r := range map[string]*resp{"page": page, "404": notFound, "500": broken} {
		h := r.Header
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self' 'nonce-"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", name, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: CSP allows unsafe inline code: %q", name, csp)
		}
		m := nonceRe.FindStringSubmatch(csp)
		if m == nil {
			t.Fatalf("%s: no nonce in CSP", name)
		}
		nonces[m[1]] = true
		if !strings.Contains(r.Body, `nonce="`+m[1]+`"`) {
			t.Errorf("%s: the page's script does not carry the CSP nonce", name)
		}
		for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"} {
			if got := h.Get(k); got != want {
				t.Errorf("%s: %s = %q, want %q", name, k, got, want)
			}
		}
		if h.Get("Strict-Transport-Security") != "" {
			t.Errorf("%s: HSTS over plain http", name)
		}
	}
	if len(nonces) != 3 {
		t.Errorf("nonces repeat across requests: %v", nonces)
	}
	for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAllString(page.Body, -1) {
		if !strings.Contains(tag, "nonce=") {
			t.Errorf("script without nonce: %s", tag)
		}
	}
	if strings.Contains(page.Body, " style=\"") {
		t.Error("inline style attribute on a page: the CSP blocks it")
	}
}

func TestHTTPSDeployment(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(c *config.Config) { c.BaseURL = "https://mend.example" })
	c := e.client()
	r := c.get("/login")
	if !strings.Contains(r.Header.Get("Strict-Transport-Security"), "max-age=") {
		t.Error("no HSTS with an https base URL")
	}
	set := r.Header.Get("Set-Cookie")
	for _, want := range []string{"__Host-mend_csrf=", "Path=/", "HttpOnly", "Secure", "SameSite=Lax"} {
		if !strings.Contains(set, want) {
			t.Errorf("CSRF cookie %q lacks %q", set, want)
		}
	}
	if strings.Contains(set, "Domain=") {
		t.Error("__Host- cookie must not have a Domain")
	}
}

func TestCookieOverHTTP(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	set := e.client().get("/login").Header.Get("Set-Cookie")
	for _, want := range []string{"mend_csrf=", "Path=/", "HttpOnly", "SameSite=Lax"} {
		if !strings.Contains(set, want) {
			t.Errorf("CSRF cookie %q lacks %q", set, want)
		}
	}
}

func TestStaticFiles(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	page := c.get("/")
	m := regexp.MustCompile(`href="(/static/app\.css\?v=[0-9a-f]+)"`).FindStringSubmatch(page.Body)
	if m == nil {
		t.Fatal("no versioned stylesheet link")
	}
	r := c.get(m[1])
	if r.Status != 200 || !strings.Contains(r.Header.Get("Cache-Control"), "max-age=31536000") || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/css") {
		t.Fatalf("stylesheet: %d %q %q", r.Status, r.Header.Get("Cache-Control"), r.Header.Get("Content-Type"))
	}
	if r := c.get("/static/static.go"); r.Status != http.StatusNotFound {
		t.Fatalf("source file served: %d", r.Status)
	}
	if r := c.get("/healthz"); r.Status != 200 || r.Body != "ok\n" || r.Header.Get("Set-Cookie") != "" {
		t.Fatalf("healthz: %d %q", r.Status, r.Body)
	}
}

// TestLoginThrottle: repeated failures give 429; a rotating X-Forwarded-For
// does not reset it; the owner gets in after the back-off.
func TestLoginThrottle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.signup("Throttled")
	attacker := e.client()
	attacker.open("/login")
	var last *resp
	for i := 0; i < 7; i++ {
		attacker.header.Set("X-Forwarded-For", "203.0.113."+itoa(int64(i+1)))
		last = attacker.post("/login", form("email", u.Email, "password", "guess number "+itoa(int64(i))))
	}
	if last.Status != http.StatusTooManyRequests {
		t.Fatalf("after 7 failures: %d, want 429", last.Status)
	}
	last.contains(t, "too many failed attempts", "minute")
	if last.Header.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
	// Even the right password waits out the back-off...
	owner := e.client()
	if r := owner.login(u.Email, u.Password); r.Status != http.StatusTooManyRequests {
		t.Fatalf("owner during back-off: %d, want 429", r.Status)
	}
	// ...and then gets in: there is no permanent lockout.
	e.clock.Advance(61 * time.Second)
	if r := owner.login(u.Email, u.Password); r.First != http.StatusSeeOther {
		t.Fatalf("owner after back-off: %d", r.First)
	}

	// Per client address: many accounts guessed from one address.
	spray := e.client()
	spray.open("/login")
	for i := 0; i < 21; i++ {
		spray.header.Set("X-Forwarded-For", "198.51.100."+itoa(int64(i+1)))
		last = spray.post("/login", form("email", "victim"+itoa(int64(i))+"@example.com", "password", "some guess here"))
	}
	if last.Status != http.StatusTooManyRequests {
		t.Fatalf("after 21 failures on different accounts from one address: %d, want 429", last.Status)
	}
	if strings.Contains(e.logs.String(), "guess number") || strings.Contains(e.logs.String(), u.Password) {
		t.Error("a password reached the logs")
	}
}
