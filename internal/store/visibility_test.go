package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"mend/internal/progress"
	"mend/internal/seal"
	"mend/internal/store"
)

// Kinds of items the visibility walk writes, each with a marker in every
// text field it has.
const (
	kPromise        = "promise"       // title, details, practice
	kLedger         = "ledger"        // the author's note
	kReview         = "review"        // the partner's dispute note
	kDisputeReply   = "dispute-reply" // the author's answer to it
	kCheckin        = "checkin"       // note
	kReflection     = "reflection"    // answers, practice
	kJournal        = "journal"       // title, body, practice
	kJournalReply   = "journal-reply" // the partner's reply
	kGratitude      = "gratitude"     // body, practice
	kGratitudeReply = "gratitude-reply"
	kBookmark       = "bookmark" // slug, note
	kQuestion       = "question" // body, practice: a draft when private
	kAnswer         = "answer"   // the partner's answer to it
	kTrigger        = "trigger"  // cause, helped
	kResponse       = "trigger-response"
	kAgreement      = "agreement"         // body, accepted by the partner
	kKeptAgreement  = "agreement-promise" // the author's promise that keeps it (its id)
)

// item is one thing the walk wrote: its marker (in its text) and ids.
type item struct {
	marker  string
	kind    string
	author  string // user id
	private bool   // private to its author when written
	ids     []string
	date    string    // a check-in's date, a reflection's week
	at      time.Time // a note's sending time
	to      string    // a note's recipient
	phase   int       // 1 while Avery and Finley share the space, 2 once Blair joined
}

// visFixture is a space lived in over time: Avery and Finley share it,
// Finley leaves, Blair joins; Casey has a space of their own.
type visFixture struct {
	s                    *store.Store
	avery, finley, blair store.Scope // finley as they were, in the space
	casey                store.Scope
	finleyAfter          store.Scope // Finley after leaving: no space
	items                []*item
	clock                *time.Time
	phase                int
	// ctx holds every member's data key: private text is sealed as in a
	// request, and a read that leaked another's private item would still
	// show its marker.
	ctx context.Context
}

func (fx *visFixture) tick() { *fx.clock = fx.clock.Add(time.Minute) }

func (fx *visFixture) add(t *testing.T, kind string, sc store.Scope, private bool) *item {
	it := &item{marker: fmt.Sprintf("mk%03dx", len(fx.items)), kind: kind, author: sc.UserID, private: private, phase: fx.phase}
	fx.items = append(fx.items, it)
	fx.tick()
	return it
}

// must is v, for a setup step that cannot fail.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func ok(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var dayCounter, weekCounter int

