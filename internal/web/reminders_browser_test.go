package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserReminders: in a real Chromium, a member turns on the check-in
// reminder, saves, makes a calendar feed and copies its address, and a
// calendar app (here, a plain client) reads the feed.
func TestBrowserReminders(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	ctx := b.tab()
	b.signup(ctx, "Robin", fmt.Sprintf("remind-%d@example.com", time.Now().UnixNano()))
	b.do(ctx, "open the settings", chromedp.Navigate(b.base+"/settings"))
	b.do(ctx, "follow the link to reminders", chromedp.Click(chromedp.CSS(`a[href="/settings/reminders"]`)), chromedp.WaitVisible(chromedp.ID("checkin-h")))
	b.expect(ctx, "Email is not set up on this server")
	b.do(ctx, "turn on the check-in reminder",
		chromedp.Click(chromedp.CSS(`input[name="checkin_on"]`)),
		chromedp.SetValue(chromedp.ID("checkin_hour"), "19"),
		chromedp.Click(chromedp.CSS(`input[name="checkin_days"][value="Wed"]`)),
		chromedp.SetValue(chromedp.ID("reflection_day"), "Sun"),
	)
	b.submit(ctx, "save the reminders", `form[action="/settings/reminders"]`)
	b.expect(ctx, "Your reminders are saved.")
	if v, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("checkin_hour"))); err != nil || v != "19" {
		t.Fatalf("check-in hour after saving: %q %v", v, err)
	}
	b.shot(ctx, "reminders")
	b.submit(ctx, "make the calendar feed", `form[action="/settings/calendar"]`)
	b.expect(ctx, "Copy its address now")
	url, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("feed-url")))
	if err != nil || !strings.Contains(url, "/calendar/") {
		t.Fatalf("feed address %q: %v", url, err)
	}
	_, cal := fetchFeed(t, e, strings.TrimPrefix(url, e.srv.URL))
	n := 0
	for _, ev := range feedEvents(t, cal) {
		if strings.HasPrefix(ev.uid, "checkin-") {
			n++
		}
	}
	if n != 6 {
		t.Fatalf("%d check-in events in six weeks, want 6", n)
	}
	b.noConsoleErrors()
}
