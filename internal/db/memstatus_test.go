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
