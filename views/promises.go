package views

import "strings"

// kindOptions are the kinds of schedule a promise can have.
var kindOptions = []Option{
	{Value: "once", Label: "Once, on a date"},
	{Value: "daily", Label: "Every day"},
	{Value: "weekdays", Label: "On chosen days of the week"},
}

// weekdayOptions are the days of the week, Monday first, as the form posts them.
var weekdayOptions = []Option{
	{Value: "Mon", Label: "Monday"}, {Value: "Tue", Label: "Tuesday"}, {Value: "Wed", Label: "Wednesday"},
	{Value: "Thu", Label: "Thursday"}, {Value: "Fri", Label: "Friday"}, {Value: "Sat", Label: "Saturday"},
	{Value: "Sun", Label: "Sunday"},
}

// hasWeekday reports whether the form's weekdays ("Mon,Wed") hold day.
func hasWeekday(f *Form, day string) bool {
	return strings.Contains(","+f.Get("weekdays")+",", ","+day+",")
}

// outcomeClass is the tag style of an outcome.
func outcomeClass(outcome string) string {
	switch outcome {
	case "kept":
		return "accent"
	case "missed", "not recorded":
		return "warm"
	}
	return ""
}
