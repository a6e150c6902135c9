package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"mend/content"
	"mend/internal/guidance"
)

// Practices the fixture bookmarks, and the notes it writes on them.
const (
	averyPrivateSlug = "genuine-apology"
	averyPrivateNote = "AVERY-PRIVATE-BOOKMARK-91c2"
	averySharedSlug  = "stop-lying"
	averySharedNote  = "AVERY-SHARED-BOOKMARK-4d7e"
	finleySharedSlug = "give-it-time"
	finleySharedNote = "FINLEY-SHARED-BOOKMARK-0b5a"
)

func init() {
	fixtureBeforeLeaving = append(fixtureBeforeLeaving, func(t *testing.T, fx *fixture) {
		f := fx.users[formerF]
		saveBookmark(t, f.client, finleySharedSlug, finleySharedNote, true)
		fx.ids["bookmark:finley-shared"] = bookmarkID(t, f.client, finleySharedSlug)
	})
	fixtureItems = append(fixtureItems, func(t *testing.T, fx *fixture) {
		a := fx.users[memberA]
		saveBookmark(t, a.client, averyPrivateSlug, averyPrivateNote, false)
		fx.ids["bookmark:avery-private"] = bookmarkID(t, a.client, averyPrivateSlug)
		saveBookmark(t, a.client, averySharedSlug, averySharedNote, true)
		fx.ids["bookmark:avery-shared"] = bookmarkID(t, a.client, averySharedSlug)
	})
	privateSeeds = append(privateSeeds, func(t *testing.T, c *client, marker string) {
		saveBookmark(t, c, "respect", "A private note: "+marker, false)
	})
}

// saveBookmark bookmarks the practice slug as c, through the practice page's form.
func saveBookmark(t *testing.T, c *client, slug, note string, shared bool) {
	t.Helper()
	c.open("/guidance/" + slug)
	vis := "0"
	if shared {
		vis = "1"
	}
	if r := c.post("/guidance/"+slug+"/bookmark", form("note", note, "shared", vis)); r.First != http.StatusSeeOther {
		t.Fatalf("bookmark %s: %d\n%s", slug, r.First, excerpt(r.Body))
	}
}

var bookmarkFormRe = regexp.MustCompile(`action="/bookmarks/([a-z0-9]{16})"`)

// bookmarkID is the id of c's own bookmark on the practice slug, read from
// the edit form on the practice page.
func bookmarkID(t *testing.T, c *client, slug string) string {
	t.Helper()
	m := bookmarkFormRe.FindStringSubmatch(c.open("/guidance/" + slug).Body)
	if m == nil {
		t.Fatalf("no bookmark of %s on its page", slug)
	}
	return m[1]
}

func guidanceMatrix() map[string]matrixRoute {
	item := func(what, suffix string) func(*fixture) string {
		return func(fx *fixture) string { return "/bookmarks/" + fx.ids["bookmark:"+what] + suffix }
	}
	return map[string]matrixRoute{
		"GET /guidance":       {want: everyone(okPage)},
		"GET /guidance/:slug": {path: fixed("/guidance/" + averyPrivateSlug), want: everyone(okPage)},
		"POST /guidance/:slug/bookmark": {mutates: true, path: fixed("/guidance/shared-rituals/bookmark"),
			form: values("note", "Every Sunday", "shared", "0"), want: members(to("/guidance/shared-rituals"))},
		"GET /bookmarks": {want: members(okPage)},
		// Avery's private bookmark: only Avery may change it; the partner
		// gets the same 404 as a stranger.
		"POST /bookmarks/:id": {mutates: true, path: item("avery-private", ""),
			form: values("note", "changed", "shared", "0"), want: inS1(to("/bookmarks"), notFound)},
		"POST /bookmarks/:id/delete": {mutates: true, path: item("avery-private", "/delete"),
			want: inS1(to("/bookmarks"), notFound)},
		"GET /help/:page": {path: fixed("/help/therapy"), want: everyone(okPage)},
	}
}

