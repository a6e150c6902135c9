package store

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"gorm.io/gorm"
)

// namedSQL is a statement written whole whose arguments are all named
// (@name), as the statements of the timeline and the waiting list are.
type namedSQL struct {
	text string
	args []any // sql.NamedArg each
}

// compiledSQL is a namedSQL's text with the dialect's placeholders in
// place of its names, and the names in the order of the placeholders.
type compiledSQL struct {
	sql   string
	names []string
}

// compiled holds the texts compiled so far, by dialect and text. Texts are
// made from constant parts alone (values are always arguments), so there
// are few; maxCompiled bounds them all the same.
var (
	compiled  sync.Map
	nCompiled atomic.Int64
)

const maxCompiled = 4096

// compileNamed turns text into the dialect's statement: "?" for each @name
// on SQLite, "$n" on PostgreSQL, one placeholder per use, as GORM's own
// named arguments give. GORM reads a statement byte by byte and writes it
// again on every call (a timeline's is 14 KB); this is done once per text.
// A name is letters, digits and underscores; a "?" in text is refused, so
// that positional and named arguments are never mixed.
func compileNamed(dialect, text string) (compiledSQL, error) {
	key := dialect + "\x00" + text
	if c, ok := compiled.Load(key); ok {
		return c.(compiledSQL), nil
	}
	var b strings.Builder
	b.Grow(len(text))
	var names []string
	for i := 0; i < len(text); i++ {
		ch := text[i]
		switch {
		case ch == '?':
			return compiledSQL{}, fmt.Errorf("store: a positional argument in a statement of named ones at %d", i)
		case ch == '@':
			j := i + 1
			for j < len(text) && isNameByte(text[j]) {
				j++
			}
			if j == i+1 {
				return compiledSQL{}, fmt.Errorf("store: an @ without a name at %d", i)
			}
			names = append(names, text[i+1:j])
			if dialect == "postgres" {
				b.WriteString("$" + strconv.Itoa(len(names)))
			} else {
				b.WriteByte('?')
			}
			i = j - 1
		default:
			b.WriteByte(ch)
		}
	}
	c := compiledSQL{sql: b.String(), names: names}
	if nCompiled.Load() < maxCompiled {
		if _, loaded := compiled.LoadOrStore(key, c); !loaded {
			nCompiled.Add(1)
		}
	}
	return c, nil
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// raw is the query q, ready to run (Rows, Scan, Row) on s's database through
// GORM's callbacks (the reader pool, prepared statements, the slow-query
// log), with q's text compiled once (compileNamed) instead of built again.
// Every name in the text must have an argument; each argument is a plain
// value (GORM would write a list or a subquery out in its place).
func (s *Store) raw(ctx context.Context, q namedSQL) *gorm.DB {
	tx := s.db.WithContext(ctx).Raw("")
	c, err := compileNamed(s.db.Dialector.Name(), q.text)
	if err != nil {
		tx.AddError(err)
		return tx
	}
	vals := make([]any, len(c.names))
	for i, name := range c.names {
		v, err := namedValue(q.args, name)
		if err != nil {
			tx.AddError(err)
			return tx
		}
		vals[i] = v
	}
	tx.Statement.SQL.WriteString(c.sql)
	tx.Statement.Vars = vals
	return tx
}

// namedValue is the value of the argument named name in args.
func namedValue(args []any, name string) (any, error) {
	for _, a := range args {
		n, ok := a.(sql.NamedArg)
		if !ok || n.Name != name {
			continue
		}
		switch n.Value.(type) {
		case string, bool, int, int64, time.Time, *time.Time, nil:
			return n.Value, nil
		}
		if k := reflect.TypeOf(n.Value).Kind(); k == reflect.Slice || k == reflect.Array || k == reflect.Map || k == reflect.Struct {
			return nil, fmt.Errorf("store: argument %q is a %T, not a plain value", name, n.Value)
		}
		return n.Value, nil
	}
	return nil, fmt.Errorf("store: no argument named %q", name)
}

// scanRow runs q, a statement of one row, and scans that row into dest.
func (s *Store) scanRow(ctx context.Context, q namedSQL, dest ...any) error {
	tx := s.raw(ctx, q)
	if tx.Error != nil {
		return tx.Error
	}
	row := tx.Row()
	if row == nil {
		return fmt.Errorf("store: no row: %w", tx.Error)
	}
	return row.Scan(dest...)
}
