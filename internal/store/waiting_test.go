package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"mend/internal/progress"
	"mend/internal/store"
)

// TestHeaderCount: the header's one statement counts what WaitingCount,
// WaitingQuestions and AgreementsToReview count, for every kind of viewer.
func TestHeaderCount(t *testing.T) {
	fx := newVisFixture(t)
	today := farPast // the day of the latest record: records wait for a month
	for _, it := range fx.items {
		if d, err := progress.ParseDate(it.date); err == nil && it.kind == kLedger && d > today {
			today = d
		}
	}
	week := today.WeekStart(time.Monday)
	some := false
	for name, sc := range map[string]store.Scope{"Avery": fx.avery, "Blair": fx.blair, "Finley after leaving": fx.finleyAfter, "Casey": fx.casey} {
		w, err := fx.s.WaitingCount(fx.ctx, sc, today, week)
		if err != nil {
			t.Fatal(err)
		}
		qs, err := fx.s.WaitingQuestions(fx.ctx, sc)
		if err != nil {
			t.Fatal(err)
		}
		as, err := fx.s.AgreementsToReview(fx.ctx, sc, today)
		if err != nil {
			t.Fatal(err)
		}
		c := qs.Count + as.Count
		h, err := fx.s.HeaderCount(fx.ctx, sc, today, week)
		if err != nil {
			t.Fatal(err)
		}
		if h != w+c {
			t.Errorf("%s: the header counts %d, want %d + %d", name, h, w, c)
		}
		some = some || h > 0
	}
	if !some {
		t.Fatal("nothing waits for anyone: the test compares zeros")
	}
}

// TestWaitingConversationsCount: the questions and agreements waiting are
// counted whole when there are more of them than the list shows, and the
// list shows at most that many.
func TestWaitingConversationsCount(t *testing.T) {
	ctx := context.Background()
	s, a, b := couple(t)
	today := progress.Today(now, time.UTC)
	for i := range 12 {
		q, err := s.CreateQuestion(ctx, b, fmt.Sprintf("Question %d?", i), "")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SendQuestion(ctx, b, q.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.OfferAgreement(ctx, b, fmt.Sprintf("Agreement %d", i), today.AddDays(30).String(), today); err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{1, 11, 12} {
			if i+1 != n {
				continue
			}
			qs, err := s.WaitingQuestions(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			as, err := s.AgreementsToReview(ctx, a, today)
			if err != nil {
				t.Fatal(err)
			}
			shown := min(n, 10)
			if qs.Count != int64(n) || len(qs.Items) != shown || as.Count != int64(n) || len(as.Items) != shown {
				t.Fatalf("%d waiting: questions %d (%d listed), agreements %d (%d listed)", n, qs.Count, len(qs.Items), as.Count, len(as.Items))
			}
		}
	}
}
