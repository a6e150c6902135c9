package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"mend/internal/web"
)

// TestAccountJourney: sign up, log out, log in, change name and password,
// log in with the new password; the old one fails.
func TestAccountJourney(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u := e.signup("Ana")
	home := u.open("/")
	home.contains(t, "Ana")
	home.lacks(t, "Sign up")

	r := u.post("/logout", nil)
	if r.First != http.StatusSeeOther {
		t.Fatalf("logout: %d", r.First)
	}
	r.contains(t, "You have logged out.", "Log in")
	if r := u.get("/settings"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
		t.Fatalf("settings after logout: %d %s", r.Status, r.Location)
	}

	if r := u.login(u.Email, u.Password); r.First != http.StatusSeeOther {
		t.Fatalf("login: %d\n%s", r.First, excerpt(r.Body))
	}
	u.open("/settings").contains(t, `value="Ana"`, u.Email)
	r = u.post("/settings", form("name", "Ana María", "email", u.Email, "time_zone", "America/New_York"))
	r.contains(t, "Your profile is saved.", `value="Ana María"`, `<option value="America/New_York" selected>`)

	newPassword := "a new and longer passphrase 🌱"
	r = u.post("/settings/password", form("current", u.Password, "password", newPassword))
	r.contains(t, "Your password is changed.")

	u.post("/logout", nil)
	if r := u.login(u.Email, u.Password); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("old password: status %d, want 422", r.Status)
	}
	if r := u.login(u.Email, newPassword); r.First != http.StatusSeeOther {
		t.Fatalf("new password: status %d", r.First)
	}
	u.open("/").contains(t, "Ana María")
}

func TestSignupValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	first := e.signup("Ben")
	c := e.client()
	c.open("/signup")
	r := c.post("/signup", form("name", "", "email", "not an email", "password", "short", "time_zone", "Mars/Olympus"))
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", r.Status)
	}
	r.contains(t, "Please fill in your name.", "look like an email address", "at least 12 characters", "choose a time zone", `value="not an email"`, `aria-invalid="true"`)
	r.lacks(t, `value="short"`) // a password is never sent back
	r = c.post("/signup", form("name", "Ben again", "email", strings.ToUpper(first.Email), "password", testPassword, "time_zone", "UTC"))
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("duplicate email: status %d, want 422", r.Status)
	}
	r.contains(t, "already exists", `value="Ben again"`)
}

// TestPasswordPolicy: length counted in characters, no composition rules,
// common passwords refused, compared exactly as typed.
func TestPasswordPolicy(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	long := strings.Repeat("a quiet walk 🌲 ", 7)[:100] // 100 bytes, with emoji
	cases := []struct {
		name, password string
		ok             bool
	}{
		{"11 characters", "abcdefghijk", false},
		{"12 characters", "abcdefghijkl", true},
		{"12 characters with emoji", "🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱🌱", true},
		{"100-byte passphrase with emoji", long, true},
		{"common password", "qazwsxedcrfv", false},
		{"common password in capitals", "1QAZ2WSX3EDC", false},
		{"more than 256 bytes", strings.Repeat("x", 257), false},
		{"256 bytes", strings.Repeat("x", 255) + "y", true},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := e.client()
			c.open("/signup")
			email := "policy" + itoa(int64(i)) + "@example.com"
			r := c.post("/signup", form("name", "P", "email", email, "password", tc.password, "time_zone", "UTC"))
			if ok := r.First == http.StatusSeeOther; ok != tc.ok {
				t.Fatalf("accepted=%v, want %v (status %d)\n%s", ok, tc.ok, r.First, excerpt(r.Body))
			}
		})
	}

	// A password differing only at its 80th byte does not log in: nothing is
	// truncated (as bcrypt would at 72 bytes).
	pw := strings.Repeat("b", 79) + "X" + strings.Repeat("c", 20)
	u := e.client()
	u.open("/signup")
	if r := u.post("/signup", form("name", "Long", "email", "long@example.com", "password", pw, "time_zone", "UTC")); r.First != http.StatusSeeOther {
		t.Fatalf("signup: %d", r.First)
	}
	other := e.client()
	wrong := strings.Repeat("b", 79) + "Y" + strings.Repeat("c", 20)
	if r := other.login("long@example.com", wrong); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("password differing at byte 80 logged in (status %d)", r.Status)
	}
	if r := other.login("long@example.com", " "+pw); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("password with a leading space logged in (status %d): it must be compared as typed", r.Status)
	}
	if r := other.login("long@example.com", pw); r.First != http.StatusSeeOther {
		t.Fatalf("exact password: status %d", r.First)
	}
}

// TestNoEnumeration: an unknown email and a wrong password get the same page.
// Not parallel: it compares the times of two requests.
func TestNoEnumeration(t *testing.T) {
	// The production hasher: the timing comparison below needs its cost.
	e := newEnvWith(t, func(o *web.Options) { o.Hasher = nil })
	u := e.signup("Cleo")
	c := e.client()
	start := time.Now()
	known := c.login(u.Email, "wrong password, quite long")
	knownTook := time.Since(start)
	start = time.Now()
	unknown := c.login("nobody@example.com", "wrong password, quite long")
	unknownTook := time.Since(start)
	if known.Status != unknown.Status {
		t.Fatalf("statuses differ: %d vs %d", known.Status, unknown.Status)
	}
	strip := func(s string) string { return csrfRe.ReplaceAllString(strings.ReplaceAll(s, u.Email, ""), "") }
	// Compare from <main> on: the head differs by its per-request nonce.
	a, b := excerpt(strip(known.Body)), excerpt(strip(strings.ReplaceAll(unknown.Body, "nobody@example.com", "")))
	if a != b {
		t.Fatalf("pages differ between unknown email and wrong password:\n%s\n---\n%s", excerpt(a), excerpt(b))
	}
	// Both run one argon2id hash; a missing hash would make one ~100x faster.
	// This is a sanity check with a wide margin, not a timing benchmark.
	if knownTook > 10*unknownTook || unknownTook > 10*knownTook {
		t.Fatalf("times differ too much: known %v, unknown %v", knownTook, unknownTook)
	}
}
