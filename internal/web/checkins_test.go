package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mend/internal/progress"
	"mend/internal/store"
)

var checkinEditRe = regexp.MustCompile(`/checkins/([a-z2-9]{16})/edit`)

// checkinValues is a valid check-in form; kv overrides fields.
func checkinValues(kv ...string) url.Values {
	f := form("safe", "6", "trust", "5", "connected", "7", "mood", "hopeful", "note", "")
	for i := 0; i+1 < len(kv); i += 2 {
		f.Set(kv[i], kv[i+1])
	}
	return f
}

// checkin posts today's check-in as u and returns its id.
func (u *user) checkin(kv ...string) string {
	u.t.Helper()
	u.open("/checkins")
	r := u.post("/checkins", checkinValues(kv...))
	if r.First != http.StatusSeeOther {
		u.t.Fatalf("%s checks in: %d\n%s", u.Name, r.First, excerpt(r.Body))
	}
	m := checkinEditRe.FindStringSubmatch(r.Body)
	if m == nil {
		u.t.Fatalf("%s: no link to change today's check-in\n%s", u.Name, excerpt(r.Body))
	}
	return m[1]
}

// later moves the clock on and logs the users in again (sessions idle out).
func (e *env) later(d time.Duration, us ...*user) {
	e.t.Helper()
	e.clock.Advance(d)
	for _, u := range us {
		if r := u.login(u.Email, u.Password); r.First != http.StatusSeeOther {
			e.t.Fatalf("%s logs in again: %d", u.Name, r.First)
		}
	}
}

// textOf is r with its body's HTML entities decoded, for comparing text
// that has apostrophes or quotes.
func textOf(r *resp) *resp {
	c := *r
	c.Body = html.UnescapeString(r.Body)
	return &c
}

// emptyCell is the HTML of a person's cell in the list, for a day without a
// check-in they may see.
func emptyCell(name string) string { return `<p class="who">` + name + `</p><p class="none">—` }

// TestCheckinJourney: two partners check in; shared is seen by both, private
// by its author alone; only the author edits; one per day.
func TestCheckinJourney(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	page := a.open("/checkins")
	page.contains(t, "You haven't checked in today", "How safe do I feel?", "How much do I trust?", "How connected do I feel?",
		"0 = not at all, 10 = completely", `name="mood" value="numb"`, "Keep this check-in private")

	aID := a.checkin("safe", "4", "trust", "3", "connected", "8", "mood", "tender", "note", "SHARED-NOTE-a1 <b>bold</b>")
	mine := a.open("/checkins")
	mine.contains(t, "You checked in today", "SHARED-NOTE-a1 &lt;b&gt;bold&lt;/b&gt;", ">Tender<", "<dt>Safe</dt><dd>4</dd>",
		"<dt>Trust</dt><dd>3</dd>", "<dt>Connected</dt><dd>8</dd>", emptyCell("Ben"))
	mine.lacks(t, "You haven't checked in today", "<b>bold</b>")

	theirs := b.open("/checkins")
	theirs.contains(t, "You haven't checked in today", "SHARED-NOTE-a1", "Ana has checked in today: see below.", ">Tender<", emptyCell("You"))

	bID := b.checkin("mood", "sad", "note", "PRIVATE-NOTE-b1", "private", "1")
	b.open("/checkins").contains(t, "PRIVATE-NOTE-b1", ">Sad<", `<span class="tag">private</span>`)
	// Ana sees nothing of Ben's private check-in: not the note, the mood, a
	// "private entry" placeholder, nor that he checked in today.
	aPage := a.open("/checkins")
	aPage.contains(t, emptyCell("Ben"))
	aPage.lacks(t, "PRIVATE-NOTE-b1", ">Sad<", "private", "Ben has checked in today", bID)

	// Only the author opens the edit form, whatever the check-in's visibility.
	for _, path := range []string{"/checkins/" + aID + "/edit", "/checkins/" + bID + "/edit"} {
		other := b
		if strings.Contains(path, bID) {
			other = a
		}
		if r := other.get(path); r.Status != http.StatusNotFound {
			t.Fatalf("%s opens %s: %d, want 404", other.Name, path, r.Status)
		}
		if r := other.post(path, checkinValues("note", "HIJACK")); r.Status != http.StatusNotFound {
			t.Fatalf("%s posts %s: %d, want 404", other.Name, path, r.Status)
		}
	}
	if r := a.get("/checkins/not-an-id/edit"); r.Status != http.StatusNotFound {
		t.Fatalf("bad id: %d", r.Status)
	}
	a.open("/checkins").lacks(t, "HIJACK")

	// A second check-in the same day is refused, keeping what was typed, and
	// the form now changes today's.
	r := a.post("/checkins", checkinValues("note", "SECOND-TRY"))
	if r.Status != http.StatusConflict {
		t.Fatalf("second check-in: %d, want 409", r.Status)
	}
	r.contains(t, "You already checked in today", "SECOND-TRY", `action="/checkins/`+aID+`/edit"`)
	r = a.post("/checkins/"+aID+"/edit", checkinValues("note", "SECOND-TRY", "private", "1"))
	if r.First != http.StatusSeeOther {
		t.Fatalf("edit: %d\n%s", r.First, excerpt(r.Body))
	}
	textOf(r).contains(t, "Today's check-in is updated.", "SECOND-TRY", `<span class="tag">private</span>`)
	r.lacks(t, "SHARED-NOTE-a1")
	// Now private: it disappears from Ben's page entirely.
	bPage := b.open("/checkins")
	bPage.lacks(t, "SECOND-TRY", "SHARED-NOTE-a1", "Ana has checked in today", ">Hopeful<")
	bPage.contains(t, emptyCell("Ana"))

	// The edit form opens filled in.
	edit := a.open("/checkins/" + aID + "/edit")
	edit.contains(t, "SECOND-TRY", `name="private" value="1" checked`, `name="mood" value="hopeful" checked`, `name="safe" value="6" checked`)
}