func guidanceUnsafeCases() map[string]unsafeCase {
	withBookmark := func(suffix string, kv ...string) unsafeCase {
		return func(t *testing.T, e *env) (*client, string, url.Values) {
			u := e.signup("Saver")
			u.createSpace("Saver's")
			saveBookmark(t, u.client, "respect", "mine", false)
			return u.client, "/bookmarks/" + bookmarkID(t, u.client, "respect") + suffix, form(kv...)
		}
	}
	return map[string]unsafeCase{
		"POST /guidance/:slug/bookmark": func(t *testing.T, e *env) (*client, string, url.Values) {
			u := e.signup("Saver")
			u.createSpace("Saver's")
			u.open("/guidance/respect")
			return u.client, "/guidance/respect/bookmark", form("note", "n", "shared", "0")
		},
		"POST /bookmarks/:id":        withBookmark("", "note", "edited", "shared", "1"),
		"POST /bookmarks/:id/delete": withBookmark("/delete"),
	}
}

func library(t *testing.T) *guidance.Library {
	t.Helper()
	lib, err := guidance.Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// listed reports whether a page lists the practice slug.
func listed(body, slug string) bool { return strings.Contains(body, `href="/guidance/`+slug+`"`) }

// TestGuidanceList: every practice under its theme's heading, in order; the
// audience filter, chosen or defaulting to the member's role.
func TestGuidanceList(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	lib := library(t)
	visitor := e.client()
	r := visitor.open("/guidance")
	if r.Status != http.StatusOK {
		t.Fatalf("guidance: %d", r.Status)
	}
	groups := lib.Groups("")
	for i, g := range groups {
		start := strings.Index(r.Body, `id="theme-`+g.Key+`">`+g.Title+`</h2>`)
		if start < 0 {
			t.Fatalf("no heading for theme %s", g.Title)
		}
		end := len(r.Body)
		if i+1 < len(groups) {
			end = strings.Index(r.Body, `id="theme-`+groups[i+1].Key+`"`)
		}
		if end < start {
			t.Fatalf("theme %s is not before %s", g.Title, groups[i+1].Title)
		}
		for _, p := range g.Practices {
			if !listed(r.Body[start:end], p.Slug) {
				t.Errorf("%s is not listed under %s", p.Slug, g.Title)
			}
			if !strings.Contains(r.Body[start:end], html.EscapeString(p.Summary)) {
				t.Errorf("the summary of %s is not listed", p.Slug)
			}
		}
	}
	r.contains(t, `aria-current="true">Everything<`, "Showing all 60 practices", "For the partner who broke trust", "For both of you")

	// Filtered: a practice is listed exactly when it is for that audience.
	check := func(r *resp, label string, want func(p *guidance.Practice) bool) {
		t.Helper()
		r.contains(t, `aria-current="true">`+label+`<`)
		for _, p := range lib.Practices() {
			if got := listed(r.Body, p.Slug); got != want(p) {
				t.Errorf("%s: %s (%s) listed %v, want %v", r.URL, p.Slug, p.Audience, got, want(p))
			}
		}
	}
	is := func(audiences ...string) func(p *guidance.Practice) bool {
		return func(p *guidance.Practice) bool {
			for _, a := range audiences {
				if p.Audience == a {
					return true
				}
			}
			return false
		}
	}
	all := func(*guidance.Practice) bool { return true }
	check(visitor.open("/guidance?for=hurt"), "If you were hurt", is("hurt", "both"))
	check(visitor.open("/guidance?for=broke"), "If you broke trust", is("broke", "both"))
	check(visitor.open("/guidance?for=both"), "For you both", is("both"))
	check(visitor.open("/guidance?for=all"), "Everything", all)
	check(visitor.open("/guidance?for=villains"), "Everything", all)

	// A member's default is the role they gave on their space page.
	a, b := e.couple("Ana", "Ben")
	check(a.open("/guidance"), "Everything", all)
	a.post("/space/role", form("role", "hurt"))
	r = a.open("/guidance")
	check(r, "If you were hurt", is("hurt", "both"))
	r.contains(t, "Chosen from how you said you come to this")
	check(a.open("/guidance?for=all"), "Everything", all) // the reader's choice wins
	b.post("/space/role", form("role", "broke", "shared", "1"))
	check(b.open("/guidance"), "If you broke trust", is("broke", "both"))
	// "It's been on both sides": the practices of either side apply.
	b.post("/space/role", form("role", "both"))
	r = b.open("/guidance")
	check(r, "Everything", all)
	r.contains(t, "both sides")
}

var firstResultRe = regexp.MustCompile(`href="/guidance/([a-z0-9-]+)"`)

// topResult is the slug of the first search result on a page.
func topResult(t *testing.T, r *resp) string {
	t.Helper()
	i := strings.Index(r.Body, `class="plain results`)
	if i < 0 {
		t.Fatalf("%s: no results\n%s", r.URL, excerpt(r.Body))
	}
	m := firstResultRe.FindStringSubmatch(r.Body[i:])
	if m == nil {
		t.Fatalf("%s: no result links", r.URL)
	}
	return m[1]
}

// TestGuidanceSearch: what a reader types finds what they look for, from the
// search box (a plain GET form).
func TestGuidanceSearch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	page := c.open("/guidance")
	page.contains(t, `<form class="search-box" method="get" action="/guidance"`, `name="q"`)
	for q, want := range map[string]string{
		"apology":     "genuine-apology",
		"apologizing": "genuine-apology", // a word form the text does not use
		"small lies":  "stop-lying",      // two words
		"coffee walk": "shared-rituals",
		"affair":      "end-the-affair",
	} {
		r := c.open("/guidance?q=" + url.QueryEscape(q))
		if got := topResult(t, r); got != want {
			t.Errorf("search %q: first result %s, want %s", q, got, want)
		}
		r.contains(t, "Results for “"+q+"”", "Clear the search")
		r.lacks(t, `id="theme-honesty"`) // results, not the whole library
	}
	r := c.open("/guidance?q=apologizing")
	r.contains(t, "Say sorry so it lands, and again when it hurts", "Owning what happened", "An apology that helps names exactly what you did")

	r = c.open("/guidance?q=zzzqx")
	r.contains(t, "Nothing in the guidance matches “zzzqx”", `<a href="/guidance">Clear the search and see every practice</a>`)
	r.lacks(t, `class="plain results`)
	r = c.open("/guidance?for=hurt&q=zzzqx")
	r.contains(t, `<a href="/guidance?for=hurt">Clear the search`)

	// What was typed is shown as text, never as markup.
	r = c.open("/guidance?q=" + url.QueryEscape(`<img src=x onerror=alert(1)> lies`))
	r.lacks(t, "<img src=x")
	r.contains(t, "&lt;img src=x")
	if topResult(t, r) != "stop-lying" {
		t.Error("a query with markup in it does not search its words")
	}
}

