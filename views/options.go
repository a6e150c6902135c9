package views

import (
	"context"
	"io"

	"github.com/a-h/templ"
)

// optionElements writes Select's <option> elements: one for each of opts,
// the one whose value is selected marked so, its value and label escaped
// by templ.EscapeString as a { } of the template would be. It is Go rather
// than a loop of the template because templ runs fmt.Sprint over every
// string it writes: for the 600 time zones of the settings and sign-up
// pages that was two thirds of rendering the select.
func optionElements(opts []Option, selected string) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		for _, o := range opts {
			parts := [...]string{`<option value="`, templ.EscapeString(o.Value), `"`, ">", templ.EscapeString(o.Label), "</option>"}
			if o.Value == selected {
				parts[2] = `" selected`
			}
			for _, p := range parts {
				if _, err := io.WriteString(w, p); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
