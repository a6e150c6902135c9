package views

import (
	"strings"
	"testing"
)

// TestChoices: a group shown again keeps what was chosen (one radio, or
// several checkboxes), and links its error message to the fieldset.
func TestChoices(t *testing.T) {
	days := []Option{{"Mon", "Monday"}, {"Tue", "Tuesday"}, {"Wed", "Wednesday"}}
	cases := []struct {
		name      string
		g         ChoiceGroup
		values    map[string]string
		errors    map[string]string
		want, not []string
	}{
		{"radio keeps the choice", ChoiceGroup{Name: "d", Legend: "Day", Options: days},
			map[string]string{"d": "Tue"}, nil,
			[]string{`type="radio" name="d" value="Tue" checked`, `<legend>Day</legend>`, `class="choices"`},
			[]string{`value="Mon" checked`, `value="Wed" checked`, "aria-describedby", `class="error"`}},
		{"checkboxes keep every choice", ChoiceGroup{Name: "d", Legend: "Days", Options: days, Multiple: true, Stacked: true},
			map[string]string{"d": "Mon,Wed"}, nil,
			[]string{`type="checkbox" name="d" value="Mon" checked`, `type="checkbox" name="d" value="Wed" checked`, `class="choices stacked"`},
			[]string{`value="Tue" checked`}},
		{"nothing chosen", ChoiceGroup{Name: "d", Legend: "Day", Options: days, HideLegend: true, Class: "days"},
			nil, nil,
			[]string{`<fieldset class="days">`, `<legend class="visually-hidden">Day</legend>`},
			[]string{"checked"}},
		{"an error is linked", ChoiceGroup{Name: "d", Legend: "Day", Options: days},
			map[string]string{"d": "Sun"}, map[string]string{"d": "Please choose a day."},
			[]string{`<fieldset aria-describedby="d-error">`, `<span class="error" id="d-error">Please choose a day.</span>`},
			[]string{"checked"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := NewForm()
			for k, v := range tc.values {
				f.Values[k] = v
			}
			for k, v := range tc.errors {
				f.Errors[k] = v
			}
			html := render(t, Choices(tc.g, f))
			for _, s := range tc.want {
				if !strings.Contains(html, s) {
					t.Errorf("missing %s in %s", s, html)
				}
			}
			for _, s := range tc.not {
				if strings.Contains(html, s) {
					t.Errorf("unexpected %s in %s", s, html)
				}
			}
		})
	}
}

// TestSelectOptions: the select's options are escaped, in order, and the
// one of the form's value is selected, alone.
func TestSelectOptions(t *testing.T) {
	opts := []Option{{`a&b`, `A <b>`}, {`x"y`, `X's`}, {"Europe/Paris", "Europe/Paris"}}
	f := NewForm()
	f.Values["z"] = `x"y`
	html := render(t, Select(Input{Name: "z", Label: "Zone"}, opts, f, nil))
	want := `<option value="a&amp;b">A &lt;b&gt;</option><option value="x&#34;y" selected>X&#39;s</option><option value="Europe/Paris">Europe/Paris</option></select>`
	if !strings.Contains(html, want) {
		t.Errorf("options:\n%s\nwant\n%s", html, want)
	}
	if n := strings.Count(html, "selected"); n != 1 {
		t.Errorf("%d options selected", n)
	}
	if html := render(t, Select(Input{Name: "z", Label: "Zone"}, opts, NewForm(), nil)); strings.Contains(html, "selected") {
		t.Errorf("an option is selected with no value: %s", html)
	}
}