// TestPracticePage: the practice with its links to make a promise or write
// about it (members only), sources, related practices; unknown slugs 404.
func TestPracticePage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	lib := library(t)
	p, _ := lib.Practice("genuine-apology")
	a, _ := e.couple("Ana", "Ben")
	r := a.open("/guidance/genuine-apology")
	if r.Status != http.StatusOK {
		t.Fatalf("practice: %d", r.Status)
	}
	r.contains(t, "<h1>Say sorry so it lands, and again when it hurts</h1>", html.EscapeString(p.Summary), "Owning what happened",
		"For the partner who broke trust", "What goes in", "Things to try", "Questions to reflect on")
	// Each link follows the item it belongs to, with its index.
	inOrder := func(items []string, link string) {
		t.Helper()
		at := 0
		for i, text := range items {
			ti := strings.Index(r.Body[at:], html.EscapeString(text))
			if ti < 0 {
				t.Fatalf("item %d %q is missing or out of order", i, text)
			}
			at += ti
			href := `href="` + link + itoa(int64(i)) + `"`
			li := strings.Index(r.Body[at:], href)
			if li < 0 {
				t.Fatalf("no %s", href)
			}
			if i+1 < len(items) && li > strings.Index(r.Body[at:], html.EscapeString(items[i+1])) {
				t.Fatalf("%s is not next to item %d", href, i)
			}
			at += li
		}
		r.lacks(t, `href="`+link+itoa(int64(len(items)))+`"`)
	}
	inOrder(p.Try, "/promises/new?practice=genuine-apology&amp;try=")
	inOrder(p.Reflect, "/journal/new?practice=genuine-apology&amp;prompt=")
	r.contains(t, "Make this a promise", "Write about this")
	for _, s := range lib.Sources(p) {
		r.contains(t, html.EscapeString(s.Title))
	}
	related := lib.Related(p, 4)
	if len(related) == 0 {
		t.Fatal("no related practices to check")
	}
	for _, q := range related {
		r.contains(t, `href="/guidance/`+q.Slug+`"`)
	}
	r.contains(t, "Save this practice", `action="/guidance/genuine-apology/bookmark"`)

	// Visitors and users without a space read it all, without the links
	// that need a space, and are told where bookmarks live.
	visitor := e.client()
	r = visitor.open("/guidance/genuine-apology")
	r.contains(t, "What goes in", html.EscapeString(p.Try[0]), `href="/login?next=%2Fguidance%2Fgenuine-apology">Log in</a> to save this practice`)
	r.lacks(t, "/promises/new", "/journal/new", "/bookmark\"")
	loner := e.signup("Lone")
	r = loner.open("/guidance/genuine-apology")
	r.contains(t, "What goes in", `<a href="/onboarding">Start or join a space</a>`)
	r.lacks(t, "/promises/new", "/journal/new", "/bookmark\"")

	for _, path := range []string{"/guidance/nope", "/guidance/GENUINE-APOLOGY", "/guidance/genuine-apology.md", "/guidance/..%2fsafety"} {
		if r := visitor.get(path); r.Status != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, r.Status)
		}
	}
	if r := a.post("/guidance/nope/bookmark", form("note", "x")); r.Status != http.StatusNotFound {
		t.Errorf("bookmark an unknown practice: %d, want 404", r.Status)
	}
}

