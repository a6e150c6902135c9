package web_test

import (
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"mend/internal/auth"
	"mend/internal/mail/mailtest"
	"mend/internal/progress"
	"mend/internal/store"
	"mend/internal/web"
)

// privateTextMatrix covers the private text routes.
func privateTextMatrix() map[string]matrixRoute {
	return map[string]matrixRoute{
		"GET /settings/private-text": {want: users(okPage)},
		"POST /settings/private-text/code": {mutates: true, form: values("password", testPassword),
			want: users(okPage)},
		"POST /settings/private-text/recover":       {form: values("code", "not a code"), want: users(to("/settings/private-text"))},
		"POST /settings/private-text/delete-locked": {mutates: true, want: users(to("/settings/private-text"))},
	}
}

// privateTextUnsafeCases are the CSRF cases of the private text routes.
func privateTextUnsafeCases() map[string]unsafeCase {
	loggedIn := func(path string, kv ...string) unsafeCase {
		return func(t *testing.T, e *env) (*client, string, url.Values) {
			u := e.signup("Sealer")
			u.open("/settings/private-text")
			return u.client, path, form(kv...)
		}
	}
	return map[string]unsafeCase{
		"POST /settings/private-text/code":          loggedIn("/settings/private-text/code", "password", testPassword),
		"POST /settings/private-text/recover":       loggedIn("/settings/private-text/recover", "code", "x"),
		"POST /settings/private-text/delete-locked": loggedIn("/settings/private-text/delete-locked"),
	}
}

var recoveryCodeRe = regexp.MustCompile(`[A-Z2-9]{4}(-[A-Z2-9]{4}){7}`)

// recoveryCode makes a recovery code as u and returns it.
func (u *user) recoveryCode(t *testing.T) string {
	t.Helper()
	u.open("/settings/private-text")
	r := u.post("/settings/private-text/code", form("password", u.Password))
	code := recoveryCodeRe.FindString(r.Body)
	if r.Status != http.StatusOK || code == "" {
		t.Fatalf("recovery code: %d\n%s", r.Status, excerpt(r.Body))
	}
	return code
}

// operatorReset sets u's password as the operator's reset-password does.
func (e *env) operatorReset(t *testing.T, u *user, password string) {
	t.Helper()
	acct, err := e.app.Store().AccountByEmail(ctx(), u.Email)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := auth.NewHasher(testHashParams, 1).Hash(ctx(), password)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.app.Store().ResetPasswordWithoutKey(ctx(), acct.ID, hash); err != nil {
		t.Fatal(err)
	}
	u.Password = password
}

