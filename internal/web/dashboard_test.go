package web_test

import (
	"encoding/xml"
	"html"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"
)

// dashboardMatrix are the authorization matrix entries of the timeline
// (GET / is in the matrix already).
func dashboardMatrix() map[string]matrixRoute {
	return map[string]matrixRoute{
		"GET /timeline": {want: members(okPage)},
		// An id nobody has: nothing is confirmed, and the member is told so.
		"POST /waiting/confirm": {form: values("entry", "abcdefghijkmnpqr"), want: members(to("/#waiting"))},
	}
}

// section is the HTML of the dashboard section whose heading has id.
func section(t *testing.T, r *resp, id string) string {
	t.Helper()
	i := strings.Index(r.Body, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("%s: no section %s\n%s", r.URL, id, excerpt(r.Body))
	}
	j := strings.Index(r.Body[i:], "</section>")
	return r.Body[i : i+j]
}

// newSection is what the dashboard lists as new since the last visit.
func newSection(t *testing.T, u *user) string {
	t.Helper()
	return section(t, u.open("/"), "new-h")
}

// figure is the HTML of the chart figure with id.
func figure(t *testing.T, body, id string) string {
	t.Helper()
	i := strings.Index(body, `aria-labelledby="`+id+`-title"`)
	if i < 0 {
		return ""
	}
	j := strings.Index(body[i:], "</figure>")
	return body[i : i+j]
}

// chartSVG parses the chart's SVG as XML and returns its title and description.
func chartSVG(t *testing.T, fig string) (title, desc string) {
	t.Helper()
	start, end := strings.Index(fig, "<svg"), strings.Index(fig, "</svg>")
	if start < 0 || end < 0 {
		t.Fatalf("no svg in the figure\n%s", fig)
	}
	src := fig[start : end+len("</svg>")]
	d := xml.NewDecoder(strings.NewReader(src))
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("the chart's SVG is not well-formed XML: %v\n%s", err, src)
		}
	}
	var doc struct {
		Title string `xml:"title"`
		Desc  string `xml:"desc"`
	}
	if err := xml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Title, doc.Desc
}

var rowRe = regexp.MustCompile(`<tr><th scope="row">([^<]*)</th>((?:<td>[^<]*</td>)*)</tr>`)
var cellRe = regexp.MustCompile(`<td>([^<]*)</td>`)

// chartTable is the "Show as table" of a chart: the cells of each week, by its label.
func chartTable(fig string) map[string][]string {
	out := map[string][]string{}
	for _, m := range rowRe.FindAllStringSubmatch(fig, -1) {
		var cells []string
		for _, c := range cellRe.FindAllStringSubmatch(m[2], -1) {
			cells = append(cells, c[1])
		}
		out[m[1]] = cells
	}
	return out
}

// TestDashboardNewCouple: a couple with nothing yet sees friendly empty
// states, not empty axes; someone alone is invited to invite their partner.
func TestDashboardNewCouple(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, _ := e.couple("Ana", "Ben")
	r := a.open("/")
	r.contains(t, "Hello, Ana", "Nothing is due for you today.", `<a href="/checkins">Check in</a>`,
		"<strong>Ben</strong> joined your space", "Your chart starts with your first check-in.",
		"None of your promises was due in the last 12 weeks.", "None of Ben&#39;s promises was due",
		"No notes of thanks in the last 12 weeks yet.", "Thank Ben for something you noticed", `href="/timeline"`)
	r.lacks(t, "<svg", "<figure", "Invite your partner")
	if !strings.Contains(section(t, r, "practice-h"), `href="/guidance/`) {
		t.Fatal("no practice suggested to a new couple")
	}

	solo := e.signup("Sol")
	solo.createSpace("Just me")
	solo.open("/").contains(t, "Invite your partner", "Hello, Sol")
}