// writeAll writes, as sc with partner p (zero when alone), one item of
// every kind, private and shared where the kind allows, and the partner's
// answers to what is shared with them.
func (fx *visFixture) writeAll(t *testing.T, sc, p store.Scope) {
	ctx := fx.ctx
	s := fx.s
	today := progress.Today(s.Now(), time.UTC)

	pr := fx.add(t, kPromise, sc, false)
	promise := must(s.CreatePromise(ctx, sc, pr.marker, false, store.Terms{Title: pr.marker, Details: pr.marker,
		Schedule: progress.Schedule{Kind: progress.KindDaily, Start: today, End: progress.NoDate, Due: progress.NoDate}}))
	pr.ids = []string{promise.ID}
	le := fx.add(t, kLedger, sc, false)
	entry := must(s.RecordOccurrence(ctx, sc, promise.ID, today, store.OutcomeKept, le.marker))
	le.ids = []string{entry.ID}
	if p.UserID != "" {
		rv := fx.add(t, kReview, p, false)
		must(s.ReviewEntry(ctx, p, entry.ID, store.ReviewDispute, rv.marker))
		dr := fx.add(t, kDisputeReply, sc, false)
		must(s.ReplyToDispute(ctx, sc, entry.ID, dr.marker))
	}

	for _, private := range []bool{true, false} {
		ci := fx.add(t, kCheckin, sc, private)
		dayCounter++
		ci.date = progress.DateOf(2025, time.June, 1).AddDays(dayCounter).String()
		c := must(s.CreateCheckin(ctx, sc, parseDay(t, ci.date), store.CheckinInput{Safe: 5, Trust: 5, Connected: 5, Mood: "calm",
			Note: ci.marker, Private: private}))
		ci.ids = []string{c.ID}

		rf := fx.add(t, kReflection, sc, private)
		weekCounter++
		rf.date = progress.DateOf(2025, time.June, 2).AddDays(7 * weekCounter).String()
		vis := store.VisibilityShared
		if private {
			vis = store.VisibilityPrivate
		}
		r := must(s.CreateReflection(ctx, sc, parseDay(t, rf.date), store.ReflectionInput{Helped: rf.marker, Hard: rf.marker,
			Need: rf.marker, NextStep: rf.marker, Practice: rf.marker, Visibility: vis}))
		rf.ids = []string{r.ID}

		bm := fx.add(t, kBookmark, sc, private)
		ok(t, s.SaveBookmark(ctx, sc, bm.marker, bm.marker, !private))
		b := must(s.BookmarksOn(ctx, sc, bm.marker))
		bm.ids = []string{b[0].ID}

		if !private && p.UserID == "" {
			continue // nobody to share a journal entry with
		}
		je := fx.add(t, kJournal, sc, private)
		e := must(s.CreateJournalEntry(ctx, sc, store.JournalInput{Title: je.marker, Body: je.marker, Practice: je.marker}))
		je.ids = []string{e.ID}
		if !private {
			ok(t, s.ShareJournalEntry(ctx, sc, e.ID, true))
			jr := fx.add(t, kJournalReply, p, false)
			ok(t, s.ReplyToJournalEntry(ctx, p, e.ID, jr.marker))
		}
	}

	fx.writeConversations(t, sc, p, promise.ID)

	if p.UserID != "" {
		gn := fx.add(t, kGratitude, sc, false)
		n := must(s.SendGratitude(ctx, sc, gn.marker, gn.marker, ""))
		gn.ids, gn.at, gn.to = []string{n.ID}, n.CreatedAt, p.UserID
		gr := fx.add(t, kGratitudeReply, p, false)
		ok(t, s.ReplyToGratitude(ctx, p, n.ID, gr.marker, true))
	}
}

