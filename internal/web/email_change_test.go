package web_test

import (
	"net/http"
	"strings"
	"testing"
)

func (e *env) userCount(email string) int64 {
	e.t.Helper()
	var n int64
	if err := e.db.Raw("SELECT COUNT(*) FROM users WHERE email = ?", email).Scan(&n).Error; err != nil {
		e.t.Fatal(err)
	}
	return n
}

// TestEmailChangeNeedsPassword: the login email changes only with the
// current password; the change is logged by id alone and logs out the
// account's other devices, not this one. Other profile changes need no password.
func TestEmailChangeNeedsPassword(t *testing.T) {
	e := newEnv(t)
	u := e.signup("Wren")
	other := e.client()
	other.login(u.Email, u.Password)
	newEmail := "wren-moved-" + itoa(userSeq.Add(1)) + "@example.com"
	change := func(password string) *resp {
		u.open("/settings")
		return u.post("/settings", form("name", u.Name, "email", newEmail, "time_zone", "UTC", "current_password", password))
	}

	for _, tc := range []struct{ password, message string }{
		{"", "Enter your current password to change your email."},
		{"not my password at all", "This is not your current password."},
	} {
		r := change(tc.password)
		if r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("email change with password %q: %d, want 422", tc.password, r.Status)
		}
		r.contains(t, tc.message, `value="`+newEmail+`"`)
		if e.userCount(newEmail) != 0 || e.userCount(u.Email) != 1 {
			t.Fatalf("the email changed with password %q", tc.password)
		}
	}
	if !other.loggedIn() {
		t.Fatal("a refused email change logged out another device")
	}

	if r := change(u.Password); r.First != http.StatusSeeOther {
		t.Fatalf("email change with the password: %d\n%s", r.First, excerpt(r.Body))
	}
	if e.userCount(newEmail) != 1 {
		t.Fatal("the email did not change")
	}
	if other.loggedIn() {
		t.Error("another device is still logged in after the email changed")
	}
	if !u.loggedIn() {
		t.Error("the device that changed the email was logged out")
	}
	logs := e.logs.String()
	if !strings.Contains(logs, "email changed") {
		t.Error("the email change was not logged")
	}
	for _, secret := range []string{newEmail, u.Password, "not my password at all"} {
		if strings.Contains(logs, secret) {
			t.Errorf("the logs hold %q", secret)
		}
	}
	if strings.Contains(logs, strings.Split(u.Email, "@")[0]) {
		t.Error("the logs hold the old email")
	}

	// The new email logs in; the name and zone change without a password.
	c := e.client()
	if r := c.login(newEmail, u.Password); r.First != http.StatusSeeOther {
		t.Fatalf("login with the new email: %d", r.First)
	}
	u.Email = newEmail
	u.setZone("Asia/Tokyo")
}
