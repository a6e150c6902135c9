package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"mend/static"
	"mend/views"
)

// home is the landing page for visitors and the dashboard for members.
func (s *Server) home(c echo.Context) error {
	a := actorOf(c)
	if a.user == nil {
		return s.page(c, "", views.Landing())
	}
	if a.member == nil {
		return s.redirect(c, "/onboarding", "")
	}
	return s.dashboard(c)
}

var staticFiles = http.FileServerFS(static.FS)

// static serves the embedded files. Their URLs carry a content hash, so
// browsers may keep them for a year.
func (s *Server) static(c echo.Context) error {
	name := strings.TrimPrefix(c.Request().URL.Path, "/static/")
	if name == "" || strings.HasSuffix(name, ".go") {
		return echo.ErrNotFound
	}
	if _, err := static.FS.Open(name); err != nil {
		return echo.ErrNotFound
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	r := c.Request().Clone(c.Request().Context())
	r.URL.Path = "/" + name
	staticFiles.ServeHTTP(c.Response(), r)
	return nil
}
