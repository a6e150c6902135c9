package store_test

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"mend/internal/progress"
	"mend/internal/seal"
	"mend/internal/store"
)

// sealFixture is two partners with data keys, and a third member alone.
type sealFixture struct {
	s              *store.Store
	a, b, c        store.Scope
	ctxA, ctxB     context.Context
	ctxC, ctxNoKey context.Context
}

func newSealFixture(t *testing.T) *sealFixture {
	g := migratedDB(t)
	s := store.New(g, nil)
	ctx := context.Background()
	fx := &sealFixture{s: s, ctxNoKey: ctx}
	user := func(name string) string {
		u := &store.User{Email: name + "@example.com", Name: name, PasswordHash: "x", TimeZone: "UTC"}
		ok(t, s.CreateUser(ctx, u))
		return u.ID
	}
	a, b, c := user("ada"), user("bo"), user("cy")
	sp := must(s.CreateSpace(ctx, store.Scope{UserID: a}, "Ours"))
	fx.a = store.Scope{UserID: a, SpaceID: sp.ID, Since: must(s.CurrentMembership(ctx, a)).JoinedAt}
	m := store.Membership{ID: store.NewID(), SpaceID: sp.ID, UserID: b, JoinedAt: s.Now().Add(-time.Hour)}
	ok(t, g.Create(&m).Error)
	fx.b = store.Scope{UserID: b, SpaceID: sp.ID, Since: m.JoinedAt}
	sp2 := must(s.CreateSpace(ctx, store.Scope{UserID: c}, "Mine"))
	fx.c = store.Scope{UserID: c, SpaceID: sp2.ID, Since: must(s.CurrentMembership(ctx, c)).JoinedAt}
	fx.ctxA = store.WithDataKey(ctx, a, seal.NewKey())
	fx.ctxB = store.WithDataKey(ctx, b, seal.NewKey())
	fx.ctxC = store.WithDataKey(ctx, c, seal.NewKey())
	return fx
}

// raw is one column of a row, as the database holds it.
func (fx *sealFixture) raw(t *testing.T, table, col, id string) string {
	t.Helper()
	var v string
	ok(t, fx.s.DB().Raw("SELECT "+col+" FROM "+table+" WHERE id = ?", id).Scan(&v).Error)
	return v
}

