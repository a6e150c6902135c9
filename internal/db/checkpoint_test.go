package db

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"
)

// TestCheckpointWaitsForReaders: while a reader holds a snapshot that
// reaches into the WAL, a checkpoint cannot reset it and says so (it does
// not fail, nor wait on the writer for long); asked for in the background,
// it tries again and resets the WAL once the reader is done.
func TestCheckpointWaitsForReaders(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mend.db")
	g, err := Open("", path, nil)
	if err != nil {
		t.Fatal(err)
	}
	w, err := g.DB()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if n := w.Stats().MaxOpenConnections; n != 1 {
		t.Fatalf("the checkpointer uses a pool of %d connections, not the writer", n)
	}
	if err := g.Exec("CREATE TABLE notes (body TEXT)").Error; err != nil {
		t.Fatal(err)
	}
	if err := g.Exec("INSERT INTO notes VALUES ('x')").Error; err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("sqlite3", SQLiteDSN(path))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	ctx := context.Background()
	reader, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	if _, err := reader.ExecContext(ctx, "BEGIN"); err != nil { // deferred: a read transaction
		t.Fatal(err)
	}
	var n int
	if err := reader.QueryRowContext(ctx, "SELECT count(*) FROM notes").Scan(&n); err != nil {
		t.Fatal(err)
	}

	c := NewCheckpointer(g)
	busy, err := c.checkpoint()
	if err != nil || !busy {
		t.Fatalf("checkpoint under a reader: busy %v, err %v; want busy", busy, err)
	}
	if walSize(t, path) == 0 {
		t.Fatal("the WAL is empty while a reader uses it")
	}
	var timeout int
	if err := w.QueryRow("PRAGMA busy_timeout").Scan(&timeout); err != nil || timeout != 10000 {
		t.Fatalf("the writer's busy_timeout after a checkpoint: %d %v", timeout, err)
	}

	c.Request()
	if _, err := reader.ExecContext(ctx, "COMMIT"); err != nil {
		t.Fatal(err)
	}
	if err := c.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if size := walSize(t, path); size != 0 {
		t.Fatalf("after the background checkpoint the WAL holds %d bytes", size)
	}
}

func walSize(t *testing.T, path string) int64 {
	t.Helper()
	info, err := os.Stat(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	return info.Size()
}
