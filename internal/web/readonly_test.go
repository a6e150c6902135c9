package web_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
)

// tableSums is a checksum of every row of every table, by table name. Columns
// listed in skip (table -> columns) are left out of their table's sum.
func (e *env) tableSums(skip map[string][]string) map[string]string {
	e.t.Helper()
	var tables []string
	q := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
	if e.db.Dialector.Name() == "postgres" {
		q = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
	}
	if err := e.db.Raw(q).Scan(&tables).Error; err != nil {
		e.t.Fatal(err)
	}
	if len(tables) < 10 {
		e.t.Fatalf("only %d tables found: %v", len(tables), tables)
	}
	sums := map[string]string{}
	for _, table := range tables {
		if cols, ok := skip[table]; ok && cols == nil {
			continue // the whole table is a documented write of this read
		}
		rows, err := e.db.Raw(`SELECT * FROM "` + table + `"`).Rows()
		if err != nil {
			e.t.Fatal(err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				e.t.Fatal(err)
			}
			var b strings.Builder
			for i, col := range cols {
				if contains(skip[table], col) {
					continue
				}
				v := vals[i]
				if raw, ok := v.([]byte); ok {
					v = string(raw)
				}
				fmt.Fprintf(&b, "%s=%v;", col, v)
			}
			lines = append(lines, b.String())
		}
		if err := rows.Err(); err != nil {
			e.t.Fatal(err)
		}
		rows.Close()
		sort.Strings(lines)
		h := sha256.Sum256([]byte(strings.Join(lines, "\n")))
		sums[table] = fmt.Sprintf("%d rows, %s", len(lines), hex.EncodeToString(h[:8]))
	}
	return sums
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// compareSums reports every table whose rows changed.
func compareSums(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	for table, b := range before {
		if a := after[table]; a != b {
			t.Errorf("%s changed table %s: %s before, %s after", what, table, b, a)
		}
	}
}

// TestReadsWriteNothing: GET and HEAD of every route of the route table, with
// realistic parameters, leave every table of the database as it was: for a
// visitor without cookies, for a visitor holding the cookies of earlier
// pages, and for a member. The one documented write of a member's read is
// left out: the dashboard marks the start of a new visit (visit_at and
// seen_at of the membership, at most once per visit) for "new since your
// last visit"; and a counsellor's page records that it was opened (the
// time, in counsellor_views), which both partners see. (Echo answers HEAD of a GET route 405 today; the walk keeps
// HEAD so that serving it later stays read-only too.)
func TestReadsWriteNothing(t *testing.T) {
	e := newEnv(t)
	fx := newFixture(t, e)
	m := matrix()
	type target struct{ key, path string }
	var targets []target
	for _, r := range e.app.Echo().Routes() {
		if r.Method != http.MethodGet {
			continue
		}
		key := r.Method + " " + r.Path
		mr, ok := m[key]
		if !ok {
			t.Fatalf("route %s is not in the authorization matrix", key)
		}
		path := r.Path
		if mr.path != nil {
			path = mr.path(fx)
		}
		if strings.ContainsAny(path, ":*") {
			t.Fatalf("route %s: no realistic path (%s)", key, path)
		}
		targets = append(targets, target{key, path})
	}
	sort.Slice(targets, func(i, j int) bool { return targets[i].key < targets[j].key })
	if len(targets) < 30 {
		t.Fatalf("only %d GET routes", len(targets))
	}

	visitor := e.client() // keeps the cookies of every page it sees
	for _, who := range []struct {
		name   string
		client func() *client
		// skip is what a read may write, by route: columns left out of the sums.
		skip map[string]map[string][]string
	}{
		{"a visitor without cookies", e.client, guestViews},
		{"a visitor with cookies", func() *client { return visitor }, guestViews},
		{"a member", func() *client { return fx.client(memberA) }, withGuestViews(map[string]map[string][]string{
			"GET /": {"memberships": {"visit_at", "seen_at"}},
		})},
	} {
		for _, tg := range targets {
			for _, method := range []string{http.MethodGet, http.MethodHead} {
				skip := who.skip[tg.key]
				before := e.tableSums(skip)
				r := who.client().do(method, tg.path, nil, nil)
				if r.Status >= 500 {
					t.Errorf("%s %s as %s: %d", method, tg.path, who.name, r.Status)
				}
				compareSums(t, fmt.Sprintf("%s %s as %s (%s)", method, tg.path, who.name, tg.key), before, e.tableSums(skip))
			}
		}
	}
}

// guestViews leaves the record of a counsellor's openings out of the sums
// of the counsellor's pages: opening one is recorded by design.
var guestViews = map[string]map[string][]string{}

func init() {
	for _, p := range guestRoutes {
		guestViews["GET /c/:token"+p] = map[string][]string{"counsellor_views": nil}
	}
}

// withGuestViews is m with guestViews added.
func withGuestViews(m map[string]map[string][]string) map[string]map[string][]string {
	for k, v := range guestViews {
		m[k] = v
	}
	return m
}
