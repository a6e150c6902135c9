package jobs_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"mend/internal/db"
	"mend/internal/jobs"
	"mend/internal/mail"
	"mend/internal/mail/mailtest"
	"mend/internal/progress"
	"mend/internal/store"
)

// clock is a controllable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(s string) {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// openDB opens a migrated database: a fresh PostgreSQL database when
// postgres is set (dropped after the test), else a SQLite file.
func openDB(t testing.TB, postgres string) string {
	t.Helper()
	if postgres == "" {
		return ""
	}
	admin, err := db.Open(postgres, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	name := "mend_jobs_" + store.NewID()
	if err := admin.Exec("CREATE DATABASE " + name).Error; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP DATABASE " + name + " WITH (FORCE)")
		if s, err := admin.DB(); err == nil {
			s.Close()
		}
	})
	u, err := url.Parse(postgres)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// connect opens its own connection pool to the database, as one server does.
func connect(t testing.TB, dbURL, sqlite string, clk *clock) *store.Store {
	t.Helper()
	g, err := db.Open(dbURL, sqlite, nil)
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
	return store.New(g, clk.Now)
}

const marker = "JOBSMARKER"

// member adds a member with a verified address, a space, a daily promise
// whose title and details hold the private marker, and settings r.
func member(t testing.TB, st *store.Store, email, zone string, r store.ReminderSettings) string {
	t.Helper()
	ctx := context.Background()
	u := &store.User{Email: email, Name: "Member " + marker, PasswordHash: "x", TimeZone: zone}
	if err := st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if err := st.DB().Exec("UPDATE users SET email_verified_at = ? WHERE id = ?", st.Now(), u.ID).Error; err != nil {
		t.Fatal(err)
	}
	sc := store.Scope{UserID: u.ID}
	if _, err := st.CreateSpace(ctx, sc, "Space "+marker); err != nil {
		t.Fatal(err)
	}
	sc, err := st.ScopeOf(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation(zone)
	today := progress.Today(st.Now(), loc)
	if _, err := st.CreatePromise(ctx, sc, "", store.Terms{Title: marker + " title", Details: marker + " details",
		Schedule: progress.Schedule{Kind: progress.KindDaily, Start: today, Due: progress.NoDate, End: progress.NoDate}}); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveReminders(ctx, sc, r); err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func settings(summaryHour, checkinHour int) store.ReminderSettings {
	r := store.DefaultReminders("")
	r.EmailOn, r.SummaryOn, r.SummaryHour = true, true, summaryHour
	if checkinHour >= 0 {
		r.CheckinOn, r.CheckinHour, r.CheckinDays = true, checkinHour, int(progress.EveryDay)
	}
	return r
}

func scheduler(st *store.Store, m mail.Sender, clk *clock, id string) *jobs.Scheduler {
	return &jobs.Scheduler{Store: st, Mailer: m, BaseURL: "http://mend.test", ID: id, Now: clk.Now}
}

func tick(t *testing.T, s *jobs.Scheduler) int {
	t.Helper()
	n, err := s.Tick(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestScheduler follows one member in Berlin over several days:
// each reminder goes out once, a restart sends nothing again, a
// reminder missed by more than the grace period is skipped and one missed
// by less is sent late once, a failed send is retried after its back-off,
// summer time moves the UTC hour, and no mail holds private text. It runs
// on SQLite, and on PostgreSQL when MEND_TEST_POSTGRES is set.
func TestScheduler(t *testing.T) {
	ms := mailtest.Start(t)
	m, err := mail.New(ms.URL, "mend@example.com")
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{}
	clk.Set("2026-03-10 06:00")
	// SQLite, or PostgreSQL when MEND_TEST_POSTGRES names a server.
	dbURL, file := openDB(t, os.Getenv("MEND_TEST_POSTGRES")), filepath.Join(t.TempDir(), "mend.db")
	st := connect(t, dbURL, file, clk)
	ana := member(t, st, "ana@example.com", "Europe/Berlin", settings(8, 21))
	member(t, st, "off@example.com", "Europe/Berlin", store.DefaultReminders("")) // everything off
	s := scheduler(st, m, clk, "one")
	steps := []struct {
		at   string // UTC
		sent int
		why  string
	}{
		{"2026-03-10 06:59", 0, "7:59 in Berlin: not yet"},
		{"2026-03-10 07:00", 1, "8:00 in Berlin (CET): the summary"},
		{"2026-03-10 07:01", 0, "sent already"},
		{"2026-03-10 20:00", 1, "21:00: the check-in reminder"},
		{"2026-03-10 20:30", 0, "sent already"},
		// 11 March: the server is down from 6:00 to 10:00 UTC, beyond the grace period.
		{"2026-03-11 10:00", 0, "the summary is three hours late: skipped"},
		{"2026-03-11 10:30", 0, "and never sent later"},
		// 12 March: down until 8:30 UTC, within the grace period.
		{"2026-03-12 08:30", 1, "the summary is late but within the grace period: sent once"},
		{"2026-03-12 08:31", 0, "only once"},
		// 29 March: summer time; 8:00 in Berlin is 6:00 UTC.
		{"2026-03-29 05:59", 0, "7:59 CEST"},
		{"2026-03-29 06:00", 1, "8:00 CEST"},
	}
	for _, step := range steps {
		clk.Set(step.at)
		if got := tick(t, s); got != step.sent {
			t.Fatalf("%s (%s): sent %d, want %d", step.at, step.why, got, step.sent)
		}
		if step.at == "2026-03-10 07:01" {
			// A restart mid-day: a new connection and scheduler, a new id.
			s = scheduler(connect(t, dbURL, file, clk), m, clk, "two")
		}
	}
	got := ms.To("ana@example.com")
	if len(got) != 4 {
		t.Fatalf("%d mails, want 4", len(got))
	}
	if !strings.Contains(got[0].Subject, "1 promise is due today") || !strings.Contains(got[0].Text, "http://mend.test/") {
		t.Errorf("summary: %q\n%s", got[0].Subject, got[0].Text)
	}
	if !strings.Contains(got[1].Subject, "check in") {
		t.Errorf("check-in reminder: %q", got[1].Subject)
	}
	if len(ms.To("off@example.com")) != 0 {
		t.Error("a mail to a member with reminders off")
	}

	// 30 March: the mail server refuses once; the send is tried again
	// after a minute's back-off, and goes out once.
	ms.FailNext(1)
	for _, step := range []struct {
		at   string
		sent int
	}{{"2026-03-30 06:00", 0}, {"2026-03-30 06:00", 0}, {"2026-03-30 06:01", 1}, {"2026-03-30 06:02", 0}} {
		clk.Set(step.at)
		if n := tick(t, s); n != step.sent {
			t.Fatalf("retry at %s: sent %d, want %d", step.at, n, step.sent)
		}
	}
	sends, err := st.ReminderSends(context.Background(), ana)
	if err != nil {
		t.Fatal(err)
	}
	last := sends[len(sends)-1]
	if last.LocalDate != "2026-03-30" || last.State != store.SendSent || last.Attempts != 2 {
		t.Errorf("after the retry: %+v", last)
	}
	for _, m := range ms.Messages() {
		if strings.Contains(m.Raw, marker) || strings.Contains(m.Text, marker) {
			t.Fatalf("a reminder carries private text:\n%s", m.Text)
		}
	}
}

// TestTwoSchedulersOnePostgres: two servers with their own connections tick
// at the same moments on one PostgreSQL database; every reminder goes out
// exactly once.
func TestTwoSchedulersOnePostgres(t *testing.T) {
	pg := os.Getenv("MEND_TEST_POSTGRES")
	if pg == "" {
		t.Skip("MEND_TEST_POSTGRES is not set")
	}
	ms := mailtest.Start(t)
	m, err := mail.New(ms.URL, "mend@example.com")
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{}
	clk.Set("2026-03-10 07:00")
	dbURL := openDB(t, pg)
	one, two := connect(t, dbURL, "", clk), connect(t, dbURL, "", clk)
	const members = 30
	for i := range members {
		member(t, one, "m"+strconv.Itoa(i)+"@example.com", "UTC", settings(7, 7))
	}
	a, b := scheduler(one, m, clk, "one"), scheduler(two, m, clk, "two")
	total := 0
	for _, at := range []string{"2026-03-10 07:00", "2026-03-10 07:01", "2026-03-10 07:02"} {
		clk.Set(at)
		var wg sync.WaitGroup
		counts := make([]int, 2)
		for i, s := range []*jobs.Scheduler{a, b} {
			wg.Go(func() {
				n, err := s.Tick(context.Background())
				if err != nil {
					t.Error(err)
				}
				counts[i] = n
			})
		}
		wg.Wait()
		total += counts[0] + counts[1]
	}
	if total != 2*members {
		t.Errorf("sent %d, want %d", total, 2*members)
	}
	per := map[string]int{}
	for _, msg := range ms.Messages() {
		per[msg.To[0]+" "+msg.Subject]++
	}
	if len(per) != 2*members {
		t.Errorf("%d distinct reminders, want %d", len(per), 2*members)
	}
	for k, n := range per {
		if n != 1 {
			t.Errorf("%s sent %d times", k, n)
		}
	}
}

// BenchmarkPass10000 is one scheduler pass over 10,000 members on a SQLite
// file without the sends: the one query that reads the members with mail
// reminders on, and the due reminders computed for each.
func BenchmarkPass10000(b *testing.B) {
	clk := &clock{}
	clk.Set("2026-03-29 06:30")
	st := connect(b, "", filepath.Join(b.TempDir(), "mend.db"), clk)
	zones := []string{"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "America/Los_Angeles"}
	const members = 10000
	now := clk.Now()
	err := st.DB().Transaction(func(tx *gorm.DB) error {
		for i := range members {
			id := store.NewID()
			if err := tx.Exec(`INSERT INTO users (id, email, name, password_hash, time_zone, email_verified_at, created_at, updated_at)
				VALUES (?, ?, 'M', 'x', ?, ?, ?, ?)`, id, "m"+strconv.Itoa(i)+"@example.com", zones[i%len(zones)], now, now, now).Error; err != nil {
				return err
			}
			if err := tx.Exec(`INSERT INTO reminder_settings (user_id, summary_on, summary_hour, checkin_on, checkin_hour, checkin_days,
				quiet_on, quiet_from, quiet_to, email_on, updated_at) VALUES (?, TRUE, ?, ?, ?, 127, ?, 22, 7, TRUE, ?)`,
				id, i%24, i%2 == 0, (i*7)%24, i%3 == 0, now).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	locs := map[string]*time.Location{}
	due := 0
	for b.Loop() {
		ms, err := st.ReminderMembers(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if len(ms) != members {
			b.Fatalf("%d members", len(ms))
		}
		for i := range ms {
			loc := locs[ms[i].TimeZone]
			if loc == nil {
				loc, _ = time.LoadLocation(ms[i].TimeZone)
				locs[ms[i].TimeZone] = loc
			}
			due += len(jobs.DueAt(&ms[i].ReminderSettings, loc, now, jobs.DefaultGrace))
		}
	}
	b.ReportMetric(float64(members*b.N)/b.Elapsed().Seconds(), "members/s")
	if due == 0 {
		b.Fatal("nothing due")
	}
}

// TestRunPrunesAndStops: Run deletes the records of long-past reminders
// before its first pass, and returns once its context ends.
func TestRunPrunesAndStops(t *testing.T) {
	ms := mailtest.Start(t)
	m, err := mail.New(ms.URL, "mend@example.com")
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{}
	clk.Set("2026-01-01 07:00")
	st := connect(t, "", filepath.Join(t.TempDir(), "mend.db"), clk)
	id := member(t, st, "ana@example.com", "UTC", settings(7, -1))
	ctx := context.Background()
	if n, err := st.ClaimReminder(ctx, id, jobs.KindSummary, "2026-01-01", "old", 5); err != nil || n != 1 {
		t.Fatal(n, err)
	}
	clk.Set("2026-03-10 12:00") // nothing due now
	s := scheduler(st, m, clk, "one")
	s.Interval = time.Hour
	run, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); s.Run(run) }()
	// The first pass has pruned once the claim below can be made again.
	for {
		if n, err := st.ClaimReminder(ctx, id, jobs.KindSummary, "2026-01-01", "again", 5); err != nil {
			t.Fatal(err)
		} else if n == 1 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	<-done
	if len(ms.Messages()) != 0 {
		t.Fatal("a mail with nothing due")
	}
}
