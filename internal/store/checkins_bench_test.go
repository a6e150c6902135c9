package store_test

import (
	"context"
	"testing"
	"time"

	"mend/internal/progress"
	"mend/internal/store"
)

// BenchmarkCheckinUpdate changes today's check-in of a member with a few
// weeks of check-ins, as the check-in form's post does: the check-in and
// its week's totals, in one transaction (on SQLite, with synchronous=FULL,
// a commit each).
func BenchmarkCheckinUpdate(b *testing.B) {
	ctx := context.Background()
	s, a, _ := couple(b)
	today := progress.Today(now, time.UTC)
	// Three weeks of check-ins before today, written as the seed writes them.
	var rows []store.Checkin
	for d := today.AddDays(-21); d < today; d++ {
		rows = append(rows, store.Checkin{ID: store.NewID(), SpaceID: a.SpaceID, AuthorID: a.UserID, Date: d.String(),
			Safe: 5, Trust: 5, Connected: 5, Mood: "calm", CreatedAt: now, UpdatedAt: now})
	}
	if err := s.DB().Create(&rows).Error; err != nil {
		b.Fatal(err)
	}
	if err := s.RebuildAggregates(ctx); err != nil {
		b.Fatal(err)
	}
	ci, err := s.CreateCheckin(ctx, a, today, store.CheckinInput{Safe: 5, Trust: 5, Connected: 5, Mood: "calm"})
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		in := store.CheckinInput{Safe: i % 11, Trust: 5, Connected: 5, Mood: "calm", Private: i%2 == 0}
		if err := s.UpdateCheckin(ctx, a, ci.ID, today, in); err != nil {
			b.Fatal(err)
		}
	}
}
