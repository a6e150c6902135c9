package auth

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"mend/internal/db"
	"mend/internal/store"
)

// testRepo is a real store on a fresh SQLite file.
func testRepo(t *testing.T) *store.Store {
	t.Helper()
	g, err := db.Open("", filepath.Join(t.TempDir(), "mend.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(g); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := g.DB(); err == nil {
			sqlDB.Close()
		}
	})
	return store.New(g, nil)
}

func TestThrottleBackOff(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	repo := testRepo(t)
	th := NewThrottle(repo, []byte("key"), func() time.Time { return now })
	wait := func(k Key) time.Duration {
		t.Helper()
		w, err := th.Wait(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	fail := func(k Key) {
		t.Helper()
		if _, err := th.Fail(ctx, k); err != nil {
			t.Fatal(err)
		}
	}
	k := Key{Name: "account:a@example.com", Limit: Limit{Free: 3, Base: time.Minute, Max: 4 * time.Minute}}
	for i := 0; i < 3; i++ {
		fail(k)
	}
	if w := wait(k); w != 0 {
		t.Fatalf("blocked after the free tries: %v", w)
	}
	waits := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 4 * time.Minute}
	for i, want := range waits {
		fail(k)
		if w := wait(k); w != want {
			t.Fatalf("after failure %d: wait %v, want %v", 4+i, w, want)
		}
	}
	// Another server on the same database, with the same secret, sees it.
	other := NewThrottle(repo, []byte("key"), func() time.Time { return now })
	if w, err := other.Wait(ctx, k); err != nil || w != 4*time.Minute {
		t.Fatalf("a second server sees a wait of %v (%v)", w, err)
	}
	now = now.Add(4*time.Minute + time.Second)
	if w := wait(k); w != 0 {
		t.Fatalf("still blocked after the back-off: %v", w)
	}
	if err := th.Reset(ctx, k); err != nil {
		t.Fatal(err)
	}
	fail(k)
	if w := wait(k); w != 0 {
		t.Fatalf("a reset key is blocked after one failure: %v", w)
	}
	// Failures are forgotten after a quiet day.
	client := Key{Name: "client:203.0.113.9", Limit: Limit{Free: 1, Base: time.Minute, Max: time.Hour}}
	fail(client)
	now = now.Add(25 * time.Hour)
	fail(client)
	if w := wait(client); w != 0 {
		t.Fatalf("old failures were not forgotten: %v", w)
	}
	// The table holds hashes, never the names.
	var names int64
	repo.DB().Raw("SELECT COUNT(*) FROM throttles WHERE key_hash LIKE '%example.com%' OR key_hash LIKE '%203.0.113%'").Scan(&names)
	if names != 0 {
		t.Fatal("a throttle key is stored in the clear")
	}
}
