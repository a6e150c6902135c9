package web_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"mend/internal/seed"
)

// axeScript is the source of axe-core, installed from the npm registry by
// `make axe` (which .ci/run runs) into .cache/axe. Locally a missing copy
// skips the accessibility sweep with a message; under CI=true it fails.
func axeScript(t *testing.T) string {
	t.Helper()
	path := os.Getenv("MEND_AXE_JS")
	if path == "" {
		path = filepath.Join("..", "..", ".cache", "axe", "node_modules", "axe-core", "axe.min.js")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core is not installed (%v), and CI=true requires the accessibility sweep: run make axe", err)
		}
		t.Skipf("skipping the accessibility sweep: axe-core not found at %s (run make axe)", path)
	}
	return string(src)
}

// a11yView is one way a page is looked at: a width and a colour scheme.
type a11yView struct {
	width  int64
	mobile bool
	scheme string
}

var a11yViews = []a11yView{{1280, false, "light"}, {1280, false, "dark"}, {360, true, "light"}, {360, true, "dark"}}

// axeRun runs axe-core on the page with the WCAG 2.2 A and AA rules and
// returns one line per violation.
const axeRun = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]}, resultTypes: ["violations"]})
  .then(r => r.violations.map(v => v.id + ": " + v.nodes.slice(0, 4).map(n => n.target.join(" ") + " (" + (n.failureSummary || "").replace(/\s+/g, " ").slice(0, 160) + ")").join("; ")))`

// audit looks at the page loaded in ctx in every view, runs axe-core on it,
// and returns the violations found, each prefixed with the page and view.
func (b *browser) audit(ctx context.Context, name, axe string) []string {
	b.t.Helper()
	var out []string
	for _, v := range a11yViews {
		err := chromedp.Do(ctx,
			chromedp.EmulateViewport(v.width, 800, func(p1 *emulation.SetDeviceMetricsOverrideParams, p2 *emulation.SetTouchEmulationEnabledParams) {
				p1.Mobile = v.mobile
			}),
			chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
				_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: v.scheme}}})
				return err
			}),
		)
		if err != nil {
			b.t.Fatalf("emulate %v: %v", v, err)
		}
		loaded, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof axe === "object"`))
		if !loaded {
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
				b.t.Fatalf("load axe-core into %s: %v", name, err)
			}
		}
		actx, cancel := context.WithTimeout(ctx, 30*time.Second)
		found, err := chromedp.Run(actx, chromedp.Evaluate[[]string](axeRun, chromedp.EvalAwaitPromise))
		cancel()
		if err != nil {
			b.t.Fatalf("run axe-core on %s: %v", name, err)
		}
		b.shot(ctx, fmt.Sprintf("a11y-%s-%d-%s", strings.NewReplacer("/", "_", " ", "_", "?", "_", "&", "_", "=", "_").Replace(name), v.width, v.scheme))
		for _, f := range found {
			out = append(out, fmt.Sprintf("%s [%d px, %s]: %s", name, v.width, v.scheme, f))
		}
	}
	return out
}

var idInPath = regexp.MustCompile(`/[a-km-np-z2-9]{16}(/|$)`)

