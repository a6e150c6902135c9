// Command loadtest seeds a fresh database in a temporary directory, starts
// the server on it, logs in as several members and measures, in one run and
// with a fixed number of concurrent connections, the requests per second and
// the p50/p99 latency of /healthz, the dashboard, /promises, /timeline,
// /settings (the floor of any logged-in page) and a check-in post, alone and
// with its redirect, with the page cache off; then the dashboard and
// /promises cached, one couple's history of 90 against 1,095 days and, with
// MEND_TEST_POSTGRES set, the same on a fresh PostgreSQL database. It prints
// each page's rate as a ratio of /healthz's on the same server: ratios, not
// absolute times, are what compare between runs and machines.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

type options struct {
	mend     string
	couples  int
	compare  int
	days     int
	seed     int
	conns    int
	users    int
	duration time.Duration
	warmup   time.Duration
	wrk      string
	keep     bool
	profile  string
	history  bool
	// nearHealthz measures /healthz again after each page, for its share.
	nearHealthz bool
	// historyCouples and pgCouples size the history comparison and the
	// PostgreSQL round.
	historyCouples int
	pgCouples      int
}

func main() {
	var o options
	flag.StringVar(&o.mend, "mend", "bin/mend", "the mend binary to test")
	flag.IntVar(&o.couples, "couples", 1000, "couples to seed")
	flag.IntVar(&o.compare, "compare", 0, "also measure the dashboard with this many couples, and compare")
	flag.IntVar(&o.days, "days", 365, "days of history per couple")
	flag.IntVar(&o.seed, "seed", 1, "seed of the synthetic data")
	flag.IntVar(&o.conns, "conns", 16, "concurrent connections")
	flag.IntVar(&o.users, "users", 8, "members to log in as")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "measuring time per endpoint")
	flag.DurationVar(&o.warmup, "warmup", 2*time.Second, "warm-up time per endpoint, not measured")
	flag.StringVar(&o.wrk, "wrk", "auto", "use wrk for the GET endpoints: auto (when installed), on or off")
	flag.BoolVar(&o.keep, "keep", false, "keep the temporary data directory")
	flag.StringVar(&o.profile, "profile", "", "write a CPU profile of each server to this directory (MEND_CPUPROFILE)")
	flag.BoolVar(&o.nearHealthz, "near-healthz", true, "measure /healthz again after each page and take each page's share of the average of the two around it")
	flag.BoolVar(&o.history, "history", true, "compare one couple's history of 90 and 1,095 days")
	flag.IntVar(&o.historyCouples, "history-couples", 20, "couples seeded for the history comparison")
	flag.IntVar(&o.pgCouples, "pg-couples", 100, "couples seeded on PostgreSQL (with MEND_TEST_POSTGRES set)")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	wrkPath := ""
	if o.wrk != "off" {
		if p, err := exec.LookPath("wrk"); err == nil {
			wrkPath = p
		} else if o.wrk == "on" {
			return errors.New("wrk is not installed")
		}
	}
	tool := "a Go load generator (wrk not installed)"
	if wrkPath != "" {
		tool = "wrk for GET requests; the Go load generator for the posts"
	}
	fmt.Printf("Mend load test: %d couples × %d days, %d connections, %s per endpoint, %d members; %s.\n",
		o.couples, o.days, o.conns, o.duration, o.users, tool)
	fmt.Println("Headline figures are uncached (MEND_PAGE_CACHE=off): a member opens a page once after each change.")
	if o.nearHealthz {
		fmt.Println("Each page's ÷healthz is of the mean of /healthz measured just before and just after it (-near-healthz).")
	}
	db := sqliteDB{}
	big, err := measure(o, db, o.couples, o.days, wrkPath, full)
	if err != nil {
		return err
	}
	if o.compare > 0 {
		small, err := measure(o, db, o.compare, o.days, wrkPath, dashboardOnly)
		if err != nil {
			return err
		}
		fmt.Printf("\nDashboard at %d couples vs %d couples (each as a ratio of its /healthz): %.2f (1.00 = no cost from the larger data)\n",
			o.couples, o.compare, big.share("dashboard")/small.share("dashboard"))
	}
	if o.history {
		if err := compareHistory(o, db, wrkPath); err != nil {
			return err
		}
	}
	if admin := os.Getenv("MEND_TEST_POSTGRES"); admin != "" {
		fmt.Printf("\n== PostgreSQL (a fresh database), %d couples × %d days ==\n", o.pgCouples, o.days)
		pg, err := newPostgresDB(admin)
		if err != nil {
			return err
		}
		defer pg.drop()
		rd, err := measure(o, pg, o.pgCouples, o.days, wrkPath, full)
		if err != nil {
			return err
		}
		if o.pgCouples == o.couples {
			fmt.Printf("\nDashboard on PostgreSQL as a share of SQLite's (each as a ratio of its /healthz): %.2f\n",
				rd.share("dashboard")/big.share("dashboard"))
		}
	}
	return nil
}

