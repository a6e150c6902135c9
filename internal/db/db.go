// Package db opens Mend's database (SQLite by default, PostgreSQL on request)
// with the settings it needs and brings its schema up to date.
package db

import (
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// SQLiteDSN is the connection string for the SQLite file at path. Every
// setting is in the DSN so that it holds on each pooled connection, not only
// the first: WAL for concurrent readers, FULL sync so a committed entry
// survives a power cut, foreign keys, a busy timeout instead of instant
// "database is locked", and BEGIN IMMEDIATE so a writer takes the lock up
// front rather than failing when it upgrades from reading.
func SQLiteDSN(path string) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "FULL")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "10000")
	q.Set("_txlock", "immediate")
	q.Set("_cache_size", "-8000") // 8 MB of page cache per connection
	return "file:" + path + "?" + q.Encode()
}

// Open connects to databaseURL when set (PostgreSQL), else to the SQLite file
// at sqlitePath, creating its directory.
func Open(databaseURL, sqlitePath string, log *slog.Logger) (*gorm.DB, error) {
	cfg := &gorm.Config{
		Logger:                 logger.New(slogWriter{log}, logger.Config{SlowThreshold: 200 * time.Millisecond, LogLevel: logger.Warn, IgnoreRecordNotFoundError: true, ParameterizedQueries: true}),
		NowFunc:                func() time.Time { return time.Now().UTC() },
		TranslateError:         true,
		SkipDefaultTransaction: true, // writes that need a transaction ask for one
	}
	if databaseURL != "" {
		g, err := gorm.Open(postgres.Open(databaseURL), cfg)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		return g, nil
	}
	if err := os.MkdirAll(filepath.Dir(sqlitePath), 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	// Create the file readable by its owner alone; SQLite gives its WAL and
	// shared-memory files the same mode.
	if f, err := os.OpenFile(sqlitePath, os.O_RDONLY|os.O_CREATE, 0o600); err == nil {
		f.Close()
	}
	g, err := gorm.Open(sqlite.Open(SQLiteDSN(sqlitePath)), cfg)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", sqlitePath, err)
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(8)
	sqlDB.SetMaxIdleConns(8)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	return g, nil
}

// IsPostgres reports whether g talks to PostgreSQL.
func IsPostgres(g *gorm.DB) bool { return g.Dialector.Name() == "postgres" }

// slogWriter sends GORM's warnings (slow queries, errors) to slog. Queries
// are logged with placeholders only, never with their parameters.
type slogWriter struct{ log *slog.Logger }

func (w slogWriter) Printf(format string, args ...any) {
	if w.log != nil {
		w.log.Warn("db", "msg", fmt.Sprintf(format, args...))
	}
}
