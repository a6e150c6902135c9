package store

import (
	"database/sql"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"mend/internal/progress"
)

// This file is the one definition of who sees what. Every read of a
// couple's entries takes its condition from here, as a GORM scope or, for
// the few queries written as whole SQL statements, as a condition with
// named arguments (@space, @user, @since); no other file writes that SQL.
// A new kind of entry adds an entryKind below (and, if a counsellor may be
// shown it, a line of LinkShows); a new kind of viewer adds a ViewerKind, its rule in rules,
// and its answers in the few methods that switch on the kind (own,
// addressed, reflectionReadable, journalReplyCond, journalReply): until
// then a viewer of an unknown kind sees nothing and writes nothing.

// ViewerKind is a kind of reader of a space's entries.
type ViewerKind string

// Kinds of viewer.
const (
	// ViewerMember is a member of the space. As the author, they see all
	// of their own entries, private ones included. As the partner of the
	// time, they see what another member shared since they joined
	// (Scope.Since): what was shared before they came was shared with
	// someone else. As the one left behind, they keep seeing what a former
	// partner shared with them: a leaver's private items are deleted when
	// they leave (privateOfLeaver), and what they shared stays.
	ViewerMember ViewerKind = "member"
	// ViewerGuest is a counsellor holding a link both members agreed to:
	// they read only what the two shared with each other as a couple
	// (Scope.Since is when the second of them joined), of the kinds the
	// link shows, within its range; never anything private, and they
	// write nothing.
	ViewerGuest ViewerKind = "guest"
)

// Guest is what a counsellor's link opens: what it shows (keys of
// LinkShows) and the range it covers, as local days and as the instants
// [FromAt, Until).
type Guest struct {
	Shows         []string
	From, To      progress.Date
	FromAt, Until time.Time
}

// LinkShow is one thing a counsellor link can show, with the kinds of
// entry it opens. A new kind of entry a couple shares adds one line here.
type LinkShow struct {
	Key, Label string
	kinds      []*entryKind
}

// LinkShows are the things a counsellor link can show, in the order a form offers them.
var LinkShows = []LinkShow{
	{"promises", "Promises and their ledger", []*entryKind{promiseKind, ledgerKind, reviewKind}},
	{"checkins", "Shared check-ins and reflections", []*entryKind{checkinKind, reflectionKind}},
	{"thanks", "Notes of thanks", []*entryKind{gratitudeKind}},
	{"journal", "Shared journal entries", []*entryKind{journalKind}},
	{"questions", "Questions sent and their answers", []*entryKind{questionKind}},
	{"triggers", "Shared triggers and the responses", []*entryKind{triggerKind}},
	{"agreements", "Openness agreements", []*entryKind{agreementKind}},
}

// ValidShow reports whether key names one of LinkShows.
func ValidShow(key string) bool {
	for _, ls := range LinkShows {
		if ls.Key == key {
			return true
		}
	}
	return false
}

// shows reports whether v, a guest, may see entries of kind k.
func (v Viewer) shows(k *entryKind) bool {
	if v.guest == nil {
		return false
	}
	for _, key := range v.guest.Shows {
		for _, ls := range LinkShows {
			if ls.Key == key && slices.Contains(ls.kinds, k) {
				return true
			}
		}
	}
	return false
}

// Viewer is who reads: a kind of viewer, the user, and the space and the
// time from which it shares with them.
type Viewer struct {
	Kind    ViewerKind
	UserID  string
	SpaceID string
	Since   time.Time
	guest   *Guest // a guest's link; nil for a member
}

// viewer is who acts in sc: a member unless sc names another kind.
func (sc Scope) viewer() Viewer {
	kind := sc.Viewer
	if kind == "" {
		kind = ViewerMember
	}
	return Viewer{Kind: kind, UserID: sc.UserID, SpaceID: sc.SpaceID, Since: sc.Since, guest: sc.Guest}
}