// TestSealedJournal: a private entry is sealed at rest, opened for its
// author (search too), stored readable once shared and sealed again once
// private again.
func TestSealedJournal(t *testing.T) {
	fx := newSealFixture(t)
	s := fx.s
	e := must(s.CreateJournalEntry(fx.ctxA, fx.a, store.JournalInput{Title: "quietmarker title", Body: "quietmarker body"}))
	for _, col := range []string{"title", "body", "search_text", "sealed"} {
		if strings.Contains(fx.raw(t, "journal_entries", col, e.ID), "quietmarker") {
			t.Fatalf("journal_entries.%s holds the private text", col)
		}
	}
	if got := must(s.JournalEntry(fx.ctxA, fx.a, e.ID)); got.Title != "quietmarker title" || got.Body != "quietmarker body" {
		t.Fatalf("the author reads %q / %q", got.Title, got.Body)
	}
	page := must(s.JournalEntries(fx.ctxA, fx.a, "QUIETMARKER", 0, 10))
	if page.Total != 1 || page.Items[0].Title != "quietmarker title" || page.Items[0].Excerpt != "quietmarker body" {
		t.Fatalf("the author's search found %+v", page)
	}
	if page := must(s.JournalEntries(fx.ctxB, fx.b, "quietmarker", 0, 10)); page.Total != 0 {
		t.Fatal("the partner's search finds a private entry")
	}
	// Without the key (a login that lost it), the author sees it is locked.
	if got := must(s.JournalEntry(fx.ctxNoKey, fx.a, e.ID)); got.Title != store.LockedText || got.Body != "" {
		t.Fatalf("without the key the author reads %q", got.Title)
	}

	ok(t, s.ShareJournalEntry(fx.ctxA, fx.a, e.ID, true))
	if fx.raw(t, "journal_entries", "title", e.ID) != "quietmarker title" || fx.raw(t, "journal_entries", "sealed", e.ID) != "" {
		t.Fatal("a shared entry is not stored readable")
	}
	if got := must(s.JournalEntry(fx.ctxB, fx.b, e.ID)); got.Body != "quietmarker body" {
		t.Fatalf("the partner reads %q", got.Body)
	}
	if page := must(s.JournalEntries(fx.ctxB, fx.b, "quietmarker", 0, 10)); page.Total != 1 {
		t.Fatal("the partner's search misses a shared entry")
	}
	ok(t, s.UpdateJournalEntry(fx.ctxA, fx.a, e.ID, store.JournalInput{Title: "quietmarker again", Body: "changed"}))
	if fx.raw(t, "journal_entries", "title", e.ID) != "quietmarker again" {
		t.Fatal("a shared entry changed is not stored readable")
	}

	ok(t, s.ShareJournalEntry(fx.ctxA, fx.a, e.ID, false))
	for _, col := range []string{"title", "body", "search_text"} {
		if v := fx.raw(t, "journal_entries", col, e.ID); v != "" {
			t.Fatalf("journal_entries.%s is %q once private again", col, v)
		}
	}
	if _, err := s.JournalEntry(fx.ctxB, fx.b, e.ID); err == nil {
		t.Fatal("the partner still reads it")
	}
	if got := must(s.JournalEntry(fx.ctxA, fx.a, e.ID)); got.Title != "quietmarker again" {
		t.Fatalf("the author reads %q once private again", got.Title)
	}
}

// TestSealedMoved: a ciphertext copied into another row, of the same
// member or of another, or altered, does not open.
func TestSealedMoved(t *testing.T) {
	fx := newSealFixture(t)
	s, g := fx.s, fx.s.DB()
	e1 := must(s.CreateJournalEntry(fx.ctxA, fx.a, store.JournalInput{Title: "first", Body: "one"}))
	e2 := must(s.CreateJournalEntry(fx.ctxA, fx.a, store.JournalInput{Title: "second", Body: "two"}))
	e3 := must(s.CreateJournalEntry(fx.ctxC, fx.c, store.JournalInput{Title: "third", Body: "three"}))
	sealed := fx.raw(t, "journal_entries", "sealed", e1.ID)
	ok(t, g.Exec("UPDATE journal_entries SET sealed = ? WHERE id IN (?, ?)", sealed, e2.ID, e3.ID).Error)
	if got := must(s.JournalEntry(fx.ctxA, fx.a, e2.ID)); got.Title != store.LockedText {
		t.Errorf("another row of the same member opened as %q", got.Title)
	}
	if got := must(s.JournalEntry(fx.ctxC, fx.c, e3.ID)); got.Title != store.LockedText {
		t.Errorf("another member's row opened as %q", got.Title)
	}
	b := []byte(sealed)
	b[len(b)-3] ^= 1
	ok(t, g.Exec("UPDATE journal_entries SET sealed = ? WHERE id = ?", string(b), e1.ID).Error)
	if got := must(s.JournalEntry(fx.ctxA, fx.a, e1.ID)); got.Title != store.LockedText {
		t.Errorf("a tampered ciphertext opened as %q", got.Title)
	}
}

