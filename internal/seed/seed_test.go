package seed_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"mend/internal/auth"
	"mend/internal/db"
	"mend/internal/seed"
	"mend/internal/store"
)

var today = time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)

// open makes a migrated database in a new temporary directory.
func open(t testing.TB) *gorm.DB {
	t.Helper()
	g, err := db.Open("", filepath.Join(t.TempDir(), "mend.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(g); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, err := g.DB(); err == nil {
			s.Close()
		}
	})
	return g
}

// dump is every row of every seeded table, ordered by id, one line per row
// with every column; password hashes (salted) are left out.
func dump(t *testing.T, g *gorm.DB) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, table := range seed.TableNames() {
		rows, err := g.Raw("SELECT * FROM " + table + " ORDER BY id").Rows()
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		var sb strings.Builder
		for rows.Next() {
			vals := make([]sql.RawBytes, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, c := range cols {
				if c != "password_hash" {
					fmt.Fprintf(&sb, "%s=%q ", c, vals[i])
				}
			}
			sb.WriteByte('\n')
		}
		rows.Close()
		out[table] = sb.String()
	}
	return out
}

// TestDeterministic: the same options give the same rows, byte for byte,
// in two databases; another seed gives other rows.
func TestDeterministic(t *testing.T) {
	o := seed.Options{Couples: 3, Days: 45, Seed: 42, Today: today}
	var dumps []map[string]string
	for _, seedN := range []uint64{42, 42, 43} {
		g := open(t)
		o.Seed = seedN
		st, err := seed.Run(context.Background(), g, o, nil)
		if err != nil {
			t.Fatal(err)
		}
		if st.Rows < 500 {
			t.Fatalf("only %d rows", st.Rows)
		}
		dumps = append(dumps, dump(t, g))
	}
	for _, table := range seed.TableNames() {
		a, b, c := dumps[0][table], dumps[1][table], dumps[2][table]
		if a == "" {
			t.Errorf("%s: no rows", table)
		}
		if a != b {
			t.Errorf("%s differs between two runs with the same seed", table)
		}
		if a == c {
			t.Errorf("%s is the same with another seed", table)
		}
	}
}

// TestRunTwice: a second run into the same database is refused clearly
// (its logins would collide); nothing is written.
func TestRunTwice(t *testing.T) {
	g := open(t)
	o := seed.Options{Couples: 2, Days: 10, Seed: 1, Today: today}
	first, err := seed.Run(context.Background(), g, o, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Run(context.Background(), g, o, nil); !errors.Is(err, seed.ErrSeeded) {
		t.Fatalf("second run: %v", err)
	}
	var users int64
	g.Raw("SELECT COUNT(*) FROM users").Scan(&users)
	if users != 4 || first.Tables[0].Table != "users" || first.Tables[0].Rows != 4 {
		t.Fatalf("%d users, stats %+v", users, first.Tables[0])
	}
	for _, bad := range []seed.Options{{Couples: 0, Days: 10}, {Couples: 1, Days: 0}, {Couples: 1, Days: seed.MaxDays + 1}} {
		if _, err := seed.Run(context.Background(), g, bad, nil); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

// TestLogins: seeded accounts log in with Email and Password.
func TestLogins(t *testing.T) {
	g := open(t)
	if _, err := seed.Run(context.Background(), g, seed.Options{Couples: 2, Days: 3, Seed: 5, Today: today}, nil); err != nil {
		t.Fatal(err)
	}
	st := store.New(g, nil)
	h := auth.NewHasher(auth.DefaultParams, 1)
	for _, email := range []string{seed.Email(0, 0), seed.Email(1, 1)} {
		u, err := st.UserByEmail(context.Background(), email)
		if err != nil {
			t.Fatalf("%s: %v", email, err)
		}
		if ok, _ := h.Verify(context.Background(), u.PasswordHash, seed.Password); !ok {
			t.Errorf("%s: the password does not log in", email)
		}
	}
	if seed.Email(42, 1) != "couple0042-b@seed.example" {
		t.Errorf("Email(42, 1) = %s", seed.Email(42, 1))
	}
}

// TestDemoTwice: each demo couple gets new logins that work, with the
// passwords given; a second demo does not collide with the first.
func TestDemoTwice(t *testing.T) {
	g := open(t)
	o := seed.DemoOptions{Names: [2]string{"Sam", "Alex"}, Passwords: [2]string{"first long password", "second long password"},
		Zone: "Europe/Berlin", Days: 60, Today: today}
	var emails []string
	for range 2 {
		logins, st, err := seed.Demo(context.Background(), g, o)
		if err != nil {
			t.Fatal(err)
		}
		if st.Rows < 150 {
			t.Errorf("a demo of %d rows", st.Rows)
		}
		for i, l := range logins {
			emails = append(emails, l.Email)
			u, err := store.New(g, nil).UserByEmail(context.Background(), l.Email)
			if err != nil || u.Name != o.Names[i] || u.TimeZone != "Europe/Berlin" {
				t.Fatalf("%+v: %+v %v", l, u, err)
			}
			if ok, _ := auth.NewHasher(auth.DefaultParams, 1).Verify(context.Background(), u.PasswordHash, o.Passwords[i]); !ok {
				t.Errorf("%s: the password does not log in", l.Email)
			}
		}
	}
	want := []string{"sam@demo.example", "alex@demo.example", "sam2@demo.example", "alex2@demo.example"}
	if strings.Join(emails, " ") != strings.Join(want, " ") {
		t.Errorf("emails %v, want %v", emails, want)
	}
	o.Passwords[1] = "short"
	if _, _, err := seed.Demo(context.Background(), g, o); err == nil {
		t.Error("a weak demo password was accepted")
	}
}

// BenchmarkRun seeds 20 couples with a year each; it reports rows per second.
func BenchmarkRun(b *testing.B) {
	for b.Loop() {
		g := open(b)
		st, err := seed.Run(context.Background(), g, seed.Options{Couples: 20, Days: 365, Seed: 1, Today: today}, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(st.PerSecond(), "rows/s")
	}
}