// entryKind is one kind of entry as the rules see it. Columns are named
// without their table; the rules prefix them with the query's alias.
type entryKind struct {
	author string // the author's column
	// to is the column of the one member the entry is addressed to (a
	// note of thanks): it is shared with them alone. "" otherwise.
	to string
	// shared is the condition, on the alias t, that the author shared the
	// entry; nil when it is shared with the partner by nature.
	shared func(t string) string
	// sharedAt is the column of when it was shared with the partner of the time.
	sharedAt string
	// sharedElse, if set, is the column that stands for sharedAt where that is NULL.
	sharedElse string
	// inRange is the condition, on the alias t, that the entry falls in a
	// guest's range (@from_day..@to_day, or @from_at..@until); nil when a
	// guest never sees the kind.
	inRange func(t string) string
}

// daysIn is the range condition of a kind dated by the day in col, for a guest.
func daysIn(col string) func(t string) string {
	return func(t string) string { return t + "." + col + " >= @from_day AND " + t + "." + col + " <= @to_day" }
}

// timesIn is the range condition of a kind dated by the instant in col, for a guest.
func timesIn(col string) func(t string) string {
	return func(t string) string { return t + "." + col + " >= @from_at AND " + t + "." + col + " < @until" }
}

// The kinds of entry.
var (
	// A promise and everything of it (versions, pauses, its ledger and
	// reviews) is shared with the partner it was made to.
	// A private intention is tracked by its author alone until they share
	// it (SharePromise), from then on like any promise. A guest sees the
	// promises made before the range ends (in force in it); their ledger
	// only as dated in the range.
	promiseKind = &entryKind{author: "author_id", sharedAt: "shared_at", sharedElse: "created_at",
		shared:  func(t string) string { return t + ".private = FALSE" },
		inRange: func(t string) string { return t + ".created_at < @until" }}
	// A ledger entry, as its author wrote it; who sees it is its promise's rule.
	ledgerKind = &entryKind{author: "author_id", sharedAt: "created_at", inRange: daysIn("date")}
	// A review of a ledger entry, by its reviewer.
	reviewKind = &entryKind{author: "reviewer_id", sharedAt: "created_at", inRange: timesIn("created_at")}
	// What a correction replaced of a ledger entry, by the one who wrote
	// it; it is read with its entry, whose promise's rule says who sees it.
	correctionKind = &entryKind{author: "writer_id", sharedAt: "created_at", inRange: timesIn("created_at")}
	// A check-in is private unless its author made it shared.
	checkinKind = &entryKind{author: "author_id", sharedAt: "created_at", inRange: daysIn("date"),
		shared: func(t string) string { return t + ".private = FALSE" }}
	// A week's check-in totals: of the author's shared check-ins alone for
	// anyone but the author (checkinWeekTotals), once every check-in of
	// the week was made since the viewer joined.
	checkinWeekKind = &entryKind{author: "author_id", sharedAt: "first_at",
		shared: func(t string) string { return t + ".shared_n > 0" }}
	// A bookmark is shared from when it was shared, or saved again shared.
	bookmarkKind = &entryKind{author: "user_id", sharedAt: "updated_at",
		shared: func(t string) string { return t + ".shared = TRUE" }}
	// A journal entry is shared from when its author shared it.
	journalKind = &entryKind{author: "author_id", sharedAt: "shared_at", inRange: timesIn("created_at"),
		shared: func(t string) string { return t + ".shared = TRUE" }}
	// A reply to a journal entry, by its writer.
	journalReplyKind = &entryKind{author: "author_id", sharedAt: "created_at"}
	// A reflection is known to the partner unless private; whether they may
	// read it yet is reflectionReadable.
	reflectionKind = &entryKind{author: "author_id", sharedAt: "created_at", inRange: daysIn("week_start"),
		shared: func(t string) string { return t + ".visibility <> 'private'" }}
	// A note of thanks is seen by its writer and the one it thanks.
	gratitudeKind = &entryKind{author: "from_id", to: "to_id", sharedAt: "created_at", inRange: timesIn("created_at")}
	// A question is its author's draft until sent; from then on, its
	// rounds and answers go with it. A guest sees those sent in the range,
	// with their rounds and answers written before it ends (childBefore).
	questionKind = &entryKind{author: "author_id", sharedAt: "sent_at", inRange: timesIn("sent_at"),
		shared: func(t string) string { return t + ".sent_at IS NOT NULL" }}
	// (An answer to a question follows its question's rule.)
	// A trigger is private unless its author shared it; responses go with
	// it. A guest sees the shared ones that happened in the range, with the
	// responses written in it.
	triggerKind = &entryKind{author: "author_id", sharedAt: "shared_at", inRange: timesIn("occurred_at"),
		shared: func(t string) string { return t + ".shared = TRUE" }}
	// (A response to a shared trigger follows its trigger's rule.)
	// An openness agreement is offered to the partner: shared by nature. A
	// guest sees those offered before the range ends and not ended or
	// declined before it began, with the steps of their history taken in
	// the range (childBefore, and the page keeps those from its start).
	agreementKind = &entryKind{author: "author_id", sharedAt: "created_at", inRange: func(t string) string {
		return t + ".created_at < @until AND NOT (" + t + ".state IN ('ended', 'declined') AND " + t + ".updated_at < @from_at)"
	}}
)

