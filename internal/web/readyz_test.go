package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestReadyz: /readyz asks the database and fails when it cannot answer;
// /healthz does no database work, so it still answers then.
func TestReadyz(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	if r := c.get("/readyz"); r.Status != http.StatusOK || r.Body != "ok\n" || r.Header.Get("Set-Cookie") != "" {
		t.Fatalf("readyz: %d %q", r.Status, r.Body)
	}
	sqlDB, err := e.db.DB()
	if err != nil {
		t.Fatal(err)
	}
	sqlDB.Close()
	if r := c.get("/readyz"); r.Status != http.StatusServiceUnavailable {
		t.Fatalf("readyz with the database closed: %d %q", r.Status, r.Body)
	}
	if r := c.get("/healthz"); r.Status != http.StatusOK {
		t.Fatalf("healthz with the database closed: %d", r.Status)
	}
	if !strings.Contains(e.logs.String(), "not ready") {
		t.Fatal("the failed check is not logged")
	}
}