// compareHistory measures the dashboard and /promises for couples with a
// short and a long history: what one couple's years cost a page.
func compareHistory(o options, db database, wrkPath string) error {
	short, long := 90, 1095
	fmt.Printf("\n== One couple's history: %d vs %d days (%d couples each) ==\n", short, long, o.historyCouples)
	a, err := measure(o, db, o.historyCouples, short, wrkPath, history)
	if err != nil {
		return err
	}
	b, err := measure(o, db, o.historyCouples, long, wrkPath, history)
	if err != nil {
		return err
	}
	fmt.Println()
	for _, name := range []string{"dashboard", "promises"} {
		fmt.Printf("%-10s cost of %d days over %d days: %.2f× as shares of each /healthz, %.2f× in req/s (1.00 = history costs nothing)\n",
			name, long, short, a.share(name)/b.share(name), a.byName[name].rps/b.byName[name].rps)
	}
	return nil
}

// run measures each scenario after a warm-up, printing its line.
func (rd *round) run(o options, wrkPath, base string, scenarios []scenario) error {
	measure := func(s scenario, d time.Duration, warm bool) (result, error) {
		if wrkPath != "" && s.wrk != nil {
			if warm {
				if _, err := runWrk(wrkPath, base, s, o.conns, o.warmup); err != nil {
					return result{}, err
				}
			}
			return runWrk(wrkPath, base, s, o.conns, d)
		}
		if warm {
			runGo(s, o.conns, o.warmup)
		}
		return runGo(s, o.conns, d), nil
	}
	for _, s := range scenarios {
		r, err := measure(s, o.duration, true)
		if err != nil {
			return err
		}
		h := r.rps
		switch {
		case r.name == "healthz":
			rd.healthz = r.rps
		case o.nearHealthz:
			// On a shared machine the load of other work drifts: a
			// page's share is of the mean of /healthz just before it
			// and measured again right after it.
			after, err := measure(healthz(base), max(time.Second, o.duration/4), false)
			if err != nil {
				return err
			}
			h = (rd.healthz + after.rps) / 2
			rd.healthz = after.rps
		default:
			h = rd.healthz
		}
		rd.results = append(rd.results, r)
		rd.byName[r.name] = r
		rd.shares[r.name] = r.rps / h
		fmt.Printf("%-24s %10.0f %10s %10s %8.2f%%   %d (%d)\n", r.name, r.rps, round3(r.p50), round3(r.p99),
			100*r.rps/h, r.n, r.errors)
	}
	return nil
}

// server is a running mend serve.
type server struct {
	cmd *exec.Cmd
	pid int
	// The most anonymous memory it has held (kB), sampled every 20 ms
	// until it stops: its own memory, without the pages of its binary,
	// which the kernel maps from its file cache and can drop (their count
	// depends on how that cache came to hold the file, not on the server).
	peakAnon atomic.Int64
	done     chan struct{}
}

func (s *server) stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	_ = s.cmd.Wait()
	close(s.done)
}

// sampleAnon keeps s.peakAnon until s stops.
func (s *server) sampleAnon() {
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-t.C:
			if n := rss(s.pid, "RssAnon:"); n > s.peakAnon.Load() {
				s.peakAnon.Store(n)
			}
		}
	}
}

// startServer starts mend serve on a free port and waits until it answers.
func startServer(mend string, env []string, pageCache bool) (*server, string, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, "", err
	}
	base := "http://" + addr
	cmd := exec.Command(mend, "serve")
	cmd.Env = append(env, "MEND_ADDR="+addr, "MEND_BASE_URL="+base, "MEND_PAGE_CACHE="+strconv.FormatBool(pageCache))
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	s := &server{cmd: cmd, pid: cmd.Process.Pid, done: make(chan struct{})}
	go s.sampleAnon()
	if err := waitHealthy(base, 30*time.Second); err != nil {
		s.stop()
		return nil, "", err
	}
	return s, base, nil
}

// round is one measured database and its results.
type round struct {
	results  []result
	byName   map[string]result
	healthz  float64 // of the server measured last
	shares   map[string]float64
	peakRSS  int64 // kB
	peakAnon int64 // kB, of the anonymous memory alone
}