// TestSealPlainRows: what was written without the key (before keys, or by
// the operator's commands) is counted, then sealed at the author's login.
func TestSealPlainRows(t *testing.T) {
	fx := newSealFixture(t)
	s := fx.s
	e := must(s.CreateJournalEntry(fx.ctxNoKey, fx.a, store.JournalInput{Title: "oldmarker", Body: "oldmarker"}))
	if fx.raw(t, "journal_entries", "title", e.ID) != "oldmarker" {
		t.Fatal("written without a key, the entry is not readable")
	}
	plain := func() (n int64) {
		for _, v := range must(s.CountPlainRows(context.Background())) {
			n += v
		}
		return n
	}
	if plain() == 0 {
		t.Fatal("CountPlainRows counts nothing")
	}
	if n := must(s.SealPlainRows(fx.ctxA, fx.a)); n == 0 {
		t.Fatal("SealPlainRows sealed nothing")
	}
	if n := plain(); n != 0 {
		t.Fatalf("%d rows still plain", n)
	}
	if fx.raw(t, "journal_entries", "title", e.ID) != "" {
		t.Fatal("the entry is still readable at rest")
	}
	if got := must(s.JournalEntry(fx.ctxA, fx.a, e.ID)); got.Title != "oldmarker" {
		t.Fatalf("the author reads %q", got.Title)
	}
}

// TestSealedReflections: a private reflection is sealed; one to reveal
// together is not, since the server reveals it to the partner without its
// author; a shared check-in's note and a sent question are readable, a
// private note and a draft sealed.
func TestSealedReflections(t *testing.T) {
	fx := newSealFixture(t)
	s := fx.s
	week := mustDate("2026-03-02")
	priv := must(s.CreateReflection(fx.ctxA, fx.a, week, store.ReflectionInput{Helped: "mine-helped", Hard: "mine-hard", Visibility: store.VisibilityPrivate}))
	tog := must(s.CreateReflection(fx.ctxB, fx.b, week, store.ReflectionInput{Helped: "together-helped", Visibility: store.VisibilityTogether}))
	if v := fx.raw(t, "reflections", "helped", priv.ID); v != "" {
		t.Fatalf("a private reflection is stored readable: %q", v)
	}
	if v := fx.raw(t, "reflections", "helped", tog.ID); v != "together-helped" {
		t.Fatalf("a reflection to reveal together is sealed: %q", v)
	}
	if got := must(s.ReflectionByID(fx.ctxA, fx.a, priv.ID)); got.Helped != "mine-helped" || got.Hard != "mine-hard" {
		t.Fatalf("the author reads %q / %q", got.Helped, got.Hard)
	}
	today := mustDate("2026-03-03")
	ci := must(s.CreateCheckin(fx.ctxA, fx.a, today, store.CheckinInput{Safe: 1, Trust: 2, Connected: 3, Mood: "calm", Note: "quiet note", Private: true}))
	if fx.raw(t, "checkins", "note", ci.ID) != "" {
		t.Fatal("a private check-in's note is stored readable")
	}
	ok(t, s.UpdateCheckin(fx.ctxA, fx.a, ci.ID, today, store.CheckinInput{Safe: 1, Trust: 2, Connected: 3, Mood: "calm", Note: "open note"}))
	if fx.raw(t, "checkins", "note", ci.ID) != "open note" || fx.raw(t, "checkins", "sealed", ci.ID) != "" {
		t.Fatal("a shared check-in's note is not stored readable")
	}
	q := must(s.CreateQuestion(fx.ctxA, fx.a, "a draft to send", ""))
	if fx.raw(t, "questions", "body", q.ID) != "" {
		t.Fatal("a draft is stored readable")
	}
	ok(t, s.SendQuestion(fx.ctxA, fx.a, q.ID))
	if fx.raw(t, "questions", "body", q.ID) != "a draft to send" {
		t.Fatal("a sent question is not stored readable for the partner")
	}
}