// pagesOf crawls the site as c from the start pages and returns one path
// per kind of page, sorted. A kind is the path with ids and practice slugs
// replaced by placeholders and the query reduced to its keys; fragments and
// downloads are left out.
func pagesOf(c *client, start ...string) []string {
	kinds := map[string]string{}
	for p := range c.crawl(start...) {
		if strings.HasPrefix(p, "/export") || strings.HasPrefix(p, "/static/") || strings.Contains(p, "#") {
			continue
		}
		path, query, _ := strings.Cut(p, "?")
		k := idInPath.ReplaceAllString(path, "/:id$1")
		k = slugInPath.ReplaceAllString(k, "/guidance/:slug")
		if vals, err := url.ParseQuery(query); err == nil && len(vals) > 0 {
			keys := make([]string, 0, len(vals))
			for key := range vals {
				keys = append(keys, key)
			}
			sort.Strings(keys)
			k += "?" + strings.Join(keys, "&")
		}
		if prev, ok := kinds[k]; !ok || p < prev {
			kinds[k] = p
		}
	}
	var out []string
	for _, p := range kinds {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

var slugInPath = regexp.MustCompile(`^/guidance/[a-z0-9-]+$`)

// TestBrowserAccessibility: every kind of page a couple with two months of
// history can reach, and every page a visitor can, passes axe-core's WCAG 2.2
// A and AA rules at 1280 px and 360 px, in light and dark.
func TestBrowserAccessibility(t *testing.T) {
	if os.Getenv("MEND_TEST_POSTGRES") != "" {
		// What a page looks like does not depend on the database: the sweep
		// runs once, on SQLite, and keeps the PostgreSQL run short.
		t.Skip("the accessibility sweep runs on SQLite only")
	}
	e := newEnv(t)
	b := newBrowser(t, e)
	axe := axeScript(t)
	logins, _, err := seed.Demo(ctx(), e.db, seed.DemoOptions{Names: [2]string{"Sam", "Alex"},
		Passwords: [2]string{"demo passphrase one", "demo passphrase two"}, Days: 60, Seed: 7, Today: e.clock.Now()})
	if err != nil {
		t.Fatal(err)
	}
	var violations []string
	pages := 0
	visit := func(tab context.Context, who, path string) {
		b.do(tab, who+" opens "+path, chromedp.Navigate(b.base+path))
		start := time.Now()
		violations = append(violations, b.audit(tab, who+" "+path, axe)...)
		if testing.Verbose() {
			t.Logf("%s %s: %v", who, path, time.Since(start))
		}
		pages++
	}

	anon := e.client()
	visitor := b.tab()
	for _, p := range append(pagesOf(anon, "/", "/login", "/signup", "/safety", "/guidance"), "/no-such-page") {
		visit(visitor, "visitor", p)
	}
	// A newcomer's first pages: onboarding, and a space with nobody invited yet.
	newcomer := e.signup("Robin")
	nt := b.tab()
	b.login(nt, newcomer)
	visit(nt, "newcomer", "/onboarding")
	newcomer.createSpace("Robin's space")
	link := newcomer.invite()
	visit(nt, "newcomer", "/space")
	visit(b.tab(), "invited visitor", link)

	var corrected string // a promise page with a corrected day, for both partners
	if len(logins) > 0 {
		corrected = correctOne(t, e, logins[0].Email, logins[0].Password)
	}
	for _, l := range logins {
		c := e.client()
		if r := c.login(l.Email, l.Password); r.First != 303 {
			t.Fatalf("%s logs in: %d", l.Name, r.First)
		}
		tab := b.tab()
		b.login(tab, &user{Name: l.Name, Email: l.Email, Password: l.Password})
		crawled := pagesOf(c, "/")
		for _, p := range crawled {
			visit(tab, l.Name, p)
		}
		if !slices.Contains(crawled, "/promises/ended") { // linked once promises were closed long ago
			visit(tab, l.Name, "/promises/ended")
		}
		if corrected != "" {
			visit(tab, l.Name, corrected)
		}
	}
	// A counsellor's pages of the couple's link.
	if len(logins) == 2 {
		sam := &user{Name: logins[0].Name, Email: logins[0].Email, Password: logins[0].Password}
		alex := &user{Name: logins[1].Name, Email: logins[1].Email, Password: logins[1].Password}
		token, _ := makeLink(t, e, sam, alex, "Dr Lane")
		guest := b.tab()
		for _, sub := range guestRoutes {
			visit(guest, "counsellor", "/c/"+token+sub)
		}
		// A private intention's page, with the form that shares it.
		sam.client = e.client()
		sam.login(sam.Email, sam.Password)
		id := sam.makePromise("A walk alone each morning", "private", "1")
		tab := b.tab()
		b.login(tab, sam)
		visit(tab, sam.Name, "/promises/"+id)
	}
	t.Logf("accessibility sweep: %d pages, each in %d views", pages, len(a11yViews))
	if len(violations) > 0 {
		t.Fatalf("%d accessibility violations:\n%s", len(violations), strings.Join(violations, "\n"))
	}
}

// correctOne corrects one of the member's recent records that their partner
// reviewed, so that the sweep meets a ledger day with its history; it
// returns the promise's page.
func correctOne(t *testing.T, e *env, email, password string) string {
	t.Helper()
	var entry struct{ ID, PromiseID, Outcome string }
	e.db.Raw(`SELECT le.id, le.promise_id, le.outcome FROM ledger_entries le JOIN ledger_reviews r ON r.entry_id = le.id
		JOIN users u ON u.id = le.author_id JOIN promises p ON p.id = le.promise_id
		WHERE u.email = ? AND le.date >= ? AND p.closed_at IS NULL ORDER BY le.date DESC LIMIT 1`,
		email, e.clock.Now().AddDate(0, 0, -7).Format("2006-01-02")).Scan(&entry)
	if entry.ID == "" {
		t.Fatal("the demo has no recent reviewed record to correct")
	}
	outcome := "missed"
	if entry.Outcome == "missed" {
		outcome = "kept"
	}
	c := &user{Email: email, Password: password, client: e.client()}
	c.login(email, password)
	if r := c.post("/ledger/"+entry.ID+"/change", form("rev", "0", "outcome", outcome, "note", "Put right")); r.First != 303 {
		t.Fatalf("correcting a demo record: %d\n%s", r.First, excerpt(r.Body))
	}
	return "/promises/" + entry.PromiseID
}
