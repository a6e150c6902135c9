package web_test

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"mend/content"
	"mend/internal/guidance"
)

var entryPathRe = regexp.MustCompile(`^/journal/([a-z0-9]{16})$`)

// writeEntry writes a journal entry through the form and returns its id.
func (c *client) writeEntry(title, body string, kv ...string) string {
	c.t.Helper()
	c.open("/journal/new")
	r := c.post("/journal", form(append([]string{"title", title, "body", body}, kv...)...))
	m := entryPathRe.FindStringSubmatch(r.URL)
	if r.First != http.StatusSeeOther || m == nil {
		c.t.Fatalf("write entry %q: %d at %s\n%s", title, r.First, r.URL, excerpt(r.Body))
	}
	return m[1]
}

// entryAction posts to one of an entry's actions and returns the response.
func (c *client) entryAction(id, action string, kv ...string) *resp {
	c.t.Helper()
	return c.post("/journal/"+id+"/"+action, form(kv...))
}

// status fails the test unless r answered want first.
func (r *resp) status(t testing.TB, want int, what string) *resp {
	t.Helper()
	if r.First != want {
		t.Fatalf("%s: status %d, want %d\n%s", what, r.First, want, excerpt(r.Body))
	}
	return r
}

func countRows(t *testing.T, e *env, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := e.db.Raw(query, args...).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// TestJournalSharing: a private entry is invisible to the partner; shared,
// the partner reads it and replies once; unshared, both vanish for them and
// the reply is kept for a new share; edit and delete are the author's alone.
func TestJournalSharing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	id := a.writeEntry("First light", "I noticed **something** today.")
	path := "/journal/" + id
	a.open(path).has(t, "First light", "<strong>something</strong>", ">private<", "Share with Ben")

	// Private: Ben gets the same 404 as for an entry that doesn't exist.
	missing := b.get("/journal/abcdefghijkmnpqr")
	private := b.get(path)
	if private.Status != http.StatusNotFound || missing.Status != http.StatusNotFound ||
		excerpt(private.Body) != excerpt(missing.Body) {
		t.Fatalf("partner on a private entry: %d, not the page of a missing one\n%s", private.Status, excerpt(private.Body))
	}
	b.open("/journal").hasnt(t, "First light", path)
	b.open("/journal?q=light").has(t, "0 entries match")
	b.entryAction(id, "reply", "reply", "Sneaky").status(t, http.StatusNotFound, "reply to a private entry")

	// Shared: Ben reads it and replies once.
	a.entryAction(id, "share").status(t, http.StatusSeeOther, "share").has(t, "Shared with Ben", ">shared<", "Make it private again")
	b.open("/journal").has(t, "First light", "shared with you", "Ana")
	b.open("/journal?q=LIGHT").has(t, "1 entry matches", "First light")
	b.open(path).has(t, "First light", "<strong>something</strong>", "Reply to Ana")
	b.entryAction(id, "reply", "reply", "").status(t, http.StatusUnprocessableEntity, "empty reply")
	long := strings.Repeat("y", 2001)
	b.entryAction(id, "reply", "reply", long).status(t, http.StatusUnprocessableEntity, "long reply").has(t, long, "at most 2000")
	b.entryAction(id, "reply", "reply", "Thank you for telling me.").status(t, http.StatusSeeOther, "reply").
		has(t, "Your reply is sent", "Thank you for telling me.")
	b.open(path).hasnt(t, "Reply to Ana", `action="/journal/`+id+`/reply"`)
	b.entryAction(id, "reply", "reply", "A second one").status(t, http.StatusConflict, "second reply").has(t, "already has a reply")
	a.entryAction(id, "reply", "reply", "Replying to myself").status(t, http.StatusNotFound, "author replies")
	a.open(path).has(t, "Thank you for telling me.", "Ben").hasnt(t, "A second one")
	a.open("/journal").has(t, ">replied<")

	// Unshared: gone for Ben, list and search included; the reply is hidden, and kept.
	a.entryAction(id, "unshare").status(t, http.StatusSeeOther, "unshare").has(t, "private again", "shows again if you share")
	b.get(path).status(t, http.StatusNotFound, "partner after unshare")
	b.open("/journal").hasnt(t, "First light")
	b.open("/journal?q=light").has(t, "0 entries match").hasnt(t, "First light")
	a.open(path).has(t, "reply is kept, hidden").hasnt(t, "Thank you for telling me.")

	// Shared again: the reply is back, for both.
	a.entryAction(id, "share")
	b.open(path).has(t, "First light", "Thank you for telling me.")
	a.open(path).has(t, "Thank you for telling me.")

	// Sharing is not editing.
	a.open(path).hasnt(t, "edited")

	// Edit: the author only.
	e.clock.Advance(2 * time.Hour)
	a.open(path+"/edit").has(t, `value="First light"`, "I noticed **something** today.")
	b.get(path+"/edit").status(t, http.StatusNotFound, "partner opens edit")
	b.entryAction(id, "edit", "title", "Hijacked", "body", "x").status(t, http.StatusNotFound, "partner edits")
	b.entryAction(id, "unshare").status(t, http.StatusNotFound, "partner unshares")
	a.entryAction(id, "edit", "title", "", "body", "kept words").status(t, http.StatusUnprocessableEntity, "edit without title").
		has(t, "kept words", "Please fill in the title")
	a.entryAction(id, "edit", "title", "First light, again", "body", "Rewritten.").status(t, http.StatusSeeOther, "edit").
		has(t, "First light, again", "Rewritten.")
	b.open(path).has(t, "First light, again", "Rewritten.", "edited 10 Mar 2026, 15:00").hasnt(t, "Hijacked")

	// Delete: the partner can't; the author confirms, and the reply goes too.
	b.entryAction(id, "delete", "confirm", "yes").status(t, http.StatusNotFound, "partner deletes")
	a.open(path).has(t, "Yes, delete this entry and its reply")
	a.entryAction(id, "delete").status(t, http.StatusUnprocessableEntity, "delete without confirming").has(t, "tick")
	a.open(path).has(t, "First light, again")
	a.entryAction(id, "delete", "confirm", "yes").status(t, http.StatusSeeOther, "delete").has(t, "The entry is deleted")
	a.get(path).status(t, http.StatusNotFound, "deleted entry")
	b.get(path).status(t, http.StatusNotFound, "deleted entry, partner")
	if n := countRows(t, e, "SELECT COUNT(*) FROM journal_replies"); n != 0 {
		t.Fatalf("%d replies left after deleting their entry", n)
	}
	if strings.Contains(e.logs.String(), "telling me") || strings.Contains(e.logs.String(), "noticed") {
		t.Fatal("journal text reached the logs")
	}
}

