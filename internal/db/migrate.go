package db

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migration is one versioned, append-only schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
	// Dialect is the one database the change is for ("postgres" for a
	// file named NNNN_name.postgres.sql), "" for both. On the other it is
	// recorded as applied and does nothing.
	Dialect string
}

// Migrations lists the embedded migrations in version order. File names are
// NNNN_name.sql, their SQL written to run on both SQLite and PostgreSQL; or
// NNNN_name.postgres.sql for what exists on PostgreSQL alone (its planner's
// statistics).
func Migrations() ([]Migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []Migration
	for _, e := range entries {
		num, name, ok := strings.Cut(strings.TrimSuffix(e.Name(), ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must be NNNN_name.sql", e.Name())
		}
		b, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		m := Migration{Version: v, Name: name, SQL: string(b)}
		if n, ok := strings.CutSuffix(name, ".postgres"); ok {
			m.Name, m.Dialect = n, "postgres"
		}
		ms = append(ms, m)
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i := 1; i < len(ms); i++ {
		if ms[i].Version == ms[i-1].Version {
			return nil, fmt.Errorf("migrations %d: version used twice", ms[i].Version)
		}
	}
	return ms, nil
}

// Migrate applies every migration not yet recorded in schema_migrations, each
// in its own transaction, and returns how many it applied.
func Migrate(g *gorm.DB) (int, error) {
	ms, err := Migrations()
	if err != nil {
		return 0, err
	}
	if err := g.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at TIMESTAMP NOT NULL)`).Error; err != nil {
		return 0, fmt.Errorf("create schema_migrations: %w", err)
	}
	var done []int
	if err := g.Raw(`SELECT version FROM schema_migrations`).Scan(&done).Error; err != nil {
		return 0, err
	}
	applied := map[int]bool{}
	for _, v := range done {
		applied[v] = true
	}
	n := 0
	for _, m := range ms {
		if applied[m.Version] {
			continue
		}
		err := g.Transaction(func(tx *gorm.DB) error {
			if m.Dialect != "" && m.Dialect != g.Dialector.Name() {
				return tx.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
					m.Version, m.Name, time.Now().UTC()).Error
			}
			for _, stmt := range Statements(m.SQL) {
				if err := tx.Exec(stmt).Error; err != nil {
					return fmt.Errorf("%w\n%s", err, stmt)
				}
			}
			return tx.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.Version, m.Name, time.Now().UTC()).Error
		})
		if err != nil {
			return n, fmt.Errorf("migration %04d_%s: %w", m.Version, m.Name, err)
		}
		n++
	}
	return n, nil
}

// Statements splits a migration into statements at semicolons that end a line,
// dropping comment lines, so that each driver gets one statement at a time.
func Statements(sql string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(sql, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "--") {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(t, ";") {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}
