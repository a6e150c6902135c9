package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// login logs the browser in through the login form.
func (b *browser) login(ctx context.Context, u *user) {
	b.t.Helper()
	b.do(ctx, "open the login page of "+u.Name,
		chromedp.Navigate(b.base+"/login"),
		chromedp.SendKeys(chromedp.ID("email"), u.Email),
		chromedp.SendKeys(chromedp.ID("password"), u.Password),
	)
	b.submit(ctx, "log in "+u.Name, `form[action="/login"]`)
}

// TestBrowserPromise: in two browsers, Blair sees Avery's new promise; Avery
// records today as kept from the promises page; Blair confirms it; both see
// the rate change.
func TestBrowserPromise(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	a, bl := e.couple("Avery", "Blair")
	avery, blair := b.tab(), b.tab()
	b.login(avery, a)
	b.login(blair, bl)

	const title = "Promise only things that depend on me alone, not on luck or other people"
	b.do(avery, "open the new promise form from a practice", chromedp.Navigate(b.base+"/promises/new?practice=promises-you-can-keep&try=0"))
	if got, err := chromedp.Run(avery, chromedp.Value(chromedp.ID("title"))); err != nil || got != title {
		t.Fatalf("title filled in as %q (%v)", got, err)
	}
	b.shot(avery, "promise-new")
	b.do(avery, "confirm it can be kept", chromedp.Click(chromedp.ID("can_keep")))
	b.submit(avery, "make the promise", `form[action="/promises"]`)
	b.expect(avery, "Your promise is made. Blair can see it now.", title, "Every day from 10 March")
	id := b.location(avery)[strings.LastIndex(b.location(avery), "/")+1:]

	b.do(blair, "open the promises", chromedp.Navigate(b.base+"/promises"))
	b.expect(blair, title, "Due today for Avery", "not recorded yet")

	b.do(avery, "open the promises", chromedp.Navigate(b.base+"/promises"))
	b.do(avery, "write a note", chromedp.SendKeys(chromedp.ID("note-"+id+"-2026-03-10"), "Done before lunch"))
	b.shot(avery, "promises-due")
	b.submit(avery, "record today as kept", "form.record")
	b.expect(avery, "Recorded Tue 10 March as kept.", "0 of 1 kept and confirmed in the last 4 weeks", "1 kept, not yet confirmed")

	b.do(blair, "open the promise", chromedp.Navigate(b.base+"/promises/"+id))
	b.expect(blair, "Done before lunch", "0 of 1 kept and confirmed", "Say thank you")
	b.submit(blair, "confirm it", `form[action$="/confirm"]`)
	b.expect(blair, "Confirmed: you saw it.", "You saw it", "1 of 1 kept and confirmed in the last 4 weeks", "Current run: 1 kept in a row")
	b.shot(blair, "promise-confirmed")

	b.do(avery, "reload the promises", chromedp.Navigate(b.base+"/promises"))
	b.expect(avery, "1 of 1 kept and confirmed in the last 4 weeks", "1 of 1 kept and confirmed since the start")
	b.do(avery, "open the promise", chromedp.Navigate(b.base+"/promises/"+id))
	b.expect(avery, "Blair saw it", "1 of 1 kept and confirmed")
	b.noConsoleErrors()
}

// TestBrowserPromiseFormSchedule: the promise form shows the due date for a
// one-off promise and the weekdays for chosen days, not both.
func TestBrowserPromiseFormSchedule(t *testing.T) {
	e := newEnv(t)
	a, _ := e.couple("Avery", "Blair")
	b := newBrowser(t, e)
	tab := b.tab()
	b.login(tab, a)
	visible := func(sel string) bool {
		v, err := chromedp.Run(tab, chromedp.Evaluate[bool](`(() => { const el = document.querySelector(`+"`"+sel+"`"+`); return !!el && el.getClientRects().length > 0 })()`))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	b.do(tab, "open the form", chromedp.Navigate(b.base+"/promises/new"))
	for _, c := range []struct {
		kind          string
		due, weekdays bool
	}{{"once", true, false}, {"weekdays", false, true}, {"daily", false, false}} {
		b.do(tab, "choose "+c.kind, chromedp.Click(chromedp.CSS(`input[name=kind][value=`+c.kind+`]`)))
		if got := visible(`input[name=due]`); got != c.due {
			t.Errorf("%s: due date shown %v, want %v", c.kind, got, c.due)
		}
		if got := visible(`input[name=weekdays]`); got != c.weekdays {
			t.Errorf("%s: weekdays shown %v, want %v", c.kind, got, c.weekdays)
		}
	}
}
