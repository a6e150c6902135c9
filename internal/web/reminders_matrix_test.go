package web_test

import "strings"

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
