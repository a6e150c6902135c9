package web_test

import (
	"html"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mend/internal/auth"
	"mend/internal/db"
	"mend/internal/progress"
	"mend/internal/seed"
	"mend/internal/store"
)

// seeded is everything a small seed run wrote, loaded back.
type seeded struct {
	users       map[string]store.User
	spaces      []store.Space
	members     map[string][]store.Membership // by space
	promises    []store.Promise
	versions    []store.PromiseVersion
	pauses      []store.PromisePause
	entries     []store.LedgerEntry
	reviews     []store.LedgerReview
	checkins    []store.Checkin
	reflections []store.Reflection
	journal     []store.JournalEntry
	replies     []store.JournalReply
	gratitude   []store.GratitudeNote
	bookmarks   []store.Bookmark
}

// seedSmall seeds 3 couples × 30 days ending on the test clock's today and
// loads every row back.
func seedSmall(t *testing.T, e *env) *seeded {
	t.Helper()
	st, err := seed.Run(ctx(), e.db, seed.Options{Couples: 3, Days: 30, Seed: 7, Today: e.clock.Now()}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range st.Tables {
		if tr.Rows == 0 { // else the checks below would check nothing of that table
			t.Errorf("the seed wrote no %s; choose a seed that does", tr.Table)
		}
	}
	s := &seeded{users: map[string]store.User{}, members: map[string][]store.Membership{}}
	var users []store.User
	var members []store.Membership
	for _, dst := range []any{&users, &s.spaces, &members, &s.promises, &s.versions, &s.pauses, &s.entries, &s.reviews,
		&s.checkins, &s.reflections, &s.journal, &s.replies, &s.gratitude, &s.bookmarks} {
		if err := e.db.Order("id").Find(dst).Error; err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range users {
		s.users[u.ID] = u
	}
	for _, m := range members {
		s.members[m.SpaceID] = append(s.members[m.SpaceID], m)
	}
	return s
}

// problems collects what the checks find, a few of each kind.
type problems struct {
	t     *testing.T
	count map[string]int
}

func (p *problems) add(kind, format string, args ...any) {
	p.t.Helper()
	p.count[kind]++
	if p.count[kind] <= 3 {
		p.t.Errorf("%s: "+format, append([]any{kind}, args...)...)
	}
}

// form checks one row's values through the real validation of its form.
func (p *problems) form(e *env, name, what string, v url.Values, today, earliest progress.Date) {
	p.t.Helper()
	if errs := e.app.FormProblems(name, v, today, earliest); len(errs) > 0 {
		p.add(name+" form", "%s: %v", what, errs)
	}
}

// TestSeedPassesFormValidation seeds a few couples and checks that what the
// seed wrote is what people could have written: every row passes the
// validation of the form it would come from (the handlers' own checks), and
// keeps the rules the store enforces when it is written through the app
// (members only, one check-in a day, ledger days that were due, replies with
// their parents, times in order and in the author's day). Then seeded
// people log in and every page of theirs answers, and a few forms sent back
// unchanged are accepted.
func TestSeedPassesFormValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	s := seedSmall(t, e)
	p := &problems{t: t, count: map[string]int{}}
	now := e.clock.Now()
	lib := e.app.Library()

	if msg := auth.CheckPassword(seed.Password); msg != "" {
		t.Errorf("seed.Password is refused: %s", msg)
	}
	if !db.IsPostgres(e.db) { // PostgreSQL checks every foreign key as it writes
		var fk []map[string]any
		if err := e.db.Raw("PRAGMA foreign_key_check").Scan(&fk).Error; err != nil || len(fk) > 0 {
			t.Errorf("foreign keys: %v %v", fk, err)
		}
	}

	// Who is where, and when each person's day is.
	loc := map[string]*time.Location{}
	joined := map[string]time.Time{}
	spaceOf := map[string]string{}
	for _, u := range s.users {
		loc[u.ID] = u.Location()
		if loc[u.ID] == time.UTC && u.TimeZone != "UTC" {
			p.add("zone", "%s has the unknown zone %q", u.Email, u.TimeZone)
		}
		p.form(e, "profile", u.Email, url.Values{"name": {u.Name}, "email": {u.Email}, "time_zone": {u.TimeZone}}, 0, 0)
	}
	for _, sp := range s.spaces {
		p.form(e, "space", sp.ID, url.Values{"name": {sp.Name}}, 0, 0)
		ms := s.members[sp.ID]
		if len(ms) != 2 {
			p.add("members", "space %s has %d members", sp.ID, len(ms))
		}
		for _, m := range ms {
			if m.LeftAt != nil || m.JoinedAt.Before(sp.CreatedAt) {
				p.add("members", "%+v", m)
			}
			switch m.Role {
			case "", store.RoleBroke, store.RoleHurt, store.RoleBoth:
			default:
				p.add("members", "unknown role %q", m.Role)
			}
			if m.Role == "" && m.RoleShared {
				p.add("members", "a role not given is shared")
			}
			joined[m.UserID], spaceOf[m.UserID] = m.JoinedAt, sp.ID
		}
	}
	day := func(userID string, at time.Time) progress.Date { return progress.Today(at, loc[userID]) }
	// made checks that a row of space, by author, was made at a time its
	// author could: a member of the space, after joining, before now.
	made := func(kind, space, author string, at time.Time) {
		t.Helper()
		switch {
		case spaceOf[author] != space:
			p.add(kind, "written by %s, who is not a member of its space", author)
		case at.Before(joined[author]):
			p.add(kind, "made at %v, before its author joined (%v)", at, joined[author])
		case !at.Before(now):
			p.add(kind, "made at %v, not before now", at)
		}
	}
	partnerOf := func(userID string) string {
		for _, m := range s.members[spaceOf[userID]] {
			if m.UserID != userID {
				return m.UserID
			}
		}
		return ""
	}
	allIDs := []string{}

	// Check-ins: one a day, dated on the author's day, valid ratings and mood.
	oneADay := map[string]bool{}
	for _, c := range s.checkins {
		allIDs = append(allIDs, c.ID)
		made("check-in", c.SpaceID, c.AuthorID, c.CreatedAt)
		if c.Date != day(c.AuthorID, c.CreatedAt).String() || day(c.AuthorID, c.UpdatedAt).String() != c.Date || c.UpdatedAt.Before(c.CreatedAt) {
			p.add("check-in", "dated %s but made %v, changed %v in %s", c.Date, c.CreatedAt, c.UpdatedAt, loc[c.AuthorID])
		}
		key := c.AuthorID + c.Date
		if oneADay[key] {
			p.add("check-in", "two on %s", c.Date)
		}
		oneADay[key] = true
		v := url.Values{"safe": {strconv.Itoa(c.Safe)}, "trust": {strconv.Itoa(c.Trust)}, "connected": {strconv.Itoa(c.Connected)},
			"mood": {c.Mood}, "note": {c.Note}}
		if c.Private {
			v.Set("private", "1")
		}
		p.form(e, "checkin", c.ID, v, 0, 0)
	}

	// Reflections: one a week, in the author's week, valid answers.
	oneAWeek := map[string]bool{}
	for _, r := range s.reflections {
		allIDs = append(allIDs, r.ID)
		made("reflection", r.SpaceID, r.AuthorID, r.CreatedAt)
		if w := day(r.AuthorID, r.CreatedAt).WeekStart(time.Monday).String(); w != r.WeekStart {
			p.add("reflection", "of the week of %s, written in the week of %s", r.WeekStart, w)
		}
		if oneAWeek[r.AuthorID+r.WeekStart] {
			p.add("reflection", "two in the week of %s", r.WeekStart)
		}
		oneAWeek[r.AuthorID+r.WeekStart] = true
		p.form(e, "reflection", r.ID, url.Values{"helped": {r.Helped}, "hard": {r.Hard}, "need": {r.Need}, "next_step": {r.NextStep},
			"practice": {r.Practice}, "visibility": {r.Visibility}}, 0, 0)
	}

	// Journal entries and replies.
	entries := map[string]store.JournalEntry{}
	for _, j := range s.journal {
		allIDs = append(allIDs, j.ID)
		entries[j.ID] = j
		made("journal entry", j.SpaceID, j.AuthorID, j.CreatedAt)
		v := url.Values{"title": {j.Title}, "body": {j.Body}, "practice": {j.Practice}}
		if j.Prompt != "" {
			found := false
			for i := range 10 {
				if q, ok := e.app.JournalPrompt(j.Practice, strconv.Itoa(i)); ok && q == j.Prompt {
					v.Set("prompt", strconv.Itoa(i))
					found = true
				}
			}
			if !found {
				p.add("journal entry", "answers %q, not a question of %q", j.Prompt, j.Practice)
			}
		}
		p.form(e, "journal", j.ID, v, 0, 0)
		if j.SearchText != (store.JournalInput{Title: j.Title, Body: j.Body}).SearchText() {
			p.add("journal entry", "search text is not its title and body")
		}
		if j.Shared != (j.SharedAt != nil) || (j.SharedAt != nil && (j.SharedAt.Before(j.CreatedAt) || !j.SharedAt.Before(now))) {
			p.add("journal entry", "shared %v at %v, made %v", j.Shared, j.SharedAt, j.CreatedAt)
		}
		if j.UpdatedAt.Before(j.CreatedAt) || !j.UpdatedAt.Before(now) {
			p.add("journal entry", "changed at %v", j.UpdatedAt)
		}
	}
	replied := map[string]bool{}
	for _, r := range s.replies {
		allIDs = append(allIDs, r.ID)
		j, ok := entries[r.EntryID]
		made("journal reply", r.SpaceID, r.AuthorID, r.CreatedAt)
		switch {
		case !ok:
			p.add("journal reply", "to no entry")
		case !j.Shared || r.AuthorID != partnerOf(j.AuthorID) || r.SpaceID != j.SpaceID || r.CreatedAt.Before(*j.SharedAt):
			p.add("journal reply", "to an entry not shared with its author at the time: %+v", r)
		case replied[r.EntryID]:
			p.add("journal reply", "a second reply")
		}
		replied[r.EntryID] = true
		p.form(e, "journal reply", r.ID, url.Values{"reply": {r.Body}}, 0, 0)
	}

	// Gratitude notes, to the partner; received, hearts and replies in order.
	for _, n := range s.gratitude {
		allIDs = append(allIDs, n.ID)
		made("gratitude note", n.SpaceID, n.FromID, n.CreatedAt)
		if n.ToID != partnerOf(n.FromID) {
			p.add("gratitude note", "not to the partner")
		}
		p.form(e, "gratitude", n.ID, url.Values{"body": {n.Body}, "practice": {n.Practice}}, 0, 0)
		switch {
		case n.ReceivedAt == nil && (n.Heart || n.Reply != "" || n.RepliedAt != nil):
			p.add("gratitude note", "answered but not received")
		case n.ReceivedAt != nil && (n.ReceivedAt.Before(n.CreatedAt) || !n.ReceivedAt.Before(now)):
			p.add("gratitude note", "received at %v, sent %v", n.ReceivedAt, n.CreatedAt)
		case (n.Reply != "") != (n.RepliedAt != nil) || (n.RepliedAt != nil && n.RepliedAt.Before(*n.ReceivedAt)):
			p.add("gratitude note", "reply %q at %v", n.Reply, n.RepliedAt)
		}
		if n.Heart || n.Reply != "" {
			v := url.Values{"reply": {n.Reply}}
			if n.Heart {
				v.Set("heart", "1")
			}
			p.form(e, "gratitude reply", n.ID, v, 0, 0)
		}
	}

	// Bookmarks: of practices in the library.
	for _, b := range s.bookmarks {
		allIDs = append(allIDs, b.ID)
		made("bookmark", b.SpaceID, b.UserID, b.CreatedAt)
		if _, ok := lib.Practice(b.Slug); !ok {
			p.add("bookmark", "of an unknown practice %q", b.Slug)
		}
		v := url.Values{"note": {b.Note}}
		if b.Shared {
			v.Set("shared", "1")
		}
		p.form(e, "bookmark", b.ID, v, 0, 0)
		if b.UpdatedAt.Before(b.CreatedAt) || !b.UpdatedAt.Before(now) {
			p.add("bookmark", "changed at %v", b.UpdatedAt)
		}
	}

	checkSeededPromises(t, e, s, p, day, made, partnerOf, &allIDs)

	for _, id := range allIDs {
		if !store.ValidID(id) {
			p.add("id", "%q is not an id the app makes", id)
		}
	}
	for _, sp := range s.spaces {
		allIDs = append(allIDs, sp.ID)
	}
	slices.Sort(allIDs)
	if len(slices.Compact(allIDs)) != len(allIDs) {
		p.add("id", "an id is used twice")
	}

	checkSeededPages(t, e, s)
}

// checkSeededPromises checks promises, their versions, pauses, ledger and
// reviews: the forms they come from, and the rules of the store.
func checkSeededPromises(t *testing.T, e *env, s *seeded, p *problems, day func(string, time.Time) progress.Date,
	made func(kind, space, author string, at time.Time), partnerOf func(string) string, allIDs *[]string) {
	t.Helper()
	versions := map[string][]store.PromiseVersion{}
	for _, v := range s.versions {
		*allIDs = append(*allIDs, v.ID)
		versions[v.PromiseID] = append(versions[v.PromiseID], v)
	}
	for _, vs := range versions {
		slices.SortFunc(vs, func(a, b store.PromiseVersion) int { return a.Seq - b.Seq })
	}
	pauses := map[string][]store.PromisePause{}
	for _, z := range s.pauses {
		*allIDs = append(*allIDs, z.ID)
		pauses[z.PromiseID] = append(pauses[z.PromiseID], z)
	}
	entries := map[string][]store.LedgerEntry{}
	entryByID := map[string]store.LedgerEntry{}
	for _, le := range s.entries {
		*allIDs = append(*allIDs, le.ID)
		entries[le.PromiseID] = append(entries[le.PromiseID], le)
		entryByID[le.ID] = le
	}
	termsForm := func(v store.PromiseVersion) url.Values {
		sch := v.Schedule()
		f := url.Values{"title": {v.Title}, "details": {v.Details}, "kind": {v.Kind}, "start": {v.StartDate},
			"due": {sch.Due.String()}, "end": {sch.End.String()}}
		if sch.Weekdays != 0 {
			f["weekdays"] = strings.Split(sch.Weekdays.String(), ",")
		}
		return f
	}
	for _, pr := range s.promises {
		*allIDs = append(*allIDs, pr.ID)
		made("promise", pr.SpaceID, pr.AuthorID, pr.CreatedAt)
		sc := store.Scope{UserID: pr.AuthorID, SpaceID: pr.SpaceID, Since: time.Time{}}
		tr, _, err := e.app.Store().PromiseDetail(ctx(), sc, pr.ID)
		if err != nil {
			t.Fatalf("promise %s: %v", pr.ID, err)
		}
		if err := tr.Plan.Validate(); err != nil {
			p.add("promise", "its plan: %v", err)
		}
		// The terms: first as made, then each renegotiation, judged on the day it was agreed.
		var recorded []progress.Date
		for _, le := range entries[pr.ID] {
			d, _ := progress.ParseDate(le.Date)
			recorded = append(recorded, d)
		}
		for i, v := range versions[pr.ID] {
			today := day(pr.AuthorID, v.CreatedAt)
			made("promise version", v.SpaceID, pr.AuthorID, v.CreatedAt)
			if v.Seq != i+1 || v.SpaceID != pr.SpaceID {
				p.add("promise version", "seq %d at %d", v.Seq, i+1)
			}
			if i == 0 {
				f := termsForm(v)
				f.Set("practice", pr.Practice)
				f.Set("can_keep", "1")
				p.form(e, "promise", v.ID, f, today, today)
				if v.FromDate != today.String() || !v.CreatedAt.Equal(pr.CreatedAt) {
					p.add("promise version", "first terms from %s, made %s", v.FromDate, today)
				}
				continue
			}
			// The first day new terms can apply: after every day recorded by then.
			earliest := today
			for k, le := range entries[pr.ID] {
				if le.CreatedAt.Before(v.CreatedAt) && recorded[k] >= earliest {
					earliest = recorded[k].AddDays(1)
				}
			}
			f := termsForm(v)
			f.Set("from", v.FromDate)
			f.Set("note", v.Note)
			p.form(e, "renegotiation", v.ID, f, today, earliest)
		}
		open := 0
		for _, z := range pauses[pr.ID] {
			made("pause", z.SpaceID, pr.AuthorID, z.CreatedAt)
			p.form(e, "pause", z.ID, url.Values{"pause_note": {z.Note}}, 0, 0)
			if z.FromDate != day(pr.AuthorID, z.CreatedAt).String() {
				p.add("pause", "from %s, made %v", z.FromDate, z.CreatedAt)
			}
			switch {
			case z.ToDate == nil:
				open++
			case *z.ToDate <= z.FromDate || z.EndedAt == nil || z.EndedAt.Before(z.CreatedAt) ||
				(*z.ToDate != day(pr.AuthorID, *z.EndedAt).String() && (pr.ClosedOn == nil || *z.ToDate != *pr.ClosedOn)):
				p.add("pause", "%s to %v, ended %v", z.FromDate, *z.ToDate, z.EndedAt)
			}
		}
		if open > 1 || (open == 1 && pr.ClosedOn != nil) {
			p.add("pause", "%d running on a promise closed on %v", open, pr.ClosedOn)
		}
		if pr.ClosedOn != nil {
			p.form(e, "close", pr.ID, url.Values{"close_kind": {pr.CloseKind}, "close_note": {pr.CloseNote}}, 0, 0)
			if pr.ClosedAt == nil || *pr.ClosedOn != day(pr.AuthorID, *pr.ClosedAt).String() {
				p.add("promise", "closed on %s at %v", *pr.ClosedOn, pr.ClosedAt)
			}
		}
		// The ledger: due days only, recorded within the window, by the author, before any closing.
		for _, le := range entries[pr.ID] {
			made("ledger entry", le.SpaceID, le.AuthorID, le.CreatedAt)
			d, err := progress.ParseDate(le.Date)
			if err != nil || !tr.Plan.IsDue(d) {
				p.add("ledger entry", "%s is not a due day of %s", le.Date, pr.ID)
			}
			if le.AuthorID != pr.AuthorID || le.SpaceID != pr.SpaceID {
				p.add("ledger entry", "not by the promise's author")
			}
			if age := progress.Between(d, day(le.AuthorID, le.CreatedAt)); age < 0 || age >= store.RecordWindow {
				p.add("ledger entry", "of %s recorded %d days later", le.Date, age)
			}
			if pr.ClosedAt != nil && !le.CreatedAt.Before(*pr.ClosedAt) {
				p.add("ledger entry", "recorded after the promise was closed")
			}
			if le.Outcome != store.OutcomeKept && le.Outcome != store.OutcomeMissed {
				p.add("ledger entry", "outcome %q", le.Outcome)
			}
			p.form(e, "record", le.ID, url.Values{"date": {le.Date}, "outcome": {le.Outcome}, "note": {le.Note}}, 0, 0)
		}
	}
	reviewed := map[string]bool{}
	for _, r := range s.reviews {
		*allIDs = append(*allIDs, r.ID)
		le, ok := entryByID[r.EntryID]
		made("review", r.SpaceID, r.ReviewerID, r.CreatedAt)
		switch {
		case !ok:
			p.add("review", "of no entry")
			continue
		case r.ReviewerID != partnerOf(le.AuthorID) || r.CreatedAt.Before(le.CreatedAt) || reviewed[r.EntryID]:
			p.add("review", "by %s of an entry of %s, at %v (entry %v)", r.ReviewerID, le.AuthorID, r.CreatedAt, le.CreatedAt)
		}
		reviewed[r.EntryID] = true
		switch r.Kind {
		case store.ReviewConfirm:
			if r.Note != "" || r.Reply != "" || r.RepliedAt != nil {
				p.add("review", "a confirmation with a note or an answer")
			}
		case store.ReviewDispute:
			p.form(e, "dispute", r.ID, url.Values{"dispute_note": {r.Note}}, 0, 0)
			if r.RepliedAt != nil {
				p.form(e, "dispute reply", r.ID, url.Values{"reply": {r.Reply}}, 0, 0)
				if r.RepliedAt.Before(r.CreatedAt) || !r.RepliedAt.Before(e.clock.Now()) {
					p.add("review", "answered at %v", r.RepliedAt)
				}
			} else if r.Reply != "" {
				p.add("review", "an answer without its time")
			}
		default:
			p.add("review", "kind %q", r.Kind)
		}
	}
}

// checkSeededPages logs in as each seeded person and opens their pages; a
// few forms sent back unchanged must be accepted.
func checkSeededPages(t *testing.T, e *env, s *seeded) {
	t.Helper()
	names := map[string]string{}
	for _, u := range s.users {
		names[u.Email] = u.Name
	}
	for i := range len(s.spaces) {
		for partner := range 2 {
			email := seed.Email(i, partner)
			u := &user{Name: names[email], Email: email, Password: seed.Password, client: e.client()}
			if r := u.login(email, seed.Password); r.First != http.StatusSeeOther {
				t.Fatalf("%s logs in: %d", email, r.First)
			}
			sc := e.scopeOf(email)
			for _, path := range []string{"/", "/space", "/settings", "/promises", "/checkins", "/reflections", "/journal", "/gratitude", "/bookmarks"} {
				if r := u.open(path); r.Status != http.StatusOK {
					t.Errorf("%s GET %s: %d\n%s", email, path, r.Status, excerpt(r.Body))
				}
			}
			u.open("/checkins").contains(t, "Check-ins")
			u.open("/gratitude").contains(t, names[email])
			for _, pr := range s.promises {
				if pr.SpaceID != sc.SpaceID {
					continue
				}
				if r := u.open("/promises/" + pr.ID); r.Status != http.StatusOK {
					t.Errorf("%s GET /promises/%s: %d\n%s", email, pr.ID, r.Status, excerpt(r.Body))
				}
			}
			opened := 0
			for _, j := range s.journal {
				if j.SpaceID == sc.SpaceID && (j.AuthorID == sc.UserID || j.Shared) && opened < 5 {
					opened++
					u.open("/journal/"+j.ID).contains(t, html.EscapeString(j.Title))
				}
			}
			for _, r := range s.reflections {
				if r.SpaceID == sc.SpaceID && r.AuthorID == sc.UserID {
					if res := u.open("/reflections/" + r.ID); res.Status != http.StatusOK {
						t.Errorf("%s GET /reflections/%s: %d", email, r.ID, res.Status)
					}
				}
			}

			// Forms sent back as they are, through the real handlers.
			var me store.User
			for _, x := range s.users {
				if x.Email == email {
					me = x
				}
			}
			u.open("/settings")
			if r := u.post("/settings", form("name", me.Name, "email", me.Email, "time_zone", me.TimeZone)); r.First != http.StatusSeeOther {
				t.Errorf("%s saves settings unchanged: %d\n%s", email, r.First, excerpt(r.Body))
			}
			for _, m := range s.members[sc.SpaceID] {
				if m.UserID == sc.UserID {
					shared := ""
					if m.RoleShared {
						shared = "1"
					}
					u.open("/space")
					if r := u.post("/space/role", form("role", m.Role, "shared", shared)); r.First != http.StatusSeeOther {
						t.Errorf("%s saves the role unchanged: %d", email, r.First)
					}
				}
			}
			for _, b := range s.bookmarks {
				if b.UserID == sc.UserID {
					shared := ""
					if b.Shared {
						shared = "1"
					}
					u.open("/bookmarks")
					if r := u.post("/bookmarks/"+b.ID, form("note", b.Note, "shared", shared)); r.First != http.StatusSeeOther {
						t.Errorf("%s saves bookmark %s unchanged: %d\n%s", email, b.ID, r.First, excerpt(r.Body))
					}
					break
				}
			}
			for _, j := range s.journal {
				if j.AuthorID == sc.UserID && j.Prompt == "" {
					u.open("/journal/" + j.ID + "/edit")
					if r := u.post("/journal/"+j.ID+"/edit", form("title", j.Title, "body", j.Body, "practice", j.Practice)); r.First != http.StatusSeeOther {
						t.Errorf("%s saves journal entry %s unchanged: %d\n%s", email, j.ID, r.First, excerpt(r.Body))
					}
					break
				}
			}
		}
	}
}

// scopeOf is the store scope of the account with email.
func (e *env) scopeOf(email string) store.Scope {
	e.t.Helper()
	u, err := e.app.Store().UserByEmail(ctx(), email)
	if err != nil {
		e.t.Fatal(err)
	}
	m, err := e.app.Store().CurrentMembership(ctx(), u.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	return store.Scope{UserID: u.ID, SpaceID: m.SpaceID, Since: m.JoinedAt}
}

// TestBrowserSeeded: a seeded person logs in in a real Chromium and reads
// their pages, their partner's shared days among them, without a script error.
func TestBrowserSeeded(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	if _, err := seed.Run(ctx(), e.db, seed.Options{Couples: 1, Days: 60, Seed: 3, Today: e.clock.Now()}, io.Discard); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, e)
	tab := b.tab()
	me, partner := e.scopeOf(seed.Email(0, 0)), e.scopeOf(seed.Email(0, 1))
	name := func(id string) string {
		u, err := e.app.Store().UserByID(ctx(), id)
		if err != nil {
			t.Fatal(err)
		}
		return u.Name
	}
	b.do(tab, "log in",
		chromedp.Navigate(b.base+"/login"),
		chromedp.SendKeys(chromedp.ID("email"), seed.Email(0, 0)),
		chromedp.SendKeys(chromedp.ID("password"), seed.Password),
	)
	b.submit(tab, "log in", `form[action="/login"]`)
	b.expect(tab, name(me.UserID), name(partner.UserID))
	var promise store.Promise
	if err := e.db.Where("author_id = ?", me.UserID).Order("created_at").Take(&promise).Error; err != nil {
		t.Fatal(err)
	}
	for _, page := range []struct{ path, name, want string }{
		{"/promises", "promises", "Promises"},
		{"/promises/" + promise.ID, "promise", "Kept"},
		{"/checkins", "checkins", name(partner.UserID)},
		{"/reflections", "reflections", "Week of"},
		{"/journal", "journal", "Journal"},
		{"/gratitude", "gratitude", "From " + name(partner.UserID)},
		{"/bookmarks", "bookmarks", "Bookmarks"},
	} {
		b.do(tab, "open "+page.path, chromedp.Navigate(b.base+page.path))
		b.expect(tab, page.want)
		b.shot(tab, "seeded-"+page.name)
	}
	b.noConsoleErrors()
}

// TestBrowserDemoCouple: the demo couple made by `mend seed --demo` logs in
// and sees the dashboard's charts; no page logs an error.
func TestBrowserDemoCouple(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	logins, _, err := seed.Demo(ctx(), e.db, seed.DemoOptions{Names: [2]string{"Sam", "Alex"},
		Passwords: [2]string{"demo passphrase one", "demo passphrase two"}, Days: 60, Seed: 7, Today: e.clock.Now()})
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, e)
	for _, l := range logins {
		tab := b.tab()
		b.do(tab, "log in as "+l.Name,
			chromedp.Navigate(b.base+"/login"),
			chromedp.SendKeys(chromedp.ID("email"), l.Email),
			chromedp.SendKeys(chromedp.ID("password"), l.Password),
		)
		b.submit(tab, "log in", `form[action="/login"]`)
		b.expect(tab, "Hello, "+l.Name, "How it's going")
		charts, err := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("figure.chart svg").length`))
		if err != nil || charts < 4 {
			t.Fatalf("%s sees %d charts (%v), want the feelings, promises and thanks charts", l.Name, charts, err)
		}
		visible, err := chromedp.Run(tab, chromedp.Evaluate[bool](`[...document.querySelectorAll("figure.chart svg")].every(s => s.getBoundingClientRect().width > 200)`))
		if err != nil || !visible {
			t.Fatalf("%s: a chart is not drawn (%v)", l.Name, err)
		}
		b.shot(tab, "demo-"+strings.ToLower(l.Name))
	}
	b.noConsoleErrors()
}