func countBookmarks(e *env, where string, args ...any) int64 {
	var n int64
	e.db.Raw("SELECT COUNT(*) FROM bookmarks WHERE "+where, args...).Scan(&n)
	return n
}

// TestBookmarks: save, save again, edit, share, remove; the partner never
// sees a private note; notes over 2,000 characters are refused, kept in the form.
func TestBookmarks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	const slug, page = "genuine-apology", "/guidance/genuine-apology"
	const private = "PRIVATE-THOUGHT-5e1 <b>not bold</b>"
	a.open("/bookmarks").contains(t, "You haven't saved any practices yet", `<a href="/guidance">Browse the guidance</a>`)

	a.open(page)
	r := a.post(page+"/bookmark", form("note", private, "shared", "0"))
	if r.First != http.StatusSeeOther || r.URL != page {
		t.Fatalf("save: %d, landed on %s", r.First, r.URL)
	}
	r.contains(t, "Saved to your bookmarks. Only you can see it.", "Your bookmark", "Only you", html.EscapeString(private), "In your bookmarks")
	r.lacks(t, "<b>not bold</b>")
	id := bookmarkID(t, a.client, slug)
	mine := a.open("/bookmarks")
	mine.contains(t, html.EscapeString(private), `href="/guidance/genuine-apology">Say sorry so it lands, and again when it hurts</a>`, "Only you", "Saved on Tue 10 March 2026")

	// The partner sees nothing of it, anywhere.
	for _, path := range []string{"/bookmarks", page, "/guidance", "/guidance?q=apology", "/guidance?q=PRIVATE"} {
		r := b.open(path)
		r.lacks(t, "PRIVATE-THOUGHT", "Ana</strong> saved this", id)
	}
	b.open(page).contains(t, "Save this practice") // Ben has his own form

	// Saving again keeps one bookmark and replaces its note.
	a.open(page)
	a.post(page+"/bookmark", form("note", "Second thoughts", "shared", "0"))
	if n := countBookmarks(e, "slug = ?", slug); n != 1 {
		t.Fatalf("saving twice made %d bookmarks", n)
	}
	a.open("/bookmarks").contains(t, "Second thoughts")
	a.open("/bookmarks").lacks(t, "PRIVATE-THOUGHT")

	// Share it, editing from the practice page: back there, and Ben sees it.
	r = a.post("/bookmarks/"+id, form("note", "Read this with me\nplease", "shared", "1", "next", page))
	if r.URL != page {
		t.Fatalf("edit from the practice page landed on %s", r.URL)
	}
	r.contains(t, "Your bookmark is saved. It is shared with your partner.", "Shared with Ben", "Read this with me\nplease")
	b.open(page).contains(t, "<strong>Ana</strong> saved this:", "Read this with me\nplease")
	theirs := b.open("/bookmarks")
	theirs.contains(t, "Shared with you", "Ana saved this on", "Read this with me\nplease", `href="/guidance/genuine-apology"`)
	theirs.lacks(t, `action="/bookmarks/`+id+`"`) // read only for Ben

	// Ben cannot change or remove it: 404, and nothing changes.
	if r := b.post("/bookmarks/"+id, form("note", "Ben was here", "shared", "1")); r.Status != http.StatusNotFound {
		t.Fatalf("partner edits: %d, want 404", r.Status)
	}
	if r := b.post("/bookmarks/"+id+"/delete", nil); r.Status != http.StatusNotFound {
		t.Fatalf("partner removes: %d, want 404", r.Status)
	}
	a.open("/bookmarks").contains(t, "Read this with me")

	// Private again: gone from Ben's pages.
	a.post("/bookmarks/"+id, form("note", "Just mine again", "shared", "0"))
	b.open(page).lacks(t, "Just mine again", "Ana</strong> saved this")
	b.open("/bookmarks").lacks(t, "Just mine again")

	// Too long: refused, with every character kept, wherever it was typed.
	long := strings.Repeat("é", 2001)
	r = a.post("/guidance/respect/bookmark", form("note", long, "shared", "1"))
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("long note: %d, want 422", r.Status)
	}
	r.contains(t, long, "at most 2000 characters, this has 2001", `aria-invalid="true"`, `name="shared" value="1" checked`)
	if n := countBookmarks(e, "slug = ?", "respect"); n != 0 {
		t.Fatal("a refused bookmark was saved")
	}
	r = a.post("/bookmarks/"+id, form("note", long, "shared", "0"))
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("long edit: %d, want 422", r.Status)
	}
	r.contains(t, "<h1>Bookmarks</h1>", long, "at most 2000 characters", `<details class="edit" open>`)
	r = a.post("/bookmarks/"+id, form("note", long, "shared", "0", "next", page))
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("long edit on the practice page: %d, want 422", r.Status)
	}
	r.contains(t, "<h1>Say sorry so it lands, and again when it hurts</h1>", long, "at most 2000 characters")
	a.open("/bookmarks").contains(t, "Just mine again")
	if r := a.post("/guidance/respect/bookmark", form("note", long[:4000], "shared", "0")); r.First != http.StatusSeeOther {
		t.Fatalf("a note of exactly 2000 characters: %d", r.First)
	}
	if r := a.post("/guidance/respect/bookmark", form("note", "x", "shared", "maybe")); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("unknown visibility: %d, want 422", r.Status)
	}

	// Remove: the next page is only ever on this site.
	raw := a.postRaw("/bookmarks/"+id+"/delete", form("_csrf", a.token, "next", "//evil.example/x"),
		http.Header{"Origin": {e.srv.URL}, "Sec-Fetch-Site": {"same-origin"}})
	if raw.Status != http.StatusSeeOther || raw.Location != "/bookmarks" {
		t.Fatalf("remove: %d to %q, want /bookmarks", raw.Status, raw.Location)
	}
	a.follow(raw).contains(t, "The bookmark is removed.")
	if n := countBookmarks(e, "slug = ?", slug); n != 0 {
		t.Fatal("the bookmark was not removed")
	}
	if r := a.post("/bookmarks/"+id+"/delete", nil); r.Status != http.StatusNotFound {
		t.Fatalf("remove twice: %d, want 404", r.Status)
	}
	a.open(page).contains(t, "Save this practice")
}

