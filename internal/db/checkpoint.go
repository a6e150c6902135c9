package db

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"

	"gorm.io/gorm"
)

// Checkpointer empties SQLite's WAL after private text is deleted or
// replaced. secure_delete zeroes the text in the new images of the pages
// that held it, but the WAL still holds their old images until a checkpoint
// copies the new ones into the database file and resets it. A checkpoint
// that resets the WAL must wait for readers still on an older snapshot, so
// it runs in the background and tries again while they finish, holding the
// one writer connection only briefly each time. On PostgreSQL it does
// nothing.
type Checkpointer struct {
	db   *sql.DB // the writer pool; nil on PostgreSQL
	warn func(error)

	mu      sync.Mutex
	running bool
	again   bool          // asked for again while running
	done    chan struct{} // closed when running ends
}

// Waits of a checkpoint for readers: each try holds the writer connection
// for at most checkpointWait, and tries are spaced from checkpointRetry up
// to checkpointRetryMax apart, checkpointTries times at most.
// A checkpoint begins checkpointGather after it is asked for, so that the
// deletes of many requests in a row share one: under a steady stream of
// writes the WAL is reset a few times a second, not once a write, and the
// writer is not held by a checkpoint between every two of them.
const (
	checkpointGather   = 250 * time.Millisecond
	checkpointWait     = 200 * time.Millisecond
	checkpointRetry    = 20 * time.Millisecond
	checkpointRetryMax = 5 * time.Second
	checkpointTries    = 200
)

// NewCheckpointer returns the Checkpointer of g.
func NewCheckpointer(g *gorm.DB) *Checkpointer {
	c := &Checkpointer{warn: func(err error) { g.Logger.Warn(context.Background(), "wal checkpoint: %v", err) }}
	if !IsPostgres(g) {
		c.db, _ = g.DB()
	}
	return c
}

// Request asks for a checkpoint that resets the WAL, soon, in the
// background. Call it after the deleting transaction has committed.
func (c *Checkpointer) Request() {
	if c == nil || c.db == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.running {
		c.again = true
		return
	}
	c.running, c.done = true, make(chan struct{})
	go c.run()
}

// Wait returns once no checkpoint is asked for or under way.
func (c *Checkpointer) Wait(ctx context.Context) error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	running, done := c.running, c.done
	c.mu.Unlock()
	if !running {
		return nil
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *Checkpointer) run() {
	for {
		time.Sleep(checkpointGather)
		c.mu.Lock()
		c.again = false // the checkpoint about to begin covers what was asked so far
		c.mu.Unlock()
		if err := c.untilDone(); err != nil {
			c.warn(err)
		}
		c.mu.Lock()
		if !c.again {
			c.running = false
			close(c.done)
			c.mu.Unlock()
			return
		}
		c.again = false
		c.mu.Unlock()
	}
}

// untilDone checkpoints until the WAL is reset, waiting between tries.
func (c *Checkpointer) untilDone() error {
	pause := checkpointRetry
	for try := 0; try < checkpointTries; try++ {
		busy, err := c.checkpoint()
		if err != nil || !busy {
			return err
		}
		time.Sleep(pause)
		pause = min(2*pause, checkpointRetryMax)
	}
	return fmt.Errorf("readers kept the WAL busy for %d tries; it is reset at a later checkpoint", checkpointTries)
}

// checkpoint tries once, waiting a little for readers, and reports whether
// they kept it from resetting the WAL.
func (c *Checkpointer) checkpoint() (busy bool, err error) {
	ctx := context.Background()
	conn, err := c.db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", checkpointWait.Milliseconds())); err != nil {
		return false, err
	}
	defer conn.ExecContext(ctx, "PRAGMA busy_timeout = "+busyTimeout)
	var blocked, frames, copied int
	if err := conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&blocked, &frames, &copied); err != nil {
		return false, err
	}
	return blocked != 0, nil
}
