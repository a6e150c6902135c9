package store_test

import (
	"context"
	"testing"
	"time"

	"mend/internal/progress"
	"mend/internal/seed"
	"mend/internal/store"
)

// recomputedWeeks adds up every check-in of the database afresh, per space,
// author and Monday: what checkin_weeks must hold.
func recomputedWeeks(t *testing.T, s *store.Store) map[[3]string]store.CheckinWeek {
	t.Helper()
	var cis []store.Checkin
	if err := s.DB().Find(&cis).Error; err != nil {
		t.Fatal(err)
	}
	out := map[[3]string]store.CheckinWeek{}
	for _, c := range cis {
		d, err := progress.ParseDate(c.Date)
		if err != nil {
			t.Fatal(err)
		}
		k := [3]string{c.SpaceID, c.AuthorID, d.WeekStart(time.Monday).String()}
		w, ok := out[k]
		if !ok {
			w = store.CheckinWeek{SpaceID: k[0], AuthorID: k[1], Week: k[2], FirstAt: c.CreatedAt}
		}
		w.N++
		w.Safe += c.Safe
		w.Trust += c.Trust
		w.Connected += c.Connected
		if !c.Private {
			w.SharedN++
			w.SharedSafe += c.Safe
			w.SharedTrust += c.Trust
			w.SharedConnected += c.Connected
		}
		if c.CreatedAt.Before(w.FirstAt) {
			w.FirstAt = c.CreatedAt
		}
		out[k] = w
	}
	return out
}

// sameWeeks fails unless checkin_weeks holds exactly want.
func sameWeeks(t *testing.T, s *store.Store, want map[[3]string]store.CheckinWeek, when string) {
	t.Helper()
	var got []store.CheckinWeek
	if err := s.DB().Find(&got).Error; err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%s: %d weekly totals stored, %d recomputed from the check-ins", when, len(got), len(want))
	}
	for _, g := range got {
		w := want[[3]string{g.SpaceID, g.AuthorID, g.Week}]
		g.FirstAt, w.FirstAt = g.FirstAt.UTC(), w.FirstAt.UTC()
		if g != w {
			t.Fatalf("%s: stored %+v, recomputed %+v", when, g, w)
		}
	}
}

