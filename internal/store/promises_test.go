package store_test

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"mend/internal/db"
	"mend/internal/progress"
	"mend/internal/store"
)

// now is the clock of these tests: Tue 10 March 2026, 12:00 UTC.
var now = time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)

// couple opens a fresh database with two partners in one space; it returns
// the store and each partner's scope.
// migratedDB is a fresh SQLite database with every migration applied,
// closed when the test ends.
func migratedDB(tb testing.TB) *gorm.DB {
	tb.Helper()
	g, err := db.Open("", filepath.Join(tb.TempDir(), "mend.db"), nil)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if sqlDB, err := g.DB(); err == nil {
			sqlDB.Close()
		}
	})
	if _, err := db.Migrate(g); err != nil {
		tb.Fatal(err)
	}
	return g
}

func couple(tb testing.TB) (*store.Store, store.Scope, store.Scope) {
	tb.Helper()
	g := migratedDB(tb)
	s := store.New(g, func() time.Time { return now })
	ctx := context.Background()
	a := &store.User{Email: "a@example.com", Name: "A", PasswordHash: "x", TimeZone: "Europe/Berlin"}
	b := &store.User{Email: "b@example.com", Name: "B", PasswordHash: "x", TimeZone: "Pacific/Auckland"}
	for _, u := range []*store.User{a, b} {
		if err := s.CreateUser(ctx, u); err != nil {
			tb.Fatal(err)
		}
	}
	sp, err := s.CreateSpace(ctx, store.Scope{UserID: a.ID}, "Us")
	if err != nil {
		tb.Fatal(err)
	}
	if err := g.Create(&store.Membership{ID: store.NewID(), SpaceID: sp.ID, UserID: b.ID, JoinedAt: now}).Error; err != nil {
		tb.Fatal(err)
	}
	return s, store.Scope{UserID: a.ID, SpaceID: sp.ID}, store.Scope{UserID: b.ID, SpaceID: sp.ID}
}

// seedYear writes n promises of the acting user, begun a year ago with mixed
// schedules, and a year of ledger: about 80% of due days recorded, most kept,
// most of those reviewed. Rows are written directly, as a year of use would leave them.
func seedYear(tb testing.TB, s *store.Store, sc, partner store.Scope, n int) {
	tb.Helper()
	g := s.DB()
	rng := rand.New(rand.NewPCG(1, 2))
	start := progress.DateOf(2025, time.March, 10)
	today := progress.DateOf(2026, time.March, 10)
	created := start.Time(time.UTC)
	var entries []store.LedgerEntry
	var reviews []store.LedgerReview
	for i := 0; i < n; i++ {
		p := store.Promise{ID: store.NewID(), SpaceID: sc.SpaceID, AuthorID: sc.UserID, CreatedAt: created}
		v := store.PromiseVersion{ID: store.NewID(), PromiseID: p.ID, SpaceID: sc.SpaceID, FromDate: start.String(),
			Title: "Promise", StartDate: start.String(), Seq: 1, CreatedAt: created}
		switch i % 4 {
		case 0:
			v.Kind = "daily"
		case 1:
			v.Kind, v.Weekdays = "weekdays", int(progress.WeekdaysOf(time.Monday, time.Wednesday, time.Friday))
		case 2:
			v.Kind, v.Weekdays = "weekdays", int(progress.WeekdaysOf(time.Tuesday, time.Saturday))
		case 3:
			due := start.AddDays(30 * i).String()
			v.Kind, v.Due = "once", &due
		}
		if err := g.Create(&p).Error; err != nil {
			tb.Fatal(err)
		}
		if err := g.Create(&v).Error; err != nil {
			tb.Fatal(err)
		}
		if i%5 == 4 { // some were renegotiated half-way
			r := v
			r.ID, r.FromDate, r.Kind, r.Weekdays, r.Due = store.NewID(), start.AddDays(180).String(), "weekdays", int(progress.WeekdaysOf(time.Thursday)), nil
			r.Note, r.CreatedAt, r.Seq = "Less often", created.AddDate(0, 6, 0), 2
			if err := g.Create(&r).Error; err != nil {
				tb.Fatal(err)
			}
		}
		if i%7 == 6 { // and some paused for a while
			to := start.AddDays(120).String()
			if err := g.Create(&store.PromisePause{ID: store.NewID(), PromiseID: p.ID, SpaceID: sc.SpaceID, FromDate: start.AddDays(90).String(), ToDate: &to, CreatedAt: created}).Error; err != nil {
				tb.Fatal(err)
			}
		}
	}
	list, err := s.SpacePromises(context.Background(), sc, progress.NoDate, progress.NoDate)
	if err != nil {
		tb.Fatal(err)
	}
	for _, t := range list {
		for _, d := range t.Plan.Occurrences(start, today.AddDays(-1)) {
			x := rng.IntN(100)
			if x >= 80 {
				continue // never recorded
			}
			e := store.LedgerEntry{ID: store.NewID(), SpaceID: sc.SpaceID, PromiseID: t.ID, AuthorID: sc.UserID, Date: d.String(),
				Outcome: store.OutcomeKept, CreatedAt: d.Time(time.UTC)}
			if x >= 70 {
				e.Outcome = store.OutcomeMissed
			}
			entries = append(entries, e)
			if x < 60 {
				kind := store.ReviewConfirm
				if x < 5 {
					kind = store.ReviewDispute
				}
				reviews = append(reviews, store.LedgerReview{ID: store.NewID(), SpaceID: sc.SpaceID, EntryID: e.ID, ReviewerID: partner.UserID,
					Kind: kind, Note: "seen", CreatedAt: e.CreatedAt})
			}
		}
	}
	if err := g.CreateInBatches(entries, 500).Error; err != nil {
		tb.Fatal(err)
	}
	if err := g.CreateInBatches(reviews, 500).Error; err != nil {
		tb.Fatal(err)
	}
}

