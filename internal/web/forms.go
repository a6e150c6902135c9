package web

import (
	"fmt"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"mend/views"
)

// readForm copies the named fields of the posted form into a views.Form,
// trimming surrounding spaces (except from passwords, which are compared
// exactly as typed and never shown again), and refuses, field by field,
// characters no field may hold (see badChars). Every field is single-line
// unless named with textarea.
func readForm(c echo.Context, fields ...string) *views.Form {
	f := views.NewForm()
	for _, field := range fields {
		name, multiLine := strings.CutSuffix(field, textareaMark)
		v := c.FormValue(name)
		if strings.Contains(name, "password") || name == "current" {
			f.Values[name] = v
			continue
		}
		f.Values[name] = strings.TrimSpace(v)
		checkChars(f, name, multiLine)
	}
	return f
}

// checkChars refuses the characters of field name that it must not hold.
func checkChars(f *views.Form, name string, multiLine bool) {
	if msg := badChars(f.Get(name), multiLine); msg != "" {
		f.Fail(name, msg)
	}
}

// textarea names a multi-line field for readForm: it alone may hold line
// breaks and tabs.
func textarea(name string) string { return name + textareaMark }

// textareaMark ends the name of a multi-line field given to readForm.
const textareaMark = "\n"

// badChars is the message about what v must not hold, "" when it is fine:
// bytes that are not UTF-8; control characters (NUL among them, which
// PostgreSQL cannot store), line breaks and tabs but in a multi-line field;
// and the invisible characters that override or isolate the direction of
// the text around them (U+202A–U+202E, U+2066–U+2069), with which a name or
// a title can be made to read otherwise than it is written.
func badChars(v string, multiLine bool) string {
	if !utf8.ValidString(v) {
		return "This contains characters that could not be read. Please type it again."
	}
	for _, r := range v {
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			if !multiLine {
				return "This takes a single line: please remove the line break."
			}
		case r == '\t':
			if !multiLine {
				return "This takes a single line: please remove the tab."
			}
		case unicode.IsControl(r):
			return fmt.Sprintf("This contains an invisible control character (U+%04X), which cannot be saved. Please remove it.", r)
		case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
			return fmt.Sprintf("This contains an invisible character that changes the direction of the text (U+%04X). Please remove it.", r)
		}
	}
	return ""
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

// zoneOptions are the time zones offered in forms, made once: pages only
// read them.
var zoneOptions = sync.OnceValue(func() []views.Option {
	opts := make([]views.Option, len(zoneNames))
	for i, z := range zoneNames {
		opts[i] = views.Option{Value: z, Label: strings.ReplaceAll(z, "_", " ")}
	}
	return opts
})

func itoa(n int) string { return strconv.Itoa(n) }
