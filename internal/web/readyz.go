package web

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// readyTimeout bounds the database check of /readyz, so that a stuck
// database makes the check fail rather than hang.
const readyTimeout = 2 * time.Second

// readyz answers 200 when the database answers a query in time, and 503
// otherwise; /healthz, by contrast, only says that the process serves.
func (s *Server) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), readyTimeout)
	defer cancel()
	var one int
	if err := s.store.DB().WithContext(ctx).Raw("SELECT 1").Scan(&one).Error; err != nil || one != 1 {
		s.log.Warn("not ready", "err", err)
		return c.String(http.StatusServiceUnavailable, "database unavailable\n")
	}
	return c.String(http.StatusOK, "ok\n")
}