// TestResetAndRecoveryCode: a reset without the old password leaves what
// was private unreadable, listed and kept, and says so; the recovery code
// opens it again; without the code it can be deleted. Shared text is not
// affected.
func TestResetAndRecoveryCode(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Rue", "Sol")
	const mine, ours = "RESET-PRIVATE-3c1a", "RESET-SHARED-77de"
	private := a.writeEntry("Title "+mine, "Body "+mine)
	shared := a.writeEntry("Title "+ours, "Body "+ours)
	a.entryAction(shared, "share")
	a.open("/settings/private-text").contains(t, "You have no recovery code yet")
	code := a.recoveryCode(t)
	a.open("/settings/private-text").contains(t, "You have a recovery code")

	e.operatorReset(t, a, "a reset long passphrase")
	if r := a.get("/journal"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
		t.Fatalf("after the reset, still logged in: %d", r.Status)
	}
	r := a.login(a.Email, a.Password)
	r.contains(t, "cannot be read until you enter your recovery code")
	r = a.open("/journal/" + private)
	r.contains(t, "This text cannot be read")
	r.lacks(t, mine)
	a.open("/journal/"+shared).contains(t, "Body "+ours)
	b.open("/journal/"+shared).contains(t, "Body "+ours)
	a.open("/settings/private-text").contains(t, "Journal entry", "/journal/"+private)
	// What is written after the reset is sealed with the new key and readable.
	after := a.writeEntry("After", "Written after the reset")
	a.open("/journal/"+after).contains(t, "Written after the reset")

	if r := a.post("/settings/private-text/recover", form("code", strings.Replace(code, code[:4], "ZZZZ", 1))); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("a wrong code: %d", r.Status)
	}
	a.open("/settings/private-text")
	a.post("/settings/private-text/recover", form("code", strings.ToLower(code))).contains(t, "can be read again (1)")
	a.open("/journal/"+private).contains(t, "Body "+mine)
	a.open("/journal/"+after).contains(t, "Written after the reset")
	a.open("/settings/private-text").lacks(t, "cannot be read, by you")
	a.post("/logout", nil)
	a.login(a.Email, a.Password).lacks(t, "recovery code in Settings")
	a.open("/journal/"+private).contains(t, "Body "+mine)

	// Reset again, with no code: the items are listed, then deleted.
	e.operatorReset(t, a, "another reset passphrase")
	a.login(a.Email, a.Password)
	a.open("/journal?q="+mine).lacks(t, "Body "+mine)
	a.open("/settings/private-text").contains(t, "Delete the items that cannot be read")
	a.post("/settings/private-text/delete-locked", nil).contains(t, "are deleted (2)")
	if r := a.get("/journal/" + private); r.Status != http.StatusNotFound {
		t.Fatalf("a deleted locked entry: %d", r.Status)
	}
	a.open("/journal/"+shared).contains(t, "Body "+ours)
}

// TestPasswordChangeKeepsPrivateText: a password change wraps the key
// again and re-encrypts nothing; the new password opens it at the next
// login. A login that ends takes its wrapped copy with it.
func TestPasswordChangeKeepsPrivateText(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.signup("Pia")
	a.createSpace("Pia's")
	const mine = "CHANGE-PRIVATE-5b20"
	id := a.writeEntry("Title", "Body "+mine)
	var before string
	if err := e.db.Raw("SELECT sealed FROM journal_entries WHERE id = ?", id).Scan(&before).Error; err != nil || before == "" {
		t.Fatalf("sealed %q: %v", before, err)
	}
	other := e.client()
	other.login(a.Email, a.Password)
	sessions := func() (n int64) {
		if err := e.db.Raw("SELECT COUNT(*) FROM login_sessions ls JOIN users u ON u.id = ls.user_id WHERE u.email = ? AND ls.wrapped_key <> ''", a.Email).
			Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := sessions(); n != 2 {
		t.Fatalf("%d logins hold a wrapped key, want 2", n)
	}
	a.open("/settings")
	a.post("/settings/password", form("current", a.Password, "password", "a changed long passphrase")).contains(t, "Your password is changed")
	a.Password = "a changed long passphrase"
	if n := sessions(); n != 1 {
		t.Fatalf("%d logins hold a wrapped key after the change, want 1", n)
	}
	a.open("/journal/"+id).contains(t, "Body "+mine)
	var after string
	e.db.Raw("SELECT sealed FROM journal_entries WHERE id = ?", id).Scan(&after)
	if after != before {
		t.Fatal("a password change re-encrypted the entry")
	}
	a.post("/logout", nil)
	if n := sessions(); n != 0 {
		t.Fatalf("%d logins hold a wrapped key after logging out", n)
	}
	if r := a.login(a.Email, "correct horse battery staple"); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("the old password: %d", r.Status)
	}
	a.login(a.Email, a.Password)
	a.open("/journal/"+id).contains(t, "Body "+mine)
}