var journalTitleRe = regexp.MustCompile(`class="journal-title" href="/journal/[a-z0-9]+">([^<]*)<`)

func journalTitles(r *resp) []string {
	var out []string
	for _, m := range journalTitleRe.FindAllStringSubmatch(r.Body, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// TestJournalSearch: search covers my entries and those shared with me,
// pages by 20, takes % _ and \ literally, ignores case in any alphabet and
// never matches, or counts, the partner's private entries.
func TestJournalSearch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ada", "Bo")
	for i := 1; i <= 23; i++ {
		a.writeEntry("Walk number "+itoa(int64(i)), "We walked together by the river.")
		e.clock.Advance(time.Minute)
	}
	b.writeEntry("Bo's secret walk", "A private walk, never to be found by Ada.")
	shared := b.writeEntry("Bo's shared walk", "Walking with you.")
	b.entryAction(shared, "share")
	e.clock.Advance(time.Minute)
	for _, title := range []string{"100% honest", "100 percent honest", "snake_case", "snakeXcase", `back\slash`, "Über den Tag"} {
		a.writeEntry(title, "")
	}

	p1 := a.open("/journal?q=walk")
	p1.has(t, "24 entries match", "Older →").hasnt(t, "secret walk", "Newer")
	got := journalTitles(p1)
	if len(got) != 20 || got[0] != "Bo's shared walk" || got[1] != "Walk number 23" || got[19] != "Walk number 5" {
		t.Fatalf("page 1 of the search, newest first: %q", got)
	}
	p2 := a.open("/journal?q=walk&page=2")
	p2.has(t, "24 entries match", "← Newer").hasnt(t, "secret walk", "Older →")
	if got := journalTitles(p2); len(got) != 4 || got[3] != "Walk number 1" {
		t.Fatalf("page 2 of the search: %q", got)
	}
	a.open("/journal?q=walk&page=9").has(t, "No more results", `href="/journal?page=2&amp;q=walk"`)
	a.open("/journal?q=SECRET").has(t, "0 entries match").hasnt(t, "secret")
	a.open("/journal?q=never+to+be+found").has(t, "0 entries match")

	// Bo finds his own entries, private or shared, and none of Ada's private ones.
	r := b.open("/journal?q=walk")
	r.has(t, "2 entries match", "secret walk", "shared walk").hasnt(t, "Walk number")

	for q, want := range map[string]string{
		"%":          "100% honest",
		"100%":       "100% honest",
		"snake_case": "snake_case",
		`k\s`:        `back\slash`,
		"über":       "Über den Tag",
		"ÜBER DEN":   "Über den Tag",
	} {
		r := a.open("/journal?q=" + urlQuery(q))
		if got := journalTitles(r); len(got) != 1 || got[0] != want {
			t.Errorf("search %q: %q, want only %q", q, got, want)
		}
		r.has(t, "1 entry matches")
	}
	a.open("/journal?q="+strings.Repeat("w", 201)).has(t, "Search is too long")

	// The whole list pages too, and a page past the end says so.
	all := a.open("/journal")
	if got := journalTitles(all); len(got) != 20 || got[6] != "Bo's shared walk" || got[19] != "Walk number 11" {
		t.Fatalf("journal list: %q", got)
	}
	all.hasnt(t, "secret walk")
	a.open("/journal?page=3").has(t, "Page 3")
	a.open("/journal?page=30").has(t, "There are no more entries")
}

func urlQuery(s string) string {
	return strings.NewReplacer("%", "%25", "&", "%26", "+", "%2B", " ", "+", `\`, "%5C", "#", "%23").Replace(s)
}

// TestJournalMarkdownSafety: scripts, javascript: links, event handlers and
// frames in an entry never reach the partner's page as live HTML.
func TestJournalMarkdownSafety(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Mo", "Jo")
	body := "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n\n<img src=x onerror=alert(1)>\n\n" +
		`<a href="javascript:alert(2)">y</a>` + "\n\n<iframe src=\"https://evil.example/\"></iframe>\n\n" +
		"Inline <script>alert(3)</script> and <b onmouseover=alert(4)>bold</b>.\n\n![pic](https://tracker.example/p.png)\n\n**fine**"
	id := a.writeEntry(`<script>alert("title")</script>`, body)
	a.entryAction(id, "share")
	for who, c := range map[string]*user{"author": a, "partner": b} {
		r := c.open("/journal/" + id)
		r.has(t, "<strong>fine</strong>", "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;")
		main := r.Body[strings.Index(r.Body, "<main"):]
		for _, bad := range []string{"<script", "javascript:", "<img", "onerror", "onmouseover", "<iframe", "tracker.example/p.png\"", "<b "} {
			if bad == "tracker.example/p.png\"" {
				// An image becomes a link, so viewing loads nothing.
				if strings.Contains(main, `src="https://tracker.example`) {
					t.Errorf("%s: remote image loaded", who)
				}
				continue
			}
			if strings.Contains(main, bad) {
				t.Errorf("%s: the entry page contains %q as HTML", who, bad)
			}
		}
		for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAllString(r.Body, -1) {
			if !strings.Contains(tag, `src="/static/app.js`) {
				t.Errorf("%s: a script other than the app's: %s", who, tag)
			}
		}
	}
}

