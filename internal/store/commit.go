package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"gorm.io/gorm"

	"mend/internal/db"
)

// On SQLite every commit waits for the disk (synchronous=FULL), and there is
// one writer: under load, writes queue behind each other's sync. The
// transactions of concurrent requests are therefore committed together: one
// goroutine at a time runs every transaction waiting, each inside a savepoint
// of one database transaction, and commits once. A transaction that fails
// rolls back to its savepoint and leaves the others in; each caller is
// answered only after the commit that holds its writes, so an acknowledged
// write has reached the disk as before. PostgreSQL runs transactions
// concurrently and groups its own commits, so there each runs on its own.

// maxGroup bounds how many transactions one commit holds.
const maxGroup = 64

// txJob is one caller's transaction waiting to be committed.
type txJob struct {
	ctx   context.Context
	fn    func(tx *gorm.DB) error
	err   error
	panic any
	done  chan struct{}
}

// groupCommit is the queue of transactions waiting for the writer.
type groupCommit struct {
	db      *gorm.DB
	mu      sync.Mutex
	queue   []*txJob
	running bool
	commits atomic.Int64     // groups committed or rolled back, for tests
	keeper  *statementKeeper // the store's, run after each group
}

func newGroupCommit(g *gorm.DB, keeper *statementKeeper) *groupCommit {
	if db.IsPostgres(g) {
		return nil
	}
	return &groupCommit{db: g, keeper: keeper}
}

// transaction runs fn in a transaction and returns once it has committed
// (nil) or been rolled back (fn's error), as gorm's Transaction does; a
// panic in fn is raised again in the caller.
func (s *Store) transaction(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if s.group == nil {
		var last *gorm.DB
		err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
			last = tx
			return fn(tx)
		})
		s.keeper.after(s.db, last)
		return err
	}
	j := &txJob{ctx: ctx, fn: fn, done: make(chan struct{})}
	s.group.add(j)
	<-j.done
	if j.panic != nil {
		panic(j.panic)
	}
	return j.err
}

// add queues j and, when no goroutine is committing, commits the queue on
// this one.
func (g *groupCommit) add(j *txJob) {
	g.mu.Lock()
	g.queue = append(g.queue, j)
	lead := !g.running
	g.running = true
	g.mu.Unlock()
	if lead {
		g.commitWaiting()
	}
}

// commitWaiting commits what is queued, one group. If more arrived
// meanwhile, another goroutine commits them, so that this caller is answered
// now rather than after every later group.
func (g *groupCommit) commitWaiting() {
	g.mu.Lock()
	n := min(len(g.queue), maxGroup)
	jobs := g.queue[:n:n]
	g.queue = g.queue[n:]
	g.mu.Unlock()

	// The callers are answered first.
	g.keeper.after(g.db, g.commit(jobs))

	g.mu.Lock()
	more := len(g.queue) > 0
	g.running = more
	g.mu.Unlock()
	if more {
		go g.commitWaiting()
	}
}

// commit runs jobs in one transaction, each in a savepoint, and answers
// each; it returns the transaction, once ended (nil when none began).
func (g *groupCommit) commit(jobs []*txJob) *gorm.DB {
	g.commits.Add(1)
	defer func() {
		for _, j := range jobs {
			close(j.done)
		}
	}()
	var live []*txJob
	for _, j := range jobs {
		if err := j.ctx.Err(); err != nil {
			j.err = err // its caller has gone: not started
			continue
		}
		live = append(live, j)
	}
	if len(live) == 0 {
		return nil
	}
	tx := g.db.Begin()
	if tx.Error != nil {
		for _, j := range live {
			j.err = tx.Error
		}
		return nil
	}
	var ok []*txJob
	for i, j := range live {
		if err := runInSavepoint(tx, j); err != nil {
			// The transaction itself is lost (an I/O error, a full disk):
			// nothing of the group commits.
			tx.Rollback()
			for _, k := range live[:i] {
				if k.err == nil && k.panic == nil {
					k.err = fmt.Errorf("rolled back with its group: %w", err)
				}
			}
			j.err = errors.Join(j.err, err)
			for _, k := range live[i+1:] {
				k.err = fmt.Errorf("not run: %w", err)
			}
			return tx
		}
		if j.err == nil && j.panic == nil {
			ok = append(ok, j)
		}
	}
	if err := tx.Commit().Error; err != nil {
		for _, j := range ok {
			j.err = err
		}
	}
	return tx
}

// runInSavepoint runs j inside a savepoint of tx, and rolls back to it when
// j fails or panics. It returns an error only when tx can no longer be used.
// j's statements do not follow its context's cancellation: on SQLite an
// interrupted write inside a transaction rolls back the whole transaction.
func runInSavepoint(tx *gorm.DB, j *txJob) error {
	if err := tx.Exec("SAVEPOINT job").Error; err != nil {
		return err
	}
	func() {
		defer func() {
			if p := recover(); p != nil {
				j.panic = p
			}
		}()
		j.err = j.fn(tx.WithContext(context.WithoutCancel(j.ctx)))
	}()
	if j.err != nil || j.panic != nil {
		if err := tx.Exec("ROLLBACK TO job").Error; err != nil {
			return err
		}
	}
	return tx.Exec("RELEASE job").Error
}