// TestRestartKeepsLogin: a server started anew on the same database reads
// a live login's private text: the key is in the login's row, wrapped by
// its cookie, not in the memory of the server.
func TestRestartKeepsLogin(t *testing.T) {
	t.Parallel()
	var opts web.Options
	e := newEnvWith(t, func(o *web.Options) { opts = *o })
	a := e.signup("Kai")
	a.createSpace("Kai's")
	const mine = "RESTART-PRIVATE-90ab"
	id := a.writeEntry("Title", "Body "+mine)
	again, err := web.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	e.srv.CloseClientConnections()
	e.srv.Config.Handler = again.Handler()
	a.open("/journal/"+id).contains(t, "Body "+mine)
	a.open("/journal?q="+strings.ToLower(mine)).contains(t, "Body "+mine)
}

// TestExportOpensPrivateText: the export holds the member's private text
// readable, for them.
func TestExportOpensPrivateText(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, _ := e.couple("Lin", "Mo")
	const mine = "EXPORT-PRIVATE-2f61"
	for _, seed := range privateSeeds {
		seed(t, a.client, mine)
	}
	r := a.open("/export")
	for _, want := range []string{"Private " + mine, "Not shared: " + mine, "A private note: " + mine, "Draft " + mine} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("the export lacks %q", want)
		}
	}
	if strings.Contains(r.Body, store.LockedText) {
		t.Error("the export holds locked text")
	}
}

