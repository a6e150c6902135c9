package web_test

import (
	"net/http"
	"strings"
	"testing"

	"mend/internal/auth"
)

// hashParams is the "m=...,t=...,p=..." part of a PHC argon2id hash.
func hashParams(t *testing.T, hash string) string {
	t.Helper()
	parts := strings.Split(hash, "$")
	if len(parts) != 6 {
		t.Fatalf("not a PHC hash: %q", hash)
	}
	return parts[3]
}

func (e *env) passwordHash(email string) string {
	e.t.Helper()
	var hash string
	if err := e.db.Raw("SELECT password_hash FROM users WHERE email = ?", email).Scan(&hash).Error; err != nil {
		e.t.Fatal(err)
	}
	return hash
}

// TestRehashAtLogin: a password hashed with other costs than the server's
// is hashed again, with the current costs, at the next successful login, and
// still works after.
func TestRehashAtLogin(t *testing.T) {
	e := newEnv(t)
	u := e.signup("Rehash")
	current := hashParams(t, e.passwordHash(u.Email)) // what the server uses now
	u.post("/logout", nil)

	// Costs other than the current ones, whatever those are (tests may run
	// the server with a cheap hasher).
	var old string
	for _, p := range []auth.Params{{Memory: 2 * 1024, Time: 3, Threads: 2}, {Memory: 4 * 1024, Time: 1, Threads: 1}} {
		h, err := auth.NewHasher(p, 1).Hash(ctx(), u.Password)
		if err != nil {
			t.Fatal(err)
		}
		if hashParams(t, h) != current {
			old = h
			break
		}
	}
	if err := e.db.Exec("UPDATE users SET password_hash = ? WHERE email = ?", old, u.Email).Error; err != nil {
		t.Fatal(err)
	}

	// A failed login leaves the hash alone.
	c := e.client()
	if r := c.login(u.Email, "not the password at all"); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("wrong password: %d", r.Status)
	}
	if e.passwordHash(u.Email) != old {
		t.Fatal("a failed login changed the hash")
	}

	if r := c.login(u.Email, u.Password); r.First != http.StatusSeeOther {
		t.Fatalf("login with the old hash: %d", r.First)
	}
	now := e.passwordHash(u.Email)
	if got := hashParams(t, now); got != current {
		t.Fatalf("after login the hash has %s, want the current %s", got, current)
	}
	if !strings.Contains(e.logs.String(), "password rehashed") {
		t.Error("the rehash was not logged")
	}

	// The password still works, and the next login leaves the hash as it is.
	other := e.client()
	if r := other.login(u.Email, u.Password); r.First != http.StatusSeeOther {
		t.Fatalf("login after the rehash: %d", r.First)
	}
	if e.passwordHash(u.Email) != now {
		t.Error("a hash with the current parameters was hashed again")
	}
}