// TestCheckinValidation: bad ratings and moods and a long note are refused
// with a message, and the form comes back with what was typed.
func TestCheckinValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, _ := e.couple("Vera", "Wim")
	long := strings.Repeat("é", 2001)
	cases := []struct {
		name, msg string
		kv        []string
	}{
		{"rating 11", "“11” is not a number from 0 to 10", []string{"safe", "11"}},
		{"rating -1", "“-1” is not a number from 0 to 10", []string{"trust", "-1"}},
		{"rating abc", "“abc” is not a number from 0 to 10", []string{"connected", "abc"}},
		{"no rating", "Please choose a number from 0 to 10.", []string{"safe", ""}},
		{"unknown mood", "Please choose a mood from the list.", []string{"mood", "ecstatic"}},
		{"no mood", "Please choose the word closest to how you feel.", []string{"mood", ""}},
		{"long note", "The note is too long: at most 2000 characters, this has 2001.", []string{"note", long}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			kv := append([]string{"note", "KEEP-ME"}, c.kv...)
			r := a.post("/checkins", checkinValues(kv...))
			if r.Status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", r.Status)
			}
			r.contains(t, c.msg, "Please correct the 1 field marked below.")
			if c.kv[0] == "note" {
				r.contains(t, long)
			} else {
				kept := `name="trust" value="5" checked`
				if c.kv[0] == "trust" {
					kept = `name="safe" value="6" checked`
				}
				r.contains(t, "KEEP-ME", kept)
			}
		})
	}
	a.open("/checkins").contains(t, "You haven't checked in today")
	id := a.checkin()
	r := a.post("/checkins/"+id+"/edit", checkinValues("safe", "abc", "note", "EDIT-KEEP"))
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("bad edit: %d", r.Status)
	}
	r.contains(t, "“abc” is not a number from 0 to 10", "EDIT-KEEP", `action="/checkins/`+id+`/edit"`)
}

