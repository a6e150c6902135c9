package web_test

import (
	"net/http"
	"regexp"
	"testing"
)

var counsellorLinkRe = regexp.MustCompile(`id="counsellor-link"[^>]*value="[^"]*(/c/[A-Za-z0-9_-]+)"`)

// TestCounsellorProposeRules: a link needs a label, something to show and
// an expiry at most 90 days away; it is shown once, to its proposer only;
// the proposer cannot agree to it; the partner's agreement opens it and
// either can revoke it alone.
func TestCounsellorProposeRules(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	a.open("/space/counsellor")
	good := func(kv ...string) []string {
		f := []string{"label", "Dr Okafor", "shows", "promises", "shows", "thanks", "from", "2026-02-01", "to", "2026-03-10", "expires", "2026-04-01"}
		return append(f, kv...)
	}
	for name, f := range map[string][]string{
		"no label":        {"label", "", "shows", "promises", "from", "2026-02-01", "to", "2026-03-10", "expires", "2026-04-01"},
		"nothing shown":   {"label", "Dr O", "from", "2026-02-01", "to", "2026-03-10", "expires", "2026-04-01"},
		"unknown kind":    {"label", "Dr O", "shows", "bookmarks", "from", "2026-02-01", "to", "2026-03-10", "expires", "2026-04-01"},
		"91 days":         {"label", "Dr O", "shows", "promises", "from", "2026-02-01", "to", "2026-03-10", "expires", "2026-06-09"},
		"expired already": {"label", "Dr O", "shows", "promises", "from", "2026-02-01", "to", "2026-03-10", "expires", "2026-03-01"},
		"range backwards": {"label", "Dr O", "shows", "promises", "from", "2026-03-10", "to", "2026-02-01", "expires", "2026-04-01"},
		"not a date":      {"label", "Dr O", "shows", "promises", "from", "soon", "to", "2026-02-01", "expires", "2026-04-01"},
	} {
		if r := a.post("/space/counsellor", form(f...)); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", name, r.Status)
		}
	}
	// 90 days from today is allowed.
	r := a.post("/space/counsellor", form(good("expires", "2026-06-08")...))
	m := counsellorLinkRe.FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatalf("no link shown to its proposer (%d)\n%s", r.Status, excerpt(r.Body))
	}
	path := m[1]
	if a.open("/space/counsellor").Body == r.Body || counsellorLinkRe.MatchString(a.open("/space/counsellor").Body) {
		t.Error("the link is shown again")
	}
	if counsellorLinkRe.MatchString(b.open("/space/counsellor").Body) {
		t.Error("the partner is shown the link")
	}
	guest := e.client()
	if r := guest.get(path); r.Status != http.StatusNotFound {
		t.Fatalf("before the partner agrees: %d", r.Status)
	}
	agree := regexp.MustCompile(`action="(/space/counsellor/[a-z0-9]+/agree)"`)
	if agree.MatchString(a.open("/space/counsellor").Body) {
		t.Error("the proposer is offered to agree to their own link")
	}
	am := agree.FindStringSubmatch(b.open("/space/counsellor").Body)
	if am == nil {
		t.Fatal("the partner is not offered to agree")
	}
	b.post(am[1], nil)
	if r := guest.get(path); r.Status != http.StatusOK {
		t.Fatalf("after the partner agreed: %d", r.Status)
	}
	r = guest.get(path + "/journal") // not among what it shows
	if r.Status != http.StatusNotFound {
		t.Errorf("a page of a kind the link does not show: %d", r.Status)
	}
	guest.get(path+"/promises").contains(t, "Promises and their ledger", "Ana and Ben", "Dr Okafor")
	for _, sub := range []string{"/questions", "/triggers", "/agreements"} { // not chosen either
		if r := guest.get(path + sub); r.Status != http.StatusNotFound {
			t.Errorf("%s, which the link does not show: %d", sub, r.Status)
		}
	}
	for _, u := range []*user{a, b} {
		u.open("/space/counsellor").contains(t, "Dr Okafor opened the overview", "Dr Okafor opened Promises and their ledger")
	}
	revoke := regexp.MustCompile(`action="(/space/counsellor/[a-z0-9]+/revoke)"`)
	rm := revoke.FindStringSubmatch(b.open("/space/counsellor").Body)
	if rm == nil {
		t.Fatal("no revoke button")
	}
	b.post(rm[1], nil)
	if r := guest.get(path); r.Status != http.StatusNotFound {
		t.Errorf("after revoking: %d", r.Status)
	}
	if n := len(e.app.Echo().Routes()); n == 0 {
		t.Fatal("no routes")
	}
	// Opening sent nothing: the server has no mailer here, and the log
	// line of a counsellor page hides the token.
	if regexp.MustCompile(`path=/c/[A-Za-z0-9_-]{5}`).MatchString(e.logs.String()) {
		t.Error("a counsellor's token is in the log")
	}
}

// TestCounsellorLinkOfConversations: the form offers questions, triggers
// and agreements; a link of those alone, proposed through it and agreed,
// opens their pages and no other kind's.
func TestCounsellorLinkOfConversations(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	a.open("/space/counsellor").contains(t, `value="questions"`, "Questions sent and their answers",
		`value="triggers"`, "Shared triggers and the responses", `value="agreements"`, "Openness agreements")
	r := a.post("/space/counsellor", form("label", "Dr Talk", "shows", "questions", "shows", "triggers", "shows", "agreements",
		"from", "2026-02-01", "to", "2026-03-31", "expires", "2026-04-01"))
	m := counsellorLinkRe.FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatalf("no link shown (%d)\n%s", r.Status, excerpt(r.Body))
	}
	path := m[1]
	am := regexp.MustCompile(`action="(/space/counsellor/[a-z0-9]+/agree)"`).FindStringSubmatch(b.open("/space/counsellor").Body)
	if am == nil {
		t.Fatal("Ben is not offered to agree")
	}
	b.post(am[1], nil)
	b.open("/space/counsellor").contains(t, "questions sent and their answers, shared triggers and the responses, openness agreements")
	guest := e.client()
	guest.get(path).contains(t, "Questions sent and their answers", "Shared triggers and the responses", "Openness agreements")
	for sub, empty := range map[string]string{"/questions": "No question was sent in this range.",
		"/triggers": "No trigger shared in this range.", "/agreements": "No agreement in this range."} {
		guest.get(path+sub).contains(t, empty)
	}
	for _, sub := range []string{"/promises", "/checkins", "/thanks", "/journal"} {
		if r := guest.get(path + sub); r.Status != http.StatusNotFound {
			t.Errorf("%s, which the link does not show: %d", sub, r.Status)
		}
	}
}
