package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"mend/internal/config"
	"mend/internal/db"
	"mend/internal/store"
)

// TestBackupRestore backs up while accounts are being written, checks the
// copy, refuses to restore while a server holds the data directory, and
// restores it, keeping the database it replaces.
func TestBackupRestore(t *testing.T) {
	e := newCmdEnv(t)
	ctx := context.Background()
	first := &store.User{Name: "Kit", Email: "kit@example.com", PasswordHash: "x"}
	if err := e.st.CreateUser(ctx, first); err != nil {
		t.Fatal(err)
	}
	// Writes go on during the backup.
	var written atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if err := e.st.CreateUser(ctx, &store.User{Name: "Load", Email: fmt.Sprintf("load%d@example.com", i), PasswordHash: "x"}); err != nil {
				t.Error(err)
				return
			}
			written.Add(1)
		}
	}()
	for written.Load() < 20 {
		runtime.Gosched() // let the writer get going before the copy starts
	}
	backup := filepath.Join(t.TempDir(), "copy.db")
	out, code := e.run("", "backup", backup)
	close(stop)
	wg.Wait()
	if code != 0 || !strings.Contains(out, "integrity ok") {
		t.Fatalf("backup: %d %q", code, out)
	}
	total := written.Load()
	if err := e.st.CreateUser(ctx, &store.User{Name: "After", Email: "after@example.com", PasswordHash: "x"}); err != nil {
		t.Fatal(err)
	}

	// A running server holds the data directory.
	cfg := config.Default()
	cfg.DataDir = e.dir
	lock, err := lockData(cfg, false)
	if err != nil {
		t.Fatal(err)
	}
	if out, code := e.run("", "restore", backup); code != 1 || !strings.Contains(out, "server is using") {
		t.Fatalf("restore under a server: %d %q", code, out)
	}
	lock.Close()

	if out, code := e.run("", "restore", filepath.Join(e.dir, "missing.db")); code != 1 {
		t.Fatalf("restore a missing file: %d %q", code, out)
	}
	junk := filepath.Join(t.TempDir(), "junk.db")
	os.WriteFile(junk, []byte(strings.Repeat("not a database ", 500)), 0o600)
	if out, code := e.run("", "restore", junk); code != 1 || !strings.Contains(out, "not a readable SQLite database") {
		t.Fatalf("restore junk: %d %q", code, out)
	}
	newer := filepath.Join(t.TempDir(), "newer.db")
	if err := copyFile(backup, newer); err != nil {
		t.Fatal(err)
	}
	conn, err := sql.Open("sqlite3", "file:"+newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', CURRENT_TIMESTAMP)"); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	if out, code := e.run("", "restore", newer); code != 1 || !strings.Contains(out, "newer than this mend knows") {
		t.Fatalf("restore a newer schema: %d %q", code, out)
	}

	out, code = e.run("", "restore", backup)
	if code != 0 || !strings.Contains(out, "restored") || !strings.Contains(out, "kept as") {
		t.Fatalf("restore: %d %q", code, out)
	}
	kept, _ := filepath.Glob(filepath.Join(e.dir, "mend.db.before-restore-*"))
	if len(kept) != 1 {
		t.Fatalf("kept: %v", kept)
	}
	count := func(path string) (users int64, after bool) {
		g, err := db.Open("", path, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer func() {
			if sqlDB, err := g.DB(); err == nil {
				sqlDB.Close()
			}
		}()
		g.Table("users").Count(&users)
		var n int64
		g.Table("users").Where("email = ?", "after@example.com").Count(&n)
		return users, n == 1
	}
	restored, hasAfter := count(filepath.Join(e.dir, "mend.db"))
	if hasAfter || restored < 21 || restored > total+1 {
		t.Fatalf("the restored database has %d accounts (after: %v); %d were written during the backup", restored, hasAfter, total)
	}
	if old, hasAfter := count(kept[0]); !hasAfter || old != total+2 {
		t.Fatalf("the database kept has %d accounts (after: %v), want %d", old, hasAfter, total+2)
	}
}