// countQueries counts the statements g runs from now on.
func countQueries(g *gorm.DB) *atomic.Int64 {
	var n atomic.Int64
	count := func(*gorm.DB) { n.Add(1) }
	g.Callback().Query().After("gorm:query").Register("count:query", count)
	g.Callback().Raw().After("gorm:raw").Register("count:raw", count)
	g.Callback().Row().After("gorm:row").Register("count:row", count)
	return &n
}

// TestSpacePromisesQueryCount: loading every promise of a space with its
// records takes the same few queries for a week of data and for a year.
func TestSpacePromisesQueryCount(t *testing.T) {
	ctx := context.Background()
	counts := map[int]int64{}
	for _, n := range []int{1, 20} {
		s, a, b := couple(t)
		seedYear(t, s, a, b, n)
		q := countQueries(s.DB())
		list, err := s.SpacePromises(ctx, a, progress.NoDate, progress.NoDate)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != n {
			t.Fatalf("%d promises loaded, want %d", len(list), n)
		}
		records := 0
		for _, p := range list {
			records += len(p.Records)
		}
		if n == 20 && records < 2000 {
			t.Fatalf("only %d records for 20 promises over a year", records)
		}
		counts[n] = q.Load()
		// Another space sees none of it.
		other, err := s.SpacePromises(ctx, store.Scope{UserID: a.UserID, SpaceID: store.NewID()}, progress.NoDate, progress.NoDate)
		if err != nil || len(other) != 0 {
			t.Fatalf("another space loads %d promises (%v)", len(other), err)
		}
	}
	if counts[1] != counts[20] || counts[20] > 6 {
		t.Fatalf("queries for 1 promise: %d, for 20 promises over a year: %d; want the same few (at most 6)", counts[1], counts[20])
	}
	t.Logf("SpacePromises: %d queries whatever the data", counts[20])
}

