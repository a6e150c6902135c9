package store_test

import (
	"context"
	"testing"
	"time"

	"mend/internal/progress"
	"mend/internal/store"
)

// titledPromise writes a's daily promise begun on start, whose terms
// changed on its 30th day, and a's records of days, each recorded 50 days
// after start and a day apart; it returns each record's id with the title
// in force on its day.
func titledPromise(t *testing.T, s *store.Store, a store.Scope, start progress.Date, days ...progress.Date) map[string]string {
	t.Helper()
	g := s.DB()
	created := start.Time(time.UTC)
	p := store.Promise{ID: store.NewID(), SpaceID: a.SpaceID, AuthorID: a.UserID, CreatedAt: created}
	v1 := store.PromiseVersion{ID: store.NewID(), PromiseID: p.ID, SpaceID: a.SpaceID, FromDate: start.String(),
		Title: "Walk daily", Kind: "daily", StartDate: start.String(), Seq: 1, CreatedAt: created}
	v2 := v1
	v2.ID, v2.FromDate, v2.Title, v2.Seq, v2.CreatedAt = store.NewID(), start.AddDays(30).String(), "Walk on Sundays", 2, created.AddDate(0, 1, 0)
	for _, row := range []any{&p, &v1, &v2} {
		if err := g.Create(row).Error; err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]string{}
	for i, d := range days {
		e := store.LedgerEntry{ID: store.NewID(), SpaceID: a.SpaceID, PromiseID: p.ID, AuthorID: a.UserID, Date: d.String(),
			Outcome: store.OutcomeKept, CreatedAt: created.AddDate(0, 0, 50+i)}
		if err := g.Create(&e).Error; err != nil {
			t.Fatal(err)
		}
		want[e.ID] = "Walk daily" // the first terms, before any was in force too
		if d >= start.AddDays(30) {
			want[e.ID] = "Walk on Sundays"
		}
	}
	return want
}

// TestWaitingTitles: a record waiting for the partner's review, and one
// disputed waiting for its author's answer, are titled with the terms in
// force on their day.
func TestWaitingTitles(t *testing.T) {
	ctx := context.Background()
	s, a, b := couple(t)
	start := progress.DateOf(2025, time.March, 10)
	today := start.AddDays(45)
	want := titledPromise(t, s, a, start, start.AddDays(20), start.AddDays(29), start.AddDays(40))
	w, err := s.WaitingFor(ctx, b, today, today.WeekStart(time.Monday))
	if err != nil || len(w.ToReview) != 3 {
		t.Fatalf("WaitingFor: %d to review, %v", len(w.ToReview), err)
	}
	for i, r := range w.ToReview {
		if r.Title != want[r.EntryID] {
			t.Errorf("record of %s titled %q, want %q", r.Date, r.Title, want[r.EntryID])
		}
		if i > 0 && r.Date > w.ToReview[i-1].Date {
			t.Errorf("not newest first: %s after %s", r.Date, w.ToReview[i-1].Date)
		}
	}
	for _, r := range w.ToReview {
		if _, err := s.ReviewEntryAsShown(ctx, b, r.EntryID, r.Revision, store.ReviewDispute, "not so"); err != nil {
			t.Fatal(err)
		}
	}
	w, err = s.WaitingFor(ctx, a, today, today.WeekStart(time.Monday))
	if err != nil || len(w.Disputes) != 3 {
		t.Fatalf("WaitingFor: %d disputes, %v", len(w.Disputes), err)
	}
	for _, r := range w.Disputes {
		if r.Title != want[r.EntryID] || r.ReviewNote != "not so" {
			t.Errorf("dispute of %s: %q, %q; want %q", r.Date, r.Title, r.ReviewNote, want[r.EntryID])
		}
	}
}

// TestLedgerEventTitles: a ledger event is titled with the promise's terms
// in force on its day (its first terms before any was in force), found
// after the window is sorted and cut, with a limit and without.
func TestLedgerEventTitles(t *testing.T) {
	ctx := context.Background()
	s, a, b := couple(t)
	start := progress.DateOf(2025, time.March, 10)
	created := start.Time(time.UTC)
	// A day before the first terms, one under them, one under the new ones.
	want := titledPromise(t, s, a, start, start.AddDays(-1), start.AddDays(3), start.AddDays(40))
	for _, limit := range []int{0, 2} {
		evs, err := s.Timeline(ctx, b, store.KindLedger, store.Window{From: created, NotBy: b.UserID, Limit: limit})
		if err != nil {
			t.Fatal(err)
		}
		if n := map[int]int{0: 3, 2: 2}[limit]; len(evs) != n {
			t.Fatalf("limit %d: %d events, want %d", limit, len(evs), n)
		}
		for i, ev := range evs {
			if ev.Title != want[ev.ID] {
				t.Errorf("limit %d: event on %s titled %q, want %q", limit, ev.Date, ev.Title, want[ev.ID])
			}
			if i > 0 && ev.At.After(evs[i-1].At) {
				t.Errorf("limit %d: not newest first", limit)
			}
		}
		if evs[0].Date != start.AddDays(40).String() {
			t.Errorf("limit %d: newest is %s", limit, evs[0].Date)
		}
	}
}
