package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"mend/internal/config"
	"mend/internal/jobs"
	"mend/internal/mail"
	"mend/internal/mail/mailtest"
)

// withMail points the server at the in-process SMTP server ms.
func withMail(ms *mailtest.Server) envOption {
	return func(c *config.Config) { c.SMTPURL, c.MailFrom = ms.URL, "mend@example.com" }
}

var (
	verifyLinkRe = regexp.MustCompile(`https?://[^/\s]+(/email/verify/[A-Za-z0-9_-]{43})\b`)
	resetLinkRe  = regexp.MustCompile(`https?://[^/\s]+(/password/reset/[A-Za-z0-9_-]{43})\b`)
)

// lastLink is the path of the link matching re in the newest mail to addr.
func lastLink(t testing.TB, ms *mailtest.Server, addr string, re *regexp.Regexp) string {
	t.Helper()
	got := ms.To(addr)
	if len(got) == 0 {
		t.Fatalf("no mail to %s", addr)
	}
	m := re.FindStringSubmatch(got[len(got)-1].Text)
	if m == nil {
		t.Fatalf("no link in the mail to %s:\n%s", addr, got[len(got)-1].Text)
	}
	return m[1]
}

// mailSignup signs up with mail on: a mail, a confirmed address, a login.
func (e *env) mailSignup(ms *mailtest.Server, name string) *user {
	e.t.Helper()
	u := &user{Name: name, Email: strings.ToLower(name) + "-" + itoa(userSeq.Add(1)) + "@example.com", Password: testPassword, client: e.client()}
	u.open("/signup")
	r := u.post("/signup", form("name", name, "email", u.Email, "password", u.Password, "time_zone", "Europe/Berlin"))
	if r.First != http.StatusSeeOther || r.URL != "/login" {
		e.t.Fatalf("signup %s: %d %s", name, r.First, r.URL)
	}
	link := lastLink(e.t, ms, u.Email, verifyLinkRe)
	u.open(link).contains(e.t, "Confirm my address")
	if r := u.post(link, nil); r.First != http.StatusSeeOther {
		e.t.Fatalf("confirm: %d", r.First)
	}
	if r := u.login(u.Email, u.Password); r.First != http.StatusSeeOther {
		e.t.Fatalf("login %s: %d", name, r.First)
	}
	return u
}

// TestSignupAndVerificationByMail: with mail on, sign-up says the same
// whether or not the address has an account, and mails its owner either
// way; a confirmation link works once; nothing is mailed that a member wrote.
func TestSignupAndVerificationByMail(t *testing.T) {
	ms := mailtest.Start(t)
	e := newEnv(t, withMail(ms))
	const marker = "MAILMARKER"
	a := e.mailSignup(ms, "Ana")
	a.open("/settings/reminders").contains(t, "which you have confirmed")
	a.createSpace("Ours")
	for _, seed := range privateSeeds {
		seed(t, a.client, marker)
	}
	// The link works once.
	first := ms.To(a.Email)[0]
	if !strings.Contains(first.Subject, "Confirm your email") || first.From != "mend@example.com" {
		t.Fatalf("verification mail: %+v", first)
	}
	link := verifyLinkRe.FindStringSubmatch(first.Text)[1]
	if r := e.client().get(link); r.Status != http.StatusNotFound {
		t.Errorf("used link: %d", r.Status)
	}

	// Someone signs up with Ana's address, someone else with a new one:
	// the same answer; Ana is told by mail, the newcomer gets a link.
	try := func(email string) *resp {
		c := e.client()
		c.open("/signup")
		return c.post("/signup", form("name", "Someone", "email", email, "password", "another long passphrase", "time_zone", "UTC"))
	}
	taken, fresh := try(a.Email), try("new-person@example.com")
	if taken.First != fresh.First || taken.URL != fresh.URL || taken.Status != fresh.Status {
		t.Fatalf("sign-up answers differ: %d %s / %d %s", taken.First, taken.URL, fresh.First, fresh.URL)
	}
	taken.contains(t, "We sent a mail to")
	taken.lacks(t, "already exists")
	got := ms.To(a.Email)
	if last := got[len(got)-1]; !strings.Contains(last.Subject, "Someone tried") {
		t.Fatalf("owner's mail: %q", last.Subject)
	}
	if len(ms.To("new-person@example.com")) != 1 {
		t.Fatal("no link for the new address")
	}
	if c := e.client(); c.login(a.Email, "another long passphrase").URL != "/login" {
		t.Fatal("the second sign-up changed Ana's account")
	}

	// A new address is not verified until confirmed again.
	a.open("/settings")
	a.post("/settings", form("name", a.Name, "email", "ana-new@example.com", "time_zone", "Europe/Berlin", "current_password", a.Password))
	a.open("/settings/reminders").contains(t, "until you confirm it is yours")
	a.post("/settings/email/verify", nil).contains(t, "We sent a confirmation link")
	link = lastLink(t, ms, "ana-new@example.com", verifyLinkRe)
	a.open(link)
	a.post(link, nil).contains(t, "Your address is confirmed")

	for _, m := range ms.Messages() {
		if strings.Contains(m.Raw, marker) || strings.Contains(m.Text, marker) {
			t.Fatalf("a mail carries private text:\n%s", m.Raw)
		}
	}
	if strings.Contains(e.logs.String(), strings.TrimPrefix(link, "/email/verify/")) {
		t.Fatal("a mailed token is in the log")
	}
}

