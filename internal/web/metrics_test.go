package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"mend/internal/config"
)

// TestMetrics: with metrics on, the scrape counts requests by route
// pattern and status, times them, counts failed logins and the database
// pool, and carries no id, email or text of the requests.
func TestMetrics(t *testing.T) {
	e := newEnv(t, func(c *config.Config) { c.MetricsAddr = "127.0.0.1:0" })
	h := e.app.MetricsHandler()
	if h == nil {
		t.Fatal("metrics are off")
	}
	ms := httptest.NewServer(h)
	defer ms.Close()

	a, _ := e.couple("Ana", "Ben")
	id := a.writeEntry("Metric marker title", "Metric marker body") // and opens it once
	c := e.client()
	c.login(a.Email, "not the password at all")
	c.get("/no/such/page")

	res, err := http.Get(ms.URL)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	body := string(b)
	for _, want := range []string{
		`mend_http_requests_total{method="GET",route="/journal/:id",status="200"} 1`,
		`mend_http_requests_total{method="POST",route="/login",status="422"} 1`,
		`mend_http_request_duration_seconds_bucket{method="GET",route="/journal/:id",le="+Inf"} 1`,
		`mend_login_failures_total 1`,
		`mend_reminders_sent_total 0`,
		`go_sql_open_connections{db_name="mend"}`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the scrape lacks %s", want)
		}
	}
	for _, never := range []string{id, a.Email, "Metric marker", "/no/such/page", "Ana"} {
		if strings.Contains(body, never) {
			t.Errorf("the scrape contains %q", never)
		}
	}
	if t.Failed() {
		t.Log(body)
	}
}

// TestMetricsOff: no metrics unless asked for.
func TestMetricsOff(t *testing.T) {
	if newEnv(t).app.MetricsHandler() != nil {
		t.Fatal("metrics are on by default")
	}
}
