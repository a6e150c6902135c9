package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"mend/internal/db"
)

// TestGroupCommit: transactions queued while one runs commit together, in
// groups of at most maxGroup; one that fails or panics is rolled back alone,
// with its own error or panic, and the others of its group commit; a caller
// is answered only once its writes are committed (another connection sees
// them); a caller whose context ended before its turn is not run.
func TestGroupCommit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mend.db")
	g, err := db.Open("", path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sqlDB, err := g.DB(); err == nil {
		t.Cleanup(func() { sqlDB.Close() })
	}
	if err := g.Exec("CREATE TABLE gc (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)").Error; err != nil {
		t.Fatal(err)
	}
	s := New(g, nil)
	if s.group == nil {
		t.Fatal("no group commit on SQLite")
	}
	other, err := sql.Open("sqlite3", db.SQLiteDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	seen := func(id int) bool {
		var n int
		if err := other.QueryRow("SELECT count(*) FROM gc WHERE id = ?", id).Scan(&n); err != nil {
			t.Error(err)
		}
		return n == 1
	}

	errFailed := errors.New("failed")
	const n = 200
	kind := func(i int) string {
		switch {
		case i == 0:
			return "first"
		case i%5 == 0:
			return "fails"
		case i%7 == 0:
			return "constraint"
		case i%11 == 0:
			return "panics"
		case i == 13:
			return "cancelled"
		}
		return "commits"
	}
	release := make(chan struct{})
	results := make([]error, n)
	panics := make([]any, n)
	var wg sync.WaitGroup
	run := func(i int) {
		defer wg.Done()
		defer func() { panics[i] = recover() }()
		ctx := context.Background()
		if kind(i) == "cancelled" {
			c, cancel := context.WithCancel(ctx)
			cancel()
			ctx = c
		}
		results[i] = s.transaction(ctx, func(tx *gorm.DB) error {
			if err := tx.Exec("INSERT INTO gc (id, v) VALUES (?, ?)", i, fmt.Sprint("v", i)).Error; err != nil {
				return err
			}
			switch kind(i) {
			case "first":
				<-release // the others queue meanwhile
			case "fails":
				return fmt.Errorf("%d: %w", i, errFailed)
			case "constraint":
				return tx.Exec("INSERT INTO gc (id, v) VALUES (?, ?)", 1000+i, "v1").Error
			case "panics":
				panic(i)
			}
			return nil
		})
		if results[i] == nil && !seen(i) {
			t.Errorf("%d answered before its commit", i)
		}
	}
	wg.Add(1)
	go run(0)
	waitFor(t, func() bool { s.group.mu.Lock(); defer s.group.mu.Unlock(); return s.group.running })
	// v1 must exist before the constraint cases run: job 1 is in the first
	// group after job 0, and the constraint cases come later in the queue.
	for i := 1; i < n; i++ {
		wg.Add(1)
		go run(i)
		waitFor(t, func() bool { s.group.mu.Lock(); defer s.group.mu.Unlock(); return len(s.group.queue) == i })
	}
	close(release)
	wg.Wait()

	for i := range n {
		k, err, p := kind(i), results[i], panics[i]
		switch {
		case k == "fails" && !errors.Is(err, errFailed):
			t.Errorf("%d: error %v, want its own", i, err)
		case k == "constraint" && (err == nil || errors.Is(err, errFailed)):
			t.Errorf("%d: error %v, want the constraint's", i, err)
		case k == "panics" && p != i:
			t.Errorf("%d: panic %v, want its own", i, p)
		case k == "cancelled" && !errors.Is(err, context.Canceled):
			t.Errorf("%d: error %v, want context.Canceled", i, err)
		case (k == "commits" || k == "first") && (err != nil || p != nil):
			t.Errorf("%d: error %v, panic %v", i, err, p)
		}
		if want := k == "commits" || k == "first"; seen(i) != want {
			t.Errorf("%d (%s): row present %v, want %v", i, k, seen(i), want)
		}
	}
	var rows int
	if err := other.QueryRow("SELECT count(*) FROM gc").Scan(&rows); err != nil {
		t.Fatal(err)
	}
	// 0 alone, then 199 queued behind it in groups of maxGroup.
	if got, want := s.group.commits.Load(), int64(1+(n-1+maxGroup-1)/maxGroup); got != want {
		t.Errorf("%d groups for %d transactions, want %d", got, n, want)
	}
	t.Logf("%d transactions, %d rows committed, %d groups", n, rows, s.group.commits.Load())
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
	}
}
