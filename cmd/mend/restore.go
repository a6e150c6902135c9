package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"mend/internal/config"
	"mend/internal/db"
)

// lockName is the file in the data directory that servers hold a shared
// lock on and restore an exclusive one: a restore never replaces the
// database under a running server, and a server does not start mid-restore.
const lockName = "mend.lock"

// lockData takes the data directory's lock, shared (a server) or
// exclusive (a restore), without waiting. The lock ends with the returned
// file's Close, or with the process.
func lockData(cfg config.Config, exclusive bool) (*os.File, error) {
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(cfg.DataDir, lockName), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	if err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errLocked
		}
		return nil, err
	}
	return f, nil
}

var errLocked = errors.New("the data directory is locked")

// checkDatabaseFile opens the SQLite file at path read-only, runs
// integrity_check and returns the newest migration recorded in it.
func checkDatabaseFile(path string) (int, error) {
	if _, err := os.Stat(path); err != nil {
		return 0, err
	}
	conn, err := sql.Open("sqlite3", "file:"+path+"?"+url.Values{"mode": {"ro"}}.Encode())
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	rows, err := conn.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return 0, fmt.Errorf("%s is not a readable SQLite database: %w", path, err)
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return 0, err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Close(); err != nil {
		return 0, err
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("%s: integrity check: %w", path, err)
	}
	if len(problems) > 0 {
		if len(problems) > 5 {
			problems = append(problems[:5], "...")
		}
		return 0, fmt.Errorf("%s failed the integrity check: %v", path, problems)
	}
	var version sql.NullInt64
	if err := conn.QueryRowContext(ctx, "SELECT MAX(version) FROM schema_migrations").Scan(&version); err != nil || !version.Valid {
		return 0, fmt.Errorf("%s is not a Mend database (it has no schema version)", path)
	}
	return int(version.Int64), nil
}

// latestMigration is the newest schema version this binary knows.
func latestMigration() (int, error) {
	ms, err := db.Migrations()
	if err != nil || len(ms) == 0 {
		return 0, err
	}
	return ms[len(ms)-1].Version, nil
}

// checkBackup reports on the copy backup just wrote.
func checkBackup(path string, stdout io.Writer) error {
	v, err := checkDatabaseFile(path)
	if err != nil {
		return fmt.Errorf("the backup %s is not sound; do not rely on it: %w", path, err)
	}
	fmt.Fprintf(stdout, "checked %s: integrity ok, schema version %d\n", path, v)
	return nil
}

// restore replaces the SQLite database with a backup: it refuses while a
// server holds the data directory, checks the file's integrity and schema
// version, keeps the current database beside it and migrates the restored one.
func restore(args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	cfg, fs, err := load("restore", args, stderr, getenv)
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: mend restore [flags] FILE")
	}
	if cfg.DatabaseURL != "" {
		return errors.New("restore: use pg_restore for PostgreSQL")
	}
	src := fs.Arg(0)
	lock, err := lockData(cfg, true)
	if errors.Is(err, errLocked) {
		return fmt.Errorf("restore: a Mend server is using %s; stop it first", cfg.DataDir)
	} else if err != nil {
		return err
	}
	defer lock.Close()
	v, err := checkDatabaseFile(src)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	latest, err := latestMigration()
	if err != nil {
		return err
	}
	if v > latest {
		return fmt.Errorf("restore: %s has schema version %d, newer than this mend knows (%d); restore it with a newer mend", src, v, latest)
	}
	dest := cfg.SQLitePath()
	tmp := dest + ".restoring"
	if err := copyFile(src, tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("restore: copy %s: %w", src, err)
	}
	kept := ""
	if _, err := os.Stat(dest); err == nil {
		kept = dest + ".before-restore-" + time.Now().UTC().Format("20060102T150405Z")
		if err := setAside(dest, kept); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("restore: keep the current database: %w", err)
		}
	}
	if err := os.Rename(tmp, dest); err != nil {
		return err
	}
	g, err := db.Open("", dest, logger(cfg, stderr))
	if err != nil {
		return err
	}
	defer func() {
		if sqlDB, err := g.DB(); err == nil {
			sqlDB.Close()
		}
	}()
	n, err := db.Migrate(g)
	if err != nil {
		return fmt.Errorf("restore: migrate the restored database: %w", err)
	}
	fmt.Fprintf(stdout, "restored %s (schema version %d, integrity ok) to %s; applied %d migration(s)\n", src, v, dest, n)
	if kept != "" {
		fmt.Fprintf(stdout, "the database it replaced is kept as %s\n", kept)
	}
	return nil
}

// setAside moves the database at path to kept, first folding its WAL into
// it so that the file kept is whole, and removes the WAL files left behind.
func setAside(path, kept string) error {
	conn, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		return err
	}
	_, err = conn.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	conn.Close()
	if err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	if err := os.Rename(path, kept); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// copyFile copies src to a new file dst, readable by its owner alone, and
// syncs it to disk.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