// TestCheckinWeeks: over seeded couples, the weekly check-in totals kept at
// write time equal a recomputation from the check-ins, after seeding, after
// check-ins are made and changed (private, then shared again), after a
// member leaves (their private check-ins deleted) and after a rebuild; the
// partner's totals never count a private check-in.
func TestCheckinWeeks(t *testing.T) {
	ctx := context.Background()
	g := migratedDB(t)
	if _, err := seed.Run(ctx, g, seed.Options{Couples: 3, Days: 60, Seed: 7, Today: now}, nil); err != nil {
		t.Fatal(err)
	}
	s := store.New(g, func() time.Time { return now })
	want := recomputedWeeks(t, s)
	if len(want) < 3*2*8 {
		t.Fatalf("only %d weeks of check-ins seeded", len(want))
	}
	sameWeeks(t, s, want, "after seeding")

	var a, b store.User
	if err := g.Where("email = ?", seed.Email(0, 0)).Take(&a).Error; err != nil {
		t.Fatal(err)
	}
	if err := g.Where("email = ?", seed.Email(0, 1)).Take(&b).Error; err != nil {
		t.Fatal(err)
	}
	sa, err := s.ScopeOf(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := s.ScopeOf(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	today := progress.Today(now, a.Location())
	week := today.WeekStart(time.Monday)
	ci, err := s.CreateCheckin(ctx, sa, today, store.CheckinInput{Safe: 10, Trust: 10, Connected: 10, Mood: "calm", Private: true})
	if err != nil {
		t.Fatal(err)
	}
	sameWeeks(t, s, recomputedWeeks(t, s), "after a private check-in")
	partnerSees := func() store.WeekTotals {
		t.Helper()
		rows, err := s.CheckinWeeks(ctx, sb, week, week)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.AuthorID == a.ID {
				return r
			}
		}
		return store.WeekTotals{}
	}
	shared := want[[3]string{sa.SpaceID, a.ID, week.String()}]
	if got := partnerSees(); got.N != shared.SharedN || got.Safe != shared.SharedSafe {
		t.Fatalf("the partner sees %+v of this week, want the shared check-ins alone (%d, safety %d)", got, shared.SharedN, shared.SharedSafe)
	}
	mine, err := s.CheckinWeeks(ctx, sa, week, week)
	if err != nil {
		t.Fatal(err)
	}
	if len(mine) == 0 || mine[0].AuthorID != a.ID && (len(mine) < 2 || mine[1].AuthorID != a.ID) {
		t.Fatalf("the author does not see their own week: %+v", mine)
	}
	// Shared again, with other ratings: the partner's totals count it.
	if err := s.UpdateCheckin(ctx, sa, ci.ID, today, store.CheckinInput{Safe: 3, Trust: 4, Connected: 5, Mood: "tired"}); err != nil {
		t.Fatal(err)
	}
	sameWeeks(t, s, recomputedWeeks(t, s), "after the check-in was changed")
	if got := partnerSees(); got.N != shared.SharedN+1 || got.Safe != shared.SharedSafe+3 {
		t.Fatalf("after sharing, the partner sees %+v, want %d check-ins, safety %d", got, shared.SharedN+1, shared.SharedSafe+3)
	}
	// A leaver's private check-ins go, and their totals with them.
	if err := s.LeaveSpace(ctx, sa); err != nil {
		t.Fatal(err)
	}
	after := recomputedWeeks(t, s)
	sameWeeks(t, s, after, "after leaving")
	for k, w := range after {
		if k[1] == a.ID && k[0] == sa.SpaceID && w.N != w.SharedN {
			t.Fatalf("the leaver's week %s still counts private check-ins: %+v", k[2], w)
		}
	}
	// A rebuild changes nothing that was kept right.
	if err := s.RebuildAggregates(ctx); err != nil {
		t.Fatal(err)
	}
	sameWeeks(t, s, after, "after a rebuild")
}

// TestStaleCheckinWeeks: the weekly totals a check-in's write keeps are
// those its week's check-ins add up to, and StaleCheckinWeeks finds a total
// put out of step, one left without its check-ins and one missing.
func TestStaleCheckinWeeks(t *testing.T) {
	ctx := context.Background()
	s, a, b := couple(t)
	today := progress.Today(now, time.UTC)
	stale := func(when string, want int) {
		t.Helper()
		got, err := s.StaleCheckinWeeks(ctx)
		if err != nil || len(got) != want {
			t.Fatalf("%s: stale weeks %v (%v), want %d", when, got, err, want)
		}
	}
	ci, err := s.CreateCheckin(ctx, a, today, store.CheckinInput{Safe: 7, Trust: 6, Connected: 5, Mood: "calm", Private: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateCheckin(ctx, b, today, store.CheckinInput{Safe: 1, Trust: 2, Connected: 3, Mood: "calm"}); err != nil {
		t.Fatal(err)
	}
	stale("after two check-ins", 0)
	if err := s.UpdateCheckin(ctx, a, ci.ID, today, store.CheckinInput{Safe: 2, Trust: 2, Connected: 2, Mood: "tired"}); err != nil {
		t.Fatal(err)
	}
	stale("after a change", 0)
	var w store.CheckinWeek
	if err := s.DB().Where("author_id = ?", a.UserID).Take(&w).Error; err != nil {
		t.Fatal(err)
	}
	if w.N != 1 || w.Safe != 2 || w.SharedN != 1 || w.SharedSafe != 2 || !w.FirstAt.Equal(ci.CreatedAt) {
		t.Fatalf("the week's totals after sharing it with other ratings: %+v", w)
	}

	outOfStep := func(what, sql string, args ...any) {
		t.Helper()
		if err := s.DB().Exec(sql, args...).Error; err != nil {
			t.Fatal(err)
		}
		stale(what, 1)
		if err := s.RebuildAggregates(ctx); err != nil {
			t.Fatal(err)
		}
		stale(what+", rebuilt", 0)
	}
	outOfStep("a sum", "UPDATE checkin_weeks SET shared_safe = shared_safe + 1 WHERE author_id = ?", a.UserID)
	outOfStep("a first time", "UPDATE checkin_weeks SET first_at = ? WHERE author_id = ?", now.Add(time.Hour), a.UserID)
	outOfStep("a week without its check-in", "DELETE FROM checkins WHERE author_id = ?", b.UserID)
	outOfStep("a week missing", "DELETE FROM checkin_weeks WHERE author_id = ?", a.UserID)
}
