package db_test

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"mend/internal/db"
)

// TestLogsCarryNoParameters makes queries fail in each way GORM runs them
// (Find, Take, Scan, Raw) with a marker as their parameter: the failures
// are logged, the marker never is. Queries stopped because their request
// ended are not logged at all.
func TestLogsCarryNoParameters(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, nil))
	g, err := db.Open("", filepath.Join(t.TempDir(), "mend.db"), log)
	if err != nil {
		t.Fatal(err)
	}
	const marker = "secret-search-term"
	ctx := context.Background()
	var rows []map[string]any
	var out []struct{ ID string }
	queries := map[string]func() error{
		"find": func() error {
			return g.WithContext(ctx).Table("no_such_table").Where("name = ?", marker).Find(&rows).Error
		},
		"take": func() error {
			return g.WithContext(ctx).Table("no_such_table").Where("name = ?", marker).Take(&rows).Error
		},
		"scan": func() error {
			return g.WithContext(ctx).Table("no_such_table").Where("name = ?", marker).Scan(&out).Error
		},
		"raw": func() error {
			return g.WithContext(ctx).Raw("SELECT id FROM no_such_table WHERE name = ?", marker).Scan(&out).Error
		},
	}
	for name, q := range queries {
		buf.Reset()
		if err := q(); err == nil {
			t.Fatalf("%s: a query on a missing table succeeded", name)
		}
		if !strings.Contains(buf.String(), "no_such_table") {
			t.Errorf("%s: the failure was not logged: %q", name, buf.String())
		}
		if strings.Contains(buf.String(), marker) {
			t.Errorf("%s: the log carries a parameter: %q", name, buf.String())
		}
	}
}

func TestCancelledQueriesAreNotLogged(t *testing.T) {
	var buf bytes.Buffer
	g, err := db.Open("", filepath.Join(t.TempDir(), "mend.db"), slog.New(slog.NewTextHandler(&buf, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out []struct{ ID string }
	if err := g.WithContext(ctx).Table("users").Scan(&out).Error; err == nil {
		t.Fatal("a query on a cancelled context succeeded")
	}
	if buf.Len() > 0 {
		t.Errorf("a cancelled query was logged: %q", buf.String())
	}
}
