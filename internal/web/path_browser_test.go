package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserPathAndIntention: in two browsers, Avery proposes a stage on
// the path page and Blair agrees; then Avery turns a thing to try of a
// practice for the hurt partner into a private intention, which Blair's
// promises page never shows.
func TestBrowserPathAndIntention(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	a, bl := e.couple("Avery", "Blair")
	avery, blair := b.tab(), b.tab()
	b.login(avery, a)
	b.login(blair, bl)

	b.do(avery, "open the path", chromedp.Navigate(b.base+"/path"))
	b.expect(avery, "Your path", "Safety and deciding", "where you are")
	b.do(avery, "choose the first weeks", chromedp.Click(chromedp.CSS(`input[name="stage"][value="1"]`)))
	b.submit(avery, "propose the stage", `form[action="/path/stage"]`)
	b.expect(avery, "Proposed. It changes once your partner agrees.", "Withdraw my proposal")
	b.shot(avery, "path-proposed")

	b.do(blair, "open the path", chromedp.Navigate(b.base+"/path"))
	b.expect(blair, "Avery proposes moving to “The first weeks after discovery”")
	b.submit(blair, "agree", `form[action^="/path/stage/"]`)
	b.expect(blair, "Agreed: your stage has changed.", "Now: The first weeks after discovery",
		"For the partner who broke trust", "The first days after your affair came out", "The first days after you found out",
		"Avery proposed moving to “The first weeks after discovery”; you agreed.")
	b.shot(blair, "path")

	b.do(avery, "make a promise from a practice for the hurt partner",
		chromedp.Navigate(b.base+"/promises/new?practice=first-days-hurt&try=1"))
	ticked, err := chromedp.Run(avery, chromedp.Evaluate[bool](`document.getElementById("private").checked`))
	if err != nil || !ticked {
		t.Fatalf("the private intention box is not ticked by default (%v)", err)
	}
	title, err := chromedp.Run(avery, chromedp.Value(chromedp.ID("title")))
	if err != nil || title == "" {
		t.Fatalf("title not filled in: %q (%v)", title, err)
	}
	b.do(avery, "confirm it can be kept", chromedp.Click(chromedp.ID("can_keep")))
	b.submit(avery, "make the intention", `form[action="/promises"]`)
	b.expect(avery, "Your private intention is made. Only you can see it.", "private intention")

	b.do(blair, "open the promises", chromedp.Navigate(b.base+"/promises"))
	if text := b.text(blair, "main"); strings.Contains(text, title) {
		t.Errorf("Blair's promises page shows Avery's private intention %q", title)
	}
	b.do(blair, "open the home page", chromedp.Navigate(b.base+"/"))
	if text := b.text(blair, "main"); strings.Contains(text, title) {
		t.Errorf("Blair's home page shows Avery's private intention %q", title)
	}
	b.noConsoleErrors()
}
