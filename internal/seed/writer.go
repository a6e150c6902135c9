package seed

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"mend/internal/db"
)

// maxParams is how many values one statement carries at most (SQLite allows
// 32,766 by default).
const maxParams = 30000

// writer inserts rows with multi-row INSERTs prepared once, on one
// connection, in one transaction: a run that fails or is interrupted leaves
// nothing behind, and costs no more than committing along the way did. (On
// SQLite the write-ahead log grows meanwhile to the size of what is written.)
type writer struct {
	ctx     context.Context
	conn    *sql.Conn
	tx      *sql.Tx
	pg      bool
	per     [nTables]int          // rows per full statement
	stmts   [nTables][4]*sql.Stmt // by size: full, 256, 16 and 1 rows
	buf     [nTables][]any
	counts  [nTables]int64
	restore []string // SQLite settings to put back on the connection
}

func newWriter(ctx context.Context, g *gorm.DB) (*writer, error) {
	sqlDB, err := g.DB()
	if err != nil {
		return nil, err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	w := &writer{ctx: ctx, conn: conn, pg: db.IsPostgres(g)}
	for t := range tables {
		w.per[t] = maxParams / len(tables[t].cols)
	}
	if !w.pg {
		// For the length of the run: a commit that doesn't wait for the
		// disk (the checkpoint in finish does; WAL with NORMAL stays
		// consistent after a crash) and a 64 MB cache (a larger one only
		// cost time faulting its pages in). Put back afterwards: the
		// connection returns to the pool.
		var sync, cache int64
		if err := conn.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync); err != nil {
			conn.Close()
			return nil, err
		}
		if err := conn.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&cache); err != nil {
			conn.Close()
			return nil, err
		}
		w.restore = []string{"PRAGMA synchronous = " + strconv.FormatInt(sync, 10), "PRAGMA cache_size = " + strconv.FormatInt(cache, 10)}
		for _, q := range []string{"PRAGMA synchronous = NORMAL", "PRAGMA cache_size = -65536"} {
			if _, err := conn.ExecContext(ctx, q); err != nil {
				w.close()
				return nil, err
			}
		}
	}
	if w.tx, err = conn.BeginTx(ctx, nil); err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

// add queues one couple's rows, writing full statements as they fill.
func (w *writer) add(b *batch) error {
	for t := range nTables {
		if len(b.vals[t]) == 0 {
			continue
		}
		w.buf[t] = append(w.buf[t], b.vals[t]...)
		w.counts[t] += int64(b.rows(t))
		if len(w.buf[t]) >= w.per[t]*len(tables[t].cols) {
			// Rows refer to rows of earlier tables: write those first.
			for p := range t {
				if err := w.drain(p, true); err != nil {
					return err
				}
			}
			if err := w.drain(t, false); err != nil {
				return err
			}
		}
	}
	return nil
}

// drain writes t's full statements, and the rest too when all is set: in
// statements of a few fixed sizes, each prepared once per transaction, since
// compiling a statement of thousands of rows costs as much as running it.
func (w *writer) drain(t table, all bool) error {
	width := len(tables[t].cols)
	buf := w.buf[t]
	sizes := []int{w.per[t]}
	if all {
		sizes = append(sizes, 256, 16, 1)
	}
	for i, rows := range sizes {
		for len(buf) >= rows*width {
			st, err := w.stmt(t, i, rows)
			if err != nil {
				return err
			}
			if _, err := st.ExecContext(w.ctx, buf[:rows*width]...); err != nil {
				return fmt.Errorf("seed: insert into %s: %w", tables[t].name, err)
			}
			buf = buf[rows*width:]
		}
	}
	n := copy(w.buf[t], buf)
	clear(w.buf[t][n:]) // let the written values go
	w.buf[t] = w.buf[t][:n]
	return nil
}

// stmt is statement i (of rows rows) of t, prepared once.
func (w *writer) stmt(t table, i, rows int) (*sql.Stmt, error) {
	if w.stmts[t][i] == nil {
		st, err := w.tx.PrepareContext(w.ctx, w.insert(t, rows))
		if err != nil {
			return nil, err
		}
		w.stmts[t][i] = st
	}
	return w.stmts[t][i], nil
}

// insert is the INSERT statement of rows rows of t.
func (w *writer) insert(t table, rows int) string {
	spec := tables[t]
	var sb strings.Builder
	sb.WriteString("INSERT INTO " + spec.name + " (" + strings.Join(spec.cols, ", ") + ") VALUES ")
	n := 0
	for r := range rows {
		if r > 0 {
			sb.WriteByte(',')
		}
		sb.WriteByte('(')
		for i := range spec.cols {
			if i > 0 {
				sb.WriteByte(',')
			}
			n++
			if w.pg {
				sb.WriteString("$" + strconv.Itoa(n))
			} else {
				sb.WriteByte('?')
			}
		}
		sb.WriteByte(')')
	}
	return sb.String()
}

// commit writes every queued row and commits.
func (w *writer) commit() error {
	for t := range nTables {
		if err := w.drain(t, true); err != nil {
			return err
		}
	}
	for t := range w.stmts {
		for i, st := range w.stmts[t] {
			if st != nil {
				st.Close()
				w.stmts[t][i] = nil
			}
		}
	}
	err := w.tx.Commit()
	w.tx = nil
	return err
}

// finish writes the last rows and gives the connection back. On SQLite it
// first copies the write-ahead log into the database file and empties it, so
// that the data directory holds the database in one file again.
func (w *writer) finish() error {
	err := w.commit()
	if err != nil {
		w.abort()
		return err
	}
	if !w.pg {
		// Busy readers only leave the log to be emptied later: not an error.
		if _, err := w.conn.ExecContext(w.ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			w.close()
			return err
		}
	}
	return w.close()
}

// abort rolls back the transaction under way and gives the connection back.
func (w *writer) abort() {
	if w.tx != nil {
		w.tx.Rollback()
		w.tx = nil
	}
	w.close()
}

// close restores the connection's settings and returns it to the pool.
func (w *writer) close() error {
	if w.conn == nil {
		return nil
	}
	var err error
	for _, q := range w.restore {
		if _, e := w.conn.ExecContext(context.Background(), q); e != nil && err == nil {
			err = e
		}
	}
	if e := w.conn.Close(); e != nil && err == nil {
		err = e
	}
	w.conn = nil
	return err
}

// total is how many rows have been queued.
func (w *writer) total() int64 {
	var n int64
	for _, c := range w.counts {
		n += c
	}
	return n
}

// stats are the rows written, by table.
func (w *writer) stats() Stats {
	s := Stats{Rows: w.total()}
	for t, c := range w.counts {
		s.Tables = append(s.Tables, TableRows{Table: tables[t].name, Rows: c})
	}
	return s
}
