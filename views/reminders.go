package views

// RemindersView is the reminder settings page.
type RemindersView struct {
	Form     *Form
	Hours    []Option
	Days     []Option // weekdays, for the reflection day, with "none"
	MailOn   bool     // the server can send mail
	Email    string   // the member's address
	Verified bool     // and it is verified
	Feed     *FeedView
}

// FeedView is the member's calendar feed as settings list it.
type FeedView struct {
	Created string
	URL     string // the secret URL, only on the one page view after it was made
}

// HourOptions are the hours of a day, as a select offers them.
func HourOptions() []Option {
	out := make([]Option, 24)
	for h := range 24 {
		out[h] = Option{Value: itoa(h), Label: twoDigits(h) + ":00"}
	}
	return out
}

// ReflectionDayOptions are the days a weekly reflection can fall on.
func ReflectionDayOptions() []Option {
	return append([]Option{{Value: "", Label: "No reflection day"}}, weekdayOptions...)
}

// WeekdayOptions are the days of the week, Monday first.
func WeekdayOptions() []Option { return weekdayOptions }

func twoDigits(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}