func mustDate(s string) progress.Date {
	d, err := progress.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func parseDay(t *testing.T, s string) progress.Date {
	d, err := progress.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func newVisFixture(t *testing.T) *visFixture {
	g := migratedDB(t)
	clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s := store.New(g, func() time.Time { return clock })
	fx := &visFixture{s: s, clock: &clock}
	ctx := context.Background()
	fx.ctx = ctx
	user := func(name string) string {
		u := &store.User{Email: name + "@example.com", Name: name, PasswordHash: "x", TimeZone: "UTC"}
		ok(t, s.CreateUser(ctx, u))
		fx.ctx = store.WithDataKey(fx.ctx, u.ID, seal.NewKey())
		return u.ID
	}
	join := func(uid, spaceID string) store.Scope {
		m := store.Membership{ID: store.NewID(), SpaceID: spaceID, UserID: uid, JoinedAt: s.Now()}
		ok(t, g.Create(&m).Error)
		return store.Scope{UserID: uid, SpaceID: spaceID, Since: m.JoinedAt}
	}
	a, f, b, c := user("avery"), user("finley"), user("blair"), user("casey")
	sp := must(s.CreateSpace(ctx, store.Scope{UserID: a}, "Ours"))
	m := must(s.CurrentMembership(ctx, a))
	fx.avery = store.Scope{UserID: a, SpaceID: sp.ID, Since: m.JoinedAt}
	fx.tick()
	fx.finley = join(f, sp.ID)
	fx.finleyAfter = store.Scope{UserID: f}

	// Avery and Finley together; then Finley leaves.
	fx.phase = 1
	fx.writeAll(t, fx.avery, fx.finley)
	fx.writeAll(t, fx.finley, fx.avery)
	ok(t, s.LeaveSpace(ctx, fx.finley))

	// Days later Blair joins; the two of them write.
	clock = clock.Add(3 * 24 * time.Hour)
	fx.blair = join(b, sp.ID)
	fx.tick()
	fx.phase = 2
	fx.writeAll(t, fx.avery, fx.blair)
	fx.writeAll(t, fx.blair, fx.avery)

	// Casey, alone in a space of their own.
	sp2 := must(s.CreateSpace(ctx, store.Scope{UserID: c}, "Mine"))
	m2 := must(s.CurrentMembership(ctx, c))
	fx.casey = store.Scope{UserID: c, SpaceID: sp2.ID, Since: m2.JoinedAt}
	fx.tick()
	fx.writeAll(t, fx.casey, store.Scope{})
	return fx
}

// allowed is the rule of who sees what, written out by hand for this
// story: the author sees their own; Avery, left behind, keeps what Finley
// shared; Avery and Blair see what the other shared once Blair had
// joined; a former member and another space see nothing.
func (fx *visFixture) allowed(viewer store.Scope, it *item) bool {
	if viewer.Viewer == store.ViewerGuest {
		return fx.guestAllowed(viewer, it)
	}
	if viewer.SpaceID == "" || viewer.Viewer != "" {
		return false // Finley, after leaving; a kind of viewer the rules do not know
	}
	if it.author == viewer.UserID {
		return it.author != fx.finley.UserID
	}
	if it.private {
		return false
	}
	switch viewer.UserID {
	case fx.avery.UserID:
		return it.author == fx.finley.UserID || it.author == fx.blair.UserID
	case fx.blair.UserID:
		return it.author == fx.avery.UserID && it.phase == 2
	}
	return false
}

// guestShows are the item kinds each thing a link shows opens to a guest.
var guestShows = map[string][]string{
	"promises": {kPromise, kLedger, kReview, kDisputeReply, kKeptAgreement}, // a promise that keeps an agreement is a promise
	"checkins": {kCheckin, kReflection},
	"thanks":   {kGratitude, kGratitudeReply},
	"journal":  {kJournal},
	// A question with its answers; a shared trigger with the responses; an agreement.
	"questions":  {kQuestion, kAnswer},
	"triggers":   {kTrigger, kResponse},
	"agreements": {kAgreement},
}

// guestAllowed is the counsellor's rule, by hand: what Avery and Blair
// shared with each other (phase 2), of the kinds the link shows; never
// anything private, a bookmark or a reply to a journal entry.
func (fx *visFixture) guestAllowed(viewer store.Scope, it *item) bool {
	if it.private || it.phase != 2 || (it.author != fx.avery.UserID && it.author != fx.blair.UserID) {
		return false
	}
	for _, show := range viewer.Guest.Shows {
		if slices.Contains(guestShows[show], it.kind) {
			return true
		}
	}
	return false
}

// readCase is one exported read method of Store: how to call it as the
// viewer (every id, slug or date of the fixture that it takes), and what
// kinds of item it can show. The call returns what to look for markers in.
type readCase struct {
	call  func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error)
	kinds []string
	own   bool // the viewer's own items only
	// shared: the shared items only (the timeline shows what the two share)
	shared bool
	// subset: shows some of the items it may (the latest, one by id): it
	// must show nothing else, and something when there is something to show.
	subset bool
	// filtered: a subset that may be empty, since more than who sees what
	// decides it (what still waits for a review); only leaks are checked.
	filtered bool
	// memberOnly: a guest gets nothing from it (notes addressed to the viewer).
	memberOnly bool
}

var (
	farPast   = progress.DateOf(2000, time.January, 3)
	farFuture = progress.DateOf(2100, time.January, 4)
)

// each calls f for every id of items of kind, keeping what is found and
// leaving out ErrNotFound.
func each(fx *visFixture, kind string, f func(id string) (any, error)) (any, error) {
	var out []any
	for _, it := range fx.items {
		if it.kind != kind {
			continue
		}
		for _, id := range it.ids {
			v, err := f(id)
			if errors.Is(err, store.ErrNotFound) {
				continue
			}
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
	}
	return out, nil
}

// eachValue is each over the dates (or markers) of items of kind.
func eachValue(fx *visFixture, kind string, value func(*item) string, f func(v string) (any, error)) (any, error) {
	var out []any
	for _, it := range fx.items {
		if it.kind != kind {
			continue
		}
		v, err := f(value(it))
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func marker(it *item) string { return it.marker }
func date(it *item) string   { return it.date }

// reads are every exported method of Store that reads a couple's entries.
var reads = map[string]readCase{
	"OwnPromises": {kinds: []string{kPromise}, own: true, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return fx.s.OwnPromises(ctx, sc)
	}},
	"WaitingFor": {kinds: []string{kLedger, kReview}, subset: true, filtered: true, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		// Records wait for a month: look from the day of the latest.
		last := farPast
		for _, it := range fx.items {
			if d, err := progress.ParseDate(it.date); err == nil && it.kind == kLedger && d > last {
				last = d
			}
		}
		return fx.s.WaitingFor(ctx, sc, last, last.WeekStart(time.Monday))
	}},
	"Bookmarks": {kinds: []string{kBookmark}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return fx.s.Bookmarks(ctx, sc)
	}},
	"BookmarksOn": {kinds: []string{kBookmark}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return eachValue(fx, kBookmark, marker, func(v string) (any, error) { return fx.s.BookmarksOn(ctx, sc, v) })
	}},
	"CheckinOn": {kinds: []string{kCheckin}, own: true, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return eachValue(fx, kCheckin, date, func(v string) (any, error) { return fx.s.CheckinOn(ctx, sc, mustDate(v)) })
	}},
	"CheckinRatings": {kinds: []string{kCheckin}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		rows, err := fx.s.CheckinRatings(ctx, sc, farPast, farFuture)
		// Ratings carry no text: name each row by its check-in's marker.
		var found []string
		for _, r := range rows {
			for _, it := range fx.items {
				if it.kind == kCheckin && it.date == r.Date && it.author == r.AuthorID {
					found = append(found, it.marker)
				}
			}
		}
		return found, err
	}},
	"Checkins": {kinds: []string{kCheckin}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return fx.s.Checkins(ctx, sc, farPast, farFuture)
	}},
	"DashboardCheckins": {kinds: []string{kCheckin}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return fx.s.DashboardCheckins(ctx, sc, store.DateRange{From: farPast, To: farFuture})
	}},
	"ExportOf": {kinds: []string{kPromise, kLedger, kReview, kDisputeReply, kCheckin, kReflection, kJournal, kJournalReply, kGratitude, kBookmark},
		own: true, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
			return fx.s.ExportOf(ctx, sc)
		}},
	"Gratitude": {memberOnly: true, kinds: []string{kGratitude, kGratitudeReply}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return fx.s.Gratitude(ctx, sc, 0, 100)
	}},
	"GratitudeNoteTo": {memberOnly: true, kinds: []string{kGratitude, kGratitudeReply}, subset: true, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return each(fx, kGratitude, func(id string) (any, error) { return fx.s.GratitudeNoteTo(ctx, sc, id) })
	}},
	"GratitudeTimes": {kinds: []string{kGratitude}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		times, err := fx.s.GratitudeTimes(ctx, sc, farPast.Time(time.UTC), farFuture.Time(time.UTC))
		var found []string
		for _, at := range times {
			for _, it := range fx.items {
				if it.kind == kGratitude && it.at.Equal(at) {
					found = append(found, it.marker)
				}
			}
		}
		return found, err
	}},
	"JournalEntries": {kinds: []string{kJournal}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		all, err := fx.s.JournalEntries(ctx, sc, "", 0, 100)
		if err != nil {
			return nil, err
		}
		// A search for each entry's marker: shared ones in their search
		// copy, the viewer's private ones opened in memory.
		found, err := eachValue(fx, kJournal, marker, func(m string) (any, error) { return fx.s.JournalEntries(ctx, sc, m, 0, 100) })
		return []any{all, found}, err
	}},
	"JournalEntry": {kinds: []string{kJournal, kJournalReply}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return each(fx, kJournal, func(id string) (any, error) { return fx.s.JournalEntry(ctx, sc, id) })
	}},
	"LatestReflectionWeekBefore": {kinds: []string{kReflection}, subset: true, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		d, err := fx.s.LatestReflectionWeekBefore(ctx, sc, farFuture)
		return byDate(fx, kReflection, d), err
	}},
	"LatestVisibleCheckinBefore": {kinds: []string{kCheckin}, subset: true, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		d, err := fx.s.LatestVisibleCheckinBefore(ctx, sc, farFuture)
		return byDate(fx, kCheckin, d), err
	}},
	"LedgerEntryByID": {kinds: []string{kPromise, kLedger, kReview, kDisputeReply}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return each(fx, kLedger, func(id string) (any, error) { return fx.s.LedgerEntryByID(ctx, sc, id) })
	}},
	"OpenPromiseCount": {kinds: []string{kPromise}, own: true, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		n, err := fx.s.OpenPromiseCount(ctx, sc)
		// A count carries no text: it names as many of the viewer's promises.
		var found []string
		for _, it := range fx.items {
			if it.kind == kPromise && it.author == sc.UserID && len(found) < n {
				found = append(found, it.marker)
			}
		}
		return found, err
	}},
	"OwnBookmark": {kinds: []string{kBookmark}, own: true, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return each(fx, kBookmark, func(id string) (any, error) { return fx.s.OwnBookmark(ctx, sc, id) })
	}},
	"OwnCheckin": {kinds: []string{kCheckin}, own: true, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return each(fx, kCheckin, func(id string) (any, error) { return fx.s.OwnCheckin(ctx, sc, id) })
	}},
	"OwnJournalEntry": {kinds: []string{kJournal}, own: true, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return each(fx, kJournal, func(id string) (any, error) { return fx.s.OwnJournalEntry(ctx, sc, id) })
	}},
	"OwnReflectionOf": {kinds: []string{kReflection}, own: true, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return eachValue(fx, kReflection, date, func(v string) (any, error) {
			return fx.s.OwnReflectionOf(ctx, sc, mustDate(v))
		})
	}},
	"PracticeLinks": {kinds: []string{kPromise, kJournal, kReflection, kGratitude}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		var out []any
		for _, k := range []string{kPromise, kJournal, kReflection, kGratitude} {
			v, err := eachValue(fx, k, marker, func(v string) (any, error) { return fx.s.PracticeLinks(ctx, sc, v, 10) })
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}},
	"PracticesEngaged": {kinds: []string{kJournal, kReflection, kBookmark}, own: true, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return fx.s.PracticesEngaged(ctx, sc, farPast.Time(time.UTC), farPast)
	}},
	"PromiseByID": {kinds: []string{kPromise}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return each(fx, kPromise, func(id string) (any, error) { return fx.s.PromiseByID(ctx, sc, id) })
	}},
	"PromiseDetail": {kinds: []string{kPromise, kLedger, kReview, kDisputeReply}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return each(fx, kPromise, func(id string) (any, error) {
			t, items, err := fx.s.PromiseDetail(ctx, sc, id)
			return []any{t, items}, err
		})
	}},
	"ReflectionByID": {kinds: []string{kReflection}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return each(fx, kReflection, func(id string) (any, error) { return fx.s.ReflectionByID(ctx, sc, id) })
	}},
	"Reflections": {kinds: []string{kReflection}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return fx.s.Reflections(ctx, sc, farPast, farFuture)
	}},
	"ActivePromises": {kinds: []string{kPromise}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return fx.s.ActivePromises(ctx, sc, farPast, progress.NoDate, progress.NoDate)
	}},
	"PromisesSince": {kinds: []string{kPromise}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return fx.s.PromisesSince(ctx, sc, farPast)
	}},
	"ExtendRecords": {kinds: []string{kPromise}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		list, err := fx.s.PromisesSince(ctx, sc, farFuture)
		if err != nil {
			return nil, err
		}
		from := make([]progress.Date, len(list))
		for i := range from {
			from[i] = farPast
		}
		if err := fx.s.ExtendRecords(ctx, sc, list, from); err != nil && sc.Viewer != store.ViewerGuest {
			return nil, err
		}
		return list, nil
	}},
	"RunsBefore": {kinds: []string{kPromise}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		list, err := fx.s.PromisesSince(ctx, sc, farFuture)
		if err != nil {
			return nil, err
		}
		if err := fx.s.RunsBefore(ctx, sc, list); err != nil && sc.Viewer != store.ViewerGuest {
			return nil, err
		}
		return list, nil
	}},
	"RecentPromises": {kinds: []string{kPromise}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		list, earlier, err := fx.s.RecentPromises(ctx, sc, farFuture, store.EndedShown)
		return []any{list, earlier}, err
	}},
	"ListPromises": {kinds: []string{kPromise}, memberOnly: true, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return fx.s.ListPromises(ctx, sc, time.Now(), farPast, []string{fx.avery.UserID, fx.blair.UserID, fx.finley.UserID})
	}},
	"SpacePromises": {kinds: []string{kPromise}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		return fx.s.SpacePromises(ctx, sc, progress.NoDate, progress.NoDate)
	}},
	"ThankedOccurrences": {kinds: []string{kPromise, kLedger}, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
		// Asked about every ledger entry there is, as if notes named them.
		var notes []store.GratitudeNote
		for _, it := range fx.items {
			if it.kind == kLedger {
				notes = append(notes, store.GratitudeNote{LedgerEntryID: &it.ids[0]})
			}
		}
		return fx.s.ThankedOccurrences(ctx, sc, notes)
	}},
	"Timeline": {kinds: []string{kPromise, kLedger, kReview, kDisputeReply, kCheckin, kReflection, kJournal, kGratitude, kGratitudeReply, kBookmark,
		kQuestion, kTrigger, kAgreement},
		shared: true, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
			var out []any
			for _, k := range append(append(slices.Clone(store.TimelineKinds), store.ConversationKinds...), store.KindConversations) {
				ev, err := fx.s.Timeline(ctx, sc, k, store.Window{From: farPast.Time(time.UTC)})
				if err != nil {
					return nil, err
				}
				out = append(out, ev)
			}
			return out, nil
		}},
	"Timelines": {kinds: []string{kPromise, kLedger, kReview, kDisputeReply, kCheckin, kReflection, kJournal, kGratitude, kGratitudeReply, kBookmark,
		kQuestion, kTrigger, kAgreement},
		shared: true, call: func(ctx context.Context, fx *visFixture, sc store.Scope) (any, error) {
			var reads []store.Read
			for _, k := range append(slices.Clone(store.TimelineKinds), store.KindConversations) {
				reads = append(reads, store.Read{Kind: k, Window: store.Window{From: farPast.Time(time.UTC)}})
			}
			return fx.s.Timelines(ctx, sc, reads)
		}},
}