// TestDashboardToday: today's due promise is recorded from the dashboard,
// which comes back to it; the check-in reminder goes once checked in.
func TestDashboardToday(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	id := a.makePromise("Call at lunch")
	b.makePromise("Walk after dinner")
	r := a.open("/")
	today := section(t, r, "today-h")
	for _, want := range []string{"Call at lunch", `action="/promises/` + id + `/record"`, `name="next" value="/"`, "Check in</a> when you"} {
		if !strings.Contains(today, want) {
			t.Fatalf("today lacks %q\n%s", want, today)
		}
	}
	if strings.Contains(today, "Walk after dinner") {
		t.Fatal("the partner's promise is listed as due for the viewer")
	}
	r = a.post("/promises/"+id+"/record", form("date", "2026-03-10", "outcome", "kept", "note", "Called at noon", "next", "/"))
	if r.First != http.StatusSeeOther || r.URL != "/" {
		t.Fatalf("recording from the dashboard: %d, at %s", r.First, r.URL)
	}
	r.contains(t, "Recorded Tue 10 March as kept.", "Recorded: <span class=\"tag accent\">kept</span>")
	// A "next" that leaves the site is ignored.
	id2 := a.makePromise("Say goodnight")
	r = a.post("/promises/"+id2+"/record", form("date", "2026-03-10", "outcome", "missed", "next", "//evil.example/"))
	if r.URL != "/promises/"+id2 {
		t.Fatalf("a foreign next led to %s", r.URL)
	}

	a.checkin("safe", "7")
	today = section(t, a.open("/"), "today-h")
	if !strings.Contains(today, "You checked in today.") || strings.Contains(today, "Check in</a> when") {
		t.Fatalf("after checking in:\n%s", today)
	}
	// Ben has not checked in: his reminder stays.
	if !strings.Contains(section(t, b.open("/"), "today-h"), "Check in</a> when") {
		t.Fatal("Ben's reminder is gone although he did not check in")
	}
}

// TestDashboardNewSinceLastVisit: what the partner does shows as new until
// the viewer's visit ends (30 minutes without a look); what arrives after
// their last look is still new at the next visit; the viewer's own doings
// are never "new"; a visit costs one write, not one per view.
func TestDashboardNewSinceLastVisit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	a.open("/")
	e.clock.Advance(time.Minute)
	b.sendNote("Thank you for the walk")
	e.clock.Advance(time.Minute)
	if s := newSection(t, a); !strings.Contains(s, "Thank you for the walk") || !strings.Contains(s, "<strong>Ben</strong> thanked you") {
		t.Fatalf("the new note is not new:\n%s", s)
	}
	e.later(31*time.Minute, a, b)
	for i := 0; i < 2; i++ {
		if s := newSection(t, a); strings.Contains(s, "Thank you for the walk") {
			t.Fatalf("view %d of the next visit still shows the note as new:\n%s", i+1, s)
		}
	}

	// Sent after Ana's last look: still new at her next visit.
	e.clock.Advance(time.Minute)
	b.sendNote("Thank you for listening")
	e.later(31*time.Minute, a, b)
	if s := newSection(t, a); !strings.Contains(s, "Thank you for listening") {
		t.Fatalf("a note sent after the last look is not new at the next visit:\n%s", s)
	}
	// Marked received: no longer waiting.
	a.post("/gratitude/"+a.newNoteID()+"/receive", nil)
	if s := newSection(t, a); strings.Contains(s, "Thank you for listening") {
		t.Fatalf("a received note is still new:\n%s", s)
	}

	// Everything Ben shares or answers is new for Ana; nothing Ana does.
	pa := a.makePromise("Call at lunch")
	a.record(pa, "2026-03-10", "kept")
	entry := a.writeEntry("Our weekend", "It was good.")
	a.entryAction(entry, "share")
	a.sendNote("For the flowers")
	a.checkin("note", "Ana's own")
	e.later(31*time.Minute, a, b)
	a.open("/") // a new visit begins: all of the above is seen
	e.clock.Advance(time.Minute)
	if s := newSection(t, a); strings.Contains(s, "<strong>You</strong>") {
		t.Fatalf("Ana's own doings are new to her:\n%s", s)
	}
	pb := b.makePromise("Walk after dinner")
	b.record(pb, "2026-03-10", "kept", "note", "We walked by the river")
	b.post("/ledger/"+entries(t, b.open("/promises/"+pa))[0]+"/confirm", nil)
	b.post("/journal/"+entry+"/reply", form("reply", "Mine too."))
	b.post("/gratitude/"+b.newNoteID()+"/reply", form("reply", "Glad you liked them", "heart", "1"))
	shared := b.writeEntry("What I noticed", "Something kind.")
	b.entryAction(shared, "share")
	b.checkin("mood", "tender", "note", "Ben's shared")
	b.reflect("helped", "Walking", "visibility", "shared")
	s := newSection(t, a)
	for _, want := range []string{
		"<strong>Ben</strong> made a promise: <a href=\"/promises/" + pb + "\">Walk after dinner</a>",
		"<strong>Ben</strong> recorded <a href=\"/promises/" + pb + "#entry-",
		"We walked by the river",
		"<strong>Ben</strong> confirmed <a href=\"/promises/" + pa + "#entry-",
		"<strong>Ben</strong> replied to your journal entry: <a href=\"/journal/" + entry + "\">Our weekend</a>",
		"<strong>Ben</strong> replied to <a href=\"/gratitude#note-", "your note of thanks", "Glad you liked them", "with a heart",
		"<strong>Ben</strong> shared a journal entry: <a href=\"/journal/" + shared + "\">What I noticed</a>",
		"<strong>Ben</strong> checked in,", "Tender",
		"<strong>Ben</strong> wrote a weekly reflection:",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("new since the last visit lacks %q", want)
		}
	}
	if strings.Contains(s, "<strong>You</strong>") || strings.Contains(s, "Mine too.") {
		t.Errorf("new since the last visit shows the viewer's own doings or a journal reply's text:\n%s", s)
	}
	if t.Failed() {
		t.Log(s)
	}
	if strings.Contains(s, "More on the timeline") {
		t.Fatal("eight new things, and the rest is said to be on the timeline")
	}
	// Ten are listed; the rest are on the timeline.
	for _, note := range []string{"One", "Two", "Three"} {
		b.sendNote(note)
	}
	s = newSection(t, a)
	if n := strings.Count(s, "<li>"); n != 10 || !strings.Contains(s, `<a href="/timeline">More on the timeline</a>`) {
		t.Fatalf("eleven new things: %d listed\n%s", n, s)
	}

	// Views within a visit write nothing; a new visit writes once.
	writes := countMembershipWrites(e)
	a.open("/")
	a.open("/")
	if n := writes.Load(); n != 0 {
		t.Fatalf("views within a visit wrote %d times to memberships", n)
	}
	e.later(31*time.Minute, a) // logging in again lands on the dashboard
	a.open("/")
	a.open("/")
	if n := writes.Load(); n != 1 {
		t.Fatalf("a new visit of three views wrote %d times to memberships, want 1", n)
	}
}

