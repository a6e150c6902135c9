package web

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"mend/internal/store"
	"mend/views"
)

// tooMany is a 429 answer with how long to wait (in seconds) and what was
// attempted too often ("" for a login or a password).
type tooMany struct {
	wait int
	what string
}

// waitFor is the 429 answer to a wait of d.
func waitFor(d time.Duration, what string) *tooMany {
	return &tooMany{wait: int(d/time.Second) + 1, what: what}
}

func (e *tooMany) Error() string { return "too many attempts" }

// refusalStatus is the status of a refusal of the store, by its kind.
func refusalStatus(r *store.Refusal) int {
	switch r.Kind {
	case store.KindInvalid:
		return http.StatusUnprocessableEntity
	case store.KindGone:
		return http.StatusGone
	case store.KindForbidden:
		return http.StatusNotFound // nothing is revealed, not even that it exists
	}
	return http.StatusConflict
}

// handleError is the one place where errors become pages.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	if (errors.Is(err, context.Canceled) || errors.Is(err, sql.ErrTxDone)) && c.Request().Context().Err() != nil {
		// The client went away: nobody is left to show a page to. A
		// transaction of a canceled request is rolled back by database/sql
		// itself, and its commit then fails with ErrTxDone: nothing was
		// written, as with Canceled.
		s.log.Debug("request canceled", "method", c.Request().Method, "path", c.Request().URL.Path)
		c.Response().WriteHeader(499)
		return
	}
	var fe *formError
	if errors.As(err, &fe) {
		if rerr := s.render(c, http.StatusUnprocessableEntity, fe.title, fe.body); rerr == nil {
			return
		}
		err = fmt.Errorf("render form: %w", err)
	}
	status, title, msg := http.StatusInternalServerError, "Something went wrong",
		"Sorry, something went wrong on our side. What you were doing may not have been saved. Please try again in a moment."
	var he *echo.HTTPError
	var refusal *store.Refusal
	var tm *tooMany
	switch {
	case errors.As(err, &tm):
		status, title = http.StatusTooManyRequests, "Too many attempts"
		mins := (tm.wait + 59) / 60
		msg = "There have been too many failed attempts to log in. For your safety, please wait " +
			strconv.Itoa(mins) + " minute(s) and try again."
		if tm.what != "" {
			when := strconv.Itoa(mins) + " minute(s)"
			if mins > 120 {
				when = strconv.Itoa((mins+59)/60) + " hours"
			}
			msg = "There have been " + tm.what + ". Please wait " + when + " and try again."
		}
		c.Response().Header().Set("Retry-After", strconv.Itoa(tm.wait))
	case errors.Is(err, store.ErrNotFound):
		status, title, msg = http.StatusNotFound, "Not found", "There is nothing here, or it is not yours to see."
	case errors.As(err, &refusal):
		status, title, msg = refusalStatus(refusal), "That could not be done", refusal.Msg
		if status == http.StatusNotFound {
			title, msg = "Not found", "There is nothing here, or it is not yours to see."
		}
	case errors.As(err, &he):
		status = he.Code
		title = http.StatusText(status)
		msg, _ = he.Message.(string)
		switch status {
		case http.StatusNotFound:
			title, msg = "Not found", "There is nothing here, or it is not yours to see."
		case http.StatusForbidden:
			title = "Not allowed"
		case http.StatusMethodNotAllowed:
			msg = "This address does not accept that kind of request."
		case http.StatusRequestEntityTooLarge:
			title, msg = "Too long", "What you sent is too long to be saved. Please shorten it."
		}
		if msg == "" || status >= 500 {
			msg = "Sorry, something went wrong."
		}
	}
	if status >= 500 {
		s.log.Error("request failed", "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
	}
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(status)
		return
	}
	if rerr := s.render(c, status, title, views.ErrorPage(status, title, msg)); rerr != nil {
		s.log.Error("render error page", "err", rerr)
		_ = c.String(status, title)
	}
}