// TestCheckinLocalDays: the day of a check-in is its author's own date.
// Ana lives in Auckland, Ben in Los Angeles, 20 hours apart.
func TestCheckinLocalDays(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	a.setZone("Pacific/Auckland")
	b.setZone("America/Los_Angeles")
	// 2026-03-10 12:00 UTC: Wed 11 March 01:00 in Auckland, Tue 10 March 05:00 in Los Angeles.
	aID := a.checkin("note", "ANA-DAY-1")
	bID := b.checkin("note", "BEN-DAY-1")
	a.open("/checkins").contains(t, `Wed 11 March 2026 <span class="tag accent">today</span>`)
	bPage := b.open("/checkins")
	bPage.contains(t, `Tue 10 March 2026 <span class="tag accent">today</span>`, "ANA-DAY-1", "Ana has checked in today: see below.")
	if strings.Index(bPage.Body, "ANA-DAY-1") > strings.Index(bPage.Body, "BEN-DAY-1") {
		t.Error("Ana's check-in of her Wednesday should be listed before (above) Ben's Tuesday")
	}

	// 00:00 UTC on 11 March: still Tuesday for Ben, whose day has not ended.
	e.later(12*time.Hour, a, b)
	if r := b.post("/checkins/"+bID+"/edit", checkinValues("note", "BEN-DAY-1-EDITED")); r.First != http.StatusSeeOther {
		t.Fatalf("Ben edits on his same day: %d\n%s", r.First, excerpt(r.Body))
	}
	if r := b.post("/checkins", checkinValues()); r.Status != http.StatusConflict {
		t.Fatalf("Ben's second check-in of his Tuesday: %d, want 409", r.Status)
	}

	// 07:00 UTC: midnight in Los Angeles, 20:00 in Auckland.
	e.later(7*time.Hour, a, b)
	r := b.get("/checkins/" + bID + "/edit")
	if r.Status != http.StatusConflict || !strings.Contains(r.Body, "can be changed only on the day it was made") {
		t.Fatalf("Ben edits yesterday's: %d", r.Status)
	}
	r = b.post("/checkins/"+bID+"/edit", checkinValues("note", "TYPED-TOO-LATE"))
	if r.Status != http.StatusConflict {
		t.Fatalf("Ben posts yesterday's edit: %d, want 409", r.Status)
	}
	r.contains(t, "a day that has ended", "TYPED-TOO-LATE", `action="/checkins"`)
	page := b.open("/checkins")
	page.contains(t, "You haven't checked in today", "BEN-DAY-1-EDITED")
	page.lacks(t, "/checkins/"+bID+"/edit", "TYPED-TOO-LATE")
	b.checkin("note", "BEN-DAY-2")

	if r := a.post("/checkins/"+aID+"/edit", checkinValues("note", "ANA-DAY-1-EDITED")); r.First != http.StatusSeeOther {
		t.Fatalf("Ana edits on her same day: %d", r.First)
	}
	if r := a.post("/checkins", checkinValues()); r.Status != http.StatusConflict {
		t.Fatalf("Ana's second check-in of her Wednesday: %d, want 409", r.Status)
	}

	// 11:00 UTC: midnight in Auckland.
	e.later(4*time.Hour, a, b)
	if r := a.post("/checkins/"+aID+"/edit", checkinValues("note", "ANA-LATE")); r.Status != http.StatusConflict {
		t.Fatalf("Ana edits her yesterday: %d, want 409", r.Status)
	}
	a.checkin("note", "ANA-DAY-2")
	var dates []string
	e.db.Raw("SELECT date FROM checkins ORDER BY date, note").Scan(&dates)
	if strings.Join(dates, " ") != "2026-03-10 2026-03-11 2026-03-11 2026-03-12" {
		t.Fatalf("stored dates: %v", dates)
	}
}

