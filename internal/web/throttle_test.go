package web_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"mend/internal/config"
	"mend/internal/web"
)

// TestStrangersCannotStopLeaving: failed logins for a member's email, which
// anyone can cause, do not stop the member, logged in, from changing their
// password or leaving with it. Their own wrong passwords do, on their login.
func TestStrangersCannotStopLeaving(t *testing.T) {
	e := newEnv(t)
	a, _ := e.couple("Leaver", "Stayer")
	stranger := e.client()
	stranger.open("/login")
	for i := 0; i < 8; i++ {
		stranger.post("/login", form("email", a.Email, "password", "a wrong guess "+itoa(int64(i))))
	}
	if r := e.client().login(a.Email, a.Password); r.Status != http.StatusTooManyRequests {
		t.Fatalf("the account is not throttled for logins: %d", r.Status)
	}
	a.open("/settings")
	newPassword := "another long passphrase here"
	a.post("/settings/password", form("current", a.Password, "password", newPassword)).status(t, http.StatusSeeOther, "change the password")
	a.Password = newPassword
	a.open("/space/leave")
	a.post("/space/leave", form("password", a.Password)).status(t, http.StatusSeeOther, "leave")

	// The member's own wrong passwords are throttled, by their login session.
	b := e.signup("Forgetful")
	b.createSpace("Mine")
	b.open("/space/leave")
	var last *resp
	for i := 0; i < 7; i++ {
		last = b.post("/space/leave", form("password", "not it "+itoa(int64(i))))
	}
	last.status(t, http.StatusTooManyRequests, "seventh wrong password")
	last.contains(t, "too many wrong passwords")
	b.post("/space/leave", form("password", b.Password)).status(t, http.StatusTooManyRequests, "the right one, during the wait")
	// Logging in again elsewhere is a new session: the throttle was theirs.
	other := e.client()
	other.login(b.Email, b.Password).status(t, http.StatusSeeOther, "log in elsewhere")
	other.open("/space/leave")
	other.post("/space/leave", form("password", b.Password)).status(t, http.StatusSeeOther, "leave from the other session")
}

// TestSignupThrottle: sign-ups sent at once from one address are limited to
// the configured number; the rest get 429.
func TestSignupThrottle(t *testing.T) {
	limit := config.Default().SignupsPerAddress
	e := newEnv(t, func(c *config.Config) { c.SignupsPerAddress = limit })
	n := limit + 6
	clients := make([]*client, n)
	for i := range clients {
		clients[i] = e.client()
		clients[i].open("/signup")
	}
	statuses := racePosts(t, clients, "/signup", repeat(n, func(i int) url.Values {
		return form("name", "Flood", "email", "flood-"+itoa(int64(i))+"@example.com", "password", testPassword, "time_zone", "UTC")
	}))
	got := count(t, "signup", statuses)
	if got[http.StatusSeeOther] != limit || got[http.StatusTooManyRequests] != n-limit {
		t.Fatalf("statuses %v: want %d sign-ups and %d refusals", statuses, limit, n-limit)
	}
	if users := countRows(t, e, "SELECT COUNT(*) FROM users"); users != int64(limit) {
		t.Fatalf("%d accounts made", users)
	}
	r := e.client()
	r.open("/signup")
	r.post("/signup", form("name", "Late", "email", "late@example.com", "password", testPassword, "time_zone", "UTC")).
		status(t, http.StatusTooManyRequests, "one more").contains(t, "too many new accounts")
}

// TestLoginDuringSignupFlood: a member logs in while a flood of sign-ups is
// under way from many addresses (beyond any per-address limit).
func TestLoginDuringSignupFlood(t *testing.T) {
	e := newEnv(t, func(c *config.Config) { c.TrustedProxies = "127.0.0.1/32" })
	u := e.signup("Regular")
	const n = 24
	clients := make([]*client, n)
	for i := range clients {
		clients[i] = e.client()
		clients[i].header.Set("X-Forwarded-For", "198.51.100."+itoa(int64(i+1)))
		clients[i].open("/signup")
	}
	member := e.client()
	member.open("/login")
	var wg sync.WaitGroup
	wg.Add(1)
	var flood []int
	go func() {
		defer wg.Done()
		flood = racePosts(t, clients, "/signup", repeat(n, func(i int) url.Values {
			return form("name", "Flood", "email", "wave-"+itoa(int64(i))+"@example.com", "password", testPassword, "time_zone", "UTC")
		}))
	}()
	r := member.post("/login", form("email", u.Email, "password", u.Password))
	wg.Wait()
	r.status(t, http.StatusSeeOther, "login during the flood")
	count(t, "flood", flood)
}

// twin is a second server on the database of e, with its own memory, as
// another process behind the same load balancer would be.
func (e *env) twin() *env {
	e.t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	cfg := e.cfg
	cfg.BaseURL = "http://" + srv.Listener.Addr().String()
	secret, err := cfg.Secret()
	if err != nil {
		e.t.Fatal(err)
	}
	logs := &strings.Builder{}
	log := slog.New(slog.NewTextHandler(lockedWriter{logs, &sync.Mutex{}}, nil))
	app, err := web.New(web.Options{Config: cfg, DB: e.db, Secret: secret, Log: log, Now: e.clock.Now})
	if err != nil {
		e.t.Fatal(err)
	}
	srv.Config.Handler = app.Handler()
	srv.Start()
	e.t.Cleanup(srv.Close)
	return &env{t: e.t, srv: srv, app: app, db: e.db, clock: e.clock, logs: logs}
}

// TestTwoServersShareThrottle: failures counted by one server hold on the
// other.
func TestTwoServersShareThrottle(t *testing.T) {
	one := newEnv(t)
	two := one.twin()
	u := one.signup("Shared")
	attacker := one.client()
	attacker.open("/login")
	for i := 0; i < 7; i++ {
		attacker.post("/login", form("email", u.Email, "password", "guess "+itoa(int64(i))))
	}
	two.client().login(u.Email, u.Password).status(t, http.StatusTooManyRequests, "login on the other server")
}

// TestTwoServersShareChanges: with the page cache on, a change made through
// one server shows at once on a page the other server has cached.
func TestTwoServersShareChanges(t *testing.T) {
	one := newEnv(t)
	two := one.twin()
	a, b := one.couple("Maker", "Watcher")
	onTwo := &user{Name: b.Name, Email: b.Email, Password: b.Password, client: two.client()}
	onTwo.login(b.Email, b.Password).status(t, http.StatusSeeOther, "log in on the second server")
	onTwo.open("/promises")
	onTwo.open("/")
	a.makePromise("Call when I am late")
	onTwo.open("/promises").has(t, "Call when I am late")
	a.sendNote("Thanks for the call")
	onTwo.open("/").has(t, "Thanks for the call")
}
