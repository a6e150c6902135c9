package metrics

import (
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

// TestCounters: each method counts under its own name, and a nil Metrics
// (metrics off) records nothing without failing.
func TestCounters(t *testing.T) {
	m := New(nil)
	m.ReminderSent()
	m.ReminderSent()
	m.ReminderFailed()
	m.LoginFailed()
	m.Request("", "GET", 404, time.Millisecond)
	if got := testutil.ToFloat64(m.reminderSends); got != 2 {
		t.Errorf("reminders sent: %v", got)
	}
	if got := testutil.ToFloat64(m.reminderFailures); got != 1 {
		t.Errorf("reminders failed: %v", got)
	}
	if got := testutil.ToFloat64(m.requests.WithLabelValues("unmatched", "GET", "404")); got != 1 {
		t.Errorf("unmatched requests: %v", got)
	}
	var off *Metrics
	off.ReminderSent()
	off.ReminderFailed()
	off.LoginFailed()
	off.Request("/", "GET", 200, time.Millisecond)
}
