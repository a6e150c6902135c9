package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mend/internal/auth"
	"mend/internal/db"
	"mend/internal/store"
)

// TestCommands runs the real commands against a temporary data directory.
func TestCommands(t *testing.T) {
	dir := t.TempDir()
	env := func(k string) string {
		if k == "MEND_DATA_DIR" {
			return dir
		}
		return ""
	}
	exec := func(stdin string, args ...string) (string, int) {
		var out, errOut bytes.Buffer
		code := run(args, strings.NewReader(stdin), &out, &errOut, env)
		return out.String() + errOut.String(), code
	}
	if out, code := exec("", "version"); code != 0 || !strings.HasPrefix(out, "mend ") {
		t.Fatalf("version: %d %q", code, out)
	}
	if out, code := exec("", "migrate"); code != 0 || !strings.Contains(out, "schema is up to date") {
		t.Fatalf("migrate: %d %q", code, out)
	}
	if info, err := os.Stat(filepath.Join(dir, "mend.db")); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("database file mode: %v %v", info.Mode(), err)
	}
	if out, code := exec("", "user", "reset-password", "nobody@example.com"); code != 1 || !strings.Contains(out, "no account has the email") {
		t.Fatalf("reset for unknown email: %d %q", code, out)
	}
	if out, code := exec("", "frobnicate"); code != 2 || !strings.Contains(out, "unknown command") {
		t.Fatalf("unknown command: %d %q", code, out)
	}
	if out, code := exec("short\n", "user", "reset-password", "--stdin", "x@example.com"); code != 1 || !strings.Contains(out, "at least 12") {
		t.Fatalf("weak password from stdin: %d %q", code, out)
	}
	backup := filepath.Join(t.TempDir(), "copy.db")
	if out, code := exec("", "backup", backup); code != 0 {
		t.Fatalf("backup: %d %q", code, out)
	}
	if info, err := os.Stat(backup); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("backup file mode: %v %v", info.Mode(), err)
	}
}

// TestResetPassword sets a password for an existing account, printed or
// read from stdin, and logs the account out everywhere.
func TestResetPassword(t *testing.T) {
	dir := t.TempDir()
	env := func(k string) string {
		if k == "MEND_DATA_DIR" {
			return dir
		}
		return ""
	}
	g, err := db.Open("", filepath.Join(dir, "mend.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(g); err != nil {
		t.Fatal(err)
	}
	st := store.New(g, nil)
	ctx := context.Background()
	u := &store.User{Name: "Kit", Email: "kit@example.com", PasswordHash: "x"}
	if err := st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateLoginSession(ctx, &store.LoginSession{TokenHash: "h", UserID: &u.ID, CSRF: "c", CreatedAt: time.Now(), LastSeenAt: time.Now(), ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if code := run([]string{"user", "reset-password", "KIT@example.com"}, strings.NewReader(""), &out, &out, env); code != 0 {
		t.Fatalf("reset: %d %s", code, out.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	printed := lines[len(lines)-1]
	h := auth.NewHasher(auth.DefaultParams, 1)
	u2, _ := st.UserByEmail(ctx, u.Email)
	if ok, _ := h.Verify(ctx, u2.PasswordHash, printed); !ok {
		t.Fatalf("the printed password %q does not log in", printed)
	}
	if list, _ := st.LoginSessions(ctx, store.Scope{UserID: u.ID}); len(list) != 0 {
		t.Fatalf("%d sessions survived the reset", len(list))
	}
	out.Reset()
	if code := run([]string{"user", "reset-password", "--stdin", u.Email}, strings.NewReader("a chosen long passphrase\n"), &out, &out, env); code != 0 {
		t.Fatalf("reset from stdin: %d %s", code, out.String())
	}
	u3, _ := st.UserByEmail(ctx, u.Email)
	if ok, _ := h.Verify(ctx, u3.PasswordHash, "a chosen long passphrase"); !ok {
		t.Fatal("the password from stdin does not log in")
	}
}