// TestDashboardCharts: the charts are well-formed SVG with their title and
// summary, and "Show as table" holds the weekly numbers of what was entered
// through the forms: three check-ins of one week average, a week without
// any is a gap, not a zero; each partner has a chart of their own.
func TestDashboardCharts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	p := a.makePromise("Call at lunch")
	for i, safe := range []string{"4", "6", "8"} { // Tue 10, Wed 11, Thu 12 March
		if i > 0 {
			e.later(24*time.Hour, a, b)
		}
		a.checkin("safe", safe, "trust", "5", "connected", "3", "private", map[bool]string{true: "1", false: ""}[i == 1])
		a.record(p, e.clock.Now().Format("2006-01-02"), "kept")
	}
	b.checkin("safe", "2")
	b.post("/ledger/"+entries(t, b.open("/promises/"+p))[0]+"/confirm", nil)
	b.sendNote("Thank you")
	b.sendNote("And again")

	body := a.open("/").Body
	fig := figure(t, body, "feel-you")
	title, desc := chartSVG(t, fig)
	if title != "How you've felt" || !strings.Contains(desc, "Weekly averages on a scale of 0 to 10") || !strings.Contains(desc, "Safety: 6.0") {
		t.Fatalf("title %q, summary %q", title, desc)
	}
	rows := chartTable(fig)
	if got := strings.Join(rows["9 Mar"], " "); got != "6.0 5.0 3.0" {
		t.Fatalf("week of 9 March: %q, want the averages 6.0 5.0 3.0 (Ana's private check-in counts in her own chart)", got)
	}
	if got := strings.Join(rows["2 Mar"], " "); got != "– – –" {
		t.Fatalf("week of 2 March, without check-ins: %q, want gaps", got)
	}

	// Ben's chart is his own, from his shared check-in, apart from Ana's.
	fig = figure(t, body, "feel-partner")
	if title, _ := chartSVG(t, fig); !strings.Contains(title, "How Ben has felt") {
		t.Fatalf("Ben's chart: %q", title)
	}
	if got := chartTable(fig)["9 Mar"]; len(got) != 3 || got[0] != "2.0" {
		t.Fatalf("Ben's week: %v", got)
	}

	// Ana's promise: one day kept and confirmed, two kept not yet confirmed.
	fig = figure(t, body, "kept-you")
	if title, _ := chartSVG(t, fig); title != "Your promises, week by week" {
		t.Fatalf("promises chart: %q", title)
	}
	if got := strings.Join(chartTable(fig)["9 Mar"], " "); got != "1 2 0 0" {
		t.Fatalf("promises of the week of 9 March: %q, want 1 2 0 0", got)
	}
	fig = figure(t, body, "thanks")
	chartSVG(t, fig)
	if got := strings.Join(chartTable(fig)["9 Mar"], " "); got != "2" {
		t.Fatalf("notes of the week of 9 March: %q", got)
	}

	// Ben sees his own chart and Ana's shared check-ins only: her private
	// one (safety 6) is not in his chart of her.
	body = b.open("/").Body
	if got := chartTable(figure(t, body, "feel-partner"))["9 Mar"]; len(got) != 3 || got[0] != "6.0" {
		t.Fatalf("Ben's view of Ana's week: %v, want the average of her shared check-ins (4 and 8)", got)
	}
	if got := chartTable(figure(t, body, "feel-you"))["9 Mar"]; len(got) != 3 || got[0] != "2.0" {
		t.Fatalf("Ben's own week: %v", got)
	}
}

