package main

import (
	"context"
	"strings"
	"testing"

	"mend/internal/seal"
	"mend/internal/store"
)

// TestPlainCount: the command counts private items stored readable, and
// none once their author's login sealed them; the operator's reset warns
// that sealed items will need the recovery code.
func TestPlainCount(t *testing.T) {
	e := newCmdEnv(t)
	ctx := context.Background()
	u := &store.User{Name: "P", Email: "p@example.com", PasswordHash: "x"}
	if err := e.st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	sp, err := e.st.CreateSpace(ctx, store.Scope{UserID: u.ID}, "S")
	if err != nil {
		t.Fatal(err)
	}
	sc := store.Scope{UserID: u.ID, SpaceID: sp.ID}
	if _, err := e.st.CreateJournalEntry(ctx, sc, store.JournalInput{Title: "old", Body: "written before keys"}); err != nil {
		t.Fatal(err)
	}
	if out, code := e.run("", "plain-count"); code != 0 || !strings.Contains(out, "journal_entries  1") ||
		!strings.Contains(out, "1 private items still stored readable") {
		t.Fatalf("plain-count: %d\n%s", code, out)
	}
	if _, err := e.st.SealPlainRows(store.WithDataKey(ctx, u.ID, seal.NewKey()), sc); err != nil {
		t.Fatal(err)
	}
	if out, code := e.run("", "plain-count"); code != 0 || !strings.Contains(out, "0 private items still stored readable") {
		t.Fatalf("plain-count after sealing: %d\n%s", code, out)
	}

	// A member with a data key is warned of before and after a reset.
	if _, err := e.st.CreateDataKeys(ctx, sc, "m=64,t=1,p=1$c2FsdA$s1:x", ""); err != nil {
		t.Fatal(err)
	}
	out, code := e.run("", "user", "reset-password", u.Email)
	if code != 0 || !strings.Contains(out, "cannot be read until") || !strings.Contains(out, "stay unreadable until the recovery code") {
		t.Fatalf("reset-password: %d\n%s", code, out)
	}
	acct, err := e.st.AccountByEmail(ctx, u.Email)
	if err != nil {
		t.Fatal(err)
	}
	if acct.KeyByPassword != "" || acct.KeyLostAt == nil {
		t.Fatal("the reset kept a key the new password cannot open")
	}
}