// TestCheckinPaging: older days are one link away, and the links stop where
// the check-ins do.
func TestCheckinPaging(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	b.checkin("note", "OLD-NOTE")
	e.later(40*24*time.Hour, a, b)
	a.checkin("note", "NEW-NOTE")
	page := a.open("/checkins")
	page.contains(t, "NEW-NOTE", "Earlier days")
	page.lacks(t, "OLD-NOTE", "Later days")
	m := regexp.MustCompile(`href="(/checkins\?before=[0-9-]+)"`).FindStringSubmatch(page.Body)
	if m == nil {
		t.Fatal("no link to earlier days")
	}
	older := a.open(m[1])
	older.contains(t, "OLD-NOTE", "Earlier days</h2>", "Later days", "Tue 10 March 2026")
	older.lacks(t, "NEW-NOTE", "How safe do I feel?", `href="/checkins?before=`+"2026-02")
	// The page ends with the space's first day: no empty days from before it.
	if strings.Count(older.Body, `class="checkin-day"`) != 1 {
		t.Errorf("a page of earlier days shows %d days, want the space's first alone", strings.Count(older.Body, `class="checkin-day"`))
	}
	if r := a.open("/checkins?before=nonsense"); r.Status != http.StatusOK || !strings.Contains(r.Body, "NEW-NOTE") {
		t.Fatalf("bad before: %d", r.Status)
	}
}

// TestCheckinRatings: the store function the dashboard draws from returns,
// in one query, the viewer's own ratings and the partner's shared ones only.
func TestCheckinRatings(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	a.checkin("safe", "1", "trust", "2", "connected", "3")
	b.checkin("safe", "9", "trust", "9", "connected", "9", "private", "1")
	e.later(24*time.Hour, a, b)
	b.checkin("safe", "4", "trust", "5", "connected", "6")
	scopeOf := func(u *user) store.Scope {
		var sc store.Scope
		e.db.Raw("SELECT u.id AS user_id, m.space_id FROM users u JOIN memberships m ON m.user_id = u.id AND m.left_at IS NULL WHERE u.email = ?", u.Email).Scan(&sc)
		return sc
	}
	from, to := progress.DateOf(2026, 3, 1), progress.DateOf(2026, 3, 31)
	sa, sb := scopeOf(a), scopeOf(b)
	got := func(sc store.Scope) string {
		list, err := e.app.Store().CheckinRatings(ctx(), sc, from, to)
		if err != nil {
			t.Fatal(err)
		}
		var parts []string
		for _, r := range list {
			who := "A"
			if r.AuthorID == sb.UserID {
				who = "B"
			}
			parts = append(parts, r.Date+who+itoa(int64(r.Safe))+itoa(int64(r.Trust))+itoa(int64(r.Connected)))
		}
		sort.Strings(parts)
		return strings.Join(parts, " ")
	}
	if g := got(sa); g != "2026-03-10A123 2026-03-11B456" {
		t.Errorf("Ana's view: %s", g)
	}
	if g := got(sb); g != "2026-03-10A123 2026-03-10B999 2026-03-11B456" {
		t.Errorf("Ben's view: %s", g)
	}
	if g := got(store.Scope{UserID: sa.UserID, SpaceID: "elsewhere"}); g != "" {
		t.Errorf("another space's view: %s", g)
	}
}

// TestCheckinsPrivacyCrawl: while both are members, nothing of Ana's private
// check-in or reflections reaches any page Ben can get to.
func TestCheckinsPrivacyCrawl(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	const marker = "PRIVATE-MARKER-c41b"
	id := a.checkin("note", marker, "private", "1", "mood", "numb")
	privRefl := a.reflect("helped", marker+" private", "visibility", "private")
	e.later(7*24*time.Hour, a, b)
	hidden := a.reflect("helped", marker+" together", "visibility", "together")
	pages := b.crawl("/", "/checkins", "/reflections", "/reflections/new")
	if len(pages) < 4 {
		t.Fatalf("crawl reached only %d pages", len(pages))
	}
	for path, body := range pages {
		for _, bad := range []string{marker, id, privRefl, hidden, `class="tag accent">Numb<`} {
			if strings.Contains(body, bad) {
				t.Fatalf("%s shows %q of Ana's private items", path, bad)
			}
		}
	}
	for _, path := range []string{"/reflections/" + privRefl, "/reflections/" + hidden, "/checkins/" + id + "/edit"} {
		if r := b.get(path); r.Status != http.StatusNotFound {
			t.Fatalf("Ben opens %s: %d, want 404", path, r.Status)
		}
	}
}

