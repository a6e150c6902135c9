package store_test

import (
	"context"
	"testing"
	"time"

	"mend/internal/progress"
	"mend/internal/store"
)

// TestLedgerEventTitles: a ledger event is titled with the promise's terms
// in force on its day (its first terms before any was in force), found
// after the window is sorted and cut, with a limit and without.
func TestLedgerEventTitles(t *testing.T) {
	ctx := context.Background()
	s, a, b := couple(t)
	g := s.DB()
	start := progress.DateOf(2025, time.March, 10)
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
	// A day before the first terms, one under them, one under the new ones.
	want := map[string]string{}
	for i, d := range []progress.Date{start.AddDays(-1), start.AddDays(3), start.AddDays(40)} {
		e := store.LedgerEntry{ID: store.NewID(), SpaceID: a.SpaceID, PromiseID: p.ID, AuthorID: a.UserID, Date: d.String(),
			Outcome: store.OutcomeKept, CreatedAt: created.AddDate(0, 0, 50+i)}
		if err := g.Create(&e).Error; err != nil {
			t.Fatal(err)
		}
		want[e.ID] = map[int]string{0: "Walk daily", 1: "Walk daily", 2: "Walk on Sundays"}[i]
	}
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
