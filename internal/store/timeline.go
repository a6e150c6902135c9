package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"mend/internal/progress"
)

// Kinds of things the timeline shows, one query each.
const (
	KindPromises    = "promises"
	KindLedger      = "ledger"
	KindCheckins    = "checkins"
	KindReflections = "reflections"
	KindGratitude   = "gratitude"
	KindJournal     = "journal"
	KindBookmarks   = "bookmarks"
	KindSpace       = "space" // who joined it
)

// TimelineKinds are the kinds in the order a filter offers them.
var TimelineKinds = []string{KindPromises, KindLedger, KindCheckins, KindReflections, KindGratitude, KindJournal, KindBookmarks, KindStages}

// What an event says happened.
const (
	DidMake        = "made"         // a promise
	DidRenegotiate = "renegotiated" // a promise's new terms
	DidClose       = "closed"       // a promise; Detail is CloseDone or CloseGivenUp
	DidPause       = "paused"       // a promise, from Date
	DidResume      = "resumed"      // a paused promise, due again from Date
	DidJoin        = "joined"       // the space
	DidLeave       = "left"         // the space
	DidRecord      = "recorded"     // a ledger day; Detail is the outcome
	DidConfirm     = ReviewConfirm  // the partner confirmed a ledger day
	DidDispute     = ReviewDispute  // the partner saw a ledger day differently
	DidAnswer      = "answered"     // the author answered a dispute
	DidCorrect     = "corrected"    // the author corrected a ledger day's record; Detail is the new outcome
	DidCorrectSaid = "recorrected"  // the partner corrected what they said of a ledger day; Detail is the new kind
	DidCheckIn     = "checked-in"   // a shared check-in; Detail is the mood
	DidReflect     = "reflected"    // a weekly reflection; Detail is its visibility
	DidThank       = "thanked"      // a note of thanks
	DidReply       = "replied"      // a reply to a note of thanks or to a journal entry
	DidHeart       = "hearted"      // a heart given to a note of thanks when it was received
	DidShare       = "shared"       // a journal entry or a bookmark
)

// Event is one thing that happened in a space, as the timeline and the
// dashboard list it.
type Event struct {
	Kind     string
	What     string
	ID       string    // the item: promise, ledger entry, check-in, reflection, note, journal entry, bookmark
	ParentID string    // the promise of a ledger entry; "" otherwise
	AuthorID string    // who did it
	OwnerID  string    // whose item it answers or is for (a reviewed entry's author, a thanked partner...); "" otherwise
	At       time.Time // when it happened
	Title    string    // a promise's or journal entry's title; a bookmark's practice slug
	Excerpt  string    // the start of the words that came with it: a note, a reason, a reply
	Detail   string    // see the What constants
	Date     string    // the calendar date it is about: a ledger day, a check-in's day, a reflection's week
	// A check-in's ratings.
	Safe, Trust, Connected int
	Heart                  bool // a note of thanks with a heart
}

// Window is what a timeline query reads: what happened in [From, To).
type Window struct {
	From, To time.Time
	NotBy    string // leave out what this user did ("" keeps everything)
	Limit    int    // at most this many, newest first (0: no limit)
	// tag ends the names of the window's arguments (Window.args), so that
	// the windows of the reads of one statement (Timelines) are apart.
	tag string
}

// eventColumns are the columns every kind's query selects, in this order;
// an excerpt is the first 200 characters of the words that came with an event.
const eventColumns = "kind, what, id, parent_id, author_id, owner_id, happened_at, title, excerpt, detail, day, safe, trust, connected, heart"

// Timeline returns the events of one kind in the window that the acting
// user may see, newest first, in one query. It follows each area's own
// visibility: promises and their ledger made since the user joined (or
// their own), the check-ins, reflections, journal entries and bookmarks
// others shared with them since they joined (their own private ones are
// left out: the timeline is what the two of them share), and notes of
// thanks to or from them.
func (s *Store) Timeline(ctx context.Context, sc Scope, kind string, w Window) ([]Event, error) {
	q, err := timelineQuery(sc, kind, w)
	if err != nil {
		return nil, err
	}
	return scanEvents(s.raw(ctx, q))
}