// rules are, per kind of viewer, the condition (on the alias t) for the
// viewer to see an entry of kind k. The condition uses the named arguments
// of Viewer.args.
var rules = map[ViewerKind]func(v Viewer, k *entryKind, t string) string{
	ViewerMember: func(_ Viewer, k *entryKind, t string) string {
		return inSpace(t) + " AND (" + byViewer(k, t) + " OR " + sharedWithViewer(k, t) + ")"
	},
	// A guest sees what was shared with the partner (by nature or by its
	// author) since the two became a couple, of the kinds the link shows,
	// in its range.
	ViewerGuest: func(v Viewer, k *entryKind, t string) string {
		if !v.shows(k) || k.inRange == nil {
			return "1 = 0"
		}
		return inSpace(t) + " AND " + sharedOnlyCond(k, t) + " AND " + k.sharedTime(t) + " >= @since AND " + k.inRange(t)
	},
}

// sharedTime is the expression, on the alias t, of when t was shared.
func (k *entryKind) sharedTime(t string) string {
	if k.sharedElse != "" {
		return "COALESCE(" + t + "." + k.sharedAt + ", " + t + "." + k.sharedElse + ")"
	}
	return t + "." + k.sharedAt
}

// inSpace is the condition that t is of the viewer's space.
func inSpace(t string) string { return t + ".space_id = @space" }

// byViewer is the condition that the viewer wrote t: the author's rule.
func byViewer(k *entryKind, t string) string { return t + "." + k.author + " = @user" }

// sharedWithViewer is the condition that t was shared with the viewer as
// the partner of the time (current or, for the one left behind, former):
// addressed to them, or shared since they joined.
func sharedWithViewer(k *entryKind, t string) string {
	if k.to != "" {
		return t + "." + k.to + " = @user"
	}
	since := k.sharedTime(t) + " >= @since"
	if k.shared == nil {
		return since
	}
	return "(" + k.shared(t) + " AND " + since + ")"
}

// args are the named arguments of every condition of this file.
func (v Viewer) args() []any {
	args := []any{sql.Named("space", v.SpaceID), sql.Named("user", v.UserID), sql.Named("since", v.Since)}
	if v.guest != nil {
		args = append(args, sql.Named("from_day", v.guest.From.String()), sql.Named("to_day", v.guest.To.String()),
			sql.Named("from_at", v.guest.FromAt), sql.Named("until", v.guest.Until))
	}
	return args
}

// cond is the condition for v to see an entry of kind k in the table
// aliased t, for statements written whole; its arguments are v.args().
// A viewer of an unknown kind sees nothing.
func (v Viewer) cond(k *entryKind, t string) string {
	rule, ok := rules[v.Kind]
	if !ok {
		return "1 = 0"
	}
	return rule(v, k, t)
}

// checkinWeekTotals selects, from the week totals aliased t, the columns v
// may read: all of their own check-ins, only the shared ones of anyone
// else's, so that a partner's chart never counts a private check-in.
func (v Viewer) checkinWeekTotals(t string) string {
	col := func(all, shared string) string {
		return "CASE WHEN " + byViewer(checkinWeekKind, t) + " THEN " + t + "." + all + " ELSE " + t + "." + shared + " END AS " + all
	}
	return col("n", "shared_n") + ", " + col("safe", "shared_safe") + ", " + col("trust", "shared_trust") + ", " + col("connected", "shared_connected")
}

// sees limits a query on the table aliased t to the entries of kind k that v may see.
func (v Viewer) sees(k *entryKind, t string) func(*gorm.DB) *gorm.DB {
	return func(db *gorm.DB) *gorm.DB { return v.where(db, v.cond(k, t)) }
}

