package web_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// reflect writes u's reflection for this week and returns its id.
func (u *user) reflect(kv ...string) string {
	u.t.Helper()
	u.open("/reflections/new")
	r := u.post("/reflections", form(kv...))
	if r.First != http.StatusSeeOther || !strings.HasPrefix(r.URL, "/reflections/") {
		u.t.Fatalf("%s writes a reflection: %d %s\n%s", u.Name, r.First, r.URL, excerpt(r.Body))
	}
	return strings.TrimPrefix(r.URL, "/reflections/")
}

// TestReflectionVisibility: a private reflection is its author's alone; a
// shared one is read by the partner at once.
func TestReflectionVisibility(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	a.open("/reflections").contains(t, "You haven't written your reflection for this week", `href="/reflections/new"`)
	form := a.open("/reflections/new")
	form.contains(t, "What helped this week?", "What was hard?", "What I need from you", "One thing I will do next week",
		`value="keep-your-word"`, `name="visibility" value="together" checked`)

	priv := a.reflect("helped", "A-PRIVATE-HELPED", "hard", "A-PRIVATE-HARD", "visibility", "private")
	own := a.open("/reflections/" + priv)
	own.contains(t, "Your reflection", "A-PRIVATE-HELPED", "A-PRIVATE-HARD", "Private: only you can read it.")
	a.open("/reflections").contains(t, "You've written your reflection for this week", "A-PRIVATE-HELPED")
	if r := a.get("/reflections/new"); r.Status != http.StatusSeeOther || r.Location != "/reflections/"+priv {
		t.Fatalf("the form once this week's is written: %d %s", r.Status, r.Location)
	}
	list := b.open("/reflections")
	list.lacks(t, "A-PRIVATE", priv, "Ana")
	if r := b.get("/reflections/" + priv); r.Status != http.StatusNotFound {
		t.Fatalf("Ben opens Ana's private reflection: %d", r.Status)
	}

	e.later(7*24*time.Hour, a, b)
	shared := a.reflect("need", "A-SHARED-NEED", "next_step", "Call when I'm late", "practice", "keep-your-word", "visibility", "shared")
	own = a.open("/reflections/" + shared)
	own.contains(t, "Shared with Ben.", `href="/promises/new?title=Call+when+I%27m+late&amp;practice=keep-your-word"`, "Make this a promise",
		`href="/guidance/keep-your-word"`)
	list = b.open("/reflections")
	list.contains(t, "A-SHARED-NEED", "/reflections/"+shared)
	list.lacks(t, "A-PRIVATE", priv)
	theirs := b.open("/reflections/" + shared)
	theirs.contains(t, "Ana's reflection", "A-SHARED-NEED", "Call when I&#39;m late")
	theirs.lacks(t, "Make this a promise", "/promises/new")
}

// TestRevealTogether: a reflection to reveal together is shown to the
// partner only once they have written theirs for the same week, whoever
// writes first; until then, the page says it exists and nothing of it.
func TestRevealTogether(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	// checkHidden: viewer knows that author wrote theirs and nothing else.
	checkHidden := func(viewer *user, author, id, marker string) {
		t.Helper()
		page := viewer.open("/reflections")
		textOf(page).contains(t, author+" has written their reflection for this week; it will appear when you've written yours.")
		page.lacks(t, marker, id)
		viewer.open("/reflections/new").lacks(t, marker, id)
		viewer.open("/").lacks(t, marker, id)
		if r := viewer.get("/reflections/" + id); r.Status != http.StatusNotFound {
			t.Fatalf("%s opens the hidden reflection: %d", viewer.Name, r.Status)
		}
	}
	for week, first := range []*user{a, b} {
		second := b
		if first == b {
			second = a
		}
		m1, m2 := "FIRST-"+first.Name+"-"+itoa(int64(week)), "SECOND-"+second.Name+"-"+itoa(int64(week))
		id1 := first.reflect("helped", m1, "visibility", "together")
		first.open("/reflections/"+id1).contains(t, "Not revealed yet: "+second.Name+" will see it once they have written theirs for this week.")
		checkHidden(second, first.Name, id1, m1)
		second.open("/reflections/new").contains(t, first.Name+" has written their reflection for this week, to reveal together")

		id2 := second.reflect("helped", m2, "visibility", "together")
		for _, u := range []*user{first, second} {
			list := u.open("/reflections")
			list.contains(t, m1, m2, "/reflections/"+id1, "/reflections/"+id2, "Revealed: you have both written yours for this week.")
			list.lacks(t, "has written their reflection")
		}
		second.open("/reflections/"+id1).contains(t, m1, first.Name+"'s reflection", "Revealed")
		first.open("/reflections/"+id2).contains(t, m2, "Revealed")
		e.later(7*24*time.Hour, a, b)
	}

	// Together and shared: Ben's shared reflection unlocks Ana's.
	tog := a.reflect("helped", "A-TOG-3", "visibility", "together")
	checkHidden(b, "Ana", tog, "A-TOG-3")
	shared := b.reflect("helped", "B-SHARED-3", "visibility", "shared")
	b.open("/reflections/"+tog).contains(t, "A-TOG-3")
	a.open("/reflections/"+shared).contains(t, "B-SHARED-3")
	e.later(7*24*time.Hour, a, b)

	// Together and private: a private reflection is no exchange, so neither
	// reads the other's, and the page says why.
	tog = a.reflect("helped", "A-TOG-4", "visibility", "together")
	priv := b.reflect("helped", "B-PRIV-4", "visibility", "private")
	page := b.open("/reflections")
	page.contains(t, "Ana has written their reflection for this week, to reveal together. Yours for this week is private, so theirs stays hidden.")
	page.lacks(t, "A-TOG-4", tog)
	if r := b.get("/reflections/" + tog); r.Status != http.StatusNotFound {
		t.Fatalf("Ben, whose reflection is private, opens Ana's: %d", r.Status)
	}
	mine := a.open("/reflections")
	mine.contains(t, "Not revealed yet")
	mine.lacks(t, "B-PRIV-4", priv, "Ben has written")

	// A past week whose reflection was never answered stays hidden.
	e.later(7*24*time.Hour, a, b)
	tog5 := b.reflect("helped", "B-TOG-5", "visibility", "together")
	e.later(7*24*time.Hour, a, b)
	page = a.open("/reflections")
	textOf(page).contains(t, "Ben wrote their reflection for this week, to reveal together. You didn't write one that week, so it stays hidden.")
	page.lacks(t, "B-TOG-5", tog5)
	textOf(b.open("/reflections")).contains(t, "Not revealed: Ana didn't write one for that week that you can both read, so it stays yours alone.")
}