const journalMarker = "JOURNAL-PRIVATE-MARKER-9c1e"

// TestJournalPrivateFromPartner: while both are members, the partner reaches
// no page, search or count that shows a private entry.
func TestJournalPrivateFromPartner(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Kai", "Lu")
	id := a.writeEntry("Private "+journalMarker, "Body "+journalMarker)
	a.open("/journal").has(t, journalMarker)
	for _, p := range []string{"/journal/" + id, "/journal/" + id + "/edit"} {
		if r := b.get(p); r.Status != http.StatusNotFound || strings.Contains(r.Body, journalMarker) {
			t.Fatalf("partner GET %s: %d", p, r.Status)
		}
	}
	pages := b.crawl("/", "/journal", "/gratitude", "/journal?q=private", "/journal?q=body", "/journal?q=9c1e")
	for path, body := range pages {
		if strings.Contains(body, journalMarker) {
			t.Fatalf("%s shows the partner's private entry", path)
		}
	}
	b.open("/journal?q="+journalMarker).has(t, "0 entries match")
}

func init() {
	privateSeeds = append(privateSeeds, func(t *testing.T, c *client, marker string) {
		c.writeEntry("Private "+marker, "Not shared: "+marker)
	})
}

// TestJournalForm: the practice page's "write about this" link pre-fills the
// practice and its question; bad parameters are ignored; lengths are bounded
// with the text kept; an entry keeps its question when edited.
func TestJournalForm(t *testing.T) {
	t.Parallel()
	lib, err := guidance.Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	p := lib.Practices()[0]
	question := p.Reflect[len(p.Reflect)-1]
	e := newEnv(t)
	a, _ := e.couple("Ari", "Sol")

	r := a.open("/journal/new?practice=" + p.Slug + "&prompt=" + itoa(int64(len(p.Reflect)-1)))
	r.has(t, html.EscapeString(question), html.EscapeString(p.Title), `name="prompt"`, "Write without this question")
	for _, bad := range []string{"?practice=no-such-practice&prompt=0", "?practice=" + p.Slug + "&prompt=99", "?practice=" + p.Slug + "&prompt=-1", "?prompt=x"} {
		r := a.open("/journal/new" + bad)
		r.status(t, http.StatusOK, bad).hasnt(t, html.EscapeString(question), `name="prompt"`)
	}
	a.open("/journal/new?practice="+p.Slug).has(t, `value="`+p.Slug+`" selected`)

	// Too long: refused with a clear message, nothing lost.
	longTitle := strings.Repeat("t", 201)
	r = a.post("/journal", form("title", longTitle, "body", "keep me", "practice", p.Slug, "prompt", "0"))
	r.status(t, http.StatusUnprocessableEntity, "long title").has(t, longTitle, "keep me", "at most 200", html.EscapeString(p.Reflect[0]))
	longBody := strings.Repeat("b", 50001)
	a.post("/journal", form("title", "Long", "body", longBody)).status(t, http.StatusUnprocessableEntity, "long body").
		has(t, longBody, "at most 50000")
	a.post("/journal", form("title", "Odd", "practice", "no-such-practice")).status(t, http.StatusUnprocessableEntity, "unknown practice").
		has(t, "Please choose a practice from the list")
	// Browsers send a newline as CRLF but count it as one character.
	a.writeEntry("Lines", strings.Repeat("abcd\r\n", 9000))

	id := a.writeEntry("Answer", "What I did.", "practice", p.Slug, "prompt", itoa(int64(len(p.Reflect)-1)))
	a.open("/journal/"+id).has(t, html.EscapeString(question), html.EscapeString(p.Title), `href="/guidance/`+p.Slug+`"`)
	a.open("/journal/"+id+"/edit").has(t, html.EscapeString(question))
	a.entryAction(id, "edit", "title", "Answer, edited", "body", "More.").status(t, http.StatusSeeOther, "edit")
	a.open("/journal/"+id).has(t, "Answer, edited", html.EscapeString(question))
}

