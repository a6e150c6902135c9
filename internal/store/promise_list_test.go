package store_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"mend/internal/progress"
	"mend/internal/seed"
	"mend/internal/store"
)

// everyRate is what ListPromises must give for each author: their rates
// over every promise they made that full holds, computed from every record.
func everyRate(full []*store.Tracked, now time.Time, authors []string) map[string]progress.Rates {
	out := map[string]progress.Rates{}
	for _, a := range authors {
		var recent, all []progress.Tally
		var occ [][]progress.Occurrence
		today := progress.NoDate
		for _, p := range full {
			if p.AuthorID != a {
				continue
			}
			today = p.Today(now)
			r := progress.Summarize(p.Plan, p.Records, today)
			recent, all, occ = append(recent, r.Last4Weeks), append(all, r.SinceStart), append(occ, p.Occurrences(today))
		}
		if len(all) > 0 {
			out[a] = progress.Rates{Last4Weeks: progress.Combine(recent...), SinceStart: progress.Combine(all...), Run: progress.RunAcross(today, occ...)}
		}
	}
	return out
}

// checkList checks l, the list of promises sc reads with records from
// from, against full, every promise of the space with every record: it
// holds every promise open or closed on from or later, and the EndedShown
// closed most recently before, counts the others in Hidden, and gives each
// author the rates of all their promises.
func checkList(t *testing.T, l *store.PromiseList, full []*store.Tracked, from progress.Date, authors []string) {
	t.Helper()
	var older []*store.Tracked
	want := map[string]bool{}
	for _, p := range full {
		if !p.Closed() || *p.ClosedOn >= from.String() {
			want[p.ID] = true
		} else {
			older = append(older, p)
		}
	}
	slices.SortFunc(older, func(x, y *store.Tracked) int {
		if *x.ClosedOn != *y.ClosedOn {
			return -cmp.Compare(*x.ClosedOn, *y.ClosedOn)
		}
		return -cmp.Compare(x.ID, y.ID)
	})
	shown := min(len(older), store.EndedShown)
	for _, p := range older[:shown] {
		want[p.ID] = true
	}
	got := map[string]bool{}
	for _, p := range l.Promises {
		got[p.ID] = true
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("listed %v, want %v", got, want)
	}
	if l.Hidden != len(older)-shown {
		t.Fatalf("%d hidden, want %d", l.Hidden, len(older)-shown)
	}
	if w := everyRate(full, now, authors); fmt.Sprint(l.People) != fmt.Sprint(w) {
		t.Fatalf("people's rates %+v, want %+v", l.People, w)
	}
}

