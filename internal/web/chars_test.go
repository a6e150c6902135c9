package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestFormCharacters: NUL, other control characters and the invisible
// characters that override the direction of text are refused in every form
// field with a message at the field (422, the form shown again; never a 500,
// which a NUL gave on PostgreSQL), and line breaks only in single-line
// fields: a textarea keeps its lines and tabs.
func TestFormCharacters(t *testing.T) {
	e := newEnv(t)
	a, _ := e.couple("Uma", "Teo")
	const (
		nul       = "invisible control character (U+0000)"
		bell      = "invisible control character (U+0007)"
		direction = "changes the direction of the text (U+202E)"
		isolate   = "changes the direction of the text (U+2067)"
		oneLine   = "This takes a single line"
	)
	cases := []struct {
		what string
		c    func() *client
		open string // the page of the form, for its token
		path string
		form url.Values
		want string
	}{
		{"sign-up name with NUL", func() *client { return e.client() }, "/signup", "/signup",
			form("name", "Eve\x00", "email", "eve@example.com", "password", testPassword, "time_zone", "UTC"), nul},
		{"sign-up name reversed", func() *client { return e.client() }, "/signup", "/signup",
			form("name", "Eve \u202egnp.exe", "email", "eve2@example.com", "password", testPassword, "time_zone", "UTC"), direction},
		{"sign-up email with NUL", func() *client { return e.client() }, "/signup", "/signup",
			form("name", "Eve", "email", "eve\x00@example.com", "password", testPassword, "time_zone", "UTC"), nul},
		{"login email with NUL", func() *client { return e.client() }, "/login", "/login",
			form("email", "eve\x00@example.com", "password", testPassword), nul},
		{"space name with NUL", func() *client { return e.signup("Solo").client }, "/onboarding", "/space", form("name", "Ours\x00"), nul},
		{"space name on two lines", func() *client { return e.signup("Solo").client }, "/onboarding", "/space", form("name", "Ours\nand theirs"), oneLine},
		{"profile name isolated", func() *client { return a.client }, "/settings", "/settings",
			form("name", "Uma \u2067x", "email", a.Email, "time_zone", "UTC"), isolate},
		{"promise title with NUL", func() *client { return a.client }, "/promises/new", "/promises",
			form("title", "Call\x00 daily", "kind", "daily", "can_keep", "1"), nul},
		{"promise title with a tab", func() *client { return a.client }, "/promises/new", "/promises",
			form("title", "Call\tdaily", "kind", "daily", "can_keep", "1"), oneLine},
		{"promise details with a bell", func() *client { return a.client }, "/promises/new", "/promises",
			form("title", "Call daily", "details", "Ring\a", "kind", "daily", "can_keep", "1"), bell},
		{"journal title with NUL", func() *client { return a.client }, "/journal/new", "/journal", form("title", "Day\x00", "body", "Fine."), nul},
		{"journal title on two lines", func() *client { return a.client }, "/journal/new", "/journal", form("title", "Day\r\none", "body", "Fine."), oneLine},
		{"journal body with NUL", func() *client { return a.client }, "/journal/new", "/journal", form("title", "Day", "body", "Fine.\x00"), nul},
		{"journal body reversed", func() *client { return a.client }, "/journal/new", "/journal", form("title", "Day", "body", "Fine. \u202e"), direction},
		{"gratitude with NUL", func() *client { return a.client }, "/gratitude", "/gratitude", form("body", "Thank you\x00"), nul},
		{"check-in note with NUL", func() *client { return a.client }, "/checkins", "/checkins", checkinValues("note", "So-so\x00"), nul},
	}
	for _, tc := range cases {
		c := tc.c()
		c.open(tc.open)
		r := c.post(tc.path, tc.form)
		if r.First != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422\n%s", tc.what, r.First, excerpt(r.Body))
			continue
		}
		if !strings.Contains(r.Body, tc.want) {
			t.Errorf("%s: the form does not say %q\n%s", tc.what, tc.want, excerpt(r.Body))
		}
		if !strings.Contains(r.Body, `aria-invalid="true"`) {
			t.Errorf("%s: no field is marked invalid", tc.what)
		}
	}

	// Nor do the search boxes and the addresses that carry words.
	for _, path := range []string{"/journal?q=a%00b", "/guidance?q=a%00b", "/journal?q=%E2%80%AEx", "/join/a%00b", "/guidance/a%00b", "/help/a%00b"} {
		if r := a.get(path); r.Status >= 500 {
			t.Errorf("GET %s: %d", path, r.Status)
		}
	}

	a.open("/journal?q=a%00b").has(t, nul)

	// A textarea keeps its lines and tabs.
	id := a.writeEntry("Two lines", "First line.\r\n\tSecond, indented.")
	a.open("/journal/"+id+"/edit").has(t, "First line.\n\tSecond, indented.")
}
