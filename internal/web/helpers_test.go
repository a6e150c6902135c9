package web_test

import (
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"mend/internal/auth"
	"mend/internal/config"
	"mend/internal/db"
	"mend/internal/mail"
	"mend/internal/store"
	"mend/internal/web"
)

// clock is a controllable time source shared by the server under test.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// env is one running server on its own temporary SQLite file.
type env struct {
	t     testing.TB
	srv   *httptest.Server
	app   *web.Server
	db    *gorm.DB
	clock *clock
	logs  *strings.Builder
	cfg   config.Config
}

type envOption func(*config.Config)

// testHashParams make argon2id cheap (64 KiB, one pass): most tests sign up
// and log in many times, and the hashing cost is tested where it matters
// (internal/auth, and tests that use newEnvWith to keep the default).
var testHashParams = auth.Params{Memory: 64, Time: 1, Threads: 1}

// newEnv starts the real server, with the real migrations, on a fresh
// SQLite file in a temporary directory, hashing passwords cheaply.
func newEnv(t testing.TB, opts ...envOption) *env {
	t.Helper()
	return newEnvWith(t, nil, opts...)
}

// newEnvWith is newEnv with the server's options changed by setup before
// the server is built; setting o.Hasher to nil gives the production hasher.
func newEnvWith(t testing.TB, setup func(o *web.Options), opts ...envOption) *env {
	t.Helper()
	dir := t.TempDir()
	cfg := config.Default()
	cfg.DataDir = dir
	cfg.Signup = config.SignupOpen // tests sign up many people; the modes have their own tests
	srv := httptest.NewUnstartedServer(nil)
	cfg.BaseURL = "http://" + srv.Listener.Addr().String()
	// Every test signs up from 127.0.0.1; TestSignupThrottle sets the limit back.
	cfg.SignupsPerAddress = 1000
	for _, o := range opts {
		o(&cfg)
	}
	logs := &strings.Builder{}
	logMu := &sync.Mutex{}
	log := slog.New(slog.NewTextHandler(lockedWriter{logs, logMu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	g, err := db.Open(testDatabaseURL(t), filepath.Join(dir, "mend.db"), log)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(g); err != nil {
		t.Fatal(err)
	}
	secret, err := cfg.Secret()
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)}
	o := web.Options{Config: cfg, DB: g, Secret: secret, Log: log, Now: clk.Now, Hasher: auth.NewHasher(testHashParams, 1)}
	if cfg.MailOn() {
		if o.Mailer, err = mail.New(cfg.SMTPURL, cfg.MailFrom); err != nil {
			t.Fatal(err)
		}
	}
	if setup != nil {
		setup(&o)
	}
	app, err := web.New(o)
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = app.Handler()
	srv.Start()
	t.Cleanup(func() {
		srv.Close()
		// Every write the test made kept the promises' tallies in step
		// with their records, and the weekly check-in totals with the
		// check-ins (unless the test closed the database).
		if sqlDB, err := g.DB(); err == nil && sqlDB.Ping() == nil {
			st := store.New(g, nil)
			if stale, err := st.StaleTallies(context.Background()); err != nil {
				t.Errorf("check the promises' tallies: %v", err)
			} else if len(stale) > 0 {
				t.Errorf("the tallies of %d promises differ from what their records add up to: %v", len(stale), stale)
			}
			if stale, err := st.StaleCheckinWeeks(context.Background()); err != nil {
				t.Errorf("check the weekly check-in totals: %v", err)
			} else if len(stale) > 0 {
				t.Errorf("the totals of %d weeks differ from what their check-ins add up to: %v", len(stale), stale)
			}
		}
		if sqlDB, err := g.DB(); err == nil {
			sqlDB.Close()
		}
	})
	return &env{t: t, srv: srv, app: app, db: g, clock: clk, logs: logs, cfg: cfg}
}

type lockedWriter struct {
	b  *strings.Builder
	mu *sync.Mutex
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

// client is one browser: a cookie jar and the CSRF token of its last page.
type client struct {
	t     testing.TB
	e     *env
	hc    *http.Client
	token string
	// header is added to every request (e.g. X-Forwarded-For).
	header http.Header
}

func (e *env) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: e.t, e: e, hc: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}, header: http.Header{}}
}

// resp is a response with its body read.
type resp struct {
	Status   int
	Header   http.Header
	Body     string
	Location string
	URL      string // the path of the final request after redirects
	First    int    // the status of the first response before redirects
}

var csrfRe = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

