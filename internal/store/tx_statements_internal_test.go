package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gorm.io/gorm"

	"mend/internal/db"
)

// TestStatementsKeptAcrossTransactions: a statement first run inside a
// transaction is, once the transaction has ended, kept prepared on the
// database pool rather than bound to that transaction, so that the next
// transactions reuse it instead of preparing it again; and the
// transactions still write what they wrote. On SQLite (the group commit)
// and, with MEND_TEST_POSTGRES, on PostgreSQL.
func TestStatementsKeptAcrossTransactions(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		g, err := db.Open("", filepath.Join(t.TempDir(), "mend.db"), nil)
		if err != nil {
			t.Fatal(err)
		}
		keptAcrossTransactions(t, g)
	})
	t.Run("postgres", func(t *testing.T) {
		url := os.Getenv("MEND_TEST_POSTGRES")
		if url == "" {
			t.Skip("MEND_TEST_POSTGRES is not set")
		}
		g, err := db.Open(url, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		keptAcrossTransactions(t, g)
	})
}

func keptAcrossTransactions(t *testing.T, g *gorm.DB) {
	t.Helper()
	if sqlDB, err := g.DB(); err == nil {
		t.Cleanup(func() { sqlDB.Close() })
	}
	table := "kept_" + NewID() // PostgreSQL's test database is shared
	if err := g.Exec("CREATE TABLE " + table + " (n INTEGER NOT NULL)").Error; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Exec("DROP TABLE " + table) })
	s := New(g, nil)
	insert := "INSERT INTO " + table + " (n) VALUES (?)"
	var prepared *gorm.PreparedStmtDB
	key := insert // the statement as the driver is given it
	if db.IsPostgres(g) {
		key = strings.Replace(insert, "?", "$1", 1)
	}
	cached := func() (bound bool, ok bool) {
		st, ok := prepared.Stmts.Get(key)
		if !ok {
			return false, false
		}
		return st.Transaction, true
	}
	for i := 1; i <= 3; i++ {
		err := s.transaction(context.Background(), func(tx *gorm.DB) error {
			if p, ok := tx.Statement.ConnPool.(*gorm.PreparedStmtTX); ok {
				prepared = p.PreparedStmtDB
			}
			return tx.Exec(insert, i).Error
		})
		if err != nil {
			t.Fatal(err)
		}
		if prepared == nil {
			t.Fatal("transactions do not prepare their statements")
		}
		if bound, ok := cached(); !ok || bound {
			t.Fatalf("after transaction %d: the statement is cached %v, bound to a transaction %v", i, ok, bound)
		}
	}
	var sum int
	if err := g.Raw("SELECT COALESCE(SUM(n), 0) FROM " + table).Scan(&sum).Error; err != nil || sum != 6 {
		t.Fatalf("the transactions wrote %d (%v), want 6", sum, err)
	}
}
