package web

import (
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"mend/views"
)

// readForm copies the named fields of the posted form into a views.Form,
// trimming surrounding spaces (except from passwords, which are compared
// exactly as typed and never shown again).
func readForm(c echo.Context, fields ...string) *views.Form {
	f := views.NewForm()
	for _, name := range fields {
		v := c.FormValue(name)
		if !strings.Contains(name, "password") && name != "current" {
			v = strings.TrimSpace(v)
		}
		f.Values[name] = v
	}
	return f
}

// checkText requires field name to be present (when required) and no longer
// than max characters.
func checkText(f *views.Form, name, label string, required bool, max int) {
	v := f.Get(name)
	switch {
	case required && v == "":
		f.Fail(name, "Please fill in "+strings.ToLower(label)+".")
	case !utf8.ValidString(v):
		f.Fail(name, label+" contains characters that could not be read.")
	case utf8.RuneCountInString(v) > max:
		f.Fail(name, label+" is too long: at most "+itoa(max)+" characters, this has "+itoa(utf8.RuneCountInString(v))+".")
	}
}

// checkEmail requires field name to hold one plain email address.
func checkEmail(f *views.Form, name string) {
	v := f.Get(name)
	if v == "" {
		f.Fail(name, "Please fill in your email address.")
		return
	}
	a, err := mail.ParseAddress(v)
	if err != nil || a.Address != v || len(v) > 254 || !strings.Contains(v[strings.LastIndex(v, "@")+1:], ".") {
		f.Fail(name, "This doesn't look like an email address, like name@example.com.")
	}
}

// checkZone requires field name to be a time zone from the list.
func checkZone(f *views.Form, name string) {
	v := f.Get(name)
	if !slices.Contains(zoneNames, v) {
		f.Fail(name, "Please choose a time zone from the list.")
		return
	}
	if _, err := time.LoadLocation(v); err != nil {
		f.Fail(name, "This time zone is not known to the server. Please choose another nearby.")
	}
}

// KnownZone reports whether name is one of the time zones the forms offer.
func KnownZone(name string) bool { return slices.Contains(zoneNames, name) }

// zoneOptions are the time zones offered in forms.
func zoneOptions() []views.Option {
	opts := make([]views.Option, len(zoneNames))
	for i, z := range zoneNames {
		opts[i] = views.Option{Value: z, Label: strings.ReplaceAll(z, "_", " ")}
	}
	return opts
}

func itoa(n int) string { return strconv.Itoa(n) }
