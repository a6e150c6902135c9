package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// healthcheck asks the running server's /readyz, at the configured address,
// and fails unless it answers 200: for container and service health checks.
func healthcheck(args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	cfg, _, err := load("healthcheck", args, stderr, getenv)
	if err != nil {
		return err
	}
	host, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return fmt.Errorf("addr %q: %w", cfg.Addr, err)
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1" // a server on every interface answers on loopback
	}
	url := "http://" + net.JoinHostPort(host, port) + "/readyz"
	client := &http.Client{Timeout: 5 * time.Second}
	res, err := client.Get(url)
	if err != nil {
		return fmt.Errorf("not healthy: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("not healthy: %s answered %s", url, res.Status)
	}
	fmt.Fprintln(stdout, "healthy:", url, "answered", res.Status)
	return nil
}
