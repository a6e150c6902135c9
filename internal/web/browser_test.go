package web_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds Chromium. Locally a missing browser skips the browser
// tests with a message; under CI=true it fails them.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium is not installed, and CI=true requires the browser tests: install the Debian package chromium")
	}
	t.Skip("skipping browser test: Chromium not found (install the Debian package chromium to run it)")
	return ""
}

// browser is one headless Chromium for a test; each tab() is a separate
// browser context with its own cookies, like a separate person's browser.
type browser struct {
	t    *testing.T
	base string
	root context.Context
	mu   sync.Mutex
	errs []string
}

// chrome is one Chromium shared by every browser test of the package; each
// test works in browser contexts of its own.
var chrome struct {
	once   sync.Once
	root   context.Context
	cancel func()
	err    error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if chrome.cancel != nil {
		chrome.cancel()
	}
	os.Exit(code)
}

func newBrowser(t *testing.T, e *env) *browser {
	t.Helper()
	path := chromiumPath(t)
	chrome.once.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.WindowSize(390, 844), // a phone
		)
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		root, cancelRoot := chromedp.NewContext(alloc)
		chrome.root, chrome.cancel = root, func() { cancelRoot(); cancelAlloc() }
		chrome.err = chromedp.Do(root)
	})
	if chrome.err != nil {
		t.Fatalf("start Chromium: %v", chrome.err)
	}
	return &browser{t: t, base: e.srv.URL, root: chrome.root}
}

// tab opens a new isolated browser context and records its console errors
// and uncaught exceptions.
func (b *browser) tab() context.Context {
	ctx, cancel := chromedp.NewContext(b.root, chromedp.WithNewBrowserContext())
	b.t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		b.t.Fatal(err)
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				b.mu.Lock()
				b.errs = append(b.errs, string(m.Type)+": "+m.Text)
				b.mu.Unlock()
			}
		}
	}()
	return ctx
}

// noConsoleErrors fails the test if any page logged an error.
func (b *browser) noConsoleErrors() {
	b.t.Helper()
	time.Sleep(100 * time.Millisecond) // let the last events arrive
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.errs) > 0 {
		b.t.Fatalf("console errors: %s", strings.Join(b.errs, "; "))
	}
}

// do runs steps in ctx with a timeout, failing the test on error.
func (b *browser) do(ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		body, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		b.t.Fatalf("%s: %v (at %s)\n%s", what, err, loc, body)
	}
}

// text returns the text of the first element matching the CSS selector.
func (b *browser) text(ctx context.Context, css string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		b.t.Fatalf("read %s: %v", css, err)
	}
	return s
}

// location is the current URL.
func (b *browser) location(ctx context.Context) string {
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	return loc
}

// expect fails unless main contains every string.
func (b *browser) expect(ctx context.Context, parts ...string) {
	b.t.Helper()
	text := b.text(ctx, "main")
	for _, p := range parts {
		if !strings.Contains(text, p) {
			b.t.Fatalf("page %s does not show %q:\n%s", b.location(ctx), p, text)
		}
	}
}

// submit clicks the submit button of the form matching css and waits for the
// next page to load.
func (b *browser) submit(ctx context.Context, what, css string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(css+" button[type=submit]")))); err != nil {
		b.t.Fatalf("%s: %v (at %s)", what, err, b.location(ctx))
	}
}

// signup fills in the sign-up form.
func (b *browser) signup(ctx context.Context, name, email string) {
	b.t.Helper()
	b.do(ctx, "open sign-up "+name,
		chromedp.Navigate(b.base+"/signup"),
		chromedp.SendKeys(chromedp.ID("name"), name),
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
	)
	b.submit(ctx, "sign up "+name, `form[action="/signup"]`)
}

// TestBrowserAccount: a new user signs up, lands on a logged-in page, logs
// out and logs in again, in a real Chromium.
func TestBrowserAccount(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := newBrowser(t, e)
	ctx := b.tab()
	email := fmt.Sprintf("browser-%d@example.com", time.Now().UnixNano())
	b.signup(ctx, "Robin", email)
	b.expect(ctx, "Welcome to Mend, Robin.")
	b.do(ctx, "open the menu", chromedp.Click(chromedp.CSS("details.more summary")))
	b.submit(ctx, "log out", `form[action="/logout"]`)
	b.expect(ctx, "You have logged out.")
	b.do(ctx, "fill in the login form",
		chromedp.SendKeys(chromedp.ID("email"), email),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
	)
	b.submit(ctx, "log in", `form[action="/login"]`)
	nav := b.text(ctx, "nav")
	if !strings.Contains(nav, "Robin") || strings.Contains(nav, "Log in") {
		t.Fatalf("after login the navigation shows %q", nav)
	}
	b.noConsoleErrors()
}

// TestBrowserPairing: in two separate browsers, one person starts a space
// and invites; the other follows the link, signs up and joins; both see
// each other on the space page.
func TestBrowserPairing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := newBrowser(t, e)
	avery, blair := b.tab(), b.tab()
	stamp := time.Now().UnixNano()
	b.signup(avery, "Avery", fmt.Sprintf("avery-%d@example.com", stamp))
	b.expect(avery, "Start a space")
	b.shot(avery, "onboarding")
	b.do(avery, "name the space", chromedp.SendKeys(chromedp.ID("name"), "Avery & Blair"))
	b.submit(avery, "start the space", `form[action="/space"]`)
	b.submit(avery, "make an invitation", `form[action="/space/invitations"]`)
	link, err := chromedp.Run(avery, chromedp.Value(chromedp.ID("invite-link")))
	if err != nil || !strings.Contains(link, "/join/") {
		t.Fatalf("invitation link %q: %v", link, err)
	}

	b.do(blair, "follow the link", chromedp.Navigate(link))
	b.expect(blair, "To accept the invitation")
	b.do(blair, "fill in the sign-up form",
		chromedp.SendKeys(chromedp.ID("name"), "Blair"),
		chromedp.SendKeys(chromedp.ID("email"), fmt.Sprintf("blair-%d@example.com", stamp)),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
	)
	b.submit(blair, "sign up", `form[action="/signup"]`)
	b.expect(blair, "Avery invited you", "Join Avery & Blair")
	b.submit(blair, "join", `form[action^="/join/"]`)
	b.expect(blair, "Welcome to Avery & Blair.", "Avery", "Blair")

	b.do(avery, "reload the space page", chromedp.Navigate(b.base+"/space"))
	b.expect(avery, "Avery", "Blair")
	b.shot(avery, "space")
	b.noConsoleErrors()
}

// shot saves a full-page screenshot to $MEND_SCREENSHOTS/name.png when that
// variable is set, for looking at pages by eye; it asserts nothing.
func (b *browser) shot(ctx context.Context, name string) {
	dir := os.Getenv("MEND_SCREENSHOTS")
	if dir == "" {
		return
	}
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	_ = os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644)
}
