package web_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"
)

// TestBrowserTwoStep: in a real Chromium the QR code shows (the page's
// Content-Security-Policy lets its data: image through), a code from its key
// turns two-step login on, and the next login asks for a code.
func TestBrowserTwoStep(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	ctx := b.tab()
	email := fmt.Sprintf("twostep-%d@example.com", time.Now().UnixNano())
	b.signup(ctx, "Robin", email)
	b.do(ctx, "open two-step login", chromedp.Navigate(b.base+"/settings/two-step"))
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelector('img[alt^="QR code"]').naturalWidth`))
	if err != nil || width != 200 {
		t.Fatalf("the QR code did not load: width %d, %v", width, err)
	}
	secret := b.text(ctx, "#totp-secret")
	code, _ := totp.GenerateCode(secret, e.clock.Now())
	b.do(ctx, "enter the first code", chromedp.SendKeys(chromedp.ID("code"), code))
	b.submit(ctx, "turn on two-step login", `form[action="/settings/two-step"]`)
	b.expect(ctx, "Two-step login is on", "recovery codes")

	b.do(ctx, "open the menu", chromedp.Click(chromedp.CSS("details.more summary")))
	b.submit(ctx, "log out", `form[action="/logout"]`)
	b.do(ctx, "fill in the login form",
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
	)
	b.submit(ctx, "log in", `form[action="/login"]`)
	b.expect(ctx, "Enter your code")
	e.clock.Advance(30 * time.Second)
	code, _ = totp.GenerateCode(secret, e.clock.Now())
	b.do(ctx, "enter a code", chromedp.SendKeys(chromedp.ID("code"), code))
	b.submit(ctx, "send the code", `form[action="/login/code"]`)
	b.expect(ctx, "Welcome")
	b.noConsoleErrors()
}