// share is the uncached page's rate as a ratio of /healthz's, on the same server.
func (r round) share(name string) float64 { return r.shares[name] }

// What a round measures.
type extent int

const (
	full          extent = iota // every page, uncached and cached
	dashboardOnly               // the dashboard, uncached
	history                     // the dashboard and /promises, uncached
)

// measure seeds couples into a fresh database, starts the server, and
// measures the endpoints of the extent: uncached first, then (full only)
// cached, each against its own server's /healthz.
func measure(o options, database database, couples, days int, wrkPath string, ext extent) (round, error) {
	rd := round{byName: map[string]result{}, shares: map[string]float64{}}
	dir, err := os.MkdirTemp("", "mend-loadtest-*")
	if err != nil {
		return rd, err
	}
	if !o.keep {
		defer os.RemoveAll(dir)
	} else {
		fmt.Println("data directory:", dir)
	}
	env, err := database.env(dir)
	if err != nil {
		return rd, err
	}
	env = append(env, "MEND_LOG_LEVEL=error")
	fmt.Printf("\nSeeding %d couples × %d days…\n", couples, days)
	seed := exec.Command(o.mend, "seed", "--couples", strconv.Itoa(couples), "--days", strconv.Itoa(days), "--seed", strconv.Itoa(o.seed))
	seed.Env, seed.Stdout, seed.Stderr = env, io.Discard, os.Stderr
	if err := seed.Run(); err != nil {
		return rd, fmt.Errorf("seed: %w", err)
	}
	if info, err := os.Stat(filepath.Join(dir, "mend.db")); err == nil {
		fmt.Printf("Database: %.0f MB\n", float64(info.Size())/1e6)
	}
	pass := func(pageCache bool, suffix string, pages []page) error {
		env := env
		if o.profile != "" {
			name := fmt.Sprintf("%T-%dx%d%s.prof", database, couples, days, strings.ReplaceAll(suffix, ", ", "-"))
			name = strings.TrimPrefix(name, "main.")
			env = append(slices.Clip(env), "MEND_CPUPROFILE="+filepath.Join(o.profile, name))
		}
		srv, base, err := startServer(o.mend, env, pageCache)
		if err != nil {
			return err
		}
		defer func() {
			rd.peakRSS = max(rd.peakRSS, rss(srv.pid, "VmHWM:"))
			rd.peakAnon = max(rd.peakAnon, srv.peakAnon.Load())
			srv.stop()
		}()
		members, err := logInMembers(base, couples, o.users)
		if err != nil {
			return err
		}
		scenarios := []scenario{healthz(base)}
		for _, p := range pages {
			scenarios = append(scenarios, getPage(p.name+suffix, base, p.path, members))
		}
		if ext == full && !pageCache {
			scenarios = append(scenarios, checkinPost(base, members, false), checkinPost(base, members, true))
		}
		return rd.run(o, wrkPath, base, scenarios)
	}
	pages := []page{{"dashboard", "/"}}
	switch ext {
	case full:
		pages = append(pages, page{"promises", "/promises"}, page{"timeline", "/timeline"}, page{"settings", "/settings"})
	case history:
		pages = append(pages, page{"promises", "/promises"})
	}
	fmt.Printf("%-24s %10s %10s %10s %9s   %s\n", "endpoint", "req/s", "p50", "p99", "÷healthz", "requests (errors)")
	if err := pass(false, "", pages); err != nil {
		return rd, err
	}
	if ext == full {
		if err := pass(true, ", cached", pages[:2]); err != nil {
			return rd, err
		}
		fmt.Printf("Server peak resident memory: %.1f MB (anonymous memory alone, sampled: %.1f MB)\n", float64(rd.peakRSS)/1024, float64(rd.peakAnon)/1024)
	}
	return rd, nil
}

// page is a page to measure.
type page struct{ name, path string }

func round3(d time.Duration) string {
	switch {
	case d >= time.Millisecond:
		return fmt.Sprintf("%.2fms", float64(d)/1e6)
	default:
		return fmt.Sprintf("%.0fµs", float64(d)/1e3)
	}
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func waitHealthy(base string, within time.Duration) error {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if res, err := http.Get(base + "/healthz"); err == nil {
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.New("the server did not become healthy")
}

// rss reads a memory figure of the process from /proc, in kB (Linux):
// VmRSS (resident now) or VmHWM (the most it has been resident).
func rss(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, field) {
			f := strings.Fields(line)
			if len(f) >= 2 {
				n, _ := strconv.ParseInt(f[1], 10, 64)
				return n
			}
		}
	}
	return 0
}
