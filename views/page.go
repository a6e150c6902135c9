// Package views holds Mend's templ components. They take plain view structs
// and never import store code; what every page needs (the viewer, flashes,
// the CSRF token, the CSP nonce) travels in the context as a Page.
package views

import (
	"context"
	"slices"
	"strings"
)

// Viewer is the logged-in user as the layout needs them.
type Viewer struct {
	Name     string
	HasSpace bool
	Waiting  int // things waiting for the member's action
}

// Page is the per-request data of the layout.
type Page struct {
	Title   string
	Path    string
	Nonce   string
	Viewer  *Viewer // nil for visitors
	Flashes []string
	CSRF    func() string // creates the form session on first use
}

type pageKey struct{}

// WithPage returns ctx carrying p.
func WithPage(ctx context.Context, p *Page) context.Context {
	return context.WithValue(ctx, pageKey{}, p)
}

// PageOf returns the Page in ctx (an empty one when there is none).
func PageOf(ctx context.Context) *Page {
	if p, ok := ctx.Value(pageKey{}).(*Page); ok {
		return p
	}
	return &Page{}
}

// CSRFToken is the token every form posts back.
func CSRFToken(ctx context.Context) string {
	if p := PageOf(ctx); p.CSRF != nil {
		return p.CSRF()
	}
	return ""
}

// current says whether the nav link href is the current section.
func current(ctx context.Context, href string) string {
	path := PageOf(ctx).Path
	if path == href || (href != "/" && strings.HasPrefix(path, href+"/")) {
		return "page"
	}
	return "false"
}

// Form carries what a user typed and the messages about it, so that a form
// shown again after a mistake keeps every character.
type Form struct {
	Values  map[string]string
	Errors  map[string]string
	Message string // about the form as a whole
}

// NewForm returns an empty Form.
func NewForm() *Form { return &Form{Values: map[string]string{}, Errors: map[string]string{}} }

// Get returns the value of field name.
func (f *Form) Get(name string) string {
	if f == nil {
		return ""
	}
	return f.Values[name]
}

// Err returns the message about field name.
func (f *Form) Err(name string) string {
	if f == nil {
		return ""
	}
	return f.Errors[name]
}

// Fail records a message about field name.
func (f *Form) Fail(name, msg string) {
	if _, dup := f.Errors[name]; !dup {
		f.Errors[name] = msg
	}
}

// Valid reports whether no field failed.
func (f *Form) Valid() bool { return len(f.Errors) == 0 && f.Message == "" }

// chose reports whether value is chosen in field name, which holds the
// values of a group of checkboxes joined by commas.
func (f *Form) chose(name, value string) bool {
	return slices.Contains(strings.Split(f.Get(name), ","), value)
}

// inputType is the type of the inputs of g.
func (g ChoiceGroup) inputType() string {
	if g.Multiple {
		return "checkbox"
	}
	return "radio"
}

// invalid is the value of aria-invalid for field name.
func (f *Form) invalid(name string) string {
	if f.Err(name) != "" {
		return "true"
	}
	return "false"
}

// describedBy links a field to its hint and error message.
func describedBy(name string, hint bool, f *Form) string {
	var ids []string
	if hint {
		ids = append(ids, name+"-hint")
	}
	if f.Err(name) != "" {
		ids = append(ids, name+"-error")
	}
	return strings.Join(ids, " ")
}