// TestListPromisesOfSeededHistory: over seeded couples of three years,
// with promises closed long ago, the list of promises holds the promises
// open or closed within its days and the latest few closed before, and
// each member's rates over all their promises, the hidden ones included,
// are those computed from every record of every promise.
func TestListPromisesOfSeededHistory(t *testing.T) {
	ctx := context.Background()
	g := migratedDB(t)
	const couples = 3
	if _, err := seed.Run(ctx, g, seed.Options{Couples: couples, Days: 1095, Seed: 11, Today: now}, nil); err != nil {
		t.Fatal(err)
	}
	s := store.New(g, func() time.Time { return now })
	hidden, readAll, bounded := 0, 0, 0
	for c := range couples {
		for m := range 2 {
			var u, partner store.User
			if err := g.Where("email = ?", seed.Email(c, m)).Take(&u).Error; err != nil {
				t.Fatal(err)
			}
			if err := g.Where("email = ?", seed.Email(c, 1-m)).Take(&partner).Error; err != nil {
				t.Fatal(err)
			}
			sc, err := s.ScopeOf(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			full, err := s.SpacePromises(ctx, sc, progress.NoDate, progress.NoDate)
			if err != nil {
				t.Fatal(err)
			}
			from := progress.Today(now, u.Location()).AddDays(-(store.PromiseWindow - 1))
			authors := []string{u.ID, partner.ID}
			l, err := s.ListPromises(ctx, sc, now, from, authors)
			if err != nil {
				t.Fatal(err)
			}
			closed := 0
			for _, p := range full {
				if p.Closed() {
					closed++
				}
			}
			t.Logf("%s: %d promises, %d closed, %d listed", u.Email, len(full), closed, len(l.Promises))
			checkList(t, l, full, from, authors)
			hidden += l.Hidden
			if l.ReadAll {
				readAll++
			} else if l.Hidden > 0 {
				bounded++
			}
		}
	}
	if bounded == 0 {
		t.Fatalf("%d promises hidden, %d lists read every promise: no list added up hidden promises", hidden, readAll)
	}
	t.Logf("%d promises hidden; %d lists added them up, %d read every promise", hidden, bounded, readAll)
}

// TestListPromisesRunIntoClosed: a run of kept days across a member's
// promises that reaches back into the promises closed long ago counts
// their days, which takes reading every promise; once the run breaks
// within the list's days, the hidden promises are added up from their
// totals alone. A promise's days due are set when it is closed, and a
// wrong count is found and mended by the rebuild.
func TestListPromisesRunIntoClosed(t *testing.T) {
	ctx := context.Background()
	s, a, b := couple(t)
	today := progress.Today(now, time.UTC)
	from := today.AddDays(-(store.PromiseWindow - 1))
	// Seven promises closed long ago (the latest EndedShown are listed),
	// and one open, all kept every day.
	var open store.Promise
	for i := range 8 {
		start, closed := today.AddDays(-300+30*i), today.AddDays(-280+30*i)
		if i == 7 {
			closed = progress.NoDate
		}
		open = keptPromise(t, s, a, start, closed, fmt.Sprint("Promise ", i))
	}
	authors := []string{a.UserID, b.UserID}
	check := func(readAll bool) {
		t.Helper()
		full, err := s.SpacePromises(ctx, a, progress.NoDate, progress.NoDate)
		if err != nil {
			t.Fatal(err)
		}
		l, err := s.ListPromises(ctx, a, now, from, authors)
		if err != nil {
			t.Fatal(err)
		}
		checkList(t, l, full, from, authors)
		if l.Hidden != 7-store.EndedShown || l.ReadAll != readAll {
			t.Fatalf("%d hidden, read all %v; want %d hidden, read all %v", l.Hidden, l.ReadAll, 7-store.EndedShown, readAll)
		}
	}
	check(true)
	// Missed yesterday: the run starts again within the list's days.
	var e store.LedgerEntry
	if err := s.DB().Where("promise_id = ? AND date = ?", open.ID, today.AddDays(-1).String()).Take(&e).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.DB().Model(&e).Update("outcome", store.OutcomeMissed).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.RebuildAggregates(ctx); err != nil {
		t.Fatal(err)
	}
	check(false)

	// The days due of a closed promise are the days of its plan.
	if err := s.DB().Model(&store.Promise{}).Where("closed_on IS NOT NULL").Update("due_days", 3).Error; err != nil {
		t.Fatal(err)
	}
	if stale, err := s.StaleTallies(ctx); err != nil || len(stale) != 7 {
		t.Fatalf("with the days due set wrong: stale %v, %v; want the 7 closed promises", stale, err)
	}
	if err := s.RebuildAggregates(ctx); err != nil {
		t.Fatal(err)
	}
	if stale, err := s.StaleTallies(ctx); err != nil || len(stale) != 0 {
		t.Fatalf("after the rebuild: stale %v, %v", stale, err)
	}
	// Closing sets them.
	if err := s.ClosePromise(ctx, a, open.ID, store.CloseDone, "Done."); err != nil {
		t.Fatal(err)
	}
	var closed store.Promise
	if err := s.DB().Take(&closed, "id = ?", open.ID).Error; err != nil {
		t.Fatal(err)
	}
	if closed.DueDays == nil || *closed.DueDays != 90 {
		t.Fatalf("closed with %v days due, want 90 (every day from 90 days ago to yesterday)", closed.DueDays)
	}
	if stale, err := s.StaleTallies(ctx); err != nil || len(stale) != 0 {
		t.Fatalf("after closing: stale %v, %v", stale, err)
	}
}

// keptPromise makes a daily promise of sc from start, closed on closed
// (NoDate: open), with every day before today and closed recorded kept.
func keptPromise(t *testing.T, s *store.Store, sc store.Scope, start, closed progress.Date, title string) store.Promise {
	t.Helper()
	created := start.Time(time.UTC)
	p := store.Promise{ID: store.NewID(), SpaceID: sc.SpaceID, AuthorID: sc.UserID, CreatedAt: created}
	end := progress.Today(now, time.UTC)
	if closed != progress.NoDate {
		on := closed.String()
		p.ClosedOn, p.CloseKind, p.CloseNote, p.ClosedAt = &on, store.CloseDone, "Done.", &created
		end = closed
	}
	v := store.PromiseVersion{ID: store.NewID(), PromiseID: p.ID, SpaceID: sc.SpaceID, FromDate: start.String(), Title: title,
		Kind: "daily", StartDate: start.String(), Seq: 1, CreatedAt: created}
	if err := s.DB().Create(&p).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.DB().Create(&v).Error; err != nil {
		t.Fatal(err)
	}
	for d := start; d < end; d = d.AddDays(1) {
		e := store.LedgerEntry{ID: store.NewID(), SpaceID: sc.SpaceID, PromiseID: p.ID, AuthorID: sc.UserID, Date: d.String(), Outcome: store.OutcomeKept, CreatedAt: d.Time(time.UTC)}
		if err := s.DB().Create(&e).Error; err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RebuildAggregates(context.Background()); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestListPromisesPrivateClosed: a private intention closed long ago
// counts in its author's rates, as the list gives them to its author, and
// not in the rates, the hidden count or the list their partner reads.
func TestListPromisesPrivateClosed(t *testing.T) {
	ctx := context.Background()
	s, a, b := couple(t)
	today := progress.Today(now, time.UTC)
	from := today.AddDays(-(store.PromiseWindow - 1))
	private := keptPromise(t, s, b, today.AddDays(-200), today.AddDays(-150), "Private")
	if err := s.DB().Model(&store.Promise{}).Where("id = ?", private.ID).Update("private", true).Error; err != nil {
		t.Fatal(err)
	}
	for i := range store.EndedShown {
		keptPromise(t, s, b, today.AddDays(-140+10*i), today.AddDays(-135+10*i), fmt.Sprint("Shared ", i))
	}
	open := keptPromise(t, s, b, today.AddDays(-60), progress.NoDate, "Open")
	// A day missed within the list's days: the hidden promises are added up.
	if err := s.DB().Model(&store.LedgerEntry{}).Where("promise_id = ? AND date = ?", open.ID, today.AddDays(-2).String()).
		Update("outcome", store.OutcomeMissed).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.RebuildAggregates(ctx); err != nil {
		t.Fatal(err)
	}
	authors := []string{a.UserID, b.UserID}
	for _, c := range []struct {
		name   string
		sc     store.Scope
		hidden int
	}{{"author", b, 1}, {"partner", a, 0}} {
		full, err := s.SpacePromises(ctx, c.sc, progress.NoDate, progress.NoDate)
		if err != nil {
			t.Fatal(err)
		}
		l, err := s.ListPromises(ctx, c.sc, now, from, authors)
		if err != nil {
			t.Fatal(err)
		}
		checkList(t, l, full, from, authors)
		if l.Hidden != c.hidden || l.ReadAll {
			t.Fatalf("%s: %d hidden, read all %v; want %d hidden, the totals added up", c.name, l.Hidden, l.ReadAll, c.hidden)
		}
		for _, p := range l.Promises {
			if p.ID == private.ID {
				t.Fatalf("%s: the private intention is listed", c.name)
			}
		}
	}
}
