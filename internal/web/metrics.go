package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"mend/internal/metrics"
)

// countRequests records each request's route pattern, status and time in
// the metrics; it runs outside every other middleware, so that it sees the
// status of error pages too. A POST /login answered 422 is a failed login.
func (s *Server) countRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		route, method, status := c.Path(), c.Request().Method, c.Response().Status
		if strings.HasPrefix(route, "/static/") {
			route = "/static/*"
		}
		s.metrics.Request(route, method, status, time.Since(start))
		if route == "/login" && method == http.MethodPost && status == http.StatusUnprocessableEntity {
			s.metrics.LoginFailed()
		}
		return err
	}
}

// MetricsHandler serves the Prometheus metrics; nil when they are off.
func (s *Server) MetricsHandler() http.Handler {
	if s.metrics == nil {
		return nil
	}
	return s.metrics.Handler()
}

// Metrics are the server's metrics, for the scheduler to count its sends;
// nil (which records nothing) when they are off.
func (s *Server) Metrics() *metrics.Metrics { return s.metrics }
