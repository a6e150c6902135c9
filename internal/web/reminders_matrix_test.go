package web_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"mend/internal/store"
)

// remindersMatrix covers the reminder, calendar and mail routes. The test
// servers send no mail; the mail routes' own tests run with an SMTP server.
func remindersMatrix() map[string]matrixRoute {
	bogus := strings.Repeat("A", 43)
	return map[string]matrixRoute{
		"GET /settings/reminders": {want: users(okPage)},
		"POST /settings/reminders": {form: values("summary_on", "1", "summary_hour", "8", "checkin_hour", "20",
			"quiet_from", "22", "quiet_to", "7"), want: users(to("/settings/reminders"))},
		"POST /settings/calendar":        {mutates: true, want: users(to("/settings/reminders"))},
		"POST /settings/calendar/revoke": {want: users(notFound)},
		"GET /calendar/:file":            {path: fixed("/calendar/" + strings.Repeat("A", 22) + ".ics"), want: everyone(notFound)},
		"POST /settings/email/verify":    {want: users(to("/settings/reminders"))},
		"GET /email/verify/:token":       {path: fixed("/email/verify/" + bogus), want: everyone(notFound)},
		"POST /email/verify/:token":      {path: fixed("/email/verify/" + bogus), want: everyone(notFound)},
		"GET /password/forgot":           {want: everyone(okPage)},
		"POST /password/forgot":          {form: values("email", "nobody@example.com"), want: everyone(okPage)},
		"GET /password/reset/:token":     {path: fixed("/password/reset/" + bogus), want: everyone(notFound)},
		"POST /password/reset/:token":    {path: fixed("/password/reset/" + bogus), form: values("password", "a brand new passphrase"), want: everyone(notFound)},
	}
}

// remindersUnsafeCases are the CSRF cases of the reminder, calendar and mail routes.
func remindersUnsafeCases() map[string]unsafeCase {
	settings := form("summary_on", "1", "summary_hour", "8", "checkin_hour", "20", "quiet_from", "22", "quiet_to", "7")
	loggedIn := func(path string, f url.Values, feed bool) unsafeCase {
		return func(t *testing.T, e *env) (*client, string, url.Values) {
			u := e.signup("Csrf")
			if feed {
				u.makeFeed()
			}
			u.open("/settings/reminders")
			return u.client, path, f
		}
	}
	// link makes a mailed link's token in the database, as a mail would carry it.
	link := func(purpose, path string, f url.Values) unsafeCase {
		return func(t *testing.T, e *env) (*client, string, url.Values) {
			u := e.signup("Link")
			acct, err := e.app.Store().UserByEmail(ctx(), u.Email)
			if err != nil {
				t.Fatal(err)
			}
			token := store.NewID() + store.NewID() + "abcdefghijk"
			if err := e.app.Store().CreateEmailToken(ctx(), acct.ID, purpose, u.Email, e.app.HashToken(token), time.Hour); err != nil {
				t.Fatal(err)
			}
			c := e.client()
			c.open(path + token)
			return c, path + token, f
		}
	}
	return map[string]unsafeCase{
		"POST /settings/reminders":       loggedIn("/settings/reminders", settings, false),
		"POST /settings/calendar":        loggedIn("/settings/calendar", nil, false),
		"POST /settings/calendar/revoke": loggedIn("/settings/calendar/revoke", nil, true),
		"POST /settings/email/verify":    loggedIn("/settings/email/verify", nil, false),
		"POST /password/forgot": func(t *testing.T, e *env) (*client, string, url.Values) {
			c := e.client()
			c.open("/password/forgot")
			return c, "/password/forgot", form("email", "someone@example.com")
		},
		"POST /email/verify/:token":   link(store.TokenVerify, "/email/verify/", nil),
		"POST /password/reset/:token": link(store.TokenReset, "/password/reset/", form("password", "a brand new passphrase")),
	}
}