// TestBookmarkAccess, on the shared fixture: who sees and may change which
// bookmark, a former partner's shared one included.
func TestBookmarkAccess(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	fx := newFixture(t, e)
	avery, blair := fx.users[memberA], fx.users[partnerB]
	avery.open("/bookmarks").contains(t, averyPrivateNote, averySharedNote, finleySharedNote, "Finley (former partner) saved this on")

	// Blair joined after Finley left: what Finley shared was shared with
	// Avery, not with Blair.
	r := blair.open("/bookmarks")
	r.contains(t, averySharedNote, "Avery saved this on")
	r.lacks(t, averyPrivateNote, fx.ids["bookmark:avery-private"], finleySharedNote, "Finley")
	blair.open("/guidance/"+averyPrivateSlug).lacks(t, averyPrivateNote, "Avery</strong> saved this")
	blair.open("/guidance/"+averySharedSlug).contains(t, "<strong>Avery</strong> saved this:", averySharedNote)
	blair.open("/guidance/"+finleySharedSlug).lacks(t, finleySharedNote, "Finley")
	avery.open("/guidance/"+finleySharedSlug).contains(t, "<strong>Finley (former partner)</strong> saved this:", finleySharedNote)

	// A shared bookmark is still its author's alone to change.
	for _, c := range []struct {
		who  actorKind
		item string
	}{{partnerB, "avery-shared"}, {memberA, "finley-shared"}, {formerF, "finley-shared"}, {otherC, "avery-shared"}} {
		cl := fx.client(c.who)
		for _, suffix := range []string{"", "/delete"} {
			if r := cl.post("/bookmarks/"+fx.ids["bookmark:"+c.item]+suffix, form("note", "changed")); r.Status != http.StatusNotFound {
				t.Errorf("%s changes %s%s: %d, want 404", c.who, c.item, suffix, r.Status)
			}
		}
	}
	// A form that fails validation is no way to learn that a bookmark exists.
	if r := blair.post("/bookmarks/"+fx.ids["bookmark:avery-private"], form("note", strings.Repeat("x", 2001))); r.Status != http.StatusNotFound {
		t.Errorf("partner posts an invalid edit of a private bookmark: %d, want 404", r.Status)
	}
	// Other spaces see none of it, the former partner included.
	for _, k := range []actorKind{otherC, formerF} {
		for _, path := range []string{"/bookmarks", "/guidance/" + averySharedSlug, "/guidance/" + finleySharedSlug} {
			fx.client(k).open(path).lacks(t, averyPrivateNote, averySharedNote, finleySharedNote)
		}
	}
	// The private one is sealed: counted by its practice.
	if n := countBookmarks(e, "note IN (?, ?) OR (slug = ? AND sealed <> '')", averySharedNote, finleySharedNote, averyPrivateSlug); n != 3 {
		t.Fatalf("the fixture's bookmarks changed: %d left", n)
	}
}