// TestReflectionWeeksAcrossZones: "this week" is each author's own week,
// and a reflection to reveal together is matched by the Monday each author
// computed. Ana lives in Auckland, Ben in Los Angeles.
func TestReflectionWeeksAcrossZones(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	a.setZone("Pacific/Auckland")
	b.setZone("America/Los_Angeles")
	// Tue 10 March 12:00 UTC -> Sunday 15 March 20:00 UTC: Monday 16 March
	// 09:00 in Auckland, Sunday 15 March 13:00 in Los Angeles.
	e.later(5*24*time.Hour+8*time.Hour, a, b)
	aID := a.reflect("helped", "ANA-WEEK-16", "visibility", "together")
	a.open("/reflections/"+aID).contains(t, "Week of Mon 16 March 2026")
	bOld := b.reflect("helped", "BEN-WEEK-9", "visibility", "together")
	b.open("/reflections/"+bOld).contains(t, "Week of Mon 9 March 2026")
	// Different weeks: nothing is revealed either way. Ben sees that Ana's
	// week has begun and that she has written hers.
	b.open("/reflections").lacks(t, "ANA-WEEK-16")
	a.open("/reflections").lacks(t, "BEN-WEEK-9")

	// Monday 16 March 10:00 UTC: Monday 03:00 in Los Angeles, Ben's new week.
	e.later(14*time.Hour, a, b)
	bNew := b.reflect("helped", "BEN-WEEK-16", "visibility", "together")
	b.open("/reflections").contains(t, "ANA-WEEK-16", "BEN-WEEK-16")
	a.open("/reflections").contains(t, "ANA-WEEK-16", "BEN-WEEK-16")
	a.open("/reflections/"+bNew).contains(t, "BEN-WEEK-16")
	if r := a.get("/reflections/" + bOld); r.Status != http.StatusNotFound {
		t.Fatalf("Ana opens Ben's reflection of a week she didn't write: %d", r.Status)
	}
	var weeks []string
	e.db.Raw("SELECT week_start FROM reflections ORDER BY week_start, helped").Scan(&weeks)
	if strings.Join(weeks, " ") != "2026-03-09 2026-03-16 2026-03-16" {
		t.Fatalf("stored weeks: %v", weeks)
	}
}

// TestReflectionValidation: at least one answer, bounded answers, known
// practice and visibility, one a week; the form keeps what was typed.
func TestReflectionValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a, _ := e.couple("Ana", "Ben")
	a.open("/reflections/new")
	long := strings.Repeat("w", 2001)
	cases := []struct {
		name string
		kv   []string
		msg  string
		kept string
	}{
		{"empty", []string{"helped", "  ", "visibility", "shared"}, "Please answer at least one of the questions.", `value="shared" checked`},
		{"too long", []string{"hard", long, "visibility", "shared"}, "What was hard is too long: at most 2000 characters, this has 2001.", long},
		{"unknown practice", []string{"need", "KEEP-NEED", "practice", "no-such-practice", "visibility", "shared"}, "Please choose a practice from the list", "KEEP-NEED"},
		{"unknown visibility", []string{"next_step", "KEEP-STEP", "visibility", "everyone"}, "Please choose who may read your reflection.", "KEEP-STEP"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := a.post("/reflections", form(c.kv...))
			if r.Status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", r.Status)
			}
			r.contains(t, c.msg, c.kept)
		})
	}
	a.reflect("helped", "FIRST", "visibility", "private")
	r := a.post("/reflections", form("helped", "SECOND-KEPT", "visibility", "private"))
	if r.Status != http.StatusConflict {
		t.Fatalf("second reflection in a week: %d, want 409", r.Status)
	}
	r.contains(t, "already written your reflection for this week", "SECOND-KEPT")
	if r := a.get("/reflections/nonsense"); r.Status != http.StatusNotFound {
		t.Fatalf("bad id: %d", r.Status)
	}
}

// TestRevealTogetherSecondHalf: the first of two reflections to reveal
// together is told it will be revealed; the second, that both are now.
func TestRevealTogetherSecondHalf(t *testing.T) {
	e := newEnv(t)
	a, b := e.couple("Ana", "Ben")
	a.open("/reflections/new")
	first := a.post("/reflections", form("helped", "Walks", "visibility", "together"))
	first.contains(t, "It will be revealed once you have both written yours")
	b.open("/reflections/new")
	second := b.post("/reflections", form("helped", "Talks", "visibility", "together"))
	second.contains(t, "both are revealed now")
	second.lacks(t, "It will be revealed once")
}