// Read is one kind of event and the window it is read in.
type Read struct {
	Kind   string
	Window Window
}

// Timelines returns what Timeline returns for each read, all in one
// statement: a page that lists several kinds (the timeline, what is new on
// the dashboard) pays for one query, not one per kind. Each read keeps its
// own window, author filter and limit. The events are newest first, and
// those of one time in the order of the reads.
func (s *Store) Timelines(ctx context.Context, sc Scope, reads []Read) ([]Event, error) {
	if len(reads) == 0 {
		return nil, nil
	}
	parts := make([]string, len(reads))
	args := sc.viewer().args()
	nv := len(args)
	for i, r := range reads {
		w := r.Window
		w.tag = strconv.Itoa(i)
		q, err := timelineQuery(sc, r.Kind, w)
		if err != nil {
			return nil, err
		}
		parts[i] = "SELECT " + strconv.Itoa(i) + " AS pos, " + eventColumns + " FROM (" + q.text + ") t"
		args = append(args, q.args[nv:]...) // the viewer's are there once
	}
	return scanEvents(s.raw(ctx, namedSQL{"SELECT " + eventColumns + " FROM (" + strings.Join(parts, " UNION ALL ") + ") t " +
		"ORDER BY happened_at DESC, pos, id DESC", args}))
}

// timelineQuery is the query of Timeline: its text and arguments, the
// viewer's (Viewer.args) first.
func timelineQuery(sc Scope, kind string, w Window) (namedSQL, error) {
	v := sc.viewer()
	switch kind {
	// The timeline is what the two share: a private intention is not in it
	// (as a private check-in is not), its author's own or not.
	case KindPromises:
		return unionQuery(promiseEvents(v.cond(promiseKind, "promises")+" AND "+sharedOnlyCond(promiseKind, "promises")), w, v, ""), nil
	case KindLedger:
		vis := v.cond(promiseKind, "promises") + " AND " + sharedOnlyCond(promiseKind, "promises")
		if v.Kind == ViewerGuest {
			vis += " AND " + v.cond(ledgerKind, "e") // a guest's range is of days
		}
		// Their title is found for the rows kept (lateTitle).
		return unionQuery(ledgerEvents(vis), w, v, titleInForce("t.parent_id", "t.day")), nil
	case KindJournal:
		return unionQuery(journalEvents(v.cond(journalKind, "journal_entries"), v.journalReplyCond("r", "journal_entries")), w, v, ""), nil
	case KindGratitude:
		return unionQuery(gratitudeEvents(v.cond(gratitudeKind, "n")), w, v, ""), nil
	case KindCheckins:
		return checkinEvents(v, w), nil
	case KindReflections:
		return reflectionEvents(v, w), nil
	case KindBookmarks:
		return unionQuery(bookmarkEvents(v), w, v, ""), nil
	case KindStages:
		return unionQuery(stageEvents, w, v, ""), nil
	}
	b, ok := conversationEvents(v, kind)
	if !ok {
		return namedSQL{}, fmt.Errorf("store: unknown timeline kind %q", kind)
	}
	return unionQuery(b, w, v, ""), nil
}

// scanEvents runs q, a query of eventColumns, and reads its events.
func scanEvents(q *gorm.DB) ([]Event, error) {
	return scanRows(q, func(rows *sql.Rows, e *Event) error {
		var at anyTime
		var parent, owner, title, excerpt, detail, day sql.NullString
		if err := rows.Scan(&e.Kind, &e.What, &e.ID, &parent, &e.AuthorID, &owner, &at, &title, &excerpt, &detail, &day,
			&e.Safe, &e.Trust, &e.Connected, &e.Heart); err != nil {
			return err
		}
		e.At = at.Time
		e.ParentID, e.OwnerID, e.Title, e.Excerpt, e.Detail, e.Date = parent.String, owner.String, title.String, excerpt.String, detail.String, day.String
		return nil
	})
}

