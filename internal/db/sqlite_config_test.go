package db

import (
	"io"
	"log/slog"
	"path/filepath"
	"testing"
)

// TestSQLiteMemoryNotCounted: SQLite's memory statistics, and the global
// mutex they take on every allocation, are off in every process that
// opens a database through this package.
func TestSQLiteMemoryNotCounted(t *testing.T) {
	g, err := Open("", filepath.Join(t.TempDir(), "m.db"), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Migrate(g); err != nil {
		t.Fatal(err)
	}
	if sqliteMemoryCounted() {
		t.Fatal("SQLite counts its memory: its statistics are on")
	}
}

// TestSQLiteKeepsPlans: statements run again and again as the driver runs
// them (new bindings, then cleared) are not prepared again each time.
// Without the planner's stability guarantee, SQLite prepares the join
// again on each of its three runs, and the limit on two of them.
func TestSQLiteKeepsPlans(t *testing.T) {
	const schema = "CREATE TABLE t (a INTEGER, b TEXT); CREATE INDEX tb ON t (b); CREATE TABLE u (x INTEGER, y TEXT); CREATE INDEX ux ON u (x)"
	for _, q := range []string{"SELECT a FROM t JOIN u ON u.x = t.a WHERE t.b = ? AND u.y = ?", "SELECT a FROM t WHERE b = ? LIMIT ?"} {
		if n := sqliteReprepares(schema, q); n != 0 {
			t.Errorf("%s, run three times, was prepared again %d times", q, n)
		}
	}
}