// TestDashboardPartnerPrivate: the partner's private items never reach the
// dashboard or the timeline, whatever the filter; someone who keeps every
// check-in private has no chart on their partner's dashboard.
func TestDashboardPartnerPrivate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	const marker = "PRIVATE-DASH-4e1c"
	for _, seed := range privateSeeds {
		seed(t, b.client, marker)
	}
	e.clock.Advance(time.Minute)
	pages := []string{"/", "/timeline"}
	for _, k := range []string{"promises", "ledger", "checkins", "reflections", "gratitude", "journal", "bookmarks"} {
		pages = append(pages, "/timeline?kind="+k)
	}
	for _, p := range pages {
		r := a.open(p)
		if r.Status != http.StatusOK {
			t.Fatalf("%s: %d", p, r.Status)
		}
		r.lacks(t, marker)
	}
	if strings.Contains(a.open("/").Body, "How Ben has felt") {
		t.Fatal("Ana sees a chart of Ben's check-ins, which are all private")
	}
	// Ben's own private items stay out of his timeline too (it is what the
	// two share), but his private check-in is in his own chart.
	b.open("/timeline").lacks(t, marker)
	if figure(t, b.open("/").Body, "feel-you") == "" {
		t.Fatal("Ben's own chart leaves out his private check-in")
	}
}

// TestLeavingDashboard: after the partner leaves, their private items are
// gone from the dashboard and the timeline too (TestLeaving crawls from /),
// and their shared items are named as a former partner's.
func TestLeavingDashboard(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, f := e.couple("Ana", "Finn")
	id := f.writeEntry("Shared before leaving", "Text")
	f.entryAction(id, "share")
	f.writeEntry("PRIVATE-LEAVER-91d2", "Not shared")
	f.sendNote("Thank you, Ana")
	f.leave()
	e.clock.Advance(time.Minute)
	r := a.open("/timeline")
	r.contains(t, "Finn (former partner)</strong> shared a journal entry", "Shared before leaving", "Finn (former partner)</strong> thanked you")
	r.lacks(t, "PRIVATE-LEAVER-91d2")
	a.open("/").lacks(t, "PRIVATE-LEAVER-91d2", "How Finn")
}

// countMembershipWrites counts the statements that change memberships from now on.
func countMembershipWrites(e *env) *atomic.Int64 {
	var n atomic.Int64
	e.db.Callback().Update().After("gorm:update").Register("test:membership-writes", func(db *gorm.DB) {
		if db.Statement.Table == "memberships" {
			n.Add(1)
		}
	})
	return &n
}

var suggestedRe = regexp.MustCompile(`<h3><a href="/guidance/([a-z0-9-]+)">`)

// suggested is the slug of the practice the dashboard suggests at path.
func suggested(t *testing.T, u *user, path string) (slug, why string) {
	t.Helper()
	s := section(t, u.open(path), "practice-h")
	m := suggestedRe.FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no practice suggested at %s\n%s", path, s)
	}
	if i := strings.Index(s, `<p class="muted">`); i >= 0 {
		why = s[i+len(`<p class="muted">`):]
		why = why[:strings.Index(why, "</p>")]
	}
	return m[1], why
}

