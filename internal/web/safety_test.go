package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mend/internal/config"
)

// TestSafetyPage: the safety page speaks to both partners about suicide and
// self-harm, safety planning, technology abuse and when trust work is not the
// right step; lists crisis lines as tel: links with their sources and the
// date they were checked; and has a quick exit, as has the leave page.
func TestSafetyPage(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	r := c.open("/safety")
	r.contains(t, "If you are thinking about suicide or self-harm", "also to the one who betrayed",
		"Planning for safety around disclosure and separation", "Stalkerware", "Location sharing", "Shared accounts",
		"Violence or fear", "Coercive control", "An affair that is still going on", "Untreated addiction", "A partner who has decided to leave",
		`<a href="tel:988">988</a>`, `<a href="tel:116123">116 123</a>`, `<a href="tel:+18007997233">1-800-799-7233</a>`,
		`<a href="tel:131114">13 11 14</a>`, "Checked on 1 December 2026 against", "https://www.samaritans.org/how-we-can-help/contact-samaritan/",
		`data-quick-exit`, `href="https://www.bbc.com/weather"`, "Leave this page now")
	// Every tel: link dials digits only, and every line names its source.
	for _, part := range strings.Split(r.Body, `href="tel:`)[1:] {
		num := part[:strings.Index(part, `"`)]
		if strings.Trim(num, "+0123456789") != "" {
			t.Errorf("tel:%s is not a number to dial", num)
		}
	}
	if n, m := strings.Count(r.Body, `href="tel:`), strings.Count(r.Body, `<span class="source">http`); n != m || n < 5 {
		t.Errorf("%d crisis numbers, %d sources", n, m)
	}
	// Nothing about local services when the operator has listed none.
	r.lacks(t, "Help near you")

	a, _ := e.couple("Ana", "Ben")
	a.open("/space/leave").contains(t, `data-quick-exit`, `href="https://www.bbc.com/weather"`, "Leave this page now")
}

// TestSafetyLocalHelp: the operator's file of local services in the data
// directory is shown at the top of the safety page, as text, with phone
// numbers as tel: links.
func TestSafetyLocalHelp(t *testing.T) {
	dir := t.TempDir()
	file := "Springfield Women's Refuge: 0555 123 456 (day and night)\n\n<script>alert(1)</script> Drop-in centre, 12 Elm Street\n"
	if err := os.WriteFile(filepath.Join(dir, "local-help.txt"), []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, func(c *config.Config) { c.DataDir = dir })
	r := e.client().open("/safety")
	r.contains(t, "Help near you", "Springfield Women&#39;s Refuge: ", `<a href="tel:0555123456">0555 123 456</a>`, " (day and night)",
		"&lt;script&gt;alert(1)&lt;/script&gt; Drop-in centre, 12 Elm Street")
	r.lacks(t, "<script>alert(1)")
	if i, j := strings.Index(r.Body, "Help near you"), strings.Index(r.Body, "Crisis lines"); i < 0 || j < i {
		t.Error("local services are not shown above the crisis lines")
	}
}

// TestBrowserQuickExit: in Chromium, the quick exit leaves the safety page
// at once and replaces it in the history (the history does not grow), so
// Back does not return to it.
// The test points the button at a page of the test server, to stay local.
func TestBrowserQuickExit(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	ctx := b.tab()
	eval := func(what, js string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](js))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return v
	}
	b.do(ctx, "open the guidance first", chromedp.Navigate(b.base+"/guidance"))
	b.do(ctx, "open the safety page", chromedp.Navigate(b.base+"/safety"))
	b.expect(ctx, "Leave this page now")
	before := eval("count the history", `history.length`)
	eval("point the exit at a local page", `document.querySelector("a[data-quick-exit]").href = location.origin + "/healthz"; true`)
	b.do(ctx, "leave", chromedp.Click(chromedp.CSS(`a[data-quick-exit]`)))
	b.do(ctx, "wait for the neutral page", chromedp.WaitReady(chromedp.CSS(`body`)))
	for i := 0; i < 50 && eval("where are we", `location.pathname`) != "/healthz"; i++ {
		b.do(ctx, "wait", chromedp.WaitReady(chromedp.CSS(`body`)))
	}
	if loc := eval("where are we", `location.pathname`); loc != "/healthz" {
		t.Fatalf("the quick exit led to %v", loc)
	}
	if after := eval("count the history again", `history.length`); after != before {
		t.Errorf("history grew from %v to %v: the safety page is still in it", before, after)
	}
}