// branch is one SELECT of eventColumns of a UNION ALL query, with "%s"
// where the condition that its column on falls in the window goes. Each
// names at least its id, author_id, owner_id and happened_at: a limited
// window filters and orders each branch by them (and PostgreSQL would name
// an unnamed e.author_id in the owner's place author_id too).
type branch struct{ on, sql string }

// unionQuery is branches as one UNION ALL query, newest first. Every
// argument is named: the viewer's (Viewer.args), the window's, and extra,
// which the branches' text may name beside them. With
// lateTitle, an expression on the alias t of the rows kept, the branches
// leave the title empty and it is found for the rows kept alone, once the
// window is sorted and cut: the sorter holds every row of the window, and
// a title found for each row before it (two subqueries) cost a fifth of
// the statement.
func unionQuery(branches []branch, w Window, v Viewer, lateTitle string, extra ...any) namedSQL {
	var sqls []string
	for _, b := range branches {
		q := fmt.Sprintf(b.sql, windowOn(b.on, w))
		if w.Limit > 0 {
			// Each branch stops at the limit, walking its index of time
			// back from the window's end, instead of every row of the
			// window being sorted to keep the newest few.
			q = "SELECT * FROM (SELECT * FROM (" + q + ") t"
			if w.NotBy != "" {
				q += " WHERE t.author_id <> @not_by" + w.tag
			}
			q += fmt.Sprintf(" ORDER BY happened_at DESC, id DESC LIMIT %d) t", w.Limit)
		}
		sqls = append(sqls, q)
	}
	q := "SELECT " + eventColumns + " FROM (" + strings.Join(sqls, " UNION ALL ") + ") t"
	if w.NotBy != "" {
		q += " WHERE t.author_id <> @not_by" + w.tag
	}
	q += " ORDER BY happened_at DESC, id DESC"
	if w.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", w.Limit)
	}
	if lateTitle != "" {
		cols := strings.Replace(eventColumns, ", title,", ", "+lateTitle+" AS title,", 1)
		q = "SELECT " + cols + " FROM (" + q + ") t ORDER BY happened_at DESC, id DESC"
	}
	return namedSQL{q, append(append(v.args(), w.args()...), extra...)}
}

// args are the window's named arguments: @from, @to and @not_by, each
// followed by the window's tag.
func (w Window) args() []any {
	return []any{sql.Named("from"+w.tag, w.From), sql.Named("to"+w.tag, w.To), sql.Named("not_by"+w.tag, w.NotBy)}
}

// windowOn is the SQL condition that col falls in the window, with its named arguments (Window.args).
func windowOn(col string, w Window) string {
	if w.To.IsZero() {
		return col + " >= @from" + w.tag
	}
	return col + " >= @from" + w.tag + " AND " + col + " < @to" + w.tag
}

