// Command crashtest checks that Mend loses no acknowledged write when its
// process dies: it starts `mend serve` on a fresh SQLite file, signs up
// couples through the real forms, lets every member write journal entries
// and gratitude notes concurrently, kills the server with SIGKILL at a
// random moment, and then checks, with the server down, that every write the
// server acknowledged (a 303 after the POST) is in the database and that
// SQLite's integrity_check and foreign_key_check are clean. It repeats this
// for -rounds rounds, restarting the server each time, and exits 1 when a
// write is lost or a check fails.
//
//	go build -o bin/mend ./cmd/mend && go run ./cmd/crashtest -mend bin/mend -rounds 20
package main

import (
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type options struct {
	mend             string
	rounds           int
	couples          int
	minKill, maxKill time.Duration
	seed             uint64
	keep, verbose    bool
}

func main() {
	var o options
	flag.StringVar(&o.mend, "mend", "bin/mend", "the mend binary to test")
	flag.IntVar(&o.rounds, "rounds", 10, "how many times to kill and restart the server")
	flag.IntVar(&o.couples, "couples", 2, "couples writing at once (two writers each)")
	flag.DurationVar(&o.minKill, "min", 100*time.Millisecond, "shortest time from a round's first acknowledged write to the kill")
	flag.DurationVar(&o.maxKill, "max", 1500*time.Millisecond, "longest time from a round's first acknowledged write to the kill")
	flag.Uint64Var(&o.seed, "seed", 0, "seed of the kill times (0: random)")
	flag.BoolVar(&o.keep, "keep", false, "keep the data directory")
	flag.BoolVar(&o.verbose, "v", false, "show the server's log")
	flag.Parse()
	if o.rounds < 1 || o.couples < 1 || o.minKill <= 0 || o.maxKill < o.minKill {
		fmt.Fprintln(os.Stderr, "crashtest: need -rounds >= 1, -couples >= 1 and 0 < -min <= -max")
		os.Exit(2)
	}
	if o.seed == 0 {
		o.seed = rand.Uint64()
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "crashtest: FAIL:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	mend, err := filepath.Abs(o.mend)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "mend-crashtest-")
	if err != nil {
		return err
	}
	if o.keep {
		fmt.Println("data directory:", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	srv := &server{mend: mend, dir: dir, addr: addr, verbose: o.verbose}
	rng := rand.New(rand.NewPCG(o.seed, 1))
	fmt.Printf("crashtest: %d rounds, %d writers, kill after %v to %v (seed %d)\n", o.rounds, 2*o.couples, o.minKill, o.maxKill, o.seed)

	if err := srv.start(); err != nil {
		return err
	}
	var writers []*writer
	const password = "crash test passphrase, long enough"
	for i := range o.couples {
		a, b, err := couple(srv.base(), i, password)
		if err != nil {
			srv.kill()
			return fmt.Errorf("set up couple %d: %w", i, err)
		}
		writers = append(writers, &writer{account: a, id: 2 * i}, &writer{account: b, id: 2*i + 1})
	}
	for _, w := range writers {
		if err := w.newEntry(); err != nil {
			srv.kill()
			return fmt.Errorf("writer %d: %w", w.id, err)
		}
	}

	acked := map[string]string{} // marker -> table, over all rounds
	var totalAcked, totalInFlight, lost int
	for round := 1; round <= o.rounds; round++ {
		if round > 1 {
			if err := srv.start(); err != nil {
				return fmt.Errorf("round %d: restart after the kill: %w", round, err)
			}
		}
		var killing atomic.Bool
		var wg sync.WaitGroup
		st := &state{killing: &killing, acks: &atomic.Int64{}}
		for _, w := range writers {
			wg.Go(func() { w.write(round, st) })
		}
		// The kill clock starts at the round's first acknowledged write, so
		// that every round kills a server in the middle of its writes
		// however slow the machine.
		for deadline := time.Now().Add(30 * time.Second); st.acks.Load() == 0 && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		wait := o.minKill + time.Duration(rng.Int64N(int64(o.maxKill-o.minKill)+1))
		time.Sleep(wait)
		killing.Store(true)
		srv.kill()
		wg.Wait()
		n, inFlight := 0, 0
		for _, w := range writers {
			if w.err != nil {
				return fmt.Errorf("round %d: writer %d: %w", round, w.id, w.err)
			}
			for _, m := range w.acked {
				if m.table != "edit" {
					acked[m.marker] = m.table
				}
			}
			n += len(w.acked)
			inFlight += w.inFlight
		}
		missing, err := check(filepath.Join(dir, "mend.db"), acked, writers, password)
		if err != nil {
			return fmt.Errorf("round %d: %w", round, err)
		}
		totalAcked += n
		totalInFlight += inFlight
		lost = len(missing)
		fmt.Printf("round %d: killed %v after the first write, %d writes acknowledged, %d in flight, %d lost\n", round, wait.Round(time.Millisecond), n, inFlight, lost)
		if lost > 0 {
			if len(missing) > 10 {
				missing = missing[:10]
			}
			fmt.Printf("rounds %d, acknowledged writes %d, lost %d\n", round, totalAcked, lost)
			return fmt.Errorf("acknowledged writes missing after the kill: %s", strings.Join(missing, ", "))
		}
		if n == 0 {
			return fmt.Errorf("round %d: no write was acknowledged within 30s", round)
		}
	}
	// One clean start after the last kill: the server must come up on what
	// the crashes left.
	if err := srv.start(); err != nil {
		return fmt.Errorf("start after the last kill: %w", err)
	}
	srv.kill()
	fmt.Printf("rounds %d, acknowledged writes %d, in flight at a kill %d, lost %d\n", o.rounds, totalAcked, totalInFlight, lost)
	return nil
}

// server is one `mend serve` process on the test's data directory; every
// start uses the same address, so the accounts' cookies stay valid.
type server struct {
	mend, dir, addr string
	verbose         bool
	cmd             *exec.Cmd
}

func (s *server) base() string { return "http://" + s.addr }

func (s *server) start() error {
	cmd := exec.Command(s.mend, "serve")
	cmd.Env = append(os.Environ(),
		"MEND_ADDR="+s.addr, "MEND_BASE_URL="+s.base(), "MEND_DATA_DIR="+s.dir,
		"MEND_DATABASE_URL=", "MEND_LOG_LEVEL=warn",
		// The couples sign up through the form, without invitations.
		"MEND_SIGNUP=open",
		// Each account claims an address of its own, so that throttles
		// per client address see separate people.
		"MEND_TRUSTED_PROXIES=127.0.0.1")
	if s.verbose {
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	s.cmd = cmd
	exited := make(chan struct{})
	go func() { cmd.Process.Wait(); close(exited) }()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return errors.New("mend serve exited while starting (run with -v to see its log)")
		default:
		}
		if res, err := http.Get(s.base() + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.kill()
	return errors.New("mend serve did not become healthy within 30s")
}

// kill ends the server with SIGKILL and waits until it is gone.
func (s *server) kill() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.cmd = nil
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}