// TestSealedTriggerShare: a trigger is sealed while private, readable once
// shared, sealed again once private again.
func TestSealedTriggerShare(t *testing.T) {
	fx := newSealFixture(t)
	s := fx.s
	tr := must(s.CreateTrigger(fx.ctxA, fx.a, store.TriggerInput{OccurredAt: s.Now(), Strength: 4, Cause: "a song", Helped: "a walk"}))
	if fx.raw(t, "triggers", "cause", tr.ID) != "" {
		t.Fatal("a private trigger is stored readable")
	}
	ok(t, s.ShareTrigger(fx.ctxA, fx.a, tr.ID, true))
	if fx.raw(t, "triggers", "cause", tr.ID) != "a song" {
		t.Fatal("a shared trigger is not stored readable")
	}
	if got := must(s.Trigger(fx.ctxB, fx.b, tr.ID)); got.Helped != "a walk" {
		t.Fatalf("the partner reads %q", got.Helped)
	}
	ok(t, s.ShareTrigger(fx.ctxA, fx.a, tr.ID, false))
	if fx.raw(t, "triggers", "cause", tr.ID) != "" || fx.raw(t, "triggers", "helped", tr.ID) != "" {
		t.Fatal("a trigger made private again is stored readable")
	}
	if got := must(s.Triggers(fx.ctxA, fx.a)); len(got) != 1 || got[0].Cause != "a song" {
		t.Fatalf("the author's list: %+v", got)
	}
}

// TestSealedIntention: a private intention's terms are sealed, opened for
// its author; a promise made to the partner is readable. Terms written
// without a key are sealed at the author's next login.
func TestSealedIntention(t *testing.T) {
	fx := newSealFixture(t)
	s := fx.s
	terms := func(title string) store.Terms {
		today := mustDate(s.Now().Format("2006-01-02"))
		return store.Terms{Title: title, Details: title + " details",
			Schedule: progress.Schedule{Kind: progress.KindDaily, Start: today, End: progress.NoDate, Due: progress.NoDate}}
	}
	mine := must(s.CreatePromise(fx.ctxA, fx.a, "", true, terms("mine alone")))
	ours := must(s.CreatePromise(fx.ctxA, fx.a, "", false, terms("for you")))
	title := func(id string) (v string) {
		ok(t, s.DB().Raw("SELECT title FROM promise_versions WHERE promise_id = ?", id).Scan(&v).Error)
		return v
	}
	if title(mine.ID) != "" || title(ours.ID) != "for you" {
		t.Fatalf("stored titles %q and %q", title(mine.ID), title(ours.ID))
	}
	got := must(s.PromiseByID(fx.ctxA, fx.a, mine.ID))
	if v := got.Agreed[0]; v.Title != "mine alone" || v.Details != "mine alone details" {
		t.Fatalf("the author reads %q / %q", v.Title, v.Details)
	}
	if _, err := s.PromiseByID(fx.ctxB, fx.b, mine.ID); err == nil {
		t.Fatal("the partner reads a private intention")
	}
	old := must(s.CreatePromise(fx.ctxNoKey, fx.a, "", true, terms("from before")))
	if title(old.ID) != "from before" {
		t.Fatal("written without a key, the terms are not readable")
	}
	if n := must(s.CountPlainRows(context.Background()))["promise_versions"]; n != 1 {
		t.Fatalf("%d plain intention terms, want 1", n)
	}
	must(s.SealPlainRows(fx.ctxA, fx.a))
	if title(old.ID) != "" {
		t.Fatal("the terms from before are not sealed at the login")
	}
	if v := must(s.PromiseByID(fx.ctxA, fx.a, old.ID)).Agreed[0]; v.Title != "from before" {
		t.Fatalf("the author reads %q", v.Title)
	}
}