func (c *client) do(method, path string, body io.Reader, header http.Header) *resp {
	c.t.Helper()
	req, err := http.NewRequest(method, c.e.srv.URL+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	r := &resp{Status: res.StatusCode, Header: res.Header, Body: string(b), Location: res.Header.Get("Location"), URL: path, First: res.StatusCode}
	if m := csrfRe.FindStringSubmatch(r.Body); m != nil {
		c.token = html.UnescapeString(m[1])
	}
	return r
}

// follow GETs redirects until a page answers.
func (c *client) follow(r *resp) *resp {
	c.t.Helper()
	first := r.First
	for i := 0; i < 10 && r.Status >= 300 && r.Status < 400 && r.Location != ""; i++ {
		loc := r.Location
		if u, err := url.Parse(loc); err == nil && u.Host != "" {
			loc = u.RequestURI()
		}
		r = c.do(http.MethodGet, loc, nil, nil)
	}
	r.First = first
	return r
}

// get fetches path without following redirects.
func (c *client) get(path string) *resp { c.t.Helper(); return c.do(http.MethodGet, path, nil, nil) }

// open fetches path and follows redirects, like a browser.
func (c *client) open(path string) *resp { c.t.Helper(); return c.follow(c.get(path)) }

// postRaw posts a form as is, with the extra headers.
func (c *client) postRaw(path string, form url.Values, header http.Header) *resp {
	c.t.Helper()
	h := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	for k, v := range header {
		h[k] = v
	}
	return c.do(http.MethodPost, path, strings.NewReader(form.Encode()), h)
}

// post submits a form with the client's CSRF token and same-origin headers,
// as a browser does, and follows the redirect.
func (c *client) post(path string, form url.Values) *resp {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if c.token == "" {
		c.get("/login") // any page with a form gives the session its token
	}
	form.Set("_csrf", c.token)
	return c.follow(c.postRaw(path, form, http.Header{"Origin": {c.e.srv.URL}, "Sec-Fetch-Site": {"same-origin"}}))
}

// form builds url.Values from pairs.
func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

var userSeq atomic.Int64

// user is an account created through the sign-up form.
type user struct {
	Name, Email, Password string
	*client
}

const testPassword = "correct horse battery staple"

// signup creates a new account through the form and returns its logged-in client.
func (e *env) signup(name string) *user {
	e.t.Helper()
	n := userSeq.Add(1)
	u := &user{Name: name, Email: strings.ToLower(name) + "-" + itoa(n) + "@example.com", Password: testPassword, client: e.client()}
	u.open("/signup")
	r := u.post("/signup", form("name", name, "email", u.Email, "password", u.Password, "time_zone", "Europe/Berlin"))
	if r.First != http.StatusSeeOther {
		e.t.Fatalf("signup %s: status %d\n%s", name, r.First, r.Body)
	}
	return u
}

// login logs c in with email and password and returns the response.
func (c *client) login(email, password string) *resp {
	c.t.Helper()
	c.open("/login")
	return c.post("/login", form("email", email, "password", password))
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// contains fails the test unless r's body contains every string.
func (r *resp) contains(t testing.TB, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(r.Body, p) {
			t.Fatalf("%s: body does not contain %q (status %d)\n%s", r.URL, p, r.Status, excerpt(r.Body))
		}
	}
}

// lacks fails the test if r's body contains any of the strings.
func (r *resp) lacks(t testing.TB, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if strings.Contains(r.Body, p) {
			t.Fatalf("%s: body contains %q but must not (status %d)", r.URL, p, r.Status)
		}
	}
}

// excerpt is the <main> of a page, for readable failures.
func excerpt(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		body = body[i:]
	}
	if len(body) > 3000 {
		body = body[:3000]
	}
	return body
}

func ctx() context.Context { return context.Background() }

// setZone changes u's time zone through the settings form.
func (u *user) setZone(zone string) {
	u.t.Helper()
	u.open("/settings")
	if r := u.post("/settings", form("name", u.Name, "email", u.Email, "time_zone", zone)); r.First != http.StatusSeeOther {
		u.t.Fatalf("%s sets the zone %s: %d", u.Name, zone, r.First)
	}
}

// testDatabaseURL is "" (SQLite) unless MEND_TEST_POSTGRES names a
// PostgreSQL server (postgres://user:pass@host/db, a role that may create
// databases): then each test gets a fresh database there, dropped after it.
func testDatabaseURL(t testing.TB) string {
	admin := os.Getenv("MEND_TEST_POSTGRES")
	if admin == "" {
		return ""
	}
	g, err := db.Open(admin, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	name := "mend_test_" + strings.ToLower(strings.ReplaceAll(store.NewID(), "-", ""))
	if err := g.Exec("CREATE DATABASE " + name).Error; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		g.Exec("DROP DATABASE " + name + " WITH (FORCE)")
		if sqlDB, err := g.DB(); err == nil {
			sqlDB.Close()
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