// TestCheckinsAndReflectionsWhenLeaving: a leaver's private check-ins and
// reflections are deleted, and so is a reveal-together reflection the partner
// never unlocked; shared ones and revealed ones stay, as a former partner's.
func TestCheckinsAndReflectionsWhenLeaving(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	a.reflect("helped", "A-PRIVATE-REFL", "visibility", "private")
	e.later(7*24*time.Hour, a, b)
	a.reflect("helped", "A-TOG-REVEALED", "visibility", "together")
	b.reflect("helped", "B-TOG-1", "visibility", "together")
	e.later(7*24*time.Hour, a, b)
	a.reflect("helped", "A-TOG-HIDDEN", "visibility", "together")
	a.checkin("note", "A-SHARED-CI")
	e.later(24*time.Hour, a, b)
	a.checkin("note", "A-PRIVATE-CI", "private", "1")
	b.open("/reflections").contains(t, "A-TOG-REVEALED", "Ana has written their reflection for this week")

	a.leave()
	for _, gone := range []string{"A-PRIVATE-REFL", "A-TOG-HIDDEN", "A-PRIVATE-CI"} {
		var n int64
		e.db.Raw("SELECT (SELECT COUNT(*) FROM reflections WHERE helped = ?) + (SELECT COUNT(*) FROM checkins WHERE note = ?)", gone, gone).Scan(&n)
		if n != 0 {
			t.Errorf("%s is still stored after its author left", gone)
		}
	}
	refl := b.open("/reflections")
	refl.contains(t, "A-TOG-REVEALED", "Ana (former partner)", "B-TOG-1")
	refl.lacks(t, "A-TOG-HIDDEN", "Ana has written their reflection")
	ci := b.open("/checkins")
	ci.contains(t, "A-SHARED-CI", `<p class="who">Ana (former partner)</p>`)
	ci.lacks(t, "A-PRIVATE-CI")
	// Ben writing his reflection for that week now reveals nothing.
	b.reflect("helped", "B-LATE", "visibility", "together")
	b.open("/reflections").lacks(t, "A-TOG-HIDDEN")
	for path, body := range b.crawl("/", "/checkins", "/reflections") {
		for _, bad := range []string{"A-PRIVATE-REFL", "A-TOG-HIDDEN", "A-PRIVATE-CI"} {
			if strings.Contains(body, bad) {
				t.Fatalf("%s shows %s", path, bad)
			}
		}
	}
}

func init() {
	privateSeeds = append(privateSeeds, func(t *testing.T, c *client, marker string) {
		t.Helper()
		c.open("/checkins")
		if r := c.post("/checkins", checkinValues("note", marker, "private", "1")); r.First != http.StatusSeeOther {
			t.Fatalf("private check-in: %d", r.First)
		}
		c.open("/reflections/new")
		if r := c.post("/reflections", form("helped", marker, "need", marker, "visibility", "private")); r.First != http.StatusSeeOther {
			t.Fatalf("private reflection: %d", r.First)
		}
	})
	fixtureItems = append(fixtureItems, func(t *testing.T, fx *fixture) {
		a := fx.users[memberA]
		fx.ids["checkins:shared"] = a.checkin("note", "Avery's shared check-in")
		// Avery's private check-in of an earlier day, written straight to
		// the database: there is one check-in per day.
		var sc store.Scope
		fx.e.db.Raw("SELECT u.id AS user_id, m.space_id FROM users u JOIN memberships m ON m.user_id = u.id AND m.left_at IS NULL WHERE u.email = ?", a.Email).Scan(&sc)
		id := store.NewID()
		earlier := progress.Today(fx.e.clock.Now(), time.UTC).AddDays(-3).String()
		if err := fx.e.db.Exec(`INSERT INTO checkins (id, space_id, author_id, date, safe, trust, connected, mood, note, private, created_at, updated_at)
			VALUES (?, ?, ?, ?, 1, 1, 1, 'numb', 'Avery private', TRUE, ?, ?)`, id, sc.SpaceID, sc.UserID, earlier, fx.e.clock.Now(), fx.e.clock.Now()).Error; err != nil {
			t.Fatal(err)
		}
		// Its week's totals with it, as the seed writes them.
		if err := fx.e.app.Store().RebuildAggregates(context.Background()); err != nil {
			t.Fatal(err)
		}
		fx.ids["checkins:private"] = id
		fx.ids["reflections:shared"] = a.reflect("helped", "Avery's shared reflection", "visibility", "shared")
	})
}

