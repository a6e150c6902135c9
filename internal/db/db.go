// Package db opens Mend's database (SQLite by default, PostgreSQL on request)
// with the settings it needs and brings its schema up to date.
package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
	"gorm.io/plugin/dbresolver"
)

// SQLiteDSN is the connection string for the SQLite file at path. Every
// setting is in the DSN so that it holds on each pooled connection, not only
// the first: WAL for concurrent readers, FULL sync so a committed entry
// survives a power cut, foreign keys, a busy timeout instead of instant
// "database is locked", and BEGIN IMMEDIATE so a writer takes the lock up
// front rather than failing when it upgrades from reading. secure_delete
// zeroes what a delete or an update removes, so that deleted private text
// does not stay in free space of the file (see Checkpointer for the WAL).
func SQLiteDSN(path string) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "FULL")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", busyTimeout)
	q.Set("_secure_delete", "on")
	q.Set("_txlock", "immediate")
	q.Set("_cache_size", "-2000") // 2 MB of page cache per connection
	return "file:" + path + "?" + q.Encode()
}

// Scan and Raw(...).Scan log through GORM's recorder, which ignores
// ParameterizedQueries: without this a slow or failed Scan would log a
// search term or an id with its query. Set once, here, and not in Open:
// databases opened at once (tests in parallel) would race on it.
func init() { logger.RecorderParamsFilter = withoutParams }

// Open connects to databaseURL when set (PostgreSQL), else to the SQLite file
// at sqlitePath, creating its directory.
func Open(databaseURL, sqlitePath string, log *slog.Logger) (*gorm.DB, error) {
	cfg := &gorm.Config{
		Logger:                 quietCancel{logger.New(slogWriter{log}, logger.Config{SlowThreshold: 200 * time.Millisecond, LogLevel: logger.Warn, IgnoreRecordNotFoundError: true, ParameterizedQueries: true})},
		NowFunc:                func() time.Time { return time.Now().UTC() },
		TranslateError:         true,
		SkipDefaultTransaction: true, // writes that need a transaction ask for one
		// Pages run the same statements again and again: parsing them once
		// per connection instead of once per request saves a fifth of a
		// dashboard's time.
		PrepareStmt:        true,
		PrepareStmtMaxSize: 500,
		PrepareStmtTTL:     time.Hour,
	}
	if databaseURL != "" {
		pc, err := pgx.ParseConfig(databaseURL)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		// Every statement is prepared once per connection; PostgreSQL
		// plans it once there too, for any parameters, instead of again
		// on every run for the values given (it keeps doing so when a plan
		// for any values looks costlier): the header count of every page
		// took 1.7-2.0 ms, mostly planning, and takes 0.47-0.55 ms.
		// Mend's plans need no particular values, as on SQLite (see
		// sqlite_config.go). A setting in the URL stands.
		if _, ok := pc.RuntimeParams["plan_cache_mode"]; !ok {
			pc.RuntimeParams["plan_cache_mode"] = "force_generic_plan"
		}
		pool := stdlib.OpenDB(*pc)
		// Connections are kept for the next request, not closed when more
		// than database/sql's default two are idle: a new one is a new
		// server process, which prepares and plans every statement again.
		pool.SetMaxIdleConns(pgIdleConns)
		pool.SetConnMaxIdleTime(5 * time.Minute)
		g, err := gorm.Open(postgres.New(postgres.Config{Conn: pool}), cfg)
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
	// SQLite allows one writer at a time. Writes and transactions go to a
	// pool of one connection, so they queue in Go rather than meet "busy"
	// and sleep; reads go to a pool of their own and, with WAL, never wait
	// for a writer.
	dsn := SQLiteDSN(sqlitePath)
	writer, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", sqlitePath, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	reader, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", sqlitePath, err)
	}
	reader.SetMaxOpenConns(readConns)
	reader.SetMaxIdleConns(readConns)
	reader.SetConnMaxIdleTime(5 * time.Minute)
	g, err := gorm.Open(sqlite.New(sqlite.Config{DriverName: "sqlite3", Conn: writer}), cfg)
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", sqlitePath, err)
	}
	if err := g.Use(dbresolver.Register(dbresolver.Config{
		Replicas: []gorm.Dialector{sqlite.New(sqlite.Config{DriverName: "sqlite3", Conn: reader})},
	})); err != nil {
		return nil, err
	}
	return g, nil
}

// pgIdleConns is how many PostgreSQL connections wait idle for the next
// request: as many as requests commonly run at once.
const pgIdleConns = 16

// busyTimeout is how long, in milliseconds, a connection waits for a lock.
const busyTimeout = "10000"

// readConns is the size of the SQLite read pool: enough for the cores, few
// enough that each connection's page cache stays warm and memory small.
const readConns = 4

// IsPostgres reports whether g talks to PostgreSQL.
func IsPostgres(g *gorm.DB) bool { return g.Dialector.Name() == "postgres" }

// slogWriter sends GORM's warnings (slow queries, errors) to slog. Queries
// are logged with placeholders only, never with their parameters.
type slogWriter struct{ log *slog.Logger }

// quietCancel leaves out queries stopped because their request ended (the
// visitor went away): that is not a fault of the database.
type quietCancel struct{ logger.Interface }

func (q quietCancel) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	if !errors.Is(err, context.Canceled) {
		q.Interface.Trace(ctx, begin, fc, err)
	}
}

// ParamsFilter keeps parameters out of every logged query.
func (q quietCancel) ParamsFilter(ctx context.Context, sql string, params ...any) (string, []any) {
	return withoutParams(ctx, sql, params...)
}

// withoutParams drops a query's parameters before it is logged.
func withoutParams(_ context.Context, sql string, _ ...any) (string, []any) { return sql, nil }

func (w slogWriter) Printf(format string, args ...any) {
	if w.log != nil {
		w.log.Warn("db", "msg", fmt.Sprintf(format, args...))
	}
}

// ExecUnsynced runs one statement whose loss in a power cut does no harm
// (a counter that only invalidates caches kept in memory) without waiting
// for the disk: on SQLite it commits on the writer connection with
// synchronous=NORMAL, so the next durable commit's sync carries it, and the
// write that came before it pays the only sync of the request. The
// connection is put back to FULL, or discarded if that fails. On
// PostgreSQL it is a plain statement.
func ExecUnsynced(ctx context.Context, g *gorm.DB, query string, args ...any) error {
	if IsPostgres(g) {
		return g.WithContext(ctx).Exec(query, args...).Error
	}
	sqlDB, err := g.DB()
	if err != nil {
		return err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA synchronous = NORMAL"); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, query, args...)
	if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA synchronous = FULL"); rerr != nil {
		_ = conn.Raw(func(any) error { return driver.ErrBadConn }) // never write FULL-less again
		return errors.Join(err, rerr)
	}
	return err
}