// TestPasswordResetByMail: the form answers the same for any address; the
// link is single use, lasts 30 minutes, and ends every login session.
func TestPasswordResetByMail(t *testing.T) {
	ms := mailtest.Start(t)
	e := newEnv(t, withMail(ms))
	a := e.mailSignup(ms, "Ana")
	other := e.client()
	other.login(a.Email, a.Password)
	ask := func(email string) *resp {
		c := e.client()
		c.open("/password/forgot")
		return c.post("/password/forgot", form("email", email))
	}
	known, unknown := ask(a.Email), ask("nobody-here@example.com")
	if known.First != unknown.First || known.URL != unknown.URL || known.Status != unknown.Status {
		t.Fatalf("answers differ: %d %s / %d %s", known.First, known.URL, unknown.First, unknown.URL)
	}
	known.contains(t, "If an account uses that address")
	if len(ms.To("nobody-here@example.com")) != 0 {
		t.Fatal("a mail to an address without an account")
	}
	link := lastLink(t, ms, a.Email, resetLinkRe)
	token := strings.TrimPrefix(link, "/password/reset/")
	var stored int64
	e.db.Raw("SELECT COUNT(*) FROM email_tokens WHERE token_hash = ?", token).Scan(&stored)
	if stored != 0 {
		t.Fatal("the reset token is stored as is")
	}

	// Expired after 30 minutes.
	e.clock.Advance(31 * time.Minute)
	c := e.client()
	if r := c.get(link); r.Status != http.StatusNotFound {
		t.Fatalf("expired link: %d", r.Status)
	}
	c.open("/login")
	if r := c.post(link, form("password", "a brand new passphrase")); r.Status != http.StatusNotFound {
		t.Fatalf("expired link posted: %d", r.Status)
	}

	// A fresh link: works once, ends every session.
	ask(a.Email)
	link = lastLink(t, ms, a.Email, resetLinkRe)
	c.open(link).contains(t, "Choose a new password")
	if r := c.post(link, form("password", "short")); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("weak password: %d", r.Status)
	}
	r := c.post(link, form("password", "a brand new passphrase"))
	if r.First != http.StatusSeeOther || r.URL != "/login" {
		t.Fatalf("reset: %d %s", r.First, r.URL)
	}
	for _, u := range []*client{a.client, other} {
		if r := u.get("/settings"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
			t.Fatalf("a session survived the reset: %d", r.Status)
		}
	}
	if r := c.post(link, form("password", "yet another passphrase")); r.Status != http.StatusNotFound {
		t.Fatalf("second use: %d", r.Status)
	}
	if r := e.client().login(a.Email, a.Password); r.URL != "/login" {
		t.Fatal("the old password still works")
	}
	if r := e.client().login(a.Email, "a brand new passphrase"); r.First != http.StatusSeeOther || r.URL == "/login" {
		t.Fatalf("the new password does not work: %d %s", r.First, r.URL)
	}
}

// TestNoMailConfigured: without SMTP the forgot page says who can help,
// and sign-up logs in at once as before.
func TestNoMailConfigured(t *testing.T) {
	e := newEnv(t)
	e.client().open("/password/forgot").contains(t, "does not send email")
	a := e.signup("Ana")
	a.open("/settings/reminders").contains(t, "Email is not set up")
}

// TestRemindersEndToEnd: a member confirms their address, turns on the
// morning summary and the check-in reminder in the settings, and the
// scheduler mails each once, with counts and no private text.
func TestRemindersEndToEnd(t *testing.T) {
	ms := mailtest.Start(t)
	e := newEnv(t, withMail(ms))
	const marker = "E2EMARKER"
	a, b := e.mailSignup(ms, "Ana"), e.mailSignup(ms, "Ben")
	a.createSpace("Ours " + marker)
	a.open("/space")
	b.join(a.invite())
	a.makePromise("Walk " + marker)
	for _, seed := range privateSeeds {
		seed(t, a.client, marker)
	}
	// Waiting for Ana: Ben's record to confirm and his note of thanks.
	bens := b.makePromise("Cook " + marker)
	b.record(bens, "2026-03-10", "kept", "note", marker+" note")
	b.sendNote(marker + " thanks")
	// 12:00 UTC is 13:00 in Berlin, on a Tuesday.
	a.open("/settings/reminders")
	a.post("/settings/reminders", form("summary_on", "1", "summary_hour", "13", "checkin_on", "1", "checkin_hour", "13",
		"checkin_days", "Tue", "email_on", "1", "quiet_from", "22", "quiet_to", "7")).contains(t, "Your reminders are saved")
	quiet := e.mailSignup(ms, "Quiet") // reminders on, but not by mail
	quiet.open("/settings/reminders")
	quiet.post("/settings/reminders", form("summary_on", "1", "summary_hour", "13", "checkin_hour", "13", "quiet_from", "22", "quiet_to", "7"))
	m, err := mail.New(ms.URL, "mend@example.com")
	if err != nil {
		t.Fatal(err)
	}
	before := len(ms.Messages())
	s := &jobs.Scheduler{Store: e.app.Store(), Mailer: m, BaseURL: e.srv.URL, Now: e.clock.Now}
	for i, want := range []int{2, 0} {
		n, err := s.Tick(ctx())
		if err != nil || n != want {
			t.Fatalf("pass %d: sent %d (%v), want %d", i+1, n, err, want)
		}
	}
	got := ms.Messages()[before:]
	subjects := []string{got[0].Subject, got[1].Subject}
	if !contains(subjects, "2 things are waiting for you in Mend") || !contains(subjects, "A moment to check in") {
		t.Fatalf("subjects: %q", subjects)
	}
	for _, msg := range got {
		if strings.Contains(msg.Subject, "waiting") && !strings.Contains(msg.Text, "1 promise is due today.") {
			t.Errorf("summary:\n%s", msg.Text)
		}
		if msg.To[0] != a.Email || strings.Contains(msg.Raw, marker) || strings.Contains(msg.Text, marker) {
			t.Fatalf("reminder to %v:\n%s", msg.To, msg.Text)
		}
	}
}
