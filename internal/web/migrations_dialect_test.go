package web_test

import (
	"os"
	"sync"
	"testing"

	"mend/internal/db"
)

// TestMigrationsOfOneDatabase: a migration for PostgreSQL alone runs there
// (its planner's statistics exist) and is recorded, without running, on
// SQLite, so that both know the same versions.
func TestMigrationsOfOneDatabase(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ms, err := db.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	var only []db.Migration
	for _, m := range ms {
		if m.Dialect != "" {
			only = append(only, m)
		}
	}
	if len(only) == 0 {
		t.Fatal("no migration is for one database")
	}
	for _, m := range only {
		var n int64
		if err := e.db.Raw("SELECT COUNT(*) FROM schema_migrations WHERE version = ? AND name = ?", m.Version, m.Name).Scan(&n).Error; err != nil || n != 1 {
			t.Errorf("migration %d (%s) recorded %d times (%v)", m.Version, m.Name, n, err)
		}
	}
	if e.db.Dialector.Name() == "postgres" {
		var stats int64
		if err := e.db.Raw("SELECT COUNT(*) FROM pg_statistic_ext WHERE stxname = 'promises_space_author'").Scan(&stats).Error; err != nil || stats != 1 {
			t.Fatalf("PostgreSQL has %d statistics promises_space_author (%v)", stats, err)
		}
	}
}

// postgresEnv is newEnv for a test of PostgreSQL alone, skipped on SQLite.
func postgresEnv(t *testing.T) *env {
	t.Helper()
	if os.Getenv("MEND_TEST_POSTGRES") == "" {
		t.Skip("PostgreSQL only: set MEND_TEST_POSTGRES")
	}
	return newEnv(t)
}

// TestPostgresPlansOnce: on PostgreSQL every connection plans a prepared
// statement once for any parameters (plan_cache_mode), as SQLite keeps the
// plans it prepared (internal/db's TestSQLiteKeepsPlans).
func TestPostgresPlansOnce(t *testing.T) {
	t.Parallel()
	e := postgresEnv(t)
	for range 3 { // on more than one connection of the pool, as it comes
		var mode string
		if err := e.db.Raw("SHOW plan_cache_mode").Scan(&mode).Error; err != nil || mode != "force_generic_plan" {
			t.Fatalf("plan_cache_mode is %q (%v)", mode, err)
		}
	}
}

// TestPostgresKeepsConnections: connections used by requests at once are
// kept for the next ones, not closed and opened again.
func TestPostgresKeepsConnections(t *testing.T) {
	t.Parallel()
	e := postgresEnv(t)
	pool, err := e.db.DB()
	if err != nil {
		t.Fatal(err)
	}
	before := pool.Stats().MaxIdleClosed
	for range 3 {
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				e.db.Exec("SELECT pg_sleep(0.05)")
			}()
		}
		wg.Wait()
	}
	if closed := pool.Stats().MaxIdleClosed - before; closed > 0 {
		t.Fatalf("%d connections were closed for want of room among the idle", closed)
	}
}