// TestTwoStepCarriesKey: with two-step login, the key unwrapped at the
// password step reaches the login made at the code step.
func TestTwoStepCarriesKey(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.signup("Ivo")
	a.createSpace("Ivo's")
	const mine = "TWO-STEP-PRIVATE-6d13"
	id := a.writeEntry("Title", "Body "+mine)
	page := a.open("/settings/two-step")
	secret, pending := secretRe.FindStringSubmatch(page.Body), pendingRe.FindStringSubmatch(page.Body)
	if secret == nil || pending == nil {
		t.Fatal("no two-step setup on the page")
	}
	code := func() string {
		c, err := totp.GenerateCode(secret[1], e.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	a.post("/settings/two-step", form("pending", pending[1], "code", code())).contains(t, "Two-step login is on")
	e.clock.Advance(30 * time.Second)
	b := e.client()
	if r := b.login(a.Email, a.Password); r.URL != "/login/code" {
		t.Fatalf("login ended at %s", r.URL)
	}
	if r := b.post("/login/code", form("code", code())); r.First != http.StatusSeeOther {
		t.Fatalf("code: %d", r.First)
	}
	b.open("/journal/"+id).contains(t, "Body "+mine)
}

// TestResetByMailKeepsOrLocks: a reset by mail from a device where the
// member is logged in wraps the key by the new password, and nothing is
// locked; from anywhere else, what was private is locked as after any
// reset without the old password.
func TestResetByMailKeepsOrLocks(t *testing.T) {
	t.Parallel()
	ms := mailtest.Start(t)
	e := newEnv(t, withMail(ms))
	a := e.mailSignup(ms, "Ora")
	a.createSpace("Ora's")
	const mine = "MAIL-RESET-PRIVATE-a41f"
	id := a.writeEntry("Title", "Body "+mine)
	reset := func(c *client, password string) {
		t.Helper()
		c.open("/password/forgot")
		c.post("/password/forgot", form("email", a.Email))
		link := lastLink(t, ms, a.Email, resetLinkRe)
		c.open(link).contains(t, "your private items will be kept but unreadable")
		if r := c.post(link, form("password", password)); r.First != http.StatusSeeOther {
			t.Fatalf("reset: %d", r.First)
		}
	}
	reset(a.client, "a first new passphrase")
	a.open("/journal/"+id).contains(t, "Body "+mine)
	a.post("/logout", nil)
	a.login(a.Email, "a first new passphrase").lacks(t, "recovery code in Settings")
	a.open("/journal/"+id).contains(t, "Body "+mine)

	a.post("/logout", nil)
	reset(e.client(), "a second new passphrase")
	a.login(a.Email, "a second new passphrase").contains(t, "cannot be read until you enter your recovery code")
	a.open("/journal/"+id).lacks(t, "Body "+mine)
}

// TestLoginSealsOldRows: private items stored readable (from before
// sealing) are sealed in one go at their author's next login, shared ones
// are left readable, and a login from before data keys must log in again.
func TestLoginSealsOldRows(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, _ := e.couple("Vic", "Wen")
	uid, space := idsOf(t, e, a)
	sc := store.Scope{UserID: uid, SpaceID: space}
	st := e.app.Store()
	const old = "OLD-PLAIN-PRIVATE-1b7e"
	// Written without a key, as before sealing.
	en, err := st.CreateJournalEntry(ctx(), sc, store.JournalInput{Title: "Old " + old, Body: old})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateTrigger(ctx(), sc, store.TriggerInput{OccurredAt: e.clock.Now(), Strength: 3, Cause: old}); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveBookmark(ctx(), sc, "respect", old, false); err != nil {
		t.Fatal(err)
	}
	// A private intention: its terms and a day's note.
	today := progress.Today(e.clock.Now(), time.UTC)
	in, err := st.CreatePromise(ctx(), sc, "", true, store.Terms{Title: "Intent " + old,
		Schedule: progress.Schedule{Kind: progress.KindDaily, Start: today, End: progress.NoDate, Due: progress.NoDate}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.RecordOccurrence(ctx(), sc, in.ID, today, store.OutcomeKept, "Day "+old); err != nil {
		t.Fatal(err)
	}
	plain := func() (n int64) {
		counts, err := st.CountPlainRows(ctx())
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range counts {
			n += c
		}
		return n
	}
	if n := plain(); n != 5 {
		t.Fatalf("%d plain rows, want 5", n)
	}
	// A login from before data keys: its row holds no wrapped key.
	if err := e.db.Exec("UPDATE login_sessions SET wrapped_key = '' WHERE user_id = ?", uid).Error; err != nil {
		t.Fatal(err)
	}
	if r := a.get("/journal"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
		t.Fatalf("a login without a key: %d", r.Status)
	}
	a.login(a.Email, a.Password)
	if n := plain(); n != 0 {
		t.Fatalf("%d plain rows after the login", n)
	}
	if os.Getenv("MEND_TEST_POSTGRES") == "" {
		e.onDisk(old, false) // the readable copies left the file and the WAL
	}
	a.open("/journal/"+en.ID).contains(t, "Old "+old)
	a.open("/triggers").contains(t, old)
	a.open("/bookmarks").contains(t, old)
	a.open("/promises/"+in.ID).contains(t, "Intent "+old, "Day "+old)
}

// TestLockedIntention: after a reset without the old password, a private
// intention whose words were sealed with the lost key is listed as one
// locked item; the recovery code opens it again, and once lost for good it
// can be deleted whole.
func TestLockedIntention(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, _ := e.couple("Uma", "Val")
	r := a.post("/promises", form("title", "Pangolin hour", "kind", "daily", "can_keep", "1", "private", "1"))
	id := strings.TrimPrefix(r.URL, "/promises/")
	a.record(id, e.clock.Now().UTC().Format("2006-01-02"), "kept", "note", "Tapir note")
	code := a.recoveryCode(t)

	e.operatorReset(t, a, "a reset long passphrase")
	a.login(a.Email, a.Password)
	a.open("/promises/"+id).lacks(t, "Pangolin hour", "Tapir note")
	a.open("/settings/private-text").contains(t, "Private intention", "/promises/"+id)
	a.open("/settings/private-text")
	a.post("/settings/private-text/recover", form("code", code)).contains(t, "can be read again (2)")
	a.open("/promises/"+id).contains(t, "Pangolin hour", "Tapir note")

	e.operatorReset(t, a, "another reset passphrase")
	a.login(a.Email, a.Password)
	a.open("/settings/private-text").contains(t, "Private intention")
	a.post("/settings/private-text/delete-locked", nil).contains(t, "are deleted (1)")
	if r := a.get("/promises/" + id); r.Status != http.StatusNotFound {
		t.Fatalf("a deleted locked intention: %d", r.Status)
	}
}