// notEntryReads are the exported methods of Store that read no entry of a
// couple (accounts, memberships, sessions, invitations) or that write.
var notEntryReads = []string{"StaleTallies", "StaleCheckinWeeks",
	// Reads of other things than entries.
	"CurrentMembership", "InvitationByToken", "LoginSessionByHash", "LoginSessions", "Members", "OpenInvitation",
	"SpaceOf", "UserByEmail", "UserByID", "UserWithMembership", "DB", "Now",
	// Writes.
	"DeleteAccount", "ClosePromise", "SharePromise", "CreateCheckin", "CreateInvitation", "CreateJournalEntry", "CreateLoginSession", "CreatePromise",
	"CreateReflection", "CreateSpace", "CreateUser", "DeleteBookmark", "DeleteJournalEntry", "DeleteLoginSession",
	"EndLoginSession", "EndOtherLoginSessions", "JoinSpace", "LeaveSpace", "PausePromise", "PruneLoginSessions",
	"ReceiveGratitude", "RecordOccurrence", "Renegotiate", "ReplyToDispute", "ReplyToGratitude", "ReplyToJournalEntry",
	"ResumePromise", "ReviewEntry", "ReviewEntryAsShown", "ChangeRecord", "ChangeReview", "RevokeInvitation", "SaveBookmark", "SendGratitude", "SetPasswordHash", "SetRole",
	"ShareJournalEntry", "StartVisit", "TouchLoginSession", "UpdateBookmark", "UpdateCheckin", "UpdateJournalEntry",
	"UpdateLoginSessionData", "UpdateProfile", "ReplacePasswordHash", "WaitForCheckpoint",
	// Throttles, the page cache's version, reminders, feeds and mailed tokens.
	"AddThrottleFailure", "BumpSpace", "PruneThrottles", "ResetThrottle", "CalendarFeed", "FeedOwner", "NewCalendarFeed",
	"RevokeCalendarFeed", "ClaimReminder", "ReminderFailed", "ReminderMembers", "ReminderSends", "ReminderSent", "Reminders",
	"SaveReminders", "PruneReminders", "CreateEmailToken", "OpenEmailToken", "ResetPassword",
	// Counts only: what waits for the member (the count of WaitingFor's lists).
	"WaitingCount", "HeaderCount", "ScopeOf", "SetThrottleUntil", "ThrottledUntil", "VerifyEmail",
	// The couple's stage on the path: shared by both by nature, no private text.
	"AnswerStage", "Path", "ProposeStage", "Stage", "StageHistory",
	// Accounts for the operator's commands, and two-step login: no entry.
	"Accounts", "AccountByEmail", "CountUsers", "RecoveryCodesLeft", "SetDisabled", "EndAllLoginSessions",
	"EnableTwoStep", "DisableTwoStep", "AcceptTOTPStep", "UseRecoveryCode",
	// Questions, triggers and agreements: writes.
	"CreateQuestion", "UpdateQuestionDraft", "SendQuestion", "AnswerQuestion", "DeferQuestion", "MarkQuestionEnough",
	"AskQuestionAgain", "CreateTrigger", "ShareTrigger", "RespondToTrigger", "OfferAgreement", "AcceptAgreement",
	"AskAgreementChange", "DeclineAgreement", "ReviseAgreement", "RenewAgreement", "EndAgreement", "LinkPromiseAgreement",
	// Counsellor links: the links and their openings, not entries.
	"ProposeLink", "AgreeLink", "RevokeLink", "CounsellorLinks", "CounsellorViews", "GuestByToken", "RecordGuestView",
	// Totals kept at write time: CheckinWeeks sums, never shows an entry; TestCheckinWeeks checks its rule.
	"RebuildAggregates", "CheckinWeeks",
	// Promise tallies: counts of the promises a viewer sees (tallyCond), no
	// text; TestPromiseWeeksRule checks the rule.
	"PromiseWeeks", "RatesOf",
	// Wrapped data keys, and sealing private text: writes, counts and the
	// author's own locked items, no one else's text.
	"CreateDataKeys", "SetPassword", "SetRecoveryKey", "ResetPasswordWithoutKey", "DropDataKey", "SealPlainRows", "CountPlainRows",
	"LockedItems", "RestoreSealed", "DeleteLockedItems", "SetLostKeys",
}

