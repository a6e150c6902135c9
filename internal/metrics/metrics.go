// Package metrics holds Mend's Prometheus metrics, served on a listener of
// their own when the operator asks for them (MEND_METRICS_ADDR). Labels
// carry route patterns, methods and statuses only: never a user id, an
// email, a token or anything anyone wrote.
package metrics

import (
	"database/sql"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the collectors of one server. A nil *Metrics records nothing,
// so callers need not check whether metrics are on.
type Metrics struct {
	reg              *prometheus.Registry
	requests         *prometheus.CounterVec
	latency          *prometheus.HistogramVec
	loginFailures    prometheus.Counter
	reminderSends    prometheus.Counter
	reminderFailures prometheus.Counter
}

// New registers Mend's metrics, the Go runtime's and the process's, and
// the use of the database pool db (when not nil).
func New(db *sql.DB) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "mend_http_requests_total", Help: "HTTP requests answered, by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "mend_http_request_duration_seconds", Help: "Time to answer an HTTP request, by route pattern and method.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route", "method"}),
		loginFailures: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "mend_login_failures_total", Help: "Logins refused for a wrong email or password.",
		}),
		reminderSends: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "mend_reminders_sent_total", Help: "Reminders the scheduler sent.",
		}),
		reminderFailures: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "mend_reminders_failed_total", Help: "Reminders the scheduler failed to send.",
		}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.loginFailures, m.reminderSends, m.reminderFailures,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if db != nil {
		m.reg.MustRegister(collectors.NewDBStatsCollector(db, "mend"))
	}
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Request records one answered request. route is the pattern of the route
// table ("/journal/:id"), never the URL asked for.
func (m *Metrics) Request(route, method string, status int, took time.Duration) {
	if m == nil {
		return
	}
	if route == "" {
		route = "unmatched"
	}
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route, method).Observe(took.Seconds())
}

// LoginFailed counts a login refused for a wrong email or password.
func (m *Metrics) LoginFailed() {
	if m != nil {
		m.loginFailures.Inc()
	}
}

// ReminderSent counts a reminder the scheduler delivered.
func (m *Metrics) ReminderSent() {
	if m != nil {
		m.reminderSends.Inc()
	}
}

// ReminderFailed counts a reminder the scheduler could not deliver.
func (m *Metrics) ReminderFailed() {
	if m != nil {
		m.reminderFailures.Inc()
	}
}
