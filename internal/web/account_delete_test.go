package web_test

import (
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"mend/internal/progress"
	"mend/internal/store"
)

// TestDeleteAccount: a member deletes their account from the settings.
// Everything they wrote goes, shared items included, from every page of the
// partner who stays and (on SQLite) from the bytes of the database; what the
// partner wrote stays, and where it answered something deleted the page
// says so.
func TestDeleteAccount(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ada", "Ben")
	s := e.app.Store()
	sa, sb := scopeOf(t, e, a), scopeOf(t, e, b)
	today := progress.Today(e.clock.Now(), time.UTC)
	var gone, stays []string
	mk := func(list *[]string, what string) string {
		m := "MK" + what + "X" + store.NewID()[:6]
		*list = append(*list, m)
		return m
	}
	g := func(what string) string { return mk(&gone, what) }
	k := func(what string) string { return mk(&stays, what) }

	// Ada's journal: private, shared without a reply, shared and replied to.
	_, err := s.CreateJournalEntry(ctx(), sa, store.JournalInput{Title: g("privtitle"), Body: g("privbody")})
	ok(t, err)
	for _, reply := range []bool{false, true} {
		j, err := s.CreateJournalEntry(ctx(), sa, store.JournalInput{Title: g("jtitle"), Body: g("jbody")})
		ok(t, err)
		ok(t, s.ShareJournalEntry(ctx(), sa, j.ID, true))
		if reply {
			ok(t, s.ReplyToJournalEntry(ctx(), sb, j.ID, k("jreply")))
		}
	}
	// Ben's own shared entry, and Ada's reply to it.
	jb, err := s.CreateJournalEntry(ctx(), sb, store.JournalInput{Title: k("benjtitle"), Body: k("benjbody")})
	ok(t, err)
	ok(t, s.ShareJournalEntry(ctx(), sb, jb.ID, true))
	ok(t, s.ReplyToJournalEntry(ctx(), sa, jb.ID, g("adareply")))

	_, err = s.CreateCheckin(ctx(), sa, today, store.CheckinInput{Safe: 5, Trust: 5, Connected: 5, Mood: "calm", Note: g("checkin")})
	ok(t, err)
	ok(t, s.SaveBookmark(ctx(), sa, "active-listening", g("bookmark"), true))
	_, err = s.CreateReflection(ctx(), sa, today.WeekStart(time.Monday), store.ReflectionInput{Helped: g("reflection"), Visibility: store.VisibilityShared})
	ok(t, err)

	// A question of Ada's that Ben answered, and one of Ben's she answered.
	q, err := s.CreateQuestion(ctx(), sa, g("question"), "")
	ok(t, err)
	ok(t, s.SendQuestion(ctx(), sa, q.ID))
	ok(t, s.AnswerQuestion(ctx(), sb, q.ID, k("answer"), ""))
	qb, err := s.CreateQuestion(ctx(), sb, k("benquestion"), "")
	ok(t, err)
	ok(t, s.SendQuestion(ctx(), sb, qb.ID))
	ok(t, s.AnswerQuestion(ctx(), sa, qb.ID, g("adaanswer"), ""))

	// A trigger Ada shared and Ben responded to.
	tr, err := s.CreateTrigger(ctx(), sa, store.TriggerInput{OccurredAt: e.clock.Now(), Strength: 6, Cause: g("cause"), Helped: g("helped")})
	ok(t, err)
	ok(t, s.ShareTrigger(ctx(), sa, tr.ID, true))
	ok(t, s.RespondToTrigger(ctx(), sb, tr.ID, "note", k("response")))

	// An agreement Ada offered and Ben accepted.
	ag, err := s.OfferAgreement(ctx(), sa, g("agreement"), today.AddDays(30).String(), today)
	ok(t, err)
	ok(t, s.AcceptAgreement(ctx(), sb, ag.ID))

	// Ada's promise, her record Ben questioned and her reply; Ben's
	// promise, his record she questioned and his reply.
	daily := func(title, details string) store.Terms {
		return store.Terms{Title: title, Details: details,
			Schedule: progress.Schedule{Kind: progress.KindDaily, Start: today, End: progress.NoDate, Due: progress.NoDate}}
	}
	pa, err := s.CreatePromise(ctx(), sa, "", false, daily(g("promise"), g("details")))
	ok(t, err)
	la, err := s.RecordOccurrence(ctx(), sa, pa.ID, today, store.OutcomeKept, g("ledger"))
	ok(t, err)
	_, err = s.ReviewEntry(ctx(), sb, la.ID, store.ReviewDispute, k("dispute"))
	ok(t, err)
	_, err = s.ReplyToDispute(ctx(), sa, la.ID, g("disputereply"))
	ok(t, err)
	pb, err := s.CreatePromise(ctx(), sb, "", false, daily(k("benpromise"), ""))
	ok(t, err)
	lb, err := s.RecordOccurrence(ctx(), sb, pb.ID, today, store.OutcomeKept, k("benledger"))
	ok(t, err)
	_, err = s.ReviewEntry(ctx(), sa, lb.ID, store.ReviewDispute, g("adadispute"))
	ok(t, err)
	_, err = s.ReplyToDispute(ctx(), sb, lb.ID, k("benreply"))
	ok(t, err)

	// A record of Ada's that Ben questioned and she then corrected: his
	// words, set aside, are kept in the day's history.
	pc, err := s.CreatePromise(ctx(), sa, "", false, daily(g("promise2"), ""))
	ok(t, err)
	lc, err := s.RecordOccurrence(ctx(), sa, pc.ID, today, store.OutcomeKept, g("oldnote"))
	ok(t, err)
	_, err = s.ReviewEntry(ctx(), sb, lc.ID, store.ReviewDispute, k("setaside"))
	ok(t, err)
	ch, err := s.ChangeRecord(ctx(), sa, lc.ID, 0, store.OutcomeMissed, g("newnote"))
	ok(t, err)
	if !ch.Reset {
		t.Fatal("the correction did not set Ben's review aside")
	}

	// Notes of thanks both ways, each replied to.
	na, err := s.SendGratitude(ctx(), sa, g("thanks"), "", "")
	ok(t, err)
	ok(t, s.ReplyToGratitude(ctx(), sb, na.ID, k("thanksreply"), true))
	nb, err := s.SendGratitude(ctx(), sb, k("benthanks"), "", "")
	ok(t, err)
	ok(t, s.ReplyToGratitude(ctx(), sa, nb.ID, g("adathanksreply"), true))

	// Ben's pages, but the guidance, which holds no one's words.
	crawl := func() map[string]string {
		pages := b.crawlSkipping([]string{"/guidance", "/help", "/safety", "/path", "/?suggestion"}, "/")
		if len(pages) >= 400 {
			t.Fatalf("the crawl stopped at %d pages", len(pages))
		}
		return pages
	}
	before := crawl()
	for _, m := range stays {
		if !anyHas(before, m) {
			t.Fatalf("before the deletion no page of Ben's shows %s: the check looks in the wrong place", m)
		}
	}

	// The page asks for the password and offers the export first.
	a.open("/settings").contains(t, `href="/settings/delete"`)
	a.open("/settings/delete").contains(t, `href="/export"`, "cannot be undone", `action="/settings/delete"`)
	if r := a.post("/settings/delete", form("password", "not my password")); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("wrong password: %d", r.Status)
	}
	if n, _ := s.CountUsers(ctx()); n != 2 {
		t.Fatalf("a wrong password deleted something: %d accounts", n)
	}
	r := a.post("/settings/delete", form("password", a.Password))
	if r.First != http.StatusSeeOther || r.Status != http.StatusOK {
		t.Fatalf("delete: %d then %d", r.First, r.Status)
	}
	r.contains(t, "Your account and everything you wrote are deleted.", `href="/signup"`)
	if r := a.get("/settings"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.Location, "/login") {
		t.Fatalf("the deleted account's cookie still opens settings: %d %s", r.Status, r.Location)
	}
	fresh := e.client()
	fresh.open("/login")
	if r := fresh.login(a.Email, a.Password); r.Status == http.StatusSeeOther {
		t.Fatalf("the deleted account logs in: %d %s", r.Status, r.Location)
	}

	after := crawl()
	for path, body := range after {
		for _, m := range gone {
			if strings.Contains(body, m) {
				t.Errorf("after the deletion %s shows %s", path, m)
			}
		}
	}
	for _, m := range stays {
		if !anyHas(after, m) {
			t.Errorf("Ben's %s is lost with Ada's account", m)
		}
	}
	if !anyHas(after, store.DeletedText) {
		t.Errorf("no page says that what Ben answered was deleted")
	}
	export := b.get("/export").Body
	for _, m := range gone {
		if strings.Contains(export, m) {
			t.Errorf("Ben's export holds %s", m)
		}
	}

	// The account is not listed, and counts no more (nor does the
	// placeholder that stands for it).
	if n, _ := s.CountUsers(ctx()); n != 1 {
		t.Errorf("%d accounts after the deletion, want 1", n)
	}
	accounts, err := s.Accounts(ctx())
	ok(t, err)
	if len(accounts) != 1 || accounts[0].Email != b.Email {
		t.Errorf("accounts after the deletion: %+v", accounts)
	}
	var rows int64
	ok(t, e.db.Raw("SELECT COUNT(*) FROM memberships WHERE user_id = ?", sa.UserID).Scan(&rows).Error)
	if rows != 0 {
		t.Errorf("%d memberships of the deleted account remain", rows)
	}
	t.Logf("account deletion: %d of Ada's texts gone, %d of Ben's kept, %d pages crawled", len(gone), len(stays), len(after))

	if os.Getenv("MEND_TEST_POSTGRES") != "" {
		return // the bytes on disk are checked on SQLite; PostgreSQL keeps its own files
	}
	for _, m := range gone {
		e.onDisk(m, false)
	}
	for _, m := range stays {
		e.onDisk(m, true)
	}
}

// anyHas reports whether some page of pages contains s.
func anyHas(pages map[string]string, s string) bool {
	for _, body := range pages {
		if strings.Contains(body, s) {
			return true
		}
	}
	return false
}