// selecting selects sel, which may use v's named arguments, on db.
func (v Viewer) selecting(db *gorm.DB, sel string) *gorm.DB {
	if !strings.Contains(sel, "@") {
		return db.Select(sel)
	}
	return db.Select(sel, v.args()...)
}

// where adds cond to db with v's named arguments, if it takes any: GORM
// would give a condition without one the arguments all the same.
func (v Viewer) where(db *gorm.DB, cond string) *gorm.DB {
	if !strings.Contains(cond, "@") {
		return db.Where(cond)
	}
	return db.Where(cond, v.args()...)
}

// ownCond is the condition that t is one of v's own entries of kind k, in
// v's space: what only the author may open, change or export.
func (v Viewer) ownCond(k *entryKind, t string) string {
	if v.Kind != ViewerMember {
		return "1 = 0" // a guest writes nothing
	}
	return inSpace(t) + " AND " + byViewer(k, t)
}

// own limits a query on the table aliased t to v's own entries of kind k.
func (v Viewer) own(k *entryKind, t string) func(*gorm.DB) *gorm.DB {
	return func(db *gorm.DB) *gorm.DB { return v.where(db, v.ownCond(k, t)) }
}

// addressed limits a query on the table aliased t to the entries of kind k
// addressed to v (the notes of thanks they received).
func (v Viewer) addressed(k *entryKind, t string) func(*gorm.DB) *gorm.DB {
	return func(db *gorm.DB) *gorm.DB {
		if v.Kind != ViewerMember || k.to == "" {
			return db.Where("1 = 0")
		}
		return v.where(db, inSpace(t)+" AND "+t+"."+k.to+" = @user")
	}
}

// sharedOnlyCond is the condition that the author shared t, an entry of
// kind k, with the partner: what the timeline, which shows what the two
// share, keeps of the entries the viewer sees.
func sharedOnlyCond(k *entryKind, t string) string {
	if k.shared == nil {
		return "1 = 1"
	}
	return k.shared(t)
}

// privateOnlyCond is the condition that t, an entry of kind k, is private
// to its author: what is sealed with their key (sealed.go).
func privateOnlyCond(k *entryKind, t string) string {
	if k.shared == nil {
		return "1 = 0"
	}
	return "NOT (" + k.shared(t) + ")"
}

// reflectionReadable is the condition (on the reflection aliased t, seen by
// v) that v may read it now, not only know of it. A reflection to reveal
// together is readable by the partner once they have written one for the
// same week that the author can read in turn: an exchange, so a private
// reflection of theirs does not unlock it.
func (v Viewer) reflectionReadable(t string) string {
	if v.Kind == ViewerGuest {
		// A guest reads a shared one, and one to reveal together once revealed.
		return "(" + t + ".visibility = 'shared' OR (" + t + ".visibility = 'together' AND " + reflectionAnswered(t) + "))"
	}
	if v.Kind != ViewerMember {
		return "(1 = 0)"
	}
	return "(" + t + ".author_id = @user OR " + t + ".visibility = 'shared' OR (" + t + ".visibility = 'together' AND EXISTS (" +
		"SELECT 1 FROM reflections mine WHERE mine.space_id = " + t + ".space_id AND mine.author_id = @user " +
		"AND mine.week_start = " + t + ".week_start AND mine.visibility <> 'private')))"
}

// reflectionAnswered is the condition (on the reflection aliased t) that a
// current member other than its author has written a reflection for its
// week that its author may read: for one to reveal together, that it is revealed.
func reflectionAnswered(t string) string {
	return "EXISTS (SELECT 1 FROM reflections o JOIN memberships m ON m.space_id = o.space_id AND m.user_id = o.author_id AND m.left_at IS NULL " +
		"WHERE o.space_id = " + t + ".space_id AND o.week_start = " + t + ".week_start AND o.author_id <> " + t + ".author_id AND o.visibility <> 'private')"
}

// journalReplyCond is the condition (on the reply aliased r of the entry
// aliased e, which v sees) that v may read the reply: while the entry is
// shared, its author and the reply's author may.
func (v Viewer) journalReplyCond(r, e string) string {
	if v.Kind != ViewerMember {
		return "1 = 0"
	}
	return e + ".shared = TRUE AND (" + e + ".author_id = @user OR " + r + ".author_id = @user)"
}

