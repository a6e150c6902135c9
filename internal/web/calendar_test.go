package web_test

import (
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"
)

var feedURLRe = regexp.MustCompile(`value="https?://[^"]+(/calendar/[A-Za-z0-9_-]{22}\.ics)"`)

// makeFeed makes (or rotates) u's calendar feed and returns its path, read
// from the one page view that shows it.
func (u *user) makeFeed() string {
	u.t.Helper()
	u.open("/settings/reminders")
	r := u.post("/settings/calendar", nil)
	m := feedURLRe.FindStringSubmatch(r.Body)
	if r.First != http.StatusSeeOther || m == nil {
		u.t.Fatalf("%s makes a feed: %d\n%s", u.Name, r.First, excerpt(r.Body))
	}
	if again := u.open("/settings/reminders"); feedURLRe.MatchString(again.Body) {
		u.t.Fatal("the feed's address is shown a second time")
	}
	return m[1]
}

// fetchFeed gets the feed anonymously, as a calendar app does, checks its
// headers and its RFC 5545 form, and parses it with go-ical.
func fetchFeed(t *testing.T, e *env, path string) (string, *ical.Calendar) {
	t.Helper()
	r := e.client().get(path)
	if r.Status != http.StatusOK {
		t.Fatalf("GET %s: %d", path, r.Status)
	}
	for k, want := range map[string]string{"Content-Type": "text/calendar", "Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer"} {
		if !strings.Contains(r.Header.Get(k), want) {
			t.Errorf("%s: %q, want %q", k, r.Header.Get(k), want)
		}
	}
	if r.Header.Get("Set-Cookie") != "" {
		t.Error("the feed sets a cookie")
	}
	if !strings.HasSuffix(r.Body, "\r\n") {
		t.Error("the feed does not end with CRLF")
	}
	for i, line := range strings.Split(strings.TrimSuffix(r.Body, "\r\n"), "\r\n") {
		if strings.Contains(line, "\n") {
			t.Fatalf("line %d ends with a bare LF", i+1)
		}
		if len(line) > 75 {
			t.Errorf("line %d has %d octets, more than 75: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, line)
		}
	}
	cal, err := ical.NewDecoder(strings.NewReader(r.Body)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot parse the feed: %v\n%s", err, r.Body)
	}
	return r.Body, cal
}

type feedEvent struct {
	uid, summary, start string
	alarms              int
}

func feedEvents(t *testing.T, cal *ical.Calendar) map[string]feedEvent {
	t.Helper()
	out := map[string]feedEvent{}
	for _, ev := range cal.Events() {
		uid := ev.Props.Get(ical.PropUID)
		stamp := ev.Props.Get(ical.PropDateTimeStamp)
		start := ev.Props.Get(ical.PropDateTimeStart)
		if uid == nil || stamp == nil || start == nil {
			t.Fatalf("an event lacks UID, DTSTAMP or DTSTART: %v", ev.Props)
		}
		if !strings.HasSuffix(stamp.Value, "Z") {
			t.Errorf("DTSTAMP %q is not UTC", stamp.Value)
		}
		summary, err := ev.Props.Text(ical.PropSummary)
		if err != nil {
			t.Fatal(err)
		}
		fe := feedEvent{uid: uid.Value, summary: summary, start: start.Value}
		if start.Params.Get(ical.ParamValue) == "DATE" {
			fe.start = "DATE:" + start.Value
		}
		for _, ch := range ev.Children {
			if ch.Name == ical.CompAlarm {
				fe.alarms++
				if ch.Props.Get(ical.PropAction) == nil || ch.Props.Get(ical.PropTrigger) == nil || ch.Props.Get(ical.PropDescription) == nil {
					t.Errorf("alarm of %s lacks ACTION, TRIGGER or DESCRIPTION", uid.Value)
				}
			}
		}
		if _, dup := out[fe.uid]; dup {
			t.Fatalf("UID %s twice", fe.uid)
		}
		out[fe.uid] = fe
	}
	return out
}

// TestCalendarFeed: a member's feed holds their own promise occurrences
// (pauses and end dates respected), their check-in and reflection days,
// each with an alarm, under neutral titles; it parses as iCalendar, keeps
// its UIDs across requests, never carries private text or the partner's
// promises, and answers 404 once rotated or revoked.
func TestCalendarFeed(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	const marker = "FEEDMARKER"
	// Today is Tuesday 10 March 2026 in Berlin; summer time begins on 29 March.
	daily := a.makePromise("Walk after dinner "+marker+"-TITLE", "details", marker+" details")
	weekly := a.makePromise("Call on Fridays", "kind", "weekdays", "weekdays", "Fri", "end", "2026-03-27")
	paused := a.makePromise("Paused promise")
	a.open("/promises/" + paused)
	a.post("/promises/"+paused+"/pause", form("pause_note", marker+" pause"))
	b.makePromise("Ben's own promise " + marker)
	a.record(daily, "2026-03-10", "kept", "note", marker+" ledger")
	for _, seed := range privateSeeds {
		seed(t, a.client, marker)
	}
	a.sendNote(marker + " thanks")

	a.open("/settings/reminders")
	a.post("/settings/reminders", form("checkin_on", "1", "checkin_hour", "20", "checkin_days", "Mon", "checkin_days", "Thu",
		"reflection_day", "Sun", "summary_hour", "8", "quiet_from", "22", "quiet_to", "7"))
	feed := a.makeFeed()
	body, cal := fetchFeed(t, e, feed)
	if strings.Contains(body, marker) {
		t.Fatalf("the feed carries private or partner text:\n%s", body)
	}
	evs := feedEvents(t, cal)
	count := map[string]int{}
	var checkins []string
	for _, ev := range evs {
		if ev.alarms != 1 {
			t.Errorf("%s has %d alarms", ev.uid, ev.alarms)
		}
		switch {
		case strings.HasPrefix(ev.uid, "promise-"+daily):
			count["daily"]++
		case strings.HasPrefix(ev.uid, "promise-"+weekly):
			count["weekly"]++
		case strings.HasPrefix(ev.uid, "promise-"):
			t.Errorf("unexpected promise event %s", ev.uid)
		case strings.HasPrefix(ev.uid, "reflection-"):
			count["reflection"]++
		case strings.HasPrefix(ev.uid, "checkin-"):
			checkins = append(checkins, ev.start)
		}
		if strings.HasPrefix(ev.uid, "promise-") && ev.summary != "Mend: a promise is due" {
			t.Errorf("promise title %q is not neutral", ev.summary)
		}
	}
	// 42 days from 10 March: the daily promise every day, the weekly one on
	// the three Fridays before its end, the paused one never; six Sundays.
	if count["daily"] != 42 || count["weekly"] != 3 || count["reflection"] != 6 {
		t.Errorf("events: %v, want 42 daily, 3 weekly, 6 reflection", count)
	}
	sort.Strings(checkins)
	// 20:00 in Berlin is 19:00 UTC before 29 March and 18:00 UTC after.
	if len(checkins) != 12 || checkins[0] != "20260312T190000Z" || checkins[len(checkins)-1] != "20260420T180000Z" || !contains(checkins, "20260326T190000Z") || !contains(checkins, "20260330T180000Z") {
		t.Errorf("check-in times: %v", checkins)
	}
	if ev := evs["promise-"+daily+"-2026-03-10@mend"]; ev.start != "DATE:20260310" {
		t.Errorf("today's occurrence: %+v", ev)
	}

	// The same feed an hour later: the same UIDs.
	e.clock.Advance(time.Hour)
	_, cal2 := fetchFeed(t, e, feed)
	evs2 := feedEvents(t, cal2)
	if len(evs2) != len(evs) {
		t.Fatalf("%d events, then %d", len(evs), len(evs2))
	}
	for uid := range evs {
		if _, ok := evs2[uid]; !ok {
			t.Errorf("UID %s is gone on the second request", uid)
		}
	}

	// Opted in: the member's own titles, folded at 75 octets without
	// splitting a character, escaped, and read back whole.
	long := "Jeden Abend gemeinsam spazieren gehen, über die Brücke; danach Tee trinken – ohne Telefon, versprochen"
	own := a.makePromise(long)
	a.open("/settings/reminders")
	a.post("/settings/reminders", form("feed_titles", "1", "summary_hour", "8", "checkin_hour", "20", "quiet_from", "22", "quiet_to", "7"))
	body, cal = fetchFeed(t, e, feed)
	found := false
	for _, ev := range feedEvents(t, cal) {
		if strings.HasPrefix(ev.uid, "promise-"+own) {
			found = true
			if ev.summary != "Mend: "+long {
				t.Errorf("title read back as %q", ev.summary)
			}
		}
		if strings.HasPrefix(ev.uid, "checkin-") || strings.HasPrefix(ev.uid, "reflection-") {
			t.Errorf("%s after the check-in reminder and reflection day were turned off", ev.uid)
		}
	}
	if !found || !strings.Contains(body, `über die Brücke\;`) {
		t.Errorf("the long title is missing or not escaped:\n%s", body)
	}
	if strings.Contains(body, marker+" details") || strings.Contains(body, "Ben's own") {
		t.Error("details or the partner's promise in the feed")
	}

	// Rotated: the old address is gone; revoked: the new one too.
	fresh := a.makeFeed()
	if r := e.client().get(feed); r.Status != http.StatusNotFound || strings.Contains(r.Body, "BEGIN:VCALENDAR") {
		t.Errorf("rotated feed: %d", r.Status)
	}
	fetchFeed(t, e, fresh)
	a.open("/settings/reminders")
	a.post("/settings/calendar/revoke", nil)
	for _, p := range []string{fresh, "/calendar/" + strings.Repeat("x", 22) + ".ics", strings.TrimSuffix(fresh, ".ics")} {
		if r := e.client().get(p); r.Status != http.StatusNotFound {
			t.Errorf("%s after revoking: %d", p, r.Status)
		}
	}
	if strings.Contains(e.logs.String(), strings.TrimSuffix(strings.TrimPrefix(fresh, "/calendar/"), ".ics")) {
		t.Error("a feed token is in the log")
	}
}

// TestReminderSettings: everything is off at first; the settings are saved
// and shown again; wrong values are refused with the form kept.
func TestReminderSettings(t *testing.T) {
	e := newEnv(t)
	a := e.signup("Ana")
	r := a.open("/settings/reminders")
	r.contains(t, "Email is not set up on this server", "You have no calendar feed")
	if strings.Contains(r.Body, "checked") {
		t.Fatal("a reminder is on by default")
	}
	r = a.post("/settings/reminders", form("summary_on", "1", "summary_hour", "7", "checkin_on", "1", "checkin_hour", "21",
		"checkin_days", "Tue", "checkin_days", "Sat", "reflection_day", "Sun", "quiet_on", "1", "quiet_from", "23", "quiet_to", "6", "email_on", "1"))
	if r.First != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", r.First, excerpt(r.Body))
	}
	r.contains(t, "Your reminders are saved", "none will be sent", `value="7" selected`, `value="21" selected`, `value="Tue" checked`, `value="Sat" checked`, `value="Sun" selected`)
	r.lacks(t, `value="Mon" checked`)
	bad := a.post("/settings/reminders", form("checkin_on", "1", "checkin_hour", "25", "summary_hour", "8", "quiet_from", "22", "quiet_to", "7"))
	if bad.Status != http.StatusUnprocessableEntity {
		t.Fatalf("bad form: %d", bad.Status)
	}
	bad.contains(t, "Please choose an hour", "at least one day")
	// Nothing changed.
	a.open("/settings/reminders").contains(t, `value="21" selected`)
}
