package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"mend/internal/db"
)

// TestCompileNamed: each use of a name becomes the dialect's placeholder,
// in order; a positional argument or an @ without a name is refused.
func TestCompileNamed(t *testing.T) {
	text := "SELECT a FROM t WHERE x = @space AND (y = @user OR z >= @space) AND w = 'x,y' AND q = @not_by0"
	for _, c := range []struct{ dialect, want string }{
		{"sqlite", "SELECT a FROM t WHERE x = ? AND (y = ? OR z >= ?) AND w = 'x,y' AND q = ?"},
		{"postgres", "SELECT a FROM t WHERE x = $1 AND (y = $2 OR z >= $3) AND w = 'x,y' AND q = $4"},
	} {
		got, err := compileNamed(c.dialect, text)
		if err != nil {
			t.Fatal(err)
		}
		if got.sql != c.want || !reflect.DeepEqual(got.names, []string{"space", "user", "space", "not_by0"}) {
			t.Errorf("%s: %q %q", c.dialect, got.sql, got.names)
		}
	}
	for _, bad := range []string{"SELECT 1 WHERE a = ?", "SELECT 1 WHERE a = @ OR b = 1", "SELECT @"} {
		if _, err := compileNamed("sqlite", bad); err == nil {
			t.Errorf("%q compiled", bad)
		}
	}
}

// TestRawMatchesGORM: a statement of named arguments run through raw reads
// what GORM's Raw of the same statement reads, with names used twice,
// times, booleans and a NULL; an argument missing, or a list that GORM
// would write out in its place, is an error rather than a wrong statement.
func TestRawMatchesGORM(t *testing.T) {
	g, err := db.Open("", filepath.Join(t.TempDir(), "mend.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sqlDB, err := g.DB(); err == nil {
		t.Cleanup(func() { sqlDB.Close() })
	}
	if err := g.Exec("CREATE TABLE r (id TEXT PRIMARY KEY, space_id TEXT, at DATETIME, shared BOOLEAN, note TEXT)").Error; err != nil {
		t.Fatal(err)
	}
	base := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for i, id := range []string{"a", "b", "c", "d", "e"} {
		space := "s1"
		if i == 3 {
			space = "s2"
		}
		var note any = "note " + id
		if i == 2 {
			note = nil
		}
		if err := g.Exec("INSERT INTO r VALUES (?, ?, ?, ?, ?)", id, space, base.Add(time.Duration(i)*time.Hour), i%2 == 0, note).Error; err != nil {
			t.Fatal(err)
		}
	}
	s := New(g, nil)
	ctx := context.Background()
	q := namedSQL{"SELECT id, COALESCE(note, '') FROM r WHERE space_id = @space AND at >= @from AND at < @to AND (shared = @shared OR id = @first)" +
		" AND (@nothing IS NULL OR space_id = @space) ORDER BY at DESC, id",
		[]any{sql.Named("space", "s1"), sql.Named("from", base.Add(30*time.Minute)), sql.Named("to", base.Add(10*time.Hour)),
			sql.Named("shared", true), sql.Named("first", "b"), sql.Named("nothing", nil), sql.Named("unused", 1)}}
	read := func(rows *sql.Rows, err error) string {
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var id, note string
			if err := rows.Scan(&id, &note); err != nil {
				t.Fatal(err)
			}
			out = append(out, id+":"+note)
		}
		return strings.Join(out, ",")
	}
	want := read(g.Raw(q.text, q.args...).Rows())
	if got := read(s.raw(ctx, q).Rows()); got != want || want != "e:note e,c:,b:note b" {
		t.Errorf("raw read %q, GORM %q", got, want)
	}
	missing := namedSQL{"SELECT id FROM r WHERE space_id = @space AND id = @absent", q.args}
	if _, err := s.raw(ctx, missing).Rows(); err == nil || !strings.Contains(err.Error(), "absent") {
		t.Errorf("a missing argument: %v", err)
	}
	list := namedSQL{"SELECT id FROM r WHERE id IN @ids", []any{sql.Named("ids", []string{"a", "b"})}}
	if _, err := s.raw(ctx, list).Rows(); err == nil {
		t.Error("a list argument was bound")
	}
}