// promiseEvents are promises made and renegotiated (their versions),
// paused, resumed and closed, of the promises that vis (on promises) lets the viewer see.
func promiseEvents(vis string) []branch {
	return []branch{
		{"v.created_at", `SELECT 'promises' AS kind, CASE WHEN v.seq = 1 THEN 'made' ELSE 'renegotiated' END AS what, promises.id AS id,
		'' AS parent_id, promises.author_id AS author_id, '' AS owner_id, v.created_at AS happened_at, v.title AS title,
		SUBSTR(v.note, 1, 200) AS excerpt, '' AS detail, v.from_date AS day, 0 AS safe, 0 AS trust, 0 AS connected, FALSE AS heart
		FROM promise_versions v JOIN promises ON promises.id = v.promise_id
		WHERE ` + vis + ` AND v.space_id = promises.space_id AND %s`},
		{"promises.closed_at", `SELECT 'promises', 'closed', promises.id AS id, '', promises.author_id AS author_id, '', promises.closed_at AS happened_at,
		(SELECT v.title FROM promise_versions v WHERE v.promise_id = promises.id ORDER BY v.seq DESC LIMIT 1),
		SUBSTR(promises.close_note, 1, 200), promises.close_kind, promises.closed_on, 0, 0, 0, FALSE
		FROM promises WHERE ` + vis + ` AND %s`},
		// Pauses begun and ended; one resumed before it began paused nothing.
		{"pp.created_at", `SELECT 'promises', 'paused', promises.id AS id, '', promises.author_id AS author_id, '', pp.created_at AS happened_at,
		(SELECT v.title FROM promise_versions v WHERE v.promise_id = promises.id ORDER BY v.seq DESC LIMIT 1),
		SUBSTR(pp.note, 1, 200), '', pp.from_date, 0, 0, 0, FALSE
		FROM promise_pauses pp JOIN promises ON promises.id = pp.promise_id
		WHERE ` + vis + ` AND pp.space_id = promises.space_id AND (pp.to_date IS NULL OR pp.to_date <> pp.from_date) AND %s`},
		{"pp.ended_at", `SELECT 'promises', 'resumed', promises.id AS id, '', promises.author_id AS author_id, '', pp.ended_at AS happened_at,
		(SELECT v.title FROM promise_versions v WHERE v.promise_id = promises.id ORDER BY v.seq DESC LIMIT 1),
		'', '', pp.to_date, 0, 0, 0, FALSE
		FROM promise_pauses pp JOIN promises ON promises.id = pp.promise_id
		WHERE ` + vis + ` AND pp.space_id = promises.space_id AND pp.to_date IS NOT NULL AND pp.to_date <> pp.from_date AND %s`},
	}
}

// ledgerEvents are ledger days recorded, reviewed by the partner, disputes
// answered, and records and reviews corrected, of the promises that vis (on
// promises) lets the viewer see; without their title (unionQuery finds it late).
func ledgerEvents(vis string) []branch {
	return []branch{
		{"e.created_at", `SELECT 'ledger' AS kind, 'recorded' AS what, e.id AS id, e.promise_id AS parent_id, e.author_id AS author_id,
		'' AS owner_id, e.created_at AS happened_at, '' AS title, SUBSTR(e.note, 1, 200) AS excerpt,
		e.outcome AS detail, e.date AS day, 0 AS safe, 0 AS trust, 0 AS connected, FALSE AS heart
		FROM ledger_entries e JOIN promises ON promises.id = e.promise_id
		WHERE ` + vis + ` AND e.space_id = promises.space_id AND %s`},
		{"r.created_at", `SELECT 'ledger', r.kind, e.id AS id, e.promise_id, r.reviewer_id AS author_id, e.author_id AS owner_id, r.created_at AS happened_at, '',
		SUBSTR(r.note, 1, 200), e.outcome, e.date, 0, 0, 0, FALSE
		FROM ledger_reviews r JOIN ledger_entries e ON e.id = r.entry_id JOIN promises ON promises.id = e.promise_id
		WHERE ` + vis + ` AND r.space_id = promises.space_id AND %s`},
		{"r.replied_at", `SELECT 'ledger', 'answered', e.id AS id, e.promise_id, e.author_id AS author_id, r.reviewer_id AS owner_id, r.replied_at AS happened_at, '',
		SUBSTR(r.reply, 1, 200), e.outcome, e.date, 0, 0, 0, FALSE
		FROM ledger_reviews r JOIN ledger_entries e ON e.id = r.entry_id JOIN promises ON promises.id = e.promise_id
		WHERE ` + vis + ` AND r.space_id = promises.space_id AND %s`},
		// Corrections of a record, and of a review by its reviewer (a review
		// set aside goes with the record's correction).
		{"c.created_at", `SELECT 'ledger', CASE WHEN c.part = 'record' THEN 'corrected' ELSE 'recorrected' END, e.id AS id, e.promise_id,
		c.corrected_by AS author_id, e.author_id AS owner_id, c.created_at AS happened_at, '', '', c.new_value, e.date, 0, 0, 0, FALSE
		FROM ledger_corrections c JOIN ledger_entries e ON e.id = c.entry_id JOIN promises ON promises.id = e.promise_id
		WHERE ` + vis + ` AND c.space_id = promises.space_id AND c.new_value <> '' AND %s`},
	}
}

