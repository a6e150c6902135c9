package main

import (
	"database/sql"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"mend/internal/db"
)

// newDB is a migrated SQLite file with one journal entry, "crash-r1-w0-0".
func newDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "mend.db")
	g, err := db.Open("", path, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(g); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO users (id, email, name, password_hash, created_at, updated_at) VALUES ('u1', 'a@example.com', 'A', 'x', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
		`INSERT INTO spaces (id, name, created_at) VALUES ('s1', 'S', CURRENT_TIMESTAMP)`,
		`INSERT INTO journal_entries (id, space_id, author_id, title, body, created_at, updated_at) VALUES ('j1', 's1', 'u1', 'crash-r1-w0-0', 'edited', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
	} {
		if err := g.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	sqlDB, _ := g.DB()
	sqlDB.Close()
	return path
}

// TestCheckFindsLostWrites: an acknowledged marker missing from its table,
// or an entry holding neither its last acknowledged edit nor the edit the
// kill cut off, is reported; the others are not.
func TestCheckFindsLostWrites(t *testing.T) {
	path := newDB(t)
	missing, err := check(path, map[string]string{
		"crash-r1-w0-0": "journal_entries",
		"crash-r1-w0-1": "gratitude_notes",
		"crash-r1-w1-0": "journal_entries",
	}, []*writer{
		{entry: "j1", lastEdit: "crash-r1-w0-2"},
		{entry: "j1", lastEdit: "crash-r1-w0-5", pending: []string{"crash-r1-w0-8"}},
		{entry: "j1", lastEdit: "edited"},                                                      // the last edit is there
		{entry: "j1", lastEdit: "crash-r1-w0-2", pending: []string{"crash-r1-w0-5", "edited"}}, // the cut-off edit is there
	}, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(missing, ", "); got != `edit: crash-r1-w0-2 (entry j1 holds ["edited"]), edit: crash-r1-w0-5 (entry j1 holds ["edited"]), gratitude_notes: crash-r1-w0-1, journal_entries: crash-r1-w1-0` {
		t.Fatalf("missing = %q", got)
	}
}

// TestCheckFindsBrokenForeignKeys: a row pointing at no space fails the check.
func TestCheckFindsBrokenForeignKeys(t *testing.T) {
	path := newDB(t)
	raw, err := sql.Open("sqlite3", "file:"+path+"?_foreign_keys=off")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO journal_entries (id, space_id, author_id, title, created_at, updated_at) VALUES ('j2', 'gone', 'u1', 'orphan', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if _, err := check(path, nil, nil, ""); err == nil || !strings.Contains(err.Error(), "foreign_key_check") {
		t.Fatalf("check = %v, want a foreign_key_check failure", err)
	}
}
