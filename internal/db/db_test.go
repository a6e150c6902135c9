package db_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"mend/internal/db"
)

// TestSQLitePragmas reads the settings back from several pooled connections:
// they come from the DSN, so every connection must have them, not just the first.
func TestSQLitePragmas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mend.db")
	if _, err := db.Open("", path, nil); err != nil {
		t.Fatal(err)
	}
	sqlDB, err := sql.Open("sqlite3", db.SQLiteDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer sqlDB.Close()
	ctx := context.Background()
	var conns []*sql.Conn
	for i := 0; i < 4; i++ {
		c, err := sqlDB.Conn(ctx) // held open, so each is a distinct connection
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	for i, c := range conns {
		for pragma, want := range map[string]string{"journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "busy_timeout": "10000", "secure_delete": "1"} {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("connection %d: PRAGMA %s = %s, want %s", i, pragma, got, want)
			}
		}
		c.Close()
	}
}

// TestImmediateTransactions shows that BEGIN takes the write lock at once: a
// second transaction, on another connection, cannot begin while the first is
// open.
func TestImmediateTransactions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mend.db")
	if _, err := db.Open("", path, nil); err != nil {
		t.Fatal(err)
	}
	sqlDB, err := sql.Open("sqlite3", db.SQLiteDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer sqlDB.Close()
	tx1, err := sqlDB.Begin()
	if err != nil {
		t.Fatal(err)
	}
	began := make(chan error, 1)
	go func() {
		tx2, err := sqlDB.Begin()
		if err == nil {
			err = tx2.Rollback()
		}
		began <- err
	}()
	select {
	case err := <-began:
		t.Fatalf("second transaction began while the first held the lock (err=%v): BEGIN is not IMMEDIATE", err)
	case <-time.After(300 * time.Millisecond):
	}
	if err := tx1.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-began; err != nil {
		t.Fatalf("second transaction after the first committed: %v", err)
	}
}

func TestMigrateIsRepeatable(t *testing.T) {
	g, err := db.Open("", filepath.Join(t.TempDir(), "mend.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := db.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	n, err := db.Migrate(g)
	if err != nil || n != len(ms) {
		t.Fatalf("first Migrate applied %d (err %v), want %d", n, err, len(ms))
	}
	n, err = db.Migrate(g)
	if err != nil || n != 0 {
		t.Fatalf("second Migrate applied %d (err %v), want 0", n, err)
	}
	var versions int
	g.Raw("SELECT COUNT(*) FROM schema_migrations").Scan(&versions)
	if versions != len(ms) {
		t.Fatalf("schema_migrations has %d rows, want %d", versions, len(ms))
	}
	// Versions start at 1 and increase. Numbers are handed out to work in
	// progress, so one may be missing until its change is merged.
	for i, m := range ms {
		if i == 0 && m.Version != 1 || i > 0 && m.Version <= ms[i-1].Version {
			t.Errorf("migration %d has version %d: versions must start at 1 and increase", i, m.Version)
		}
	}
}

func TestStatements(t *testing.T) {
	got := db.Statements("-- comment\nCREATE TABLE a (x TEXT);\n\nCREATE INDEX b\n  ON a (x);\n")
	if len(got) != 2 || got[0] != "CREATE TABLE a (x TEXT);" || got[1] != "CREATE INDEX b\n  ON a (x);" {
		t.Fatalf("Statements = %q", got)
	}
}

// TestExecUnsynced: the statement is made, and the writer connection is
// back to synchronous=FULL after it, for the durable writes that follow.
func TestExecUnsynced(t *testing.T) {
	g, err := db.Open("", filepath.Join(t.TempDir(), "mend.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := g.DB(); err == nil {
			sqlDB.Close()
		}
	})
	if err := g.Exec("CREATE TABLE counters (n INTEGER NOT NULL)").Error; err != nil {
		t.Fatal(err)
	}
	if err := g.Exec("INSERT INTO counters (n) VALUES (0)").Error; err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := db.ExecUnsynced(context.Background(), g, "UPDATE counters SET n = n + ?", 2); err != nil {
			t.Fatal(err)
		}
	}
	sqlDB, _ := g.DB()
	var n, sync int
	if err := sqlDB.QueryRow("SELECT n FROM counters").Scan(&n); err != nil || n != 6 {
		t.Fatalf("counter %d, %v; want 6", n, err)
	}
	if err := sqlDB.QueryRow("PRAGMA synchronous").Scan(&sync); err != nil || sync != 2 {
		t.Fatalf("the writer's synchronous is %d (%v); want 2 (FULL)", sync, err)
	}
}

// TestMigrationDialect: a file named NNNN_name.postgres.sql is a migration
// for PostgreSQL alone, named without the suffix.
func TestMigrationDialect(t *testing.T) {
	ms, err := db.Migrations()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Version == 24 && (m.Dialect != "postgres" || m.Name != "planner_statistics") {
			t.Fatalf("migration 24: dialect %q, name %q", m.Dialect, m.Name)
		}
		if m.Dialect == "" && strings.Contains(m.Name, ".") {
			t.Errorf("migration %d is named %q", m.Version, m.Name)
		}
	}
}
