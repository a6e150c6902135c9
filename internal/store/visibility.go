package store

import (
	"database/sql"
	"strings"
	"time"

	"gorm.io/gorm"
)

// This file is the one definition of who sees what. Every read of a
// couple's entries takes its condition from here, as a GORM scope or, for
// the few queries written as whole SQL statements, as a condition with
// named arguments (@space, @user, @since); no other file writes that SQL.
// A new kind of entry adds an entryKind below; a new kind of viewer (a
// counsellor's read-only link, say) adds a ViewerKind, its rule in rules,
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
)

// Viewer is who reads: a kind of viewer, the user, and the space and the
// time from which it shares with them.
type Viewer struct {
	Kind    ViewerKind
	UserID  string
	SpaceID string
	Since   time.Time
}

// viewer is who acts in sc: a member unless sc names another kind.
func (sc Scope) viewer() Viewer {
	kind := sc.Viewer
	if kind == "" {
		kind = ViewerMember
	}
	return Viewer{Kind: kind, UserID: sc.UserID, SpaceID: sc.SpaceID, Since: sc.Since}
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
}

// The kinds of entry.
var (
	// A promise and everything of it (versions, pauses, its ledger and
	// reviews) is shared with the partner it was made to.
	promiseKind = &entryKind{author: "author_id", sharedAt: "created_at"}
	// A ledger entry, as its author wrote it; who sees it is its promise's rule.
	ledgerKind = &entryKind{author: "author_id", sharedAt: "created_at"}
	// A review of a ledger entry, by its reviewer.
	reviewKind = &entryKind{author: "reviewer_id", sharedAt: "created_at"}
	// A check-in is private unless its author made it shared.
	checkinKind = &entryKind{author: "author_id", sharedAt: "created_at",
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
	journalKind = &entryKind{author: "author_id", sharedAt: "shared_at",
		shared: func(t string) string { return t + ".shared = TRUE" }}
	// A reply to a journal entry, by its writer.
	journalReplyKind = &entryKind{author: "author_id", sharedAt: "created_at"}
	// A reflection is known to the partner unless private; whether they may
	// read it yet is reflectionReadable.
	reflectionKind = &entryKind{author: "author_id", sharedAt: "created_at",
		shared: func(t string) string { return t + ".visibility <> 'private'" }}
	// A note of thanks is seen by its writer and the one it thanks.
	gratitudeKind = &entryKind{author: "from_id", to: "to_id", sharedAt: "created_at"}
)

// rules are, per kind of viewer, the condition (on the alias t) for the
// viewer to see an entry of kind k. The condition uses the named arguments
// of Viewer.args.
var rules = map[ViewerKind]func(k *entryKind, t string) string{
	ViewerMember: func(k *entryKind, t string) string {
		return inSpace(t) + " AND (" + byViewer(k, t) + " OR " + sharedWithViewer(k, t) + ")"
	},
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
	since := t + "." + k.sharedAt + " >= @since"
	if k.shared == nil {
		return since
	}
	return "(" + k.shared(t) + " AND " + since + ")"
}

// args are the named arguments of every condition of this file.
func (v Viewer) args() []any {
	return []any{sql.Named("space", v.SpaceID), sql.Named("user", v.UserID), sql.Named("since", v.Since)}
}

// cond is the condition for v to see an entry of kind k in the table
// aliased t, for statements written whole; its arguments are v.args().
// A viewer of an unknown kind sees nothing.
func (v Viewer) cond(k *entryKind, t string) string {
	rule, ok := rules[v.Kind]
	if !ok {
		return "1 = 0"
	}
	return rule(k, t)
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

// sharedOnly limits a query on the table aliased t to the entries of kind k their author shared.
func sharedOnly(k *entryKind, t string) func(*gorm.DB) *gorm.DB {
	return func(db *gorm.DB) *gorm.DB { return db.Where(sharedOnlyCond(k, t)) }
}

// reflectionReadable is the condition (on the reflection aliased t, seen by
// v) that v may read it now, not only know of it. A reflection to reveal
// together is readable by the partner once they have written one for the
// same week that the author can read in turn: an exchange, so a private
// reflection of theirs does not unlock it.
func (v Viewer) reflectionReadable(t string) string {
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
	// Private reflections, and one to reveal together that the partner who
	// stays has not unlocked by writing theirs: the exchange can no longer
	// happen both ways, and what was never shown must never appear. One
	// already revealed stays, as a shared one does.
	`DELETE FROM reflections WHERE space_id = @space AND author_id = @user AND (visibility = 'private'
	OR (visibility = 'together' AND NOT ` + reflectionAnswered("reflections") + `))`,
}