// TestDashboardSuggestion: one practice a week, the same all week, for the
// member's role, never one they already engage with, related ones first;
// "Suggest another" is a plain link to the next.
func TestDashboardSuggestion(t *testing.T) {
	t.Parallel()
	lib := library(t)
	e := newEnv(t)
	a, _ := e.couple("Ana", "Ben")
	first, _ := suggested(t, a, "/")
	if p, ok := lib.Practice(first); !ok || p.Audience != "both" {
		t.Fatalf("without a role, %s is suggested (audience %q): a practice for one side guesses the member's", first, p.Audience)
	}
	s := section(t, a.open("/"), "practice-h")
	for _, want := range []string{`href="/promises/new?practice=` + first + `&amp;try=0"`, `href="/?suggestion=1#practice-h"`, "Read it"} {
		if !strings.Contains(s, want) {
			t.Fatalf("the suggestion lacks %q\n%s", want, s)
		}
	}
	e.later(24*time.Hour, a) // Wednesday, the same week
	if again, _ := suggested(t, a, "/"); again != first {
		t.Fatalf("the suggestion changed within the week: %s, then %s", first, again)
	}
	if other, _ := suggested(t, a, "/?suggestion=1"); other == first {
		t.Fatal("another suggestion is the same practice")
	}

	// The one who was hurt is offered what is written for them, or for both.
	a.post("/space/role", form("role", "hurt"))
	seen := map[string]bool{}
	for n := 0; n < 8; n++ {
		slug, _ := suggested(t, a, "/?suggestion="+itoa(int64(n)))
		seen[slug] = true
		if p, _ := lib.Practice(slug); p.Audience != "hurt" && p.Audience != "both" {
			t.Fatalf("suggestion %d for the one who was hurt: %s, for %s", n, slug, p.Audience)
		}
	}
	if len(seen) < 5 {
		t.Fatalf("eight suggestions gave only %d practices", len(seen))
	}

	// What she bookmarks is no longer suggested, and what is related to it comes first.
	slug, _ := suggested(t, a, "/")
	saveBookmark(t, a.client, slug, "", false)
	title := func(s string) string { p, _ := lib.Practice(s); return p.Title }
	related := false
	for n := 0; n < 5; n++ {
		next, why := suggested(t, a, "/?suggestion="+itoa(int64(n)))
		if next == slug {
			t.Fatalf("suggestion %d is the practice she bookmarked", n)
		}
		related = related || strings.Contains(why, "Related to “"+html.EscapeString(title(slug))+"”")
	}
	if !related {
		t.Fatalf("none of the first five suggestions is related to %s", slug)
	}
	// Nor is the practice of one of her promises.
	p := "forgive-when-ready"
	a.makePromise("Say when I'm not ready", "practice", p)
	for n := 0; n < 12; n++ {
		if next, _ := suggested(t, a, "/?suggestion="+itoa(int64(n))); next == p {
			t.Fatalf("suggestion %d is the practice of her promise", n)
		}
	}
}

// TestDashboardNewOfOneKind: "Since your last visit" reads a few of each
// kind; ten of one kind are all listed, and an eleventh says there is more.
func TestDashboardNewOfOneKind(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	e.clock.Advance(time.Minute)
	a.open("/") // Ana sees Ben has joined
	e.later(31*time.Minute, a, b)
	a.open("/") // a new visit begins
	e.clock.Advance(time.Minute)
	share := func(i int) {
		b.entryAction(b.writeEntry("Entry "+strconv.Itoa(i), "Words."), "share")
		e.clock.Advance(time.Minute)
	}
	for i := 1; i <= 10; i++ {
		share(i)
	}
	s := newSection(t, a)
	if n := strings.Count(s, "<li>"); n != 10 || strings.Contains(s, "More on the timeline") {
		t.Fatalf("ten journal entries shared: %d listed\n%s", n, s)
	}
	share(10 + 1)
	s = newSection(t, a)
	if n := strings.Count(s, "<li>"); n != 10 || !strings.Contains(s, `<a href="/timeline">More on the timeline</a>`) ||
		!strings.Contains(s, "Entry 11") || strings.Contains(s, "Entry 1<") {
		t.Fatalf("eleven journal entries shared: %d listed, the newest first\n%s", n, s)
	}
}
