package store_test

import (
	"testing"
	"time"

	"mend/internal/progress"
	"mend/internal/store"
)

// TestHeaderCount: the header's one statement counts what WaitingCount and
// ConversationsWaitingCount count, for every kind of viewer.
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
		c, err := fx.s.ConversationsWaitingCount(fx.ctx, sc, today)
		if err != nil {
			t.Fatal(err)
		}
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