// journalReply tells what v may know of the reply r (nil when there is none)
// of entry e, which v sees: whether it is shown, and whether the author is
// told it is kept while the entry is not shared. It is journalReplyCond for
// a reply already loaded.
func (v Viewer) journalReply(e *JournalEntry, r *JournalReply) (shown, kept bool) {
	if r == nil || v.Kind != ViewerMember {
		return false, false
	}
	if !e.Shared {
		return false, e.AuthorID == v.UserID
	}
	return e.AuthorID == v.UserID || r.AuthorID == v.UserID, false
}

// privateOfLeaver are the statements that delete a leaving member's private
// items from the space they leave, so that the one left behind sees only
// what was shared with them; every table with private items has one here.
// Arguments: @space, @user.
var privateOfLeaver = []string{
	// Journal entries they never shared (replies go with them, by cascade).
	"DELETE FROM journal_entries WHERE space_id = @space AND author_id = @user AND shared = FALSE",
	"DELETE FROM bookmarks WHERE space_id = @space AND user_id = @user AND shared = FALSE",
	"DELETE FROM checkins WHERE space_id = @space AND author_id = @user AND private = TRUE",
	// Private intentions (their terms, days and pauses go by cascade).
	"DELETE FROM promises WHERE space_id = @space AND author_id = @user AND private = TRUE",
	// Questions never sent, and triggers never shared (their rounds and responses go by cascade).
	"DELETE FROM questions WHERE space_id = @space AND author_id = @user AND sent_at IS NULL",
	"DELETE FROM triggers WHERE space_id = @space AND author_id = @user AND shared = FALSE",
	// Private reflections, and one to reveal together that the partner who
	// stays has not unlocked by writing theirs: the exchange can no longer
	// happen both ways, and what was never shown must never appear. One
	// already revealed stays, as a shared one does.
	`DELETE FROM reflections WHERE space_id = @space AND author_id = @user AND (visibility = 'private'
	OR (visibility = 'together' AND NOT ` + reflectionAnswered("reflections") + `))`,
}

// triggerResponseCond is the condition (on the response aliased r to the
// trigger aliased t, which v sees) that v may read the response: while the
// trigger is shared, its author and the response's author may.
func (v Viewer) triggerResponseCond(r, t string) string {
	if v.Kind == ViewerGuest {
		// A guest shown the trigger reads the responses written in the range.
		return triggerKind.shared(t) + " AND " + timesIn("created_at")(r)
	}
	if v.Kind != ViewerMember {
		return "1 = 0"
	}
	return triggerKind.shared(t) + " AND (" + t + ".author_id = @user OR " + r + ".author_id = @user)"
}

// childBefore is the condition (on the row aliased t, a part of an entry v
// sees, dated by the instant in col: a question's round or answer, a step
// of an agreement) that v may read it: anyone who sees the entry, except
// that a guest reads only what was written before the link's range ends.
func (v Viewer) childBefore(t, col string) string {
	if v.Kind == ViewerGuest {
		return t + "." + col + " < @until"
	}
	return "1 = 1"
}

// notOwnCond is the condition that t, an entry of kind k that v sees, was
// written by someone else: what v may answer or respond to.
func (v Viewer) notOwnCond(k *entryKind, t string) string {
	if v.Kind != ViewerMember {
		return "1 = 0"
	}
	return v.cond(k, t) + " AND " + t + "." + k.author + " <> @user"
}

// othersOf limits a query on the table aliased t to the entries of kind k
// that v sees and did not write.
func (v Viewer) othersOf(k *entryKind, t string) func(*gorm.DB) *gorm.DB {
	return func(db *gorm.DB) *gorm.DB { return v.where(db, v.notOwnCond(k, t)) }
}

// tallyCond is the condition on a promise's tally (promise_tallies), of
// the promise aliased p, that v may read it: a member reads the tally of
// a promise they see. A guest reads the records of its range alone, never
// what a promise's whole history adds up to.
func (v Viewer) tallyCond(p string) string {
	if v.Kind != ViewerMember {
		return "1 = 0"
	}
	return v.cond(promiseKind, p)
}
