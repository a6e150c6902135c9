package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserCounsellorLink: Avery proposes a counsellor link, Blair
// agrees, the counsellor opens it in a browser of their own, both partners
// see the opening, Avery revokes it and the link is gone. Printed, the
// summary shows no navigation, no form and no button.
func TestBrowserCounsellorLink(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	avery, blair := b.tab(), b.tab()
	stamp := time.Now().UnixNano()
	b.signup(avery, "Avery", fmt.Sprintf("avery-%d@example.com", stamp))
	b.do(avery, "name the space", chromedp.SendKeys(chromedp.ID("name"), "Avery & Blair"))
	b.submit(avery, "start the space", `form[action="/space"]`)
	b.submit(avery, "make an invitation", `form[action="/space/invitations"]`)
	invite, err := chromedp.Run(avery, chromedp.Value(chromedp.ID("invite-link")))
	if err != nil {
		t.Fatal(err)
	}
	b.do(blair, "follow the invitation", chromedp.Navigate(invite))
	b.do(blair, "fill in the sign-up form",
		chromedp.SendKeys(chromedp.ID("name"), "Blair"),
		chromedp.SendKeys(chromedp.ID("email"), fmt.Sprintf("blair-%d@example.com", stamp)),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
	)
	b.submit(blair, "sign up", `form[action="/signup"]`)
	b.submit(blair, "join", `form[action^="/join/"]`)

	// Avery proposes.
	b.do(avery, "open the counsellor page", chromedp.Navigate(b.base+"/space/counsellor"))
	b.do(avery, "fill in the link",
		chromedp.SendKeys(chromedp.ID("label"), "Dr Rivera"),
		chromedp.Click(chromedp.CSS(`input[name="shows"][value="promises"]`)),
		chromedp.Click(chromedp.CSS(`input[name="shows"][value="checkins"]`)),
	)
	b.submit(avery, "propose the link", `form[action="/space/counsellor"]`)
	link, err := chromedp.Run(avery, chromedp.Value(chromedp.ID("counsellor-link")))
	if err != nil || !strings.Contains(link, "/c/") {
		t.Fatalf("counsellor link %q: %v", link, err)
	}
	b.expect(avery, "Waiting for Blair to agree")

	// Before Blair agrees, the link shows nothing.
	counsellor := b.tab()
	if r, err := chromedp.RunResponse(counsellor, chromedp.Navigate(link)); err != nil || r.Status != 404 {
		t.Fatalf("the link before Blair agrees: %v %v", r, err)
	}

	// Blair agrees.
	b.do(blair, "open the counsellor page", chromedp.Navigate(b.base+"/space/counsellor"))
	b.expect(blair, "Dr Rivera", "waiting for you to agree")
	b.submit(blair, "agree", `form[action$="/agree"]`)
	b.expect(blair, "You agreed")

	// The counsellor opens it, in a browser context of their own.
	if r, err := chromedp.RunResponse(counsellor, chromedp.Navigate(link)); err != nil || r.Status != 200 {
		t.Fatalf("the counsellor opens the link: %v %v", r, err)
	}
	b.expect(counsellor, "Read-only view for Dr Rivera", "Avery and Blair")
	b.do(counsellor, "open the summary", chromedp.Navigate(link+"/summary"))
	b.expect(counsellor, "Summary: Avery and Blair", "Week by week")
	b.printed(counsellor, "the counsellor's summary")

	// Both see the openings.
	for _, tab := range []context.Context{avery, blair} {
		b.do(tab, "reload the counsellor page", chromedp.Navigate(b.base+"/space/counsellor"))
		b.expect(tab, "Dr Rivera opened the overview", "Dr Rivera opened Summary")
	}

	// The couple's own summary, printed.
	b.do(avery, "open the summary", chromedp.Navigate(b.base+"/summary"))
	b.expect(avery, "Your summary", "Week by week")
	b.printed(avery, "the couple's summary")

	// Avery revokes, alone; the link is gone.
	b.do(avery, "back to the counsellor page", chromedp.Navigate(b.base+"/space/counsellor"))
	b.submit(avery, "revoke", `form[action$="/revoke"]`)
	b.expect(avery, "The link was revoked", "Revoked")
	if r, err := chromedp.RunResponse(counsellor, chromedp.Navigate(link)); err != nil || r.Status != 404 {
		t.Fatalf("the link after Avery revoked it: %v %v", r, err)
	}
	// No check of console errors: the 404s of the link, asked for above,
	// are logged there.
}

// printed emulates print media on the page loaded in ctx and fails if any
// navigation, form, button or footer is visible.
func (b *browser) printed(ctx context.Context, what string) {
	b.t.Helper()
	b.do(ctx, "emulate print", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	visible, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("nav, nav a, form, button, input, select, footer, footer a")]
		.filter(e => e.checkVisibility()).map(e => e.tagName + " " + (e.getAttribute("action") || e.textContent.trim().slice(0, 30)))`))
	if err != nil {
		b.t.Fatalf("%s in print: %v", what, err)
	}
	if len(visible) > 0 {
		b.t.Errorf("%s, printed, shows %v", what, visible)
	}
	tables, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("table").length`))
	if err != nil || tables == 0 {
		b.t.Errorf("%s, printed, has no table (%v)", what, err)
	}
	b.do(ctx, "back to screen", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
		return err
	}))
}
