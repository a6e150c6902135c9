package web_test

import (
	"net/http"
	"testing"
)

// TestDisabledAccount: disabling an account (what mend user disable does)
// ends its logins at once and refuses its password; enabling undoes it.
func TestDisabledAccount(t *testing.T) {
	e := newEnv(t)
	a := e.signup("Ana")
	if r := a.get("/settings"); r.Status != http.StatusOK {
		t.Fatalf("settings before: %d", r.Status)
	}
	u, err := e.app.Store().AccountByEmail(ctx(), a.Email)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.app.Store().SetDisabled(ctx(), u.ID, true); err != nil {
		t.Fatal(err)
	}
	if r := a.get("/settings"); r.Status != http.StatusSeeOther || r.Location != "/login?next=%2Fsettings" {
		t.Fatalf("settings of a disabled account: %d %s", r.Status, r.Location)
	}
	c := e.client()
	if r := c.login(a.Email, a.Password); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("login of a disabled account: %d", r.Status)
	}
	if err := e.app.Store().SetDisabled(ctx(), u.ID, false); err != nil {
		t.Fatal(err)
	}
	if r := c.login(a.Email, a.Password); r.First != http.StatusSeeOther {
		t.Fatalf("login after enable: %d", r.First)
	}
}