// TestBookmarksWhenLeaving: the leaver's private bookmarks are deleted; the
// shared ones stay, named as a former partner's.
func TestBookmarksWhenLeaving(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Noa", "Ezra")
	saveBookmark(t, a.client, "respect", "LEAVER-PRIVATE-1", false)
	saveBookmark(t, a.client, "shared-rituals", "LEAVER-SHARED-1", true)
	saveBookmark(t, b.client, "respect", "STAYER-PRIVATE-1", false)
	a.leave()
	// Private notes are sealed: the private bookmarks are counted by their practice.
	if n := countBookmarks(e, "slug = 'respect' AND shared = FALSE"); n != 1 {
		t.Fatalf("%d private bookmarks on the practice, want the one who stays's", n)
	}
	if n := countBookmarks(e, "note = ?", "LEAVER-SHARED-1"); n != 1 {
		t.Fatal("leaving deleted bookmarks it should have kept")
	}
	b.open("/bookmarks").contains(t, "LEAVER-SHARED-1", "Noa (former partner) saved this on", "STAYER-PRIVATE-1")
	a.createSpace("Noa's new space")
	a.open("/bookmarks").lacks(t, "LEAVER-SHARED-1", "STAYER-PRIVATE-1")
}

// TestContentPages: the safety and help pages show the library's text to
// anyone; unknown pages 404.
func TestContentPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	r := c.open("/safety")
	r.contains(t, "<h1>Safety first, for both of you</h1>", "National Domestic Violence Hotline", "Mend never tracks location")
	r.lacks(t, "rebuilding trust is not the task") // the placeholder is gone
	c.open("/help/therapy").contains(t, "<h1>Finding a couples therapist</h1>", "A therapist is not a judge", `href="/safety"`)
	c.open("/help/using-mend").contains(t, "<h1>How to use Mend</h1>", "Your journal is private.", `href="/help/therapy"`)
	if r := c.get("/help/safety"); r.Status != http.StatusSeeOther || r.Location != "/safety" {
		t.Errorf("/help/safety: %d %s, want a redirect to /safety", r.Status, r.Location)
	}
	for _, path := range []string{"/help/nope", "/help/", "/help/Therapy"} {
		if r := c.get(path); r.Status != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, r.Status)
		}
	}
	u := e.signup("Reader")
	u.open("/help/therapy").contains(t, "A therapist is not a judge", "Reader")
}

