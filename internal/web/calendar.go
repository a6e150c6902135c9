package web

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"mend/internal/progress"
	"mend/internal/store"
)

// randomToken128 is 128 random bits, base64url: a secret short enough for
// a calendar app's address field.
func randomToken128() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// calendarFeed serves a member's feed to whoever holds its token: the
// token is the only proof. Anything wrong with it is a bare 404.
func (s *Server) calendarFeed(c echo.Context) error {
	token, ok := strings.CutSuffix(c.Param("file"), ".ics")
	if !ok || len(token) != 22 {
		return store.ErrNotFound
	}
	ctx := c.Request().Context()
	u, err := s.store.FeedOwner(ctx, s.sessions.HashToken(token))
	if err != nil {
		return err
	}
	sc, err := s.store.ScopeOf(ctx, u.ID)
	if err != nil {
		return err
	}
	set, err := s.store.Reminders(ctx, sc)
	if err != nil {
		return err
	}
	own, err := s.store.OwnPromises(ctx, sc)
	if err != nil {
		return err
	}
	in := feedInput{UserID: u.ID, Zone: u.Location(), Now: s.now(), BaseURL: s.cfg.BaseURL, Settings: set}
	for _, t := range own {
		if t.Ended() || len(t.Plan.Versions) == 0 {
			continue
		}
		p := feedPromise{ID: t.ID, Plan: t.Plan, Stamp: t.CreatedAt}
		for _, v := range t.Agreed {
			if v.CreatedAt.After(p.Stamp) {
				p.Stamp = v.CreatedAt
			}
		}
		if set.FeedTitles {
			p.TitleOn = func(d progress.Date) string {
				if v := t.VersionOn(d); v != nil {
					return v.Title
				}
				return ""
			}
		}
		in.Promises = append(in.Promises, p)
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "no-store, private")
	h.Set("X-Robots-Tag", "noindex, nofollow")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Disposition", `inline; filename="mend.ics"`)
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", []byte(buildFeed(in)))
}

// secretPath hides the token of a path that carries one (invitations,
// calendar feeds, mailed links), for the log.
func secretPath(path string) string {
	for _, p := range []string{"/join/", "/calendar/", "/email/verify/", "/password/reset/", "/c/"} {
		if strings.HasPrefix(path, p) {
			return p + "…"
		}
	}
	return path
}
