package web_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusJS describes the focused element and whether its focus is visible:
// an outline of at least 2 px on it, or, for an input drawn by its label
// (a visually hidden radio), on the element drawn in its place.
const focusJS = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {sel: "", visible: false};
  const shown = (e) => { const s = getComputedStyle(e); return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2; };
  let visible = shown(el);
  if (!visible && el.nextElementSibling && getComputedStyle(el).opacity === "0") visible = shown(el.nextElementSibling);
  const sel = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.name ? "[name=" + el.name + "]" : "") +
    (el.getAttribute("href") ? "[href=" + el.getAttribute("href") + "]" : "") + (el.type === "submit" ? "[submit]" : "");
  return {sel: sel, visible: visible};
})()`

type focused struct {
	Sel     string `json:"sel"`
	Visible bool   `json:"visible"`
}

// keys presses keys in the tab.
func (b *browser) keys(ctx context.Context, what string, keys ...string) {
	b.t.Helper()
	for _, k := range keys {
		b.do(ctx, what, chromedp.KeyEvent(k))
	}
}

// tabTo presses Tab until the element matching css has the focus, checking
// that every element the focus passes shows it; at most 40 presses.
func (b *browser) tabTo(ctx context.Context, css string) {
	b.t.Helper()
	for i := 0; i < 40; i++ {
		b.keys(ctx, "Tab towards "+css, kb.Tab)
		f, err := chromedp.Run(ctx, chromedp.Evaluate[focused](focusJS))
		if err != nil {
			b.t.Fatal(err)
		}
		if f.Sel != "" && !f.Visible {
			dbg, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const e = document.activeElement; const s = getComputedStyle(e); return s.outlineStyle + "|" + s.outlineWidth + "|" + e.matches(":focus") + "|" + e.matches(":focus-visible") + "|" + s.opacity })()`))
			b.t.Log(dbg)
			b.t.Fatalf("the focus on %s is not visible (at %s)", f.Sel, b.location(ctx))
		}
		on, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`document.activeElement && document.activeElement.matches(%q)`, css)))
		if err != nil {
			b.t.Fatal(err)
		}
		if on {
			return
		}
	}
	b.t.Fatalf("Tab never reached %s on %s", css, b.location(ctx))
}

// pressAndLoad presses key on the focused element and waits for the page it loads.
func (b *browser) pressAndLoad(ctx context.Context, what, key string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(key))); err != nil {
		b.t.Fatalf("%s: %v (at %s)", what, err, b.location(ctx))
	}
}

// TestBrowserKeyboardOnly: someone who uses only the keyboard signs up,
// starts a space, makes a promise and records it as kept, with Tab, Enter,
// Space and the arrows, and sees where the focus is at every step.
func TestBrowserKeyboardOnly(t *testing.T) {
	e := newEnv(t)
	b := newBrowser(t, e)
	tab := b.tab()
	b.do(tab, "open the sign-up page", chromedp.Navigate(b.base+"/signup"))
	b.tabTo(tab, "#name")
	b.keys(tab, "type the name", "Kim")
	b.tabTo(tab, "#email")
	b.keys(tab, "type the email", fmt.Sprintf("kim-%d@example.com", time.Now().UnixNano()))
	b.tabTo(tab, "#password")
	b.keys(tab, "type the password", testPassword)
	b.tabTo(tab, `form[action="/signup"] button[type=submit]`)
	b.pressAndLoad(tab, "sign up", kb.Enter)
	b.expect(tab, "Welcome to Mend, Kim.")

	b.tabTo(tab, `form[action="/space"] #name`)
	b.keys(tab, "name the space", "Kim and Lee")
	b.tabTo(tab, `form[action="/space"] button[type=submit]`)
	b.pressAndLoad(tab, "start the space", kb.Enter)

	b.tabTo(tab, `header a[href="/promises"]`)
	b.pressAndLoad(tab, "open the promises", kb.Enter)
	b.tabTo(tab, `main a[href="/promises/new"]`)
	b.pressAndLoad(tab, "open the promise form", kb.Enter)
	b.tabTo(tab, "#title")
	b.keys(tab, "type the promise", "Text when my plans change")
	b.tabTo(tab, `input[name=kind]`)
	// The arrows move the choice within the group: on to "Every day".
	for i := 0; ; i++ {
		daily, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.activeElement.value === "daily" && document.activeElement.checked`))
		if err != nil {
			t.Fatal(err)
		}
		if daily {
			break
		}
		if i == 3 {
			t.Fatal("the arrows did not reach Every day")
		}
		b.keys(tab, "move to the next schedule", kb.ArrowDown)
	}
	b.tabTo(tab, "#can_keep")
	b.keys(tab, "say it can be kept", " ")
	b.tabTo(tab, `form[action="/promises"] button[type=submit]`)
	b.pressAndLoad(tab, "make the promise", kb.Enter)
	b.expect(tab, "Text when my plans change")

	b.tabTo(tab, `form[action$="/record"] button[value=kept]`)
	b.pressAndLoad(tab, "record today as kept", kb.Enter)
	b.expect(tab, "as kept")
	b.noConsoleErrors()
}