// TestBrowserGuidance: a member searches the guidance, opens a practice,
// bookmarks it with a note, and finds it on the bookmarks page, in Chromium.
func TestBrowserGuidance(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := newBrowser(t, e)
	ctx := b.tab()
	b.signup(ctx, "Robin", fmt.Sprintf("robin-%d@example.com", time.Now().UnixNano()))
	b.do(ctx, "name the space", chromedp.SendKeys(chromedp.ID("name"), "Robin & Sam"))
	b.submit(ctx, "start the space", `form[action="/space"]`)

	b.do(ctx, "open the guidance", chromedp.Navigate(b.base+"/guidance"))
	b.expect(ctx, "Knowing the truth", "Showing all 60 practices")
	b.shot(ctx, "guidance")
	b.do(ctx, "type a search", chromedp.SendKeys(chromedp.ID("q"), "apologizing"))
	b.submit(ctx, "search", `form.search-box`)
	b.expect(ctx, "Results for “apologizing”", "Say sorry so it lands, and again when it hurts")
	b.shot(ctx, "guidance-search")
	follow, cancel := context.WithTimeout(ctx, 20*time.Second)
	if _, err := chromedp.Run(follow, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(".results li:first-child a")))); err != nil {
		t.Fatalf("open the first result: %v", err)
	}
	cancel()
	b.expect(ctx, "Say sorry so it lands, and again when it hurts", "What goes in", "Make this a promise", "Write about this")
	b.do(ctx, "write a note", chromedp.SendKeys(chromedp.ID("note"), "Say it once, fully, and mean it."))
	b.shot(ctx, "practice")
	b.submit(ctx, "save the bookmark", `form[action="/guidance/genuine-apology/bookmark"]`)
	b.expect(ctx, "Saved to your bookmarks.", "Your bookmark", "Say it once, fully, and mean it.")

	b.do(ctx, "open the bookmarks", chromedp.Navigate(b.base+"/bookmarks"))
	b.expect(ctx, "Say sorry so it lands, and again when it hurts", "Say it once, fully, and mean it.", "Only you")
	b.shot(ctx, "bookmarks")
	b.do(ctx, "open the safety page", chromedp.Navigate(b.base+"/safety"))
	b.expect(ctx, "When working on trust is not the right step", "National Domestic Violence Hotline", "Leave this page now")
	b.shot(ctx, "safety")
	b.noConsoleErrors()
}

// TestPracticeLinksBack: a practice page lists the items of the reader's
// space linked to it that the reader may see, and nothing else.
func TestPracticeLinksBack(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	const slug = "respect"
	a.makePromise("Ask before deciding for both of us", "practice", slug)
	private := a.writeEntry("PRIVATE-LINKED-ENTRY", "Only mine.", "practice", slug, "prompt", "0")
	shared := a.writeEntry("SHARED-LINKED-ENTRY", "For Ben too.", "practice", slug, "prompt", "1")
	a.post("/journal/"+shared+"/share", nil)
	b.open("/gratitude")
	b.post("/gratitude", form("body", "THANKS-LINKED-NOTE for listening to me", "practice", slug))
	a.open("/reflections/new")
	a.post("/reflections", form("helped", "Talking calmly", "next_step", "Ask first", "practice", slug, "visibility", "private"))

	page := a.open("/guidance/" + slug)
	page.contains(t, "In your space", "Ask before deciding for both of us", "PRIVATE-LINKED-ENTRY", "SHARED-LINKED-ENTRY",
		"THANKS-LINKED-NOTE", "Reflection for the week of", "/journal/"+private)
	page = b.open("/guidance/" + slug)
	page.contains(t, "In your space", "Ask before deciding for both of us", "SHARED-LINKED-ENTRY", "THANKS-LINKED-NOTE")
	page.lacks(t, "PRIVATE-LINKED-ENTRY", private, "Reflection for the week of")
	other, _ := e.couple("Cy", "Di")
	other.open("/guidance/"+slug).lacks(t, "In your space", "SHARED-LINKED-ENTRY")
	e.client().open("/guidance/"+slug).lacks(t, "In your space")
}

// TestRetiredPracticeLeadsOn: a practice merged into another keeps its old
// address working, leading to the practice that replaced it.
func TestRetiredPracticeLeadsOn(t *testing.T) {
	e := newEnv(t)
	c := e.client()
	c.open("/guidance/promises-you-can-keep").contains(t, "<h1>Promise small, then keep it</h1>")
	c.open("/guidance/actions-not-words").contains(t, "<h1>Let your days do the talking</h1>")
}
