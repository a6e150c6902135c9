package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// freeAddr is a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// startServe runs "mend serve" in the background until the test ends and
// returns once it has logged that it serves.
func startServe(t *testing.T, getenv func(string) string) *syncBuffer {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- serveContext(ctx, nil, logs, getenv) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	for i := 0; !strings.Contains(logs.String(), "msg=serving"); i++ {
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v\n%s", err, logs)
		case <-time.After(20 * time.Millisecond):
		}
	}
	return logs
}

// TestServeHealthcheck: healthcheck passes against a running server and
// fails where none runs; a second server on the same address says the
// address is taken and stops before it logs that it serves.
func TestServeHealthcheck(t *testing.T) {
	e := newCmdEnv(t)
	addr, metricsAddr := freeAddr(t), freeAddr(t)
	getenv := func(k string) string {
		switch k {
		case "MEND_ADDR":
			return addr
		case "MEND_METRICS_ADDR":
			return metricsAddr
		}
		return e.getenv(k)
	}
	if out, code := e.run("", "healthcheck", "-addr", addr); code != 1 || !strings.Contains(out, "not healthy") {
		t.Fatalf("healthcheck with no server: %d %q", code, out)
	}
	startServe(t, getenv)
	var out bytes.Buffer
	if code := run([]string{"healthcheck"}, strings.NewReader(""), &out, &out, getenv); code != 0 || !strings.Contains(out.String(), "healthy") {
		t.Fatalf("healthcheck of the running server: %d %q", code, out.String())
	}
	res, err := http.Get("http://" + metricsAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(b), `mend_http_requests_total{method="GET",route="/readyz",status="200"} 1`) {
		t.Fatalf("metrics: %d\n%s", res.StatusCode, b)
	}
	if res, err := http.Get("http://" + addr + "/metrics"); err != nil || res.StatusCode != http.StatusNotFound {
		t.Fatalf("the app's own listener serves /metrics: %v %v", res.Status, err)
	}
	var second bytes.Buffer
	code := run([]string{"serve"}, strings.NewReader(""), &second, &second, getenv)
	if code != 1 || !strings.Contains(second.String(), "already in use") || strings.Contains(second.String(), "msg=serving") {
		t.Fatalf("second serve on a taken address: %d\n%s", code, second.String())
	}
}

// TestVersion: the module version and revision come from the build info.
func TestVersion(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "mend", Version: "v0.0.0-20261201213834-d7f3dae9169b"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "d7f3dae9169b259e0c111b3d4f2c5ccb43fd1744"}, {Key: "vcs.time", Value: "2026-12-01T21:38:34Z"}, {Key: "vcs.modified", Value: "true"}}}
	if got, want := versionOf(info, ""), "v0.0.0-20261201213834-d7f3dae9169b (revision d7f3dae9169b, 2026-12-01T21:38:34Z, modified; go1.26.8)"; got != want {
		t.Errorf("from a checkout:\n got %s\nwant %s", got, want)
	}
	bare := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "mend", Version: "(devel)"}}
	if got, want := versionOf(bare, "0123456789abcdef"), "devel (revision 0123456789ab; go1.26.8)"; got != want {
		t.Errorf("with the revision from -ldflags:\n got %s\nwant %s", got, want)
	}
	if got := versionOf(bare, ""); !strings.Contains(got, "no VCS revision") || strings.Contains(got, "(devel)") {
		t.Errorf("without a revision: %s", got)
	}
}
