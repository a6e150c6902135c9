package store

import (
	"context"
	"database/sql"
	"sync/atomic"

	"gorm.io/gorm"
)

// GORM prepares each statement once and keeps it (PrepareStmt), but one
// first prepared inside a transaction is kept bound to that transaction:
// database/sql cannot reuse it in another, so every later transaction
// prepared it again (sql.Tx.StmtContext; see go-gorm/gorm#4644 and
// golang/go#28130). On SQLite that is a parse of each statement of each
// write; on PostgreSQL, a round trip. keepStatements, called once a
// transaction has ended, prepares those statements again on the database
// itself, where a transaction finds them already prepared on its
// connection from the second time on.

// statementKeeper runs keepStatements after the first transactions, and
// then after one in every keepEvery: the statements of a kind of write are
// kept from its first transaction on, and a scan of the cache is not paid
// for by every write once they are.
type statementKeeper struct{ n atomic.Int64 }

const keepEvery = 64

// after is called once the transaction tx has ended.
func (k *statementKeeper) after(g, tx *gorm.DB) {
	if k == nil || tx == nil {
		return
	}
	if n := k.n.Add(1); n <= keepEvery || n%keepEvery == 0 {
		keepStatements(g, tx)
	}
}

// keepStatements replaces, in the statement cache of tx (a transaction that
// has committed or rolled back), each statement bound to a transaction by
// one prepared on the database pool the transaction came from. A statement
// that fails to prepare is left out: the next transaction prepares it as
// before.
func keepStatements(g, tx *gorm.DB) {
	ptx, ok := tx.Statement.ConnPool.(*gorm.PreparedStmtTX)
	if !ok || ptx.PreparedStmtDB == nil {
		return
	}
	pdb := ptx.PreparedStmtDB
	// Only on the pool the transactions come from: a statement of another
	// pool cannot run in them.
	pool, ok := pdb.ConnPool.(*sql.DB)
	if writer, err := g.DB(); !ok || err != nil || pool != writer {
		return
	}
	for _, key := range pdb.Stmts.Keys() {
		if st, ok := pdb.Stmts.Get(key); !ok || !st.Transaction {
			continue
		}
		pdb.Mux.Lock()
		if st, ok := pdb.Stmts.Get(key); !ok || !st.Transaction {
			pdb.Mux.Unlock()
			continue
		}
		pdb.Stmts.Delete(key) // closes the old one
		// New unlocks Mux once the statement is in the cache, and prepares it.
		_, _ = pdb.Stmts.New(context.Background(), key, false, pool, pdb.Mux)
	}
}
