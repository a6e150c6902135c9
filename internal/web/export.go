package web

import (
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"
)

// export sends the acting user everything they wrote in their space, as a
// JSON file to keep: before leaving a space, or any time.
func (s *Server) export(c echo.Context) error {
	ex, err := s.store.ExportOf(c.Request().Context(), scope(c))
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(ex, "", "  ")
	if err != nil {
		return err
	}
	name := "mend-export-" + s.today(c).String() + ".json"
	c.Response().Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	s.log.Info("export", "user", actorOf(c).user.ID, "bytes", len(b))
	return c.Blob(http.StatusOK, "application/json; charset=utf-8", b)
}
