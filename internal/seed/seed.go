// Package seed fills a database with realistic synthetic couples: their
// space, promises and ledgers, check-ins, reflections, gratitude notes,
// journal entries and bookmarks, over a chosen number of days. It serves the
// load test, demonstrations and development.
//
// A run is deterministic: the same Options give the same rows, ids included,
// byte for byte, except for the salt of the one password hash. It writes
// with large transactions and multi-row INSERTs, so that a year of a
// thousand couples (millions of rows) takes well under a minute.
//
// Seeded accounts are for testing only: every one of them has the password
// Password, printed in this source code.
package seed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"time"

	"gorm.io/gorm"

	"mend/content"
	"mend/internal/auth"
	"mend/internal/guidance"
	"mend/internal/progress"
	"mend/internal/store"
)

// Password is the password of every account Run creates. Seeded accounts are
// for testing only: never seed a database that real people use.
const Password = "seeded account for testing only"

// emailDomain is the domain of seeded accounts (a reserved example domain).
const emailDomain = "seed.example"

// Email is the login of partner (0 or 1) of couple number couple, from 0.
func Email(couple, partner int) string {
	return fmt.Sprintf("couple%04d-%c@%s", couple, 'a'+rune(partner), emailDomain)
}

// Options say what Run creates.
type Options struct {
	Couples int    // how many couples
	Days    int    // days of history of each couple, ending the day before Today
	Seed    uint64 // the same seed gives the same rows
	// Today is the first day not in the history (only its calendar date
	// counts): both partners joined Days days before it, in their own time
	// zones. Zero means the current date, and then nothing is dated after
	// the current time.
	Today time.Time
}

// Limits of a run, to catch a mistyped flag before it fills a disk.
const (
	MaxCouples = 1_000_000
	MaxDays    = 3660
)

func (o Options) check() error {
	switch {
	case o.Couples < 1 || o.Couples > MaxCouples:
		return fmt.Errorf("seed: couples must be from 1 to %d", MaxCouples)
	case o.Days < 1 || o.Days > MaxDays:
		return fmt.Errorf("seed: days must be from 1 to %d", MaxDays)
	}
	return nil
}

// TableRows is how many rows a run wrote into one table.
type TableRows struct {
	Table string
	Rows  int64
}

// Stats are what a run wrote and how long it took.
type Stats struct {
	Tables  []TableRows // in the order they were filled
	Rows    int64
	Elapsed time.Duration
}

// PerSecond is the rate of the run in rows per second.
func (s Stats) PerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Rows) / s.Elapsed.Seconds()
}

// Print writes a summary: rows per table, the total, the time and the rate.
func (s Stats) Print(w io.Writer) {
	for _, t := range s.Tables {
		fmt.Fprintf(w, "  %-18s %12s\n", t.Table, thousands(t.Rows))
	}
	fmt.Fprintf(w, "  %-18s %12s rows in %.1f s: %s rows/s\n", "total", thousands(s.Rows), s.Elapsed.Seconds(),
		thousands(int64(s.PerSecond())))
}

// thousands writes n with separators: 1,234,567.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// ErrSeeded refuses to seed a database that already holds seeded couples:
// their logins would collide.
var ErrSeeded = errors.New("this database already holds seeded couples (logins @" + emailDomain +
	"); seed into a new data directory, or use --demo to add one couple")