// journalEvents are journal entries shared, and replies to them, of the
// entries that vis (on journal_entries) lets the viewer see; replies as
// replyVis (on r) lets them see, as on the entry's page.
func journalEvents(vis, replyVis string) []branch {
	return []branch{
		{"journal_entries.shared_at", `SELECT 'journal' AS kind, 'shared' AS what, journal_entries.id AS id, '' AS parent_id,
		journal_entries.author_id AS author_id, '' AS owner_id, journal_entries.shared_at AS happened_at, journal_entries.title AS title,
		'' AS excerpt, '' AS detail, '' AS day, 0 AS safe, 0 AS trust, 0 AS connected, FALSE AS heart
		FROM journal_entries WHERE ` + vis + ` AND ` + sharedOnlyCond(journalKind, "journal_entries") + ` AND %s`},
		{"r.created_at", `SELECT 'journal', 'replied', journal_entries.id AS id, '', r.author_id AS author_id, journal_entries.author_id AS owner_id, r.created_at AS happened_at,
		journal_entries.title, '', '', '', 0, 0, 0, FALSE
		FROM journal_replies r JOIN journal_entries ON journal_entries.id = r.entry_id
		WHERE ` + vis + ` AND ` + replyVis + `
		AND r.space_id = journal_entries.space_id AND %s`},
	}
}

// gratitudeEvents are notes of thanks that vis (on n) lets the viewer see:
// sent, replied to, and given a heart when received (a reply with a heart
// is one event).
func gratitudeEvents(vis string) []branch {
	return []branch{
		{"n.created_at", `SELECT 'gratitude' AS kind, 'thanked' AS what, n.id AS id, '' AS parent_id, n.from_id AS author_id,
		n.to_id AS owner_id, n.created_at AS happened_at, n.practice AS title, SUBSTR(n.body, 1, 200) AS excerpt,
		CASE WHEN n.received_at IS NULL THEN '' ELSE 'received' END AS detail, '' AS day, 0 AS safe, 0 AS trust, 0 AS connected, n.heart AS heart
		FROM gratitude_notes n WHERE ` + vis + ` AND %s`},
		{"n.replied_at", `SELECT 'gratitude', 'replied', n.id AS id, '', n.to_id AS author_id, n.from_id AS owner_id, n.replied_at AS happened_at, n.practice, SUBSTR(n.reply, 1, 200),
		'', '', 0, 0, 0, n.heart
		FROM gratitude_notes n WHERE ` + vis + ` AND %s`},
		{"n.received_at", `SELECT 'gratitude', 'hearted', n.id AS id, '', n.to_id AS author_id, n.from_id AS owner_id, n.received_at AS happened_at, n.practice, '', '', '', 0, 0, 0, n.heart
		FROM gratitude_notes n WHERE ` + vis + ` AND n.heart = TRUE
		AND (n.replied_at IS NULL OR n.replied_at <> n.received_at) AND %s`},
	}
}

