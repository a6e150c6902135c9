package web_test

import (
	"context"
	"math/rand/v2"
	"mend/internal/config"
	"mend/internal/db"
	"mend/internal/web"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"mend/internal/progress"
	"mend/internal/store"
)

// idsOf returns the user id of u and of their current space.
func idsOf(t testing.TB, e *env, u *user) (userID, spaceID string) {
	t.Helper()
	e.db.Raw("SELECT id FROM users WHERE email = ?", u.Email).Scan(&userID)
	e.db.Raw("SELECT space_id FROM memberships WHERE user_id = ? AND left_at IS NULL", userID).Scan(&spaceID)
	if userID == "" || spaceID == "" {
		t.Fatalf("no user or space for %s", u.Name)
	}
	return userID, spaceID
}

// seedCouple writes the days from days ago to until days ago (excluded) of
// a couple's life straight into the database, as that much use would leave
// it: promises begun on the first day (two thirds Ana's) with their ledger
// and reviews, a check-in a day each (some private), a note of thanks a
// day, journal entries with replies, weekly reflections and (once)
// bookmarks. Both are made members since the first day.
func seedCouple(t testing.TB, e *env, a, b *user, days, until, promises int) {
	t.Helper()
	aID, space := idsOf(t, e, a)
	bID, _ := idsOf(t, e, b)
	rng := rand.New(rand.NewPCG(uint64(days), uint64(promises)))
	start := progress.Today(e.clock.Now(), time.UTC).AddDays(-days)
	today := start.AddDays(days - until) // the first day not written
	at := func(d progress.Date, hour int) time.Time {
		return d.Time(time.UTC).Add(time.Duration(hour) * time.Hour)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(e.db.Exec("UPDATE memberships SET joined_at = ? WHERE space_id = ?", at(start, -24), space).Error)
	other := map[string]string{aID: bID, bID: aID}
	batch := func(rows any) { must(e.db.CreateInBatches(rows, 400).Error) }

	var ps []store.Promise
	var vs []store.PromiseVersion
	var entries []store.LedgerEntry
	var reviews []store.LedgerReview
	for i := 0; i < promises; i++ {
		author := aID
		if i%3 == 2 {
			author = bID
		}
		p := store.Promise{ID: store.NewID(), SpaceID: space, AuthorID: author, CreatedAt: at(start, 8)}
		ps = append(ps, p)
		vs = append(vs, store.PromiseVersion{ID: store.NewID(), PromiseID: p.ID, SpaceID: space, FromDate: start.String(),
			Title: "Promise " + itoa(int64(i)), Kind: "daily", StartDate: start.String(), Seq: 1, CreatedAt: p.CreatedAt})
		for d := start; d < today; d++ {
			x := rng.IntN(100)
			if x >= 95 {
				continue
			}
			en := store.LedgerEntry{ID: store.NewID(), SpaceID: space, PromiseID: p.ID, AuthorID: author, Date: d.String(),
				Outcome: store.OutcomeKept, Note: "done", CreatedAt: at(d, 20)}
			if x >= 85 {
				en.Outcome = store.OutcomeMissed
			}
			entries = append(entries, en)
			if x < 70 {
				kind := store.ReviewConfirm
				if x < 3 {
					kind = store.ReviewDispute
				}
				reviews = append(reviews, store.LedgerReview{ID: store.NewID(), SpaceID: space, EntryID: en.ID, ReviewerID: other[author],
					Kind: kind, Note: "seen", CreatedAt: at(d, 22)})
			}
		}
	}
	batch(ps)
	batch(vs)
	batch(entries)
	batch(reviews)

	var checkins []store.Checkin
	var notes []store.GratitudeNote
	var journal []store.JournalEntry
	var replies []store.JournalReply
	var reflections []store.Reflection
	for d := start; d < today; d++ {
		for _, u := range []string{aID, bID} {
			checkins = append(checkins, store.Checkin{ID: store.NewID(), SpaceID: space, AuthorID: u, Date: d.String(),
				Safe: rng.IntN(11), Trust: rng.IntN(11), Connected: rng.IntN(11), Mood: "calm", Note: "A day like others.",
				Private: rng.IntN(5) == 0, CreatedAt: at(d, 21), UpdatedAt: at(d, 21)})
		}
		from, to := aID, bID
		if d%2 == 0 {
			from, to = bID, aID
		}
		received := at(d, 23)
		notes = append(notes, store.GratitudeNote{ID: store.NewID(), SpaceID: space, FromID: from, ToID: to, Body: "Thank you for today.",
			ReceivedAt: &received, Heart: d%3 == 0, CreatedAt: at(d, 19)})
		if d%3 == 0 {
			shared := d%2 == 0
			en := store.JournalEntry{ID: store.NewID(), SpaceID: space, AuthorID: from, Title: "Entry", Body: "Some words about the day.",
				Shared: shared, SearchText: "entry\nsome words about the day.", CreatedAt: at(d, 9), UpdatedAt: at(d, 9)}
			if shared {
				en.SharedAt = &en.CreatedAt
				replies = append(replies, store.JournalReply{ID: store.NewID(), SpaceID: space, EntryID: en.ID, AuthorID: to, Body: "Thank you.", CreatedAt: at(d, 10)})
			}
			journal = append(journal, en)
		}
		if d.Weekday() == time.Sunday {
			for i, u := range []string{aID, bID} {
				vis := []string{store.VisibilityShared, store.VisibilityTogether, store.VisibilityPrivate}[(int(d)+i)%3]
				reflections = append(reflections, store.Reflection{ID: store.NewID(), SpaceID: space, AuthorID: u,
					WeekStart: d.WeekStart(time.Monday).String(), Helped: "Walking", Hard: "Evenings", Need: "Time", NextStep: "Walk",
					Practice: "respect", Visibility: vis, CreatedAt: at(d, 18)})
			}
		}
	}
	batch(checkins)
	batch(notes)
	batch(journal)
	batch(replies)
	batch(reflections)
	// Rows written in bulk, as the seed command does: their totals with them.
	must(store.New(e.db, nil).RebuildAggregates(context.Background()))
	var marks int64
	e.db.Raw("SELECT COUNT(*) FROM bookmarks WHERE space_id = ?", space).Scan(&marks)
	if marks > 0 {
		return
	}
	for i, slug := range []string{"respect", "keep-your-word", "active-listening", "give-it-time"} {
		for _, u := range []string{aID, bID} {
			batch([]store.Bookmark{{ID: store.NewID(), SpaceID: space, UserID: u, Slug: slug, Note: "Read again", Shared: i%2 == 0,
				CreatedAt: at(start, 12), UpdatedAt: at(start, 12)}})
		}
	}
}

// countStatements counts every statement run on e's database from now on.
func countStatements(e *env) *atomic.Int64 {
	var n atomic.Int64
	afterEachStatement(e, "test:count", func(*gorm.DB) { n.Add(1) })
	return &n
}

// afterEachStatement calls f after every statement run on e's database
// from now on, registered under name; a subquery being built is part of
// its parent statement, not one of its own.
func afterEachStatement(e *env, name string, f func(*gorm.DB)) {
	call := func(db *gorm.DB) {
		if !db.DryRun {
			f(db)
		}
	}
	cb := e.db.Callback()
	cb.Query().After("gorm:query").Register(name+"-query", call)
	cb.Row().After("gorm:row").Register(name+"-row", call)
	cb.Raw().After("gorm:raw").Register(name+"-raw", call)
	cb.Create().After("gorm:create").Register(name+"-create", call)
	cb.Update().After("gorm:update").Register(name+"-update", call)
	cb.Delete().After("gorm:delete").Register(name+"-delete", call)
}

// TestDashboardQueryCount: the dashboard and a page of the timeline run the
// same small number of statements for a couple with three days of data and
// for the same couple once a year more, with many more promises, is added:
// nothing is read per row.
func TestDashboardQueryCount(t *testing.T) {
	t.Parallel()
	type counts struct{ dashboard, partner, timeline, filtered int64 }
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	n := countStatements(e)
	measure := func() counts {
		a.open("/") // the visit begins (its one write)
		b.open("/")
		get := func(u *user, path string) int64 {
			e.app.ForgetPages() // count the statements of a page being made
			n.Store(0)
			if r := u.get(path); r.Status != http.StatusOK {
				t.Fatalf("%s: %d", path, r.Status)
			}
			return n.Load()
		}
		return counts{dashboard: get(a, "/"), partner: get(b, "/"), timeline: get(a, "/timeline"), filtered: get(a, "/timeline?kind=ledger")}
	}
	seedCouple(t, e, a, b, 3, 0, 2)
	small := measure()
	seedCouple(t, e, a, b, 365, 3, 30)
	large := measure()
	// The data is there: the year's charts and timeline are full.
	e.clock.Advance(web.PageCacheTTL + time.Second)
	a.open("/").contains(t, `id="feel-you-title"`, `id="feel-partner-title"`, `id="kept-you-title"`, `id="kept-partner-title"`, `id="thanks-title"`)
	a.open("/timeline?before=2026-03-05").contains(t, "<strong>Ben</strong> confirmed", "<strong>Ben</strong> checked in", "<strong>You</strong> thanked Ben")
	var rows int64
	e.db.Raw("SELECT COUNT(*) FROM ledger_entries").Scan(&rows)
	if rows < 10000 {
		t.Fatalf("only %d ledger entries seeded", rows)
	}
	if small != large {
		t.Fatalf("statements for 3 days of data: %+v; for a year: %+v; want the same", small, large)
	}
	// The dashboard reads the stage of the path for its suggestion, what
	// waits for the member, and the conversations' news.
	if small.dashboard > 20 || small.timeline > 4 {
		t.Fatalf("too many statements: %+v", small)
	}
	t.Logf("statements per request, whatever the data: dashboard %d (1 of them the session, user and membership), timeline %d, one kind %d",
		small.dashboard, small.timeline, small.filtered)
}

// TestDashboardQueryPlans: every statement the dashboard and the timeline
// run reads its tables through an index (by the space and the time, or by
// id), never by scanning a table whole.
func TestDashboardQueryPlans(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	if db.IsPostgres(e.db) {
		t.Skip("plans are read with SQLite's EXPLAIN QUERY PLAN")
	}
	a, b := e.couple("Ana", "Ben")
	seedCouple(t, e, a, b, 30, 0, 3)
	a.open("/")
	type stmt struct {
		sql  string
		vars []any
	}
	var mu sync.Mutex
	var run []stmt
	capture := func(db *gorm.DB) {
		if db.DryRun { // a subquery being built: its statement is explained within its parent
			return
		}
		mu.Lock()
		run = append(run, stmt{db.Statement.SQL.String(), append([]any(nil), db.Statement.Vars...)})
		mu.Unlock()
	}
	cb := e.db.Callback()
	cb.Query().After("gorm:query").Register("test:plan-query", capture)
	cb.Raw().After("gorm:raw").Register("test:plan-raw", capture)
	cb.Row().After("gorm:row").Register("test:plan-row", capture)
	e.clock.Advance(web.PageCacheTTL + time.Second)
	for _, path := range []string{"/", "/timeline"} {
		if r := a.get(path); r.Status != http.StatusOK {
			t.Fatalf("%s: %d", path, r.Status)
		}
	}
	_ = cb.Query().Remove("test:plan-query")
	_ = cb.Raw().Remove("test:plan-raw")
	_ = cb.Row().Remove("test:plan-row")
	if len(run) < 20 {
		t.Fatalf("only %d statements captured", len(run))
	}
	for _, s := range run {
		var plan []struct{ Detail string }
		if err := e.db.Raw("EXPLAIN QUERY PLAN "+s.sql, s.vars...).Scan(&plan).Error; err != nil {
			t.Fatalf("explain %s: %v", s.sql, err)
		}
		for _, p := range plan {
			// "SCAN t" reads the rows of a UNION ALL or of a subquery
			// with a LIMIT, already bounded; "SCAN CONSTANT ROW" is a
			// SELECT of subqueries that reads no table itself.
			if strings.HasPrefix(p.Detail, "SCAN ") && p.Detail != "SCAN t" && p.Detail != "SCAN CONSTANT ROW" {
				t.Errorf("%s\nscans a table: %s", s.sql, p.Detail)
			}
		}
	}
}

// TestDashboardCache: a repeat view of the dashboard is served from the
// cache; any change in the space, the partner's included, makes it fresh
// again; a cached page is never another session's, so neither its words
// nor its CSRF token travel.
func TestDashboardCache(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	n := countStatements(e)
	view := func(u *user) (*resp, int64) {
		n.Store(0)
		r := u.get("/")
		if r.Status != http.StatusOK {
			t.Fatalf("dashboard: %d", r.Status)
		}
		return r, n.Load()
	}
	_, first := view(a)
	_, again := view(a)
	// A repeat view reads the login session with its user and membership
	// (one statement), and counts what is waiting for the header of every
	// page: the records and notes, then the questions and agreements.
	if again >= first || again > 3 {
		t.Fatalf("statements: first view %d, repeat view %d; want the repeat served from the cache", first, again)
	}
	// The partner's write shows at once.
	b.open("/gratitude")
	b.post("/gratitude", form("body", "CACHE-NOTE thank you"))
	if r, _ := view(a); !strings.Contains(r.Body, "CACHE-NOTE") {
		t.Fatal("the partner's new note is not on the dashboard: a stale page was served")
	}
	// Ben gets his own page, and a second device of Ana's its own token.
	rb, _ := view(b)
	rb.contains(t, "Hello, Ben")
	rb.lacks(t, "Hello, Ana")
	phone := &user{Name: a.Name, Email: a.Email, Password: a.Password, client: e.client()}
	phone.login(a.Email, a.Password)
	r, _ := view(phone)
	if phone.token == a.token || !strings.Contains(r.Body, `value="`+phone.token+`"`) || strings.Contains(r.Body, a.token) {
		t.Fatal("a cached page carried another session's CSRF token")
	}
	// Time alone ends a cached page.
	_, hit := view(a)
	e.clock.Advance(web.PageCacheTTL + time.Second)
	if _, after := view(a); after <= hit {
		t.Fatalf("statements after the cache time: %d, want more than a hit's %d", after, hit)
	}
}

// TestPromisesCache: the promises page is cached like the dashboard, and
// the partner's new promise or record shows on the next view.
func TestPromisesCache(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	n := countStatements(e)
	a.open("/promises")
	n.Store(0)
	a.get("/promises")
	// The session with its user and membership, and the header's two counts of what waits.
	if hit := n.Load(); hit > 3 {
		t.Fatalf("a repeat view ran %d statements", hit)
	}
	id := b.makePromise("CACHE-PROMISE call at lunch")
	a.open("/promises").contains(t, "CACHE-PROMISE call at lunch")
	b.record(id, "2026-03-10", "kept")
	a.open("/promises").contains(t, "CACHE-PROMISE call at lunch", "kept")
}

// TestPageCacheOff: with the page cache turned off, every view is made afresh.
func TestPageCacheOff(t *testing.T) {
	t.Parallel()
	e := newEnv(t, func(c *config.Config) { c.PageCache = false })
	a, _ := e.couple("Ana", "Ben")
	n := countStatements(e)
	a.open("/")
	n.Store(0)
	a.get("/")
	if got := n.Load(); got < 10 {
		t.Fatalf("a repeat view ran only %d statements with the cache off", got)
	}
}
