package web_test

import (
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"

	"mend/internal/config"
)

// anyJar is a cookie jar that sends back every cookie, Secure or not: the
// test server speaks http while the server believes it is behind https.
type anyJar struct {
	mu sync.Mutex
	m  map[string]*http.Cookie
}

func (j *anyJar) SetCookies(_ *url.URL, cs []*http.Cookie) {
	j.mu.Lock()
	defer j.mu.Unlock()
	for _, c := range cs {
		if c.MaxAge < 0 || c.Value == "" {
			delete(j.m, c.Name)
			continue
		}
		j.m[c.Name] = c
	}
}

func (j *anyJar) Cookies(*url.URL) []*http.Cookie {
	j.mu.Lock()
	defer j.mu.Unlock()
	var out []*http.Cookie
	for _, c := range j.m {
		out = append(out, &http.Cookie{Name: c.Name, Value: c.Value})
	}
	return out
}

// recorder keeps the Set-Cookie headers of every response.
type recorder struct {
	mu   sync.Mutex
	sets []string
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := http.DefaultTransport.RoundTrip(req)
	if err == nil {
		r.mu.Lock()
		r.sets = append(r.sets, res.Header.Values("Set-Cookie")...)
		r.mu.Unlock()
	}
	return res, err
}

// TestEveryCookieOverHTTPS: with an https base URL, every cookie the app
// sets or clears (login, visitor CSRF token, flash, dashboard visit,
// invitation link) has the __Host- prefix, Secure, Path=/, HttpOnly and
// SameSite=Lax, and no Domain.
func TestEveryCookieOverHTTPS(t *testing.T) {
	e := newEnv(t, func(c *config.Config) { c.BaseURL = "https://mend.example" })
	rec := &recorder{}
	c := &client{t: t, e: e, header: http.Header{}, hc: &http.Client{
		Jar:           &anyJar{m: map[string]*http.Cookie{}},
		Transport:     rec,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
	c.open("/signup")
	email := "cookies-" + itoa(userSeq.Add(1)) + "@example.com"
	if r := c.post("/signup", form("name", "Cookie", "email", email, "password", testPassword, "time_zone", "UTC")); r.First != http.StatusSeeOther {
		t.Fatalf("signup: %d\n%s", r.First, excerpt(r.Body))
	}
	c.open("/onboarding")
	if r := c.post("/space", form("name", "Cookie jar")); r.First != http.StatusSeeOther {
		t.Fatalf("create space: %d", r.First)
	}
	if r := c.post("/space/invitations", nil); !strings.Contains(r.Body, "/join/") {
		t.Fatalf("no invitation link shown (%d)", r.Status)
	}
	c.open("/")
	c.post("/logout", nil)

	names := map[string]bool{}
	for _, set := range rec.sets {
		name, _, _ := strings.Cut(set, "=")
		names[name] = true
		if !strings.HasPrefix(name, "__Host-") {
			t.Errorf("cookie without the __Host- prefix: %s", set)
		}
		for _, want := range []string{"; Path=/;", "; HttpOnly", "; Secure", "; SameSite=Lax"} {
			if !strings.Contains(set+";", want) {
				t.Errorf("cookie %s lacks %q: %s", name, strings.Trim(want, "; "), set)
			}
		}
		if strings.Contains(strings.ToLower(set), "domain=") {
			t.Errorf("a __Host- cookie has a Domain: %s", set)
		}
	}
	var got []string
	for n := range names {
		got = append(got, n)
	}
	sort.Strings(got)
	for _, want := range []string{"__Host-mend_csrf", "__Host-mend_flash", "__Host-mend_invite", "__Host-mend_session", "__Host-mend_visit"} {
		if !names[want] {
			t.Errorf("the journey never set %s (cookies seen: %v)", want, got)
		}
	}
}
