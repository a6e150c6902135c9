package web

import (
	"time"

	ics "github.com/arran4/golang-ical"

	"mend/internal/progress"
	"mend/internal/store"
)

// feedDays is how far ahead a calendar feed reaches, today included.
const feedDays = 6 * 7

// Neutral words of the feed: a calendar provider reads everything in it.
const (
	feedPromiseTitle    = "Mend: a promise is due"
	feedCheckinTitle    = "Mend: time to check in"
	feedReflectionTitle = "Mend: your weekly reflection"
)

// feedInput is everything a member's feed is built from: their own
// promises' plans and titles (titles used only if they opted in), and their
// reminder settings. No note, check-in or entry is ever passed in.
type feedInput struct {
	UserID   string
	Zone     *time.Location
	Now      time.Time
	BaseURL  string
	Settings store.ReminderSettings
	Promises []feedPromise
}

// feedPromise is one of the member's own open promises.
type feedPromise struct {
	ID      string
	Plan    progress.Plan
	TitleOn func(progress.Date) string // the title in force on a day
	Stamp   time.Time                  // when its terms last changed: the events' DTSTAMP
}

// buildFeed writes the feed as RFC 5545 text (CRLF lines folded at 75
// octets, by golang-ical). Promise and reflection days are all-day DATE
// events; check-ins are UTC times computed day by day in the member's zone,
// so a daylight-saving change moves none of them. UIDs are derived from
// what an event is and its day, so they are the same on every request.
func buildFeed(in feedInput) string {
	cal := ics.NewCalendarFor("Mend")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName("Mend")
	cal.SetRefreshInterval("PT6H")
	cal.SetXPublishedTTL("PT6H")
	today := progress.Today(in.Now, in.Zone)
	last := today.AddDays(feedDays - 1)
	set := in.Settings
	alarmHour := 9
	if set.SummaryOn {
		alarmHour = set.SummaryHour
	}
	allDay := func(uid string, d progress.Date, title, path string, stamp time.Time) {
		ev := cal.AddEvent(uid + "-" + d.String() + "@mend")
		ev.SetDtStampTime(stamp)
		ev.SetAllDayStartAt(d.Time(time.UTC))
		ev.SetAllDayEndAt(d.AddDays(1).Time(time.UTC))
		ev.SetSummary(title)
		ev.SetDescription("Open Mend: " + in.BaseURL + path)
		ev.SetTimeTransparency(ics.TransparencyTransparent)
		ev.SetClass(ics.ClassificationPrivate)
		al := ev.AddAlarm()
		al.SetAction(ics.ActionDisplay)
		al.SetDescription(title)
		al.SetTrigger("PT" + itoa(alarmHour) + "H") // that hour of the (floating) day
	}
	for _, p := range in.Promises {
		for _, d := range p.Plan.Occurrences(today, last) {
			title := feedPromiseTitle
			if set.FeedTitles && p.TitleOn != nil {
				// A private intention's title is sealed, and a feed has no key.
				if t := p.TitleOn(d); t != "" && t != store.LockedText {
					title = "Mend: " + t
				}
			}
			allDay("promise-"+p.ID, d, title, "/promises/"+p.ID, p.Stamp)
		}
	}
	stamp := set.UpdatedAt
	if stamp.IsZero() {
		stamp = time.Unix(0, 0)
	}
	if set.ReflectionDay >= 0 {
		for d := today; d <= last; d = d.AddDays(1) {
			if d.Weekday() == time.Weekday(set.ReflectionDay) {
				allDay("reflection-"+in.UserID, d, feedReflectionTitle, "/reflections/new", stamp)
			}
		}
	}
	if set.CheckinOn {
		days := progress.Weekdays(set.CheckinDays)
		for d := today; d <= last; d = d.AddDays(1) {
			if !days.Has(d.Weekday()) {
				continue
			}
			y, m, dd := d.Civil()
			start := time.Date(y, m, dd, set.CheckinHour, 0, 0, 0, in.Zone)
			ev := cal.AddEvent("checkin-" + in.UserID + "-" + d.String() + "@mend")
			ev.SetDtStampTime(stamp)
			ev.SetStartAt(start)
			ev.SetEndAt(start.Add(15 * time.Minute))
			ev.SetSummary(feedCheckinTitle)
			ev.SetDescription("Check in: " + in.BaseURL + "/checkins")
			ev.SetTimeTransparency(ics.TransparencyTransparent)
			ev.SetClass(ics.ClassificationPrivate)
			al := ev.AddAlarm()
			al.SetAction(ics.ActionDisplay)
			al.SetDescription(feedCheckinTitle)
			al.SetTrigger("PT0M")
		}
	}
	return cal.Serialize(ics.WithNewLine("\r\n"))
}
