package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"time"

	"mend/content"
	"mend/internal/auth"
	"mend/internal/guidance"
	"mend/internal/jobs"
	"mend/internal/mail"
	"mend/internal/web"
)

func serve(args []string, stderr io.Writer, getenv func(string) string) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveContext(ctx, args, stderr, getenv)
}

// serveContext runs the server until ctx ends.
func serveContext(ctx context.Context, args []string, stderr io.Writer, getenv func(string) string) error {
	cfg, _, err := load("serve", args, stderr, getenv)
	if err != nil {
		return err
	}
	log := logger(cfg, stderr)
	if path := getenv("MEND_CPUPROFILE"); path != "" {
		// A CPU profile of the whole run, written when it stops: for
		// measuring the server under a load test ("%p": its process id).
		f, err := os.Create(strings.ReplaceAll(path, "%p", strconv.Itoa(os.Getpid())))
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// A soft limit for the Go heap, so that the memory of a password
		// hash (19 MiB) is collected and handed back soon after a login
		// rather than kept; GOMEMLIMIT overrides it.
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	// The guidance library is checked before anything else: a broken content
	// file stops the start with the file and field named.
	lib, err := guidance.Load(content.FS)
	if err != nil {
		return err
	}
	if cfg.DatabaseURL == "" {
		// Held while serving, so that mend restore cannot replace the file.
		lock, err := lockData(cfg, false)
		if errors.Is(err, errLocked) {
			return fmt.Errorf("a restore is under way in %s; start again when it is done", cfg.DataDir)
		} else if err != nil {
			return err
		}
		defer lock.Close()
	}
	g, err := openDB(cfg, log)
	if err != nil {
		return err
	}
	secret, err := cfg.Secret()
	if err != nil {
		return err
	}
	var mailer mail.Sender
	if cfg.MailOn() {
		if mailer, err = mail.New(cfg.SMTPURL, cfg.MailFrom); err != nil {
			return err
		}
	}
	srv, err := web.New(web.Options{Config: cfg, DB: g, Secret: secret, Log: log, Library: lib, Mailer: mailer,
		// One hash at a time, its memory handed back after: see auth.Hasher.
		Hasher: auth.NewHasher(auth.DefaultParams, 1).ReturnMemory()})
	if err != nil {
		return err
	}
	// Listen before saying that it serves: a taken address stops the start
	// with a plain message and a non-zero exit.
	ln, err := listen(cfg.Addr)
	if err != nil {
		return err
	}
	if h := srv.MetricsHandler(); h != nil {
		mln, err := listen(cfg.MetricsAddr)
		if err != nil {
			ln.Close()
			return err
		}
		ms := &http.Server{Handler: metricsMux(h), ReadHeaderTimeout: 10 * time.Second}
		go ms.Serve(mln)
		defer ms.Close()
		log.Info("serving metrics", "addr", mln.Addr().String())
	}
	go srv.PruneSessions(ctx, time.Hour)
	var jobsDone chan struct{}
	if mailer != nil {
		sched := &jobs.Scheduler{Store: srv.Store(), Mailer: mailer, BaseURL: cfg.BaseURL, Log: log, Metrics: srv.Metrics()}
		jobsDone = make(chan struct{})
		go func() { defer close(jobsDone); sched.Run(ctx) }()
	}
	hs := &http.Server{
		Addr:              cfg.Addr,
		Handler:           srv.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	log.Info("serving", "addr", ln.Addr().String(), "base_url", cfg.BaseURL)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	if jobsDone != nil {
		<-jobsDone // the scheduler stops with ctx; a send under way ends first
	}
	// Deleted private text leaves the WAL before the server stops.
	if err := srv.Store().WaitForCheckpoint(shutdown); err != nil {
		log.Warn("wal checkpoint before shutdown", "err", err)
	}
	if sqlDB, err := g.DB(); err == nil {
		return sqlDB.Close()
	}
	return nil
}

// listen opens addr, saying plainly when something else holds it.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("cannot listen on %s: the address is already in use (is Mend or another server running there?)", addr)
	} else if err != nil {
		return nil, fmt.Errorf("cannot listen on %s: %w", addr, err)
	}
	return ln, nil
}

// metricsMux serves the metrics at /metrics and nothing else.
func metricsMux(h http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", h)
	return mux
}

// defaultMemoryLimit is the Go heap's soft limit when GOMEMLIMIT is unset.
const defaultMemoryLimit = 40 << 20