// checkinsMatrix has the authorization expectations of the check-in and
// reflection routes.
func checkinsMatrix() map[string]matrixRoute {
	valid := func(*fixture, actorKind) url.Values { return checkinValues("note", "matrix") }
	edit := func(fx *fixture) string { return "/checkins/" + fx.ids["checkins:shared"] + "/edit" }
	return map[string]matrixRoute{
		"GET /checkins": {want: members(okPage)},
		// Avery checked in today already: refused, the form kept.
		"POST /checkins":          {mutates: true, form: valid, want: members(to("/checkins")).with(memberA, conflict)},
		"GET /checkins/:id/edit":  {path: edit, want: inS1(okPage, notFound)},
		"POST /checkins/:id/edit": {mutates: true, path: edit, form: valid, want: inS1(to("/checkins"), notFound)},
		"GET /reflections":        {want: members(okPage)},
		"GET /reflections/new":    {want: members(okPage).with(memberA, to("/reflections/"))},
		"POST /reflections":       {mutates: true, form: values("helped", "matrix", "visibility", "shared"), want: members(to("/reflections/")).with(memberA, conflict)},
		"GET /reflections/:id":    {path: func(fx *fixture) string { return "/reflections/" + fx.ids["reflections:shared"] }, want: inS1(okPage, okPage)},
	}
}

// checkinsUnsafeCases are the CSRF cases of the check-in and reflection routes.
func checkinsUnsafeCases() map[string]unsafeCase {
	member := func(e *env, name string) *user {
		u := e.signup(name)
		u.createSpace(name + "'s")
		return u
	}
	return map[string]unsafeCase{
		"POST /checkins": func(t *testing.T, e *env) (*client, string, url.Values) {
			u := member(e, "Checker")
			u.open("/checkins")
			return u.client, "/checkins", checkinValues()
		},
		"POST /checkins/:id/edit": func(t *testing.T, e *env) (*client, string, url.Values) {
			u := member(e, "Editor")
			id := u.checkin()
			u.open("/checkins/" + id + "/edit")
			return u.client, "/checkins/" + id + "/edit", checkinValues("note", "changed")
		},
		"POST /reflections": func(t *testing.T, e *env) (*client, string, url.Values) {
			u := member(e, "Reflector")
			u.open("/reflections/new")
			return u.client, "/reflections", form("helped", "a walk", "visibility", "private")
		},
	}
}