// has is contains that returns r, for chains.
func (r *resp) has(t testing.TB, parts ...string) *resp {
	t.Helper()
	r.contains(t, parts...)
	return r
}

// hasnt is lacks that returns r, for chains.
func (r *resp) hasnt(t testing.TB, parts ...string) *resp {
	t.Helper()
	r.lacks(t, parts...)
	return r
}

// TestJournalExcerptIsText: the list shows the words of an entry, not its
// Markdown, and no HTML from it.
func TestJournalExcerptIsText(t *testing.T) {
	e := newEnv(t)
	a, _ := e.couple("Mo", "Jo")
	a.writeEntry("Sunday", "## What I noticed\n\nWe walked **slowly** by the [river](https://example.com/r) and *talked*.\n\n- one\n- two <b>three</b>")
	r := a.open("/journal")
	r.contains(t, "What I noticed We walked slowly by the river and talked.")
	r.lacks(t, "**slowly**", "[river]", "## What", "(https://example.com/r)", "&lt;b&gt;")
}

// TestJournalShareAsksOnce: the share button of a private entry opens the
// question "Jo will be able to read this"; only its answer posts, and it
// works without script (a details element).
func TestJournalShareAsksOnce(t *testing.T) {
	e := newEnv(t)
	a, _ := e.couple("Mo", "Jo")
	id := a.writeEntry("Before", "Something")
	page := a.open("/journal/" + id).Body
	i, j := strings.Index(page, `<details class="confirm-share">`), strings.Index(page, `action="/journal/`+id+`/share"`)
	if i < 0 || j < i || !strings.Contains(page[i:j], "Jo will be able to read this") || strings.Contains(page[:i], `/share"`) {
		t.Fatalf("the share form is not behind its question:\n%s", excerpt(page))
	}
}
