// Command loadtest seeds a fresh database in a temporary directory, starts
// the server on it, logs in as several members and measures, in one run and
// with a fixed number of concurrent connections, the requests per second and
// the p50/p99 latency of /healthz, the dashboard, /promises and a check-in
// post with its redirect. It prints each page's rate as a ratio of /healthz's:
// ratios, not absolute times, are what compare between runs and machines.
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
	"strconv"
	"strings"
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
		tool = "wrk for GET requests; the Go load generator for the post and its redirect, which wrk cannot follow"
	}
	fmt.Printf("Mend load test: %d couples × %d days, %d connections, %s per endpoint, %d members; %s.\n\n",
		o.couples, o.days, o.conns, o.duration, o.users, tool)
	main, err := measure(o, o.couples, wrkPath, true)
	if err != nil {
		return err
	}
	if o.compare > 0 {
		small, err := measure(o, o.compare, wrkPath, false)
		if err != nil {
			return err
		}
		fmt.Println()
		for _, name := range []string{"dashboard", "dashboard, no cache"} {
			big, little := main.byName[name], small.byName[name]
			ratio := big.rps / main.healthz() / (little.rps / small.healthz())
			fmt.Printf("%s at %d couples vs %d couples (each as a ratio of its /healthz): %.2f (1.00 = no cost from the larger data)\n",
				strings.ToUpper(name[:1])+name[1:], o.couples, o.compare, ratio)
		}
	}
	return nil
}

// run measures each scenario after a warm-up, printing its line.
func (rd *round) run(o options, wrkPath, base string, scenarios []scenario) error {
	for _, s := range scenarios {
		var r result
		var err error
		if wrkPath != "" && s.wrk != nil {
			if _, err := runWrk(wrkPath, base, s, o.conns, o.warmup); err != nil {
				return err
			}
			if r, err = runWrk(wrkPath, base, s, o.conns, o.duration); err != nil {
				return err
			}
		} else {
			runGo(s, o.conns, o.warmup)
			r = runGo(s, o.conns, o.duration)
		}
		rd.results = append(rd.results, r)
		rd.byName[r.name] = r
		fmt.Printf("%-24s %10.0f %10s %10s %8.1f%%   %d (%d)\n", r.name, r.rps, round3(r.p50), round3(r.p99),
			100*r.rps/rd.healthz(), r.n, r.errors)
	}
	return nil
}

// server is a running mend serve.
type server struct {
	cmd *exec.Cmd
	pid int
}

func (s *server) stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	_ = s.cmd.Wait()
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
	s := &server{cmd: cmd, pid: cmd.Process.Pid}
	if err := waitHealthy(base, 30*time.Second); err != nil {
		s.stop()
		return nil, "", err
	}
	return s, base, nil
}

// round is one measured server and its results.
type round struct {
	results []result
	byName  map[string]result
	peakRSS int64 // kB
}

func (r round) healthz() float64 { return r.byName["healthz"].rps }

// measure seeds couples into a fresh directory, starts the server, and
// measures every endpoint (only the dashboard and /healthz when full is false).
func measure(o options, couples int, wrkPath string, full bool) (round, error) {
	var rd round
	dir, err := os.MkdirTemp("", "mend-loadtest-*")
	if err != nil {
		return rd, err
	}
	if !o.keep {
		defer os.RemoveAll(dir)
	} else {
		fmt.Println("data directory:", dir)
	}
	env := append(os.Environ(), "MEND_DATA_DIR="+dir, "MEND_LOG_LEVEL=warn")
	fmt.Printf("Seeding %d couples × %d days…\n", couples, o.days)
	seed := exec.Command(o.mend, "seed", "--couples", strconv.Itoa(couples), "--days", strconv.Itoa(o.days), "--seed", strconv.Itoa(o.seed))
	seed.Env, seed.Stdout, seed.Stderr = env, os.Stdout, os.Stderr
	if err := seed.Run(); err != nil {
		return rd, fmt.Errorf("seed: %w", err)
	}
	if info, err := os.Stat(filepath.Join(dir, "mend.db")); err == nil {
		fmt.Printf("Database: %.0f MB\n", float64(info.Size())/1e6)
	}
	srv, base, err := startServer(o.mend, env, true)
	if err != nil {
		return rd, err
	}
	members, err := logInMembers(base, couples, o.users)
	if err != nil {
		srv.stop()
		return rd, err
	}
	fmt.Printf("Server memory after logging in %d members: %.1f MB resident, %.1f MB at most so far\n",
		len(members), float64(rss(srv.pid, "VmRSS:"))/1024, float64(rss(srv.pid, "VmHWM:"))/1024)
	scenarios := []scenario{healthz(base), getPage("dashboard", base, "/", members)}
	if full {
		scenarios = append(scenarios, getPage("promises", base, "/promises", members), checkinPost(base, members))
	}
	fmt.Printf("\n%-24s %10s %10s %10s %9s   %s\n", "endpoint", "req/s", "p50", "p99", "÷healthz", "requests (errors)")
	rd.byName = map[string]result{}
	if err := rd.run(o, wrkPath, base, scenarios); err != nil {
		srv.stop()
		return rd, err
	}
	rd.peakRSS = rss(srv.pid, "VmHWM:")
	srv.stop()
	// The same pages again with every view made afresh: the page cache off.
	srv, base, err = startServer(o.mend, env, false)
	if err != nil {
		return rd, err
	}
	defer srv.stop()
	scenarios = []scenario{getPage("dashboard, no cache", base, "/", members)}
	if full {
		scenarios = append(scenarios, getPage("promises, no cache", base, "/promises", members))
	}
	if err := rd.run(o, wrkPath, base, scenarios); err != nil {
		return rd, err
	}
	rd.peakRSS = max(rd.peakRSS, rss(srv.pid, "VmHWM:"))
	fmt.Printf("\nServer peak resident memory: %.1f MB\n", float64(rd.peakRSS)/1024)
	return rd, nil
}

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