// TestPromiseScansMatchFind: the promises, versions and pauses a page reads
// column by column (loadActive) are what GORM's Find reads of their rows,
// opened for their author, every field: an intention private, one shared
// later, one renegotiated, paused with a note and resumed, one closed.
func TestPromiseScansMatchFind(t *testing.T) {
	fx := newSealFixture(t)
	s := fx.s
	today := mustDate(s.Now().Format("2006-01-02"))
	terms := func(title string) store.Terms {
		return store.Terms{Title: title, Details: title + " details",
			Schedule: progress.Schedule{Kind: progress.KindDaily, Start: today, End: progress.NoDate, Due: progress.NoDate}}
	}
	private := must(s.CreatePromise(fx.ctxA, fx.a, "", true, terms("mine alone")))
	sharedLater := must(s.CreatePromise(fx.ctxA, fx.a, "", true, terms("shared later")))
	ok(t, s.SharePromise(fx.ctxA, fx.a, sharedLater.ID))
	changed := must(s.CreatePromise(fx.ctxA, fx.a, "", false, terms("changed")))
	ok(t, s.Renegotiate(fx.ctxA, fx.a, changed.ID, today, terms("changed again"), "why it changed"))
	for _, id := range []string{private.ID, changed.ID} {
		ok(t, s.PausePromise(fx.ctxA, fx.a, id, "a pause note"))
		ok(t, s.ResumePromise(fx.ctxA, fx.a, id))
	}
	closed := must(s.CreatePromise(fx.ctxA, fx.a, "", false, terms("closed")))
	ok(t, s.ClosePromise(fx.ctxA, fx.a, closed.ID, store.CloseDone, "a closing note"))
	got := must(s.SpacePromises(fx.ctxA, fx.a, progress.NoDate, progress.NoDate))
	if len(got) != 4 {
		t.Fatalf("%d promises, want 4", len(got))
	}
	utc := func(p *time.Time) *time.Time {
		if p == nil {
			return nil
		}
		u := p.UTC()
		return &u
	}
	for _, tr := range got {
		var p store.Promise
		ok(t, s.DB().WithContext(fx.ctxA).Where("id = ?", tr.ID).Take(&p).Error)
		p.CreatedAt, p.ClosedAt, p.SharedAt = p.CreatedAt.UTC(), utc(p.ClosedAt), utc(p.SharedAt)
		if !reflect.DeepEqual(tr.Promise, p) {
			t.Errorf("promise read\n%+v\nfound\n%+v", tr.Promise, p)
		}
		var versions []store.PromiseVersion
		ok(t, s.DB().WithContext(fx.ctxA).Where("promise_id = ?", tr.ID).Order("seq").Find(&versions).Error)
		for i := range versions {
			versions[i].CreatedAt = versions[i].CreatedAt.UTC()
		}
		if !reflect.DeepEqual(tr.Agreed, versions) {
			t.Errorf("versions read\n%+v\nfound\n%+v", tr.Agreed, versions)
		}
		var pauses []store.PromisePause
		ok(t, s.DB().WithContext(fx.ctxA).Where("promise_id = ?", tr.ID).Order("from_date, created_at").Find(&pauses).Error)
		for i := range pauses {
			pauses[i].CreatedAt, pauses[i].EndedAt = pauses[i].CreatedAt.UTC(), utc(pauses[i].EndedAt)
		}
		if len(tr.Pauses) != len(pauses) || (len(pauses) > 0 && !reflect.DeepEqual(tr.Pauses, pauses)) {
			t.Errorf("pauses read\n%+v\nfound\n%+v", tr.Pauses, pauses)
		}
	}
	// What the fields were set to is in what was read, so the comparison
	// compares something.
	byID := map[string]*store.Tracked{}
	for _, tr := range got {
		byID[tr.ID] = tr
	}
	if p := byID[private.ID]; !p.Private || p.Agreed[0].Title != "mine alone" || len(p.Pauses) != 1 || p.Pauses[0].Note != "a pause note" || p.Pauses[0].EndedAt == nil {
		t.Errorf("the private intention: %+v", p)
	}
	if p := byID[sharedLater.ID]; p.Private || p.SharedAt == nil {
		t.Errorf("the intention shared: %+v", p.Promise)
	}
	if p := byID[changed.ID]; len(p.Agreed) != 2 || p.Agreed[1].Note != "why it changed" {
		t.Errorf("the renegotiated promise: %+v", p.Agreed)
	}
	if p := byID[closed.ID]; p.ClosedOn == nil || p.ClosedAt == nil || p.CloseNote != "a closing note" || p.DueDays == nil {
		t.Errorf("the closed promise: %+v", p.Promise)
	}
}
