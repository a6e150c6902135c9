package views

import (
	"context"
	"io"

	"github.com/a-h/templ"
)

// The elements a page repeats most (a select's options, a chart's bars and
// dots) are written in Go rather than by a loop of the template, whose { }
// runs fmt.Sprint over every string it writes: for the 600 time zones of
// the settings page that was two thirds of rendering the select, and the
// charts were three quarters of rendering the dashboard. They write the
// same bytes, escaped by templ.EscapeString as a { } would be.

// elements is a component writing, in order, the strings each gives put.
func elements(each func(put func(...string))) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		var err error
		each(func(parts ...string) {
			for _, p := range parts {
				if err == nil {
					_, err = io.WriteString(w, p)
				}
			}
		})
		return err
	})
}

// optionElements are Select's <option> elements: one for each of opts,
// the one whose value is selected marked so.
func optionElements(opts []Option, selected string) templ.Component {
	return elements(func(put func(...string)) {
		for _, o := range opts {
			sel := `"`
			if o.Value == selected {
				sel = `" selected`
			}
			put(`<option value="`, templ.EscapeString(o.Value), sel, ">", templ.EscapeString(o.Label), "</option>")
		}
	})
}

// barElements are BarChartView's bars.
func barElements(bars []bar) templ.Component {
	return elements(func(put func(...string)) {
		for _, b := range bars {
			put(`<rect class="`, templ.EscapeString("bar "+b.Class), `" x="`, templ.EscapeString(b.X), `" y="`, templ.EscapeString(b.Y),
				`" width="`, templ.EscapeString(b.W), `" height="`, templ.EscapeString(b.H), `"><title>`, templ.EscapeString(b.Title), "</title></rect>")
		}
	})
}

// dotElements are LineChartView's dots of a series.
func dotElements(points []point) templ.Component {
	return elements(func(put func(...string)) {
		for _, p := range points {
			put(`<circle cx="`, templ.EscapeString(p.X), `" cy="`, templ.EscapeString(p.Y), `" r="3"></circle>`)
		}
	})
}