// TestSpacePromisesRange: records come back only inside the range asked for,
// each with its review.
func TestSpacePromisesRange(t *testing.T) {
	ctx := context.Background()
	s, a, b := couple(t)
	p, err := s.CreatePromise(ctx, a, "", false, store.Terms{Title: "Daily", Schedule: progress.Schedule{
		Kind: progress.KindDaily, Start: progress.DateOf(2026, time.March, 10), Due: progress.NoDate, End: progress.NoDate}})
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.RecordOccurrence(ctx, a, p.ID, progress.DateOf(2026, time.March, 10), store.OutcomeKept, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReviewEntry(ctx, b, e.ID, store.ReviewConfirm, ""); err != nil {
		t.Fatal(err)
	}
	day := progress.DateOf(2026, time.March, 10)
	for _, tt := range []struct {
		from, to progress.Date
		want     []progress.Record
	}{
		{progress.NoDate, progress.NoDate, []progress.Record{{Date: day, Outcome: progress.Kept, Review: progress.Confirmed}}},
		{day, day, []progress.Record{{Date: day, Outcome: progress.Kept, Review: progress.Confirmed}}},
		{day.AddDays(1), progress.NoDate, nil},
		{progress.NoDate, day.AddDays(-1), nil},
	} {
		list, err := s.SpacePromises(ctx, b, tt.from, tt.to)
		if err != nil || len(list) != 1 {
			t.Fatalf("SpacePromises(%s, %s): %d promises, %v", tt.from, tt.to, len(list), err)
		}
		got := list[0].Records
		if len(got) != len(tt.want) || (len(got) == 1 && got[0] != tt.want[0]) {
			t.Errorf("SpacePromises(%s, %s) records = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
}

// BenchmarkPromisesYear loads a year of 20 promises from SQLite and computes
// what the promises page shows: each promise's rates and run, and each
// partner's totals.
func BenchmarkPromisesYear(b *testing.B) {
	ctx := context.Background()
	s, a, partner := couple(b)
	seedYear(b, s, a, partner, 20)
	b.ReportAllocs()
	for b.Loop() {
		list, err := s.SpacePromises(ctx, a, progress.NoDate, progress.NoDate)
		if err != nil {
			b.Fatal(err)
		}
		var recent, all []progress.Tally
		var occ [][]progress.Occurrence
		var today progress.Date
		for _, t := range list {
			today = t.Today(now)
			occ = append(occ, t.Occurrences(today))
			r := progress.Summarize(t.Plan, t.Records, today)
			recent, all = append(recent, r.Last4Weeks), append(all, r.SinceStart)
		}
		total := progress.Combine(all...)
		_ = progress.Combine(recent...)
		_ = progress.RunAcross(today, occ...)
		if total.Due < 2000 {
			b.Fatalf("only %d due days counted", total.Due)
		}
	}
}

// TestAuthorLeft: a promise's author who left the space is gone from the
// time of their last leaving, read with the promises themselves; one who
// left and came back, and one who never left, is not.
func TestAuthorLeft(t *testing.T) {
	ctx := context.Background()
	s, a, b := couple(t)
	g := s.DB()
	terms := store.Terms{Title: "Daily", Schedule: progress.Schedule{
		Kind: progress.KindDaily, Start: progress.DateOf(2026, time.March, 12), Due: progress.NoDate, End: progress.NoDate}}
	pa, err := s.CreatePromise(ctx, a, "", false, terms)
	if err != nil {
		t.Fatal(err)
	}
	pb, err := s.CreatePromise(ctx, b, "", false, terms)
	if err != nil {
		t.Fatal(err)
	}
	gone := func() map[string]*time.Time {
		t.Helper()
		list, err := s.SpacePromises(ctx, a, progress.NoDate, progress.NoDate)
		if err != nil || len(list) != 2 {
			t.Fatalf("SpacePromises: %d promises, %v", len(list), err)
		}
		out := map[string]*time.Time{}
		for _, p := range list {
			out[p.ID] = p.AuthorLeft
		}
		return out
	}
	if got := gone(); got[pa.ID] != nil || got[pb.ID] != nil {
		t.Fatalf("both members: %v", got)
	}
	// B left twice, and came back between.
	first, last := now.Add(-48*time.Hour), now.Add(-time.Hour)
	if err := g.Exec("UPDATE memberships SET joined_at = ?, left_at = ? WHERE space_id = ? AND user_id = ?",
		now.Add(-72*time.Hour), first, b.SpaceID, b.UserID).Error; err != nil {
		t.Fatal(err)
	}
	if err := g.Create(&store.Membership{ID: store.NewID(), SpaceID: b.SpaceID, UserID: b.UserID, JoinedAt: now.Add(-24 * time.Hour)}).Error; err != nil {
		t.Fatal(err)
	}
	if got := gone(); got[pa.ID] != nil || got[pb.ID] != nil {
		t.Fatalf("B came back: %v", got)
	}
	if err := g.Exec("UPDATE memberships SET left_at = ? WHERE space_id = ? AND user_id = ? AND left_at IS NULL", last, b.SpaceID, b.UserID).Error; err != nil {
		t.Fatal(err)
	}
	got := gone()
	if got[pa.ID] != nil || got[pb.ID] == nil || !got[pb.ID].Equal(last) {
		t.Fatalf("B left again at %v: %v", last, got)
	}
}