// byDate names the items of kind dated d.
func byDate(fx *visFixture, kind string, d progress.Date) []string {
	var out []string
	for _, it := range fx.items {
		if it.kind == kind && d != progress.NoDate && it.date == d.String() {
			out = append(out, it.marker)
		}
	}
	return out
}

// found are the items whose marker or id appears in v.
func (fx *visFixture) found(t *testing.T, v any) []*item {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	var out []*item
	for _, it := range fx.items {
		hit := strings.Contains(text, it.marker)
		for _, id := range it.ids {
			hit = hit || strings.Contains(text, id)
		}
		if hit {
			out = append(out, it)
		}
	}
	return out
}

func describe(fx *visFixture, its []*item) string {
	names := map[string]string{fx.avery.UserID: "Avery", fx.finley.UserID: "Finley", fx.blair.UserID: "Blair", fx.casey.UserID: "Casey"}
	var out []string
	for _, it := range its {
		p := "shared"
		if it.private {
			p = "private"
		}
		out = append(out, fmt.Sprintf("%s's %s %s (%s)", names[it.author], p, it.kind, it.marker))
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// guestOf is the scope of a counsellor's link to Avery and Blair's space
// showing shows, over every day there is.
func guestOf(fx *visFixture, shows ...string) store.Scope {
	return store.Scope{SpaceID: fx.avery.SpaceID, Since: fx.blair.Since, Viewer: store.ViewerGuest,
		Guest: &store.Guest{Shows: shows, From: farPast, To: farFuture, FromAt: farPast.Time(time.UTC), Until: farFuture.Time(time.UTC)}}
}

// TestVisibilityWalk walks every read method of Store as each kind of
// viewer, over a space where every private field holds a marker, and
// checks that each method shows exactly the items the rules allow: the
// author's own, what the partner of the time shared since the viewer
// joined, what a former partner shared with the one left behind; nothing
// to a former member or to another space.
func TestVisibilityWalk(t *testing.T) {
	typ := reflect.TypeOf(&store.Store{})
	for i := range typ.NumMethod() {
		name := typ.Method(i).Name
		if _, ok := reads[name]; !ok && !slices.Contains(notEntryReads, name) {
			t.Errorf("Store.%s is in neither the table of reads nor the list of other methods: add it to one", name)
		}
	}
	for name := range reads {
		if _, ok := typ.MethodByName(name); !ok {
			t.Errorf("reads lists Store.%s, which does not exist", name)
		}
	}

	fx := newVisFixture(t)
	unknownKind := fx.avery
	unknownKind.Viewer = "no-such-kind"
	viewers := []struct {
		name string
		sc   store.Scope
	}{
		{"author and one left behind (Avery)", fx.avery},
		{"partner who joined after (Blair)", fx.blair},
		{"former partner (Finley, after leaving)", fx.finleyAfter},
		{"member of another space (Casey)", fx.casey},
		{"viewer of a kind without rules", unknownKind},
		{"counsellor shown everything (Avery and Blair's link)", guestOf(fx, "promises", "checkins", "thanks", "journal", "questions", "triggers", "agreements")},
		{"counsellor shown questions, triggers and agreements", guestOf(fx, "questions", "triggers", "agreements")},
		{"counsellor shown check-ins and thanks", guestOf(fx, "checkins", "thanks")},
		{"counsellor shown promises", guestOf(fx, "promises")},
	}
	ctx := fx.ctx
	for _, vw := range viewers {
		for name, rc := range reads {
			t.Run(vw.name+"/"+name, func(t *testing.T) {
				if rc.memberOnly && vw.sc.Viewer == store.ViewerGuest {
					rc.kinds = nil // nothing is expected
				}
				v, err := rc.call(ctx, fx, vw.sc)
				if err != nil && !errors.Is(err, store.ErrNotFound) {
					t.Fatal(err)
				}
				got := fx.found(t, v)
				var leaked, want, missing []*item
				for _, it := range got {
					if !fx.allowed(vw.sc, it) {
						leaked = append(leaked, it)
					}
				}
				for _, it := range fx.items {
					if slices.Contains(rc.kinds, it.kind) && fx.allowed(vw.sc, it) &&
						(!rc.own || it.author == vw.sc.UserID) && (!rc.shared || !it.private) {
						want = append(want, it)
					}
				}
				for _, it := range want {
					if !slices.Contains(got, it) && !rc.subset {
						missing = append(missing, it)
					}
				}
				if len(leaked) > 0 {
					t.Errorf("shows what the viewer may not see: %s", describe(fx, leaked))
				}
				if len(missing) > 0 {
					t.Errorf("leaves out what the viewer may see: %s", describe(fx, missing))
				}
				if rc.subset && !rc.filtered && len(want) > 0 && len(got) == 0 {
					t.Errorf("shows nothing, but may show: %s", describe(fx, want))
				}
			})
		}
	}
}