// checkinEvents are the shared check-ins the acting user may see
// (visibleCheckins) made in the window.
func checkinEvents(v Viewer, w Window) namedSQL {
	// The date is the author's, near the time it was made: bounding it too
	// lets the (space_id, date) index serve the window.
	days := "date >= @days_from" + w.tag
	extra := []any{sql.Named("days_from"+w.tag, progress.Today(w.From, time.UTC).AddDays(-2).String())}
	if !w.To.IsZero() {
		days += " AND date <= @days_to" + w.tag
		extra = append(extra, sql.Named("days_to"+w.tag, progress.Today(w.To, time.UTC).AddDays(2).String()))
	}
	return unionQuery([]branch{{"checkins.created_at", `SELECT 'checkins' AS kind, 'checked-in' AS what, checkins.id AS id, '' AS parent_id,
		checkins.author_id AS author_id, '' AS owner_id, checkins.created_at AS happened_at, '' AS title, SUBSTR(checkins.note, 1, 200) AS excerpt,
		checkins.mood AS detail, checkins.date AS day, checkins.safe AS safe, checkins.trust AS trust, checkins.connected AS connected, FALSE AS heart
		FROM checkins WHERE ` + v.cond(checkinKind, "checkins") + ` AND ` + sharedOnlyCond(checkinKind, "checkins") + ` AND ` + days + ` AND %s`}},
		w, v, "", extra...)
}

// reflectionEvents are the reflections the acting user may read
// (reflectionKind and reflectionReadable), their own private ones left out, written in the window.
func reflectionEvents(v Viewer, w Window) namedSQL {
	// A reflection is written in the week it is about, in its author's zone.
	weeks := "r.week_start >= @weeks_from" + w.tag
	extra := []any{sql.Named("weeks_from"+w.tag, progress.Today(w.From, time.UTC).AddDays(-9).String())}
	if !w.To.IsZero() {
		weeks += " AND r.week_start <= @weeks_to" + w.tag
		extra = append(extra, sql.Named("weeks_to"+w.tag, progress.Today(w.To, time.UTC).AddDays(2).String()))
	}
	return unionQuery([]branch{{"r.created_at", `SELECT 'reflections' AS kind, 'reflected' AS what, r.id AS id, '' AS parent_id,
		r.author_id AS author_id, '' AS owner_id, r.created_at AS happened_at, '' AS title, '' AS excerpt, r.visibility AS detail,
		r.week_start AS day, 0 AS safe, 0 AS trust, 0 AS connected, FALSE AS heart
		FROM reflections r WHERE ` + v.cond(reflectionKind, "r") + ` AND ` + sharedOnlyCond(reflectionKind, "r") + ` AND ` +
		v.reflectionReadable("r") + ` AND ` + weeks + ` AND %s`}},
		w, v, "", extra...)
}

// bookmarkEvents are the shared bookmarks the acting user may see
// (visibleBookmarks), saved or changed in the window.
func bookmarkEvents(v Viewer) []branch {
	return []branch{{"bookmarks.updated_at", `SELECT 'bookmarks' AS kind, 'shared' AS what, bookmarks.id AS id, '' AS parent_id,
		bookmarks.user_id AS author_id, '' AS owner_id, bookmarks.updated_at AS happened_at, bookmarks.slug AS title,
		SUBSTR(bookmarks.note, 1, 200) AS excerpt, '' AS detail, '' AS day, 0 AS safe, 0 AS trust, 0 AS connected, FALSE AS heart
		FROM bookmarks WHERE ` + v.cond(bookmarkKind, "bookmarks") + ` AND ` + sharedOnlyCond(bookmarkKind, "bookmarks") + ` AND %s`}}
}

// anyTime scans a timestamp whether the driver gives a time or, as SQLite
// does for a column of a UNION, the text it stored.
type anyTime struct{ time.Time }

// timeLayouts are the ways SQLite stores a timestamp (those of the sqlite3 driver).
var timeLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006-01-02",
}

// Scan implements sql.Scanner.
func (t *anyTime) Scan(v any) error {
	var s string
	switch x := v.(type) {
	case nil:
		t.Time = time.Time{}
		return nil
	case time.Time:
		t.Time = x.UTC()
		return nil
	case string:
		s = x
	case []byte:
		s = string(x)
	default:
		return fmt.Errorf("store: cannot read %T as a time", v)
	}
	s = strings.TrimSuffix(s, "Z")
	for _, l := range timeLayouts {
		if tt, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			t.Time = tt.UTC()
			return nil
		}
	}
	return fmt.Errorf("store: cannot read %q as a time", s)
}