// TestBrowserCheckin: on a phone-sized window, a member checks in by
// tapping ratings and a mood, sees it in the list, and the partner sees it.
func TestBrowserCheckin(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, bl := e.couple("Avery", "Blair")
	b := newBrowser(t, e)
	avery, blair := b.tab(), b.tab()
	logIn := func(ctx context.Context, u *user) {
		t.Helper()
		b.do(ctx, "open the login form of "+u.Name,
			chromedp.Navigate(b.base+"/login"),
			chromedp.SendKeys(chromedp.ID("email"), u.Email),
			chromedp.SendKeys(chromedp.ID("password"), u.Password),
		)
		b.submit(ctx, "log in "+u.Name, `form[action="/login"]`)
	}
	logIn(avery, a)
	b.do(avery, "open check-ins", chromedp.Navigate(b.base+"/checkins"))
	b.expect(avery, "You haven't checked in today", "0 = not at all, 10 = completely")
	b.shot(avery, "checkin-form")
	b.do(avery, "rate, choose a mood and write a note",
		chromedp.Click(chromedp.CSS(`input[name=safe][value="7"]`)),
		chromedp.Click(chromedp.CSS(`input[name=trust][value="4"]`)),
		chromedp.Click(chromedp.CSS(`input[name=connected][value="10"]`)),
		chromedp.Click(chromedp.CSS(`input[name=mood][value="hopeful"]`)),
		chromedp.SendKeys(chromedp.ID("note"), "We walked by the river."),
	)
	b.submit(avery, "check in", `form.checkin-form`)
	b.expect(avery, "Thank you for checking in.", "You checked in today", "We walked by the river.", "Hopeful")
	cell := b.text(avery, ".checkin-cell")
	for _, want := range []string{"Safe7", "Trust4", "Connected10"} {
		if !strings.Contains(strings.Join(strings.Fields(cell), ""), want) {
			t.Fatalf("Avery's check-in shows %q, want %s", cell, want)
		}
	}
	b.shot(avery, "checkin-list")

	logIn(blair, bl)
	b.do(blair, "open check-ins", chromedp.Navigate(b.base+"/checkins"))
	b.expect(blair, "Avery has checked in today: see below.", "We walked by the river.", "Hopeful")
	b.shot(blair, "checkin-partner")
	for _, tab := range []context.Context{avery, blair} {
		wide, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
		if err != nil || wide {
			t.Fatalf("the check-in page scrolls sideways on a phone (%v)", err)
		}
	}
	b.noConsoleErrors()
}

// TestCheckinItemsAcrossActors: in the shared fixture, Avery's private
// check-in of an earlier day can't be opened by anyone else, and not even
// by Avery to change it; her shared reflection is read by Blair only.
func TestCheckinItemsAcrossActors(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	fx := newFixture(t, e)
	priv := "/checkins/" + fx.ids["checkins:private"] + "/edit"
	refl := "/reflections/" + fx.ids["reflections:shared"]
	for _, k := range []actorKind{memberA, partnerB, otherC, formerF} {
		c := fx.client(k)
		want := http.StatusNotFound
		if k == memberA {
			want = http.StatusConflict // hers, but of another day
		}
		if r := c.get(priv); r.Status != want {
			t.Errorf("%s opens Avery's private check-in of an earlier day: %d, want %d", k, r.Status, want)
		}
		page := c.open("/checkins")
		if k != memberA && strings.Contains(page.Body, "Avery private") {
			t.Errorf("%s sees Avery's private check-in", k)
		}
		list := c.open("/reflections")
		if seen := strings.Contains(list.Body, "Avery&#39;s shared reflection"); seen != (k == memberA || k == partnerB) {
			t.Errorf("%s sees Avery's shared reflection in the list: %v", k, seen)
		}
		if k == otherC || k == formerF {
			if r := c.get(refl); r.Status != http.StatusNotFound {
				t.Errorf("%s opens Avery's reflection: %d", k, r.Status)
			}
		}
	}
	fx.client(memberA).open("/checkins?before=2026-03-09").contains(t, "Avery private")

	// Changing someone else's check-in is not found, whether or not the
	// form is right; the author is told what to mend in hers.
	edit := "/checkins/" + fx.ids["checkins:shared"] + "/edit"
	for _, k := range []actorKind{memberA, partnerB, otherC, formerF} {
		want := http.StatusNotFound
		if k == memberA {
			want = http.StatusUnprocessableEntity
		}
		if r := fx.client(k).post(edit, checkinValues("mood", "")); r.First != want {
			t.Errorf("%s posts a form without a mood to Avery's check-in: %d, want %d", k, r.First, want)
		}
	}
}