// Run creates o.Couples couples in g, in one transaction, writing progress
// lines to log (nil for none).
func Run(ctx context.Context, g *gorm.DB, o Options, log io.Writer) (Stats, error) {
	begin := time.Now()
	if err := o.check(); err != nil {
		return Stats{}, err
	}
	var n int64
	if err := g.WithContext(ctx).Raw("SELECT COUNT(*) FROM users WHERE email LIKE ?", "%@"+emailDomain).Scan(&n).Error; err != nil {
		return Stats{}, err
	}
	if n > 0 {
		return Stats{}, ErrSeeded
	}
	gn, err := newGen(o.Seed, o.Days, o.Today)
	if err != nil {
		return Stats{}, err
	}
	gn.prefixed = true
	// One hash for every account: argon2id is slow by design.
	hash, err := auth.NewHasher(auth.DefaultParams, 1).Hash(ctx, Password)
	if err != nil {
		return Stats{}, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the producer below when the writer fails
	specs := make(chan spec)
	go func() {
		defer close(specs)
		for i := range o.Couples {
			sp := spec{index: i, emails: [2]string{Email(i, 0), Email(i, 1)}, hashes: [2]string{hash, hash}}
			select {
			case specs <- sp:
			case <-ctx.Done():
				return
			}
		}
	}()
	st, err := gn.write(ctx, g, specs, o.Couples, log)
	if err == nil {
		err = store.New(g, nil).RebuildAggregates(ctx) // the totals of what was written in bulk
	}
	if err == nil && g.Dialector.Name() == "postgres" {
		// PostgreSQL's planner, given the statistics of a database in use
		// rather than of empty tables (its autovacuum would gather them a
		// while later).
		err = g.WithContext(ctx).Exec("ANALYZE").Error
	}
	st.Elapsed = time.Since(begin)
	return st, err
}

// gen holds what every couple of a run shares.
type gen struct {
	seed     uint64
	idSeed   uint64 // of the ids: the seed, or random for a demo
	prefixed bool   // ids start with their couple's prefix (see cpl.id)
	days     int
	first    progress.Date // the day both partners joined
	today    progress.Date // the first day not generated
	notAfter time.Time     // nothing is dated at or after this instant
	lib      *guidance.Library
	// practices for each audience of guidance: those written for it and for both.
	forAudience map[string][]*guidance.Practice
}

func newGen(seed uint64, days int, today time.Time) (*gen, error) {
	lib, err := guidance.Load(content.FS)
	if err != nil {
		return nil, err
	}
	g := &gen{seed: seed, idSeed: seed, days: days, lib: lib, forAudience: map[string][]*guidance.Practice{},
		notAfter: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)}
	if today.IsZero() {
		now := time.Now()
		g.notAfter, today = now, now.UTC()
	}
	y, m, d := today.Date()
	g.today = progress.DateOf(y, m, d)
	g.first = g.today.AddDays(-days)
	for _, p := range lib.Practices() {
		for _, a := range guidance.Audiences() {
			if p.Audience == a || p.Audience == guidance.Both || a == guidance.Both {
				g.forAudience[a] = append(g.forAudience[a], p)
			}
		}
	}
	if len(g.forAudience[guidance.Broke]) == 0 || len(g.forAudience[guidance.Hurt]) == 0 {
		return nil, errors.New("seed: the guidance library has no practices for each partner")
	}
	return g, nil
}

// write generates the couples of specs on every core and writes them, in
// order, as they come. total is how many specs will come, for progress.
func (g *gen) write(ctx context.Context, db *gorm.DB, specs <-chan spec, total int, log io.Writer) (Stats, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := newWriter(ctx, db)
	if err != nil {
		return Stats{}, err
	}
	workers := max(1, runtime.GOMAXPROCS(0))
	// Each couple is generated into its own future; the futures queue in
	// order, so the rows are written in the same order whatever the timing.
	futures := make(chan chan *batch, 4*workers)
	go func() {
		defer close(futures)
		sem := make(chan struct{}, workers)
		for sp := range specs {
			f := make(chan *batch, 1)
			select {
			case futures <- f:
			case <-ctx.Done():
				return
			}
			sem <- struct{}{}
			go func() {
				f <- g.couple(sp)
				<-sem
			}()
		}
	}()
	done, step, last := 0, max(1, total/10), time.Now()
	for f := range futures {
		b := <-f
		if err := w.add(b); err != nil {
			cancel()
			w.abort()
			return Stats{}, err
		}
		done++
		if log != nil && total >= 20 && (done%step == 0 || time.Since(last) > 10*time.Second) {
			fmt.Fprintf(log, "seed: %d/%d couples, %s rows\n", done, total, thousands(w.total()))
			last = time.Now()
		}
	}
	if err := ctx.Err(); err != nil {
		w.abort()
		return Stats{}, err
	}
	if err := w.finish(); err != nil {
		return Stats{}, err
	}
	return w.stats(), nil
}
