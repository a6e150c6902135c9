package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserDashboard: a couple with a few days behind them; Avery logs
// in, sees the charts drawn, opens one as a table, records today's promise
// from the dashboard and comes back to it, then opens the timeline; no
// console errors. Screenshots at phone width, light and dark.
func TestBrowserDashboard(t *testing.T) {
	e := newEnv(t)
	a, bl := e.couple("Avery", "Blair")
	p := a.makePromise("Call at lunch")
	bp := bl.makePromise("Walk after dinner")
	for i, safe := range []string{"4", "6", "8", "6"} {
		if i > 0 {
			e.later(24*time.Hour, a, bl)
		}
		day := e.clock.Now().Format("2006-01-02")
		a.checkin("safe", safe, "trust", "5", "connected", "6")
		bl.checkin("safe", "5", "trust", safe, "connected", "7", "mood", "tender")
		bl.record(bp, day, "kept")
		if i < 3 {
			a.record(p, day, []string{"kept", "kept", "missed"}[i])
		}
	}
	for _, id := range entries(t, bl.open("/promises/"+p)) {
		bl.post("/ledger/"+id+"/confirm", nil)
	}
	bl.sendNote("Thank you for calling every day")
	e.clock.Advance(time.Minute)

	b := newBrowser(t, e)
	avery := b.tab()
	b.do(avery, "take a small phone's width", chromedp.EmulateViewport(360, 740))
	b.login(avery, a)
	b.expect(avery, "Hello, Avery", "Since your last visit", "Blair thanked you", "A practice for this week", "How it's going")
	b.do(avery, "see the charts drawn", chromedp.WaitVisible(chromedp.CSS(`figure[aria-labelledby="feel-you-title"] svg`)),
		chromedp.WaitVisible(chromedp.CSS(`figure[aria-labelledby="kept-partner-title"] svg`)),
		chromedp.WaitVisible(chromedp.CSS(`figure[aria-labelledby="thanks-title"] svg`)))
	n, err := chromedp.Run(avery, chromedp.Evaluate[int](`document.querySelectorAll("figure.chart svg").length`))
	if err != nil || n != 5 {
		t.Fatalf("%d charts drawn (%v), want 5: Avery's and Blair's feelings and promises, and thanks", n, err)
	}
	width, err := chromedp.Run(avery, chromedp.Evaluate[float64](`document.querySelector("figure.chart svg").getBoundingClientRect().width`))
	if err != nil || width < 250 || width > 360 {
		t.Fatalf("a chart is %.0f px wide on a phone (%v)", width, err)
	}
	scroll, err := chromedp.Run(avery, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
	if err != nil || scroll > 0 {
		t.Fatalf("the page scrolls sideways by %d px on a phone (%v)", scroll, err)
	}
	b.shot(avery, "dashboard")
	b.do(avery, "show a chart as a table", chromedp.Click(chromedp.CSS(`figure[aria-labelledby="feel-you-title"] details summary`)),
		chromedp.WaitVisible(chromedp.CSS(`figure[aria-labelledby="feel-you-title"] details table`)))
	if table := b.text(avery, `figure[aria-labelledby="feel-you-title"] details table`); !strings.Contains(table, "9 Mar") || !strings.Contains(table, "6.0") {
		t.Fatalf("the table of Avery's feelings reads:\n%s", table)
	}

	b.do(avery, "write a note for today", chromedp.SendKeys(chromedp.ID("note-"+p+"-2026-03-13"), "Called from the station"))
	b.submit(avery, "record today from the dashboard", "#today-h ~ ul form.record")
	if loc := b.location(avery); !strings.HasSuffix(loc, "/") {
		t.Fatalf("after recording, the browser is at %s", loc)
	}
	b.expect(avery, "Recorded Fri 13 March as kept.", "You checked in today.")

	if _, err := chromedp.Call(avery, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}); err != nil {
		t.Fatal(err)
	}
	b.shot(avery, "dashboard-dark")
	b.do(avery, "open the timeline", chromedp.Navigate(b.base+"/timeline"))
	b.expect(avery, "Timeline", "Blair thanked you", "You recorded Call at lunch, Fri 13 March")
	b.shot(avery, "timeline-dark")
	b.noConsoleErrors()
}

// TestBrowserWaiting: in two browsers, Avery records two days; Blair sees
// them waiting on the dashboard, with the count in the header, confirms
// both at once with "I saw these", and nothing waits any more.
func TestBrowserWaiting(t *testing.T) {
	e := newEnv(t)
	a, u := e.couple("Avery", "Blair")
	id := a.makePromise("Text when plans change", "start", "2026-03-10")
	e.clock.Advance(24 * time.Hour)
	a.record(id, "2026-03-10", "kept", "note", "Texted at noon")
	b := newBrowser(t, e)
	tab := b.tab()
	b.login(tab, u)
	b.do(tab, "open the dashboard", chromedp.Navigate(b.base+"/"))
	if got := b.text(tab, "header .badge"); !strings.HasPrefix(got, "1") {
		t.Fatalf("header count %q, want 1", got)
	}
	b.expect(tab, "Waiting for you", "Avery's records to confirm", "Text when plans change", "Texted at noon")
	b.submit(tab, "I saw these", `form[action="/waiting/confirm"]`)
	b.expect(tab, "Confirmed: you saw 1 day.", "Nothing is waiting for you right now.")
	if n, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("header .badge").length`)); err != nil || n != 0 {
		t.Fatalf("header count still shown (%d, %v)", n, err)
	}
	b.noConsoleErrors()
}
