package views

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

// closeKinds are the ways a promise is closed.
var closeKinds = []Option{{"done", "It's done"}, {"given-up", "I'm giving it up"}}
