package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mend/internal/auth"
	"mend/internal/db"
	"mend/internal/store"
)

// cmdEnv is a temporary data directory with a migrated database.
type cmdEnv struct {
	t   *testing.T
	dir string
	st  *store.Store
}

func newCmdEnv(t *testing.T) *cmdEnv {
	t.Helper()
	dir := t.TempDir()
	g, err := db.Open("", filepath.Join(dir, "mend.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(g); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := g.DB(); err == nil {
			sqlDB.Close()
		}
	})
	return &cmdEnv{t: t, dir: dir, st: store.New(g, nil)}
}

func (e *cmdEnv) getenv(k string) string {
	if k == "MEND_DATA_DIR" {
		return e.dir
	}
	return ""
}

// run runs mend with args and stdin and returns its output and exit code.
func (e *cmdEnv) run(stdin string, args ...string) (string, int) {
	var out bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &out, e.getenv)
	return out.String(), code
}

func (e *cmdEnv) session(u *store.User) {
	e.t.Helper()
	now := time.Now()
	if err := e.st.CreateLoginSession(context.Background(), &store.LoginSession{TokenHash: store.NewID(), UserID: &u.ID, CSRF: "c",
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
		e.t.Fatal(err)
	}
}

func (e *cmdEnv) sessions(u *store.User) int {
	list, err := e.st.LoginSessions(context.Background(), store.Scope{UserID: u.ID})
	if err != nil {
		e.t.Fatal(err)
	}
	return len(list)
}

// TestUserAddList: an account added on the command line logs in with the
// password printed or the one given on stdin, and the list shows it.
func TestUserAddList(t *testing.T) {
	e := newCmdEnv(t)
	ctx := context.Background()
	out, code := e.run("", "user", "add", "Kit@Example.com")
	if code != 0 || !strings.Contains(out, "Created the account kit@example.com (kit)") {
		t.Fatalf("user add: %d %q", code, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	printed := lines[len(lines)-1]
	u, err := e.st.UserByEmail(ctx, "kit@example.com")
	if err != nil {
		t.Fatal(err)
	}
	h := auth.NewHasher(auth.DefaultParams, 1)
	if ok, _ := h.Verify(ctx, u.PasswordHash, printed); !ok {
		t.Fatalf("the printed password %q does not log in", printed)
	}
	if out, code := e.run("", "user", "add", "kit@example.com"); code != 1 || !strings.Contains(out, "already exists") {
		t.Fatalf("second add of one email: %d %q", code, out)
	}
	if out, code := e.run("", "user", "add", "not-an-email"); code != 1 || !strings.Contains(out, "not an email") {
		t.Fatalf("add a non-email: %d %q", code, out)
	}
	if out, code := e.run("short\n", "user", "add", "--stdin", "lee@example.com"); code != 1 || !strings.Contains(out, "at least 12") {
		t.Fatalf("weak password from stdin: %d %q", code, out)
	}
	out, code = e.run("a chosen long passphrase\n", "user", "add", "--stdin", "--name", "Lee Jones", "lee@example.com")
	if code != 0 || strings.Contains(out, "a chosen long passphrase") {
		t.Fatalf("add from stdin: %d %q", code, out)
	}
	lee, err := e.st.UserByEmail(ctx, "lee@example.com")
	if err != nil || lee.Name != "Lee Jones" {
		t.Fatalf("lee: %+v %v", lee, err)
	}
	if ok, _ := h.Verify(ctx, lee.PasswordHash, "a chosen long passphrase"); !ok {
		t.Fatal("the password from stdin does not log in")
	}
	if _, err := e.st.CreateSpace(ctx, store.Scope{UserID: lee.ID}, "Private space name"); err != nil {
		t.Fatal(err)
	}
	e.session(lee)

	out, code = e.run("", "user", "list")
	if code != 0 {
		t.Fatalf("list: %d %q", code, out)
	}
	rows := strings.Split(strings.TrimSpace(out), "\n")
	if len(rows) != 4 || !strings.HasPrefix(rows[0], "EMAIL") || !strings.Contains(rows[3], "2 account(s)") {
		t.Fatalf("list:\n%s", out)
	}
	kit, leeRow := strings.Fields(rows[1]), rows[2]
	if kit[0] != "kit@example.com" || kit[3] != "-" || kit[4] != "no" {
		t.Fatalf("kit's row: %q", rows[1])
	}
	if !strings.HasPrefix(leeRow, "lee@example.com") || !strings.Contains(leeRow, "Lee Jones") ||
		!strings.Contains(leeRow, time.Now().UTC().Format("2006-01-02 ")) || !strings.Contains(leeRow, " yes ") {
		t.Fatalf("lee's row: %q", leeRow)
	}
	if strings.Contains(out, "Private space name") {
		t.Fatal("the list shows what a member wrote")
	}
}

// TestUserDisable: a disabled account cannot be found to log in and its
// sessions end; enabling it undoes that.
func TestUserDisable(t *testing.T) {
	e := newCmdEnv(t)
	ctx := context.Background()
	u := &store.User{Name: "Kit", Email: "kit@example.com", PasswordHash: "x"}
	if err := e.st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	e.session(u)
	e.session(u)
	if out, code := e.run("", "user", "disable", "nobody@example.com"); code != 1 || !strings.Contains(out, "no account has the email") {
		t.Fatalf("disable unknown: %d %q", code, out)
	}
	if out, code := e.run("", "user", "disable", "KIT@example.com"); code != 0 || !strings.Contains(out, "Disabled kit@example.com") {
		t.Fatalf("disable: %d %q", code, out)
	}
	if n := e.sessions(u); n != 0 {
		t.Fatalf("%d sessions survived", n)
	}
	if _, err := e.st.UserByEmail(ctx, u.Email); err != store.ErrNotFound {
		t.Fatalf("a disabled account is found to log in: %v", err)
	}
	if out, _ := e.run("", "user", "list"); !strings.Contains(out, "disabled") {
		t.Fatalf("the list does not say disabled:\n%s", out)
	}
	if out, code := e.run("", "user", "enable", u.Email); code != 0 || !strings.Contains(out, "Enabled") {
		t.Fatalf("enable: %d %q", code, out)
	}
	if _, err := e.st.UserByEmail(ctx, u.Email); err != nil {
		t.Fatalf("an enabled account is not found: %v", err)
	}
	// The password of a disabled account can still be reset.
	if out, code := e.run("", "user", "disable", u.Email); code != 0 {
		t.Fatalf("disable again: %d %q", code, out)
	}
	if out, code := e.run("", "user", "reset-password", u.Email); code != 0 {
		t.Fatalf("reset a disabled account's password: %d %q", code, out)
	}
}

// TestSessionsEndAll logs every account out.
func TestSessionsEndAll(t *testing.T) {
	e := newCmdEnv(t)
	ctx := context.Background()
	var users []*store.User
	for _, email := range []string{"a@example.com", "b@example.com"} {
		u := &store.User{Name: "X", Email: email, PasswordHash: "x"}
		if err := e.st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		e.session(u)
		users = append(users, u)
	}
	e.session(users[0])
	if out, code := e.run("", "sessions", "end-all"); code != 0 || !strings.Contains(out, "Ended 3 login session(s)") {
		t.Fatalf("end-all: %d %q", code, out)
	}
	for _, u := range users {
		if n := e.sessions(u); n != 0 {
			t.Fatalf("%s kept %d sessions", u.Email, n)
		}
	}
	if out, code := e.run("", "sessions"); code != 1 || !strings.Contains(out, "usage") {
		t.Fatalf("sessions without a command: %d %q", code, out)
	}
}

// TestUserResetTwoStep turns two-step login off and removes the recovery codes.
func TestUserResetTwoStep(t *testing.T) {
	e := newCmdEnv(t)
	ctx := context.Background()
	u := &store.User{Name: "Kit", Email: "kit@example.com", PasswordHash: "x"}
	if err := e.st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if out, code := e.run("", "user", "reset-2fa", u.Email); code != 0 || !strings.Contains(out, "does not use two-step") {
		t.Fatalf("reset-2fa when off: %d %q", code, out)
	}
	if err := e.st.EnableTwoStep(ctx, store.Scope{UserID: u.ID}, "sealed", 5, []string{"h1", "h2"}); err != nil {
		t.Fatal(err)
	}
	if out, _ := e.run("", "user", "list"); !strings.Contains(out, "two-step") {
		t.Fatalf("the list does not say two-step:\n%s", out)
	}
	if out, code := e.run("", "user", "reset-2fa", u.Email); code != 0 || !strings.Contains(out, "Two-step login is off") {
		t.Fatalf("reset-2fa: %d %q", code, out)
	}
	u2, _ := e.st.UserByEmail(ctx, u.Email)
	if n, _ := e.st.RecoveryCodesLeft(ctx, u.ID); u2.TOTPSecret != "" || n != 0 {
		t.Fatalf("after reset: secret %q, %d codes", u2.TOTPSecret, n)
	}
}

// TestUserDelete deletes an account from the command line: it asks for the
// email address again unless --yes, and leaves nothing of the account.
func TestUserDelete(t *testing.T) {
	e := newCmdEnv(t)
	ctx := context.Background()
	u := &store.User{Name: "Rae", Email: "rae@example.com", PasswordHash: "x"}
	if err := e.st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	e.session(u)
	if out, code := e.run("someone@example.com\n", "user", "delete", u.Email); code != 1 || !strings.Contains(out, "nothing was deleted") {
		t.Fatalf("delete, not confirmed: %d %q", code, out)
	}
	if _, err := e.st.AccountByEmail(ctx, u.Email); err != nil {
		t.Fatalf("an unconfirmed delete deleted: %v", err)
	}
	if out, code := e.run("RAE@example.com\n", "user", "delete", u.Email); code != 0 || !strings.Contains(out, "Deleted rae@example.com") {
		t.Fatalf("delete, confirmed: %d %q", code, out)
	}
	if _, err := e.st.AccountByEmail(ctx, u.Email); err != store.ErrNotFound {
		t.Fatalf("the account is still there: %v", err)
	}
	if n := e.sessions(u); n != 0 {
		t.Fatalf("%d sessions survived the deletion", n)
	}
	v := &store.User{Name: "Sol", Email: "sol@example.com", PasswordHash: "x"}
	if err := e.st.CreateUser(ctx, v); err != nil {
		t.Fatal(err)
	}
	if out, code := e.run("", "user", "delete", "--yes", v.Email); code != 0 || !strings.Contains(out, "Deleted sol@example.com") {
		t.Fatalf("delete --yes: %d %q", code, out)
	}
	if out, code := e.run("", "user", "delete", "--yes", v.Email); code != 1 || !strings.Contains(out, "no account has the email") {
		t.Fatalf("delete again: %d %q", code, out)
	}
	if out, _ := e.run("", "user", "list"); strings.Contains(out, "@example.com") {
		t.Fatalf("deleted accounts are listed:\n%s", out)
	}
}
