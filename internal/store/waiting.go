package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"mend/internal/progress"
)

// What waits for a member's action: the partner's records to confirm or
// question, a dispute of their own record to answer, a reflection to reveal
// together that waits for their half, and notes of thanks not yet received.
// Each list reads a bounded window (WaitingDays of records, this week's
// reflections) and at most WaitingLimit rows, whatever the history.

// WaitingDays is how far back the partner's records wait for a review.
const WaitingDays = 30

// WaitingLimit is the most items of one kind the list shows.
const WaitingLimit = 30

// WaitingRecord is a ledger record that waits for the viewer: the partner's,
// to confirm or question, or the viewer's own, disputed, to answer.
type WaitingRecord struct {
	EntryID    string
	PromiseID  string
	Title      string // the promise's terms on that day
	Date       string
	Outcome    string
	Note       string
	ReviewNote string // the partner's words, for a dispute
	Revision   int    // the record's revision, which a confirmation of it names
}

// WaitingReflection is the partner's reflection to reveal together, for the
// viewer's current week, that waits for the viewer's own.
type WaitingReflection struct {
	ID       string
	AuthorID string
}

// Waiting is everything that waits for the viewer.
type Waiting struct {
	ToReview    []WaitingRecord
	Disputes    []WaitingRecord
	Reflections []WaitingReflection
	Notes       int64 // notes of thanks to the viewer not yet received
}

// Count is the number of things waiting.
func (w Waiting) Count() int {
	return len(w.ToReview) + len(w.Disputes) + len(w.Reflections) + int(w.Notes)
}

// waitingArgs are the named arguments of the waiting conditions beside the
// viewer's: the first day a record waits from (@from), the viewer's week
// (@week) and day (@today).
func waitingArgs(v Viewer, today, week progress.Date) []any {
	return append(v.args(), sql.Named("from", today.AddDays(-WaitingDays).String()), sql.Named("week", week.String()),
		sql.Named("today", today.String()))
}

// partnerRecordsCond is the condition on the ledger entry le, of the promise
// p, that it waits for the viewer's review: a current partner's record in
// the window, which v sees and nobody reviewed yet (reviewed, kept with
// the reviews: its index holds the records waiting alone).
func partnerRecordsCond(v Viewer) string {
	return v.cond(promiseKind, "p") + " AND le.space_id = @space AND le.reviewed = FALSE AND le.author_id <> @user AND le.date >= @from" +
		" AND EXISTS (SELECT 1 FROM memberships m WHERE m.space_id = le.space_id AND m.user_id = le.author_id AND m.left_at IS NULL)"
}

// disputesCond is the condition on the ledger entry le, of the promise p,
// with its review r, that it is the viewer's own record, disputed and not
// yet answered.
func disputesCond(v Viewer) string {
	return v.ownCond(promiseKind, "p") + " AND le.author_id = @user AND r.space_id = @space AND r.kind = 'dispute' AND r.replied_at IS NULL"
}

// reflectionsWaitingCond is the condition on the reflection r that it is a
// current partner's, to reveal together, of the viewer's week, and that the
// viewer has not written one the author may read.
func reflectionsWaitingCond(v Viewer) string {
	return v.cond(reflectionKind, "r") + " AND r.author_id <> @user AND r.visibility = 'together' AND r.week_start = @week" +
		" AND EXISTS (SELECT 1 FROM memberships m WHERE m.space_id = r.space_id AND m.user_id = r.author_id AND m.left_at IS NULL)" +
		" AND NOT " + v.reflectionReadable("r")
}

// notesWaitingCond is the condition on the note of thanks g that it was
// sent to the viewer and is not yet received.
func notesWaitingCond(v Viewer) string {
	if v.Kind != ViewerMember {
		return "1 = 0"
	}
	return inSpace("g") + " AND g.to_id = @user AND g.received_at IS NULL"
}

// titleOn is the select expression of the terms of le's promise on le's day.
var titleOn = titleInForce("le.promise_id", "le.date") + " AS title"

// WaitingFor lists what waits for the acting member; today and week are
// their own date and the Monday of their week. Its statements are written
// whole and scanned column by column: built and scanned through GORM, they
// cost the dashboard more than SQLite's reading them.
func (s *Store) WaitingFor(ctx context.Context, sc Scope, today, week progress.Date) (Waiting, error) {
	var w Waiting
	var err error
	v := sc.viewer()
	args := waitingArgs(v, today, week)
	limit := " LIMIT " + strconv.Itoa(WaitingLimit)
	w.ToReview, err = scanRows(s.raw(ctx, namedSQL{"SELECT le.id, le.promise_id, le.date, le.outcome, le.note, le.revision, " + titleOn +
		" FROM ledger_entries le JOIN promises p ON p.id = le.promise_id WHERE " + partnerRecordsCond(v) +
		" ORDER BY le.date DESC, le.id" + limit, args}),
		func(rows *sql.Rows, r *WaitingRecord) error {
			return rows.Scan(&r.EntryID, &r.PromiseID, &r.Date, &r.Outcome, &r.Note, &r.Revision, &r.Title)
		})
	if err != nil {
		return w, err
	}
	w.Disputes, err = scanRows(s.raw(ctx, namedSQL{"SELECT le.id, le.promise_id, le.date, le.outcome, le.note, r.note, " + titleOn +
		" FROM ledger_entries le JOIN promises p ON p.id = le.promise_id JOIN ledger_reviews r ON r.entry_id = le.id WHERE " + disputesCond(v) +
		" ORDER BY r.created_at DESC, r.id" + limit, args}),
		func(rows *sql.Rows, r *WaitingRecord) error {
			return rows.Scan(&r.EntryID, &r.PromiseID, &r.Date, &r.Outcome, &r.Note, &r.ReviewNote, &r.Title)
		})
	if err != nil {
		return w, err
	}
	w.Reflections, err = scanRows(s.raw(ctx, namedSQL{"SELECT r.id, r.author_id FROM reflections r WHERE " + reflectionsWaitingCond(v) + limit, args}),
		func(rows *sql.Rows, r *WaitingReflection) error { return rows.Scan(&r.ID, &r.AuthorID) })
	if err != nil {
		return w, err
	}
	err = s.scanRow(ctx, namedSQL{"SELECT COUNT(*) FROM gratitude_notes g WHERE " + notesWaitingCond(v), args}, &w.Notes)
	return w, err
}

// WaitingCount is how many things wait for the acting member, in one
// statement.
func (s *Store) WaitingCount(ctx context.Context, sc Scope, today, week progress.Date) (int64, error) {
	return s.countWaiting(ctx, sc, "SELECT "+waitingCountSum(sc.viewer())+" AS n", today, week)
}

// HeaderCount is WaitingCount with the questions and agreements waiting
// (WaitingQuestions, AgreementsToReview), in one statement written whole:
// the count in the header of every page. Built from GORM's subqueries of
// WaitingQuestions and AgreementsToReview, a third of its time went to
// building the statement.
func (s *Store) HeaderCount(ctx context.Context, sc Scope, today, week progress.Date) (int64, error) {
	v := sc.viewer()
	q := "SELECT " + waitingCountSum(v) +
		" + (SELECT COUNT(*) FROM questions " + questionsWaitingJoins + " WHERE " + questionsWaitingCond(v) + ")" +
		" + (SELECT COUNT(*) FROM agreements WHERE " + agreementsWaitingCond(v) + ") AS n"
	return s.countWaiting(ctx, sc, q, today, week)
}

// countWaiting runs q, a count of what waits for the acting member in the
// waiting conditions' named arguments (waitingArgs).
func (s *Store) countWaiting(ctx context.Context, sc Scope, q string, today, week progress.Date) (int64, error) {
	var n int64
	err := s.scanRow(ctx, namedSQL{q, waitingArgs(sc.viewer(), today, week)}, &n)
	return n, err
}

// waitingCountSum is the sum of the counts of WaitingFor's lists, each
// at most WaitingLimit (a constant, written into the statement).
func waitingCountSum(v Viewer) string {
	limit := " LIMIT " + strconv.Itoa(WaitingLimit) + ") t)"
	return "(SELECT COUNT(*) FROM (SELECT 1 FROM ledger_entries le JOIN promises p ON p.id = le.promise_id WHERE " + partnerRecordsCond(v) + limit +
		" + (SELECT COUNT(*) FROM (SELECT 1 FROM ledger_entries le JOIN promises p ON p.id = le.promise_id JOIN ledger_reviews r ON r.entry_id = le.id WHERE " + disputesCond(v) + limit +
		" + (SELECT COUNT(*) FROM reflections r WHERE " + reflectionsWaitingCond(v) + ")" +
		" + (SELECT COUNT(*) FROM gratitude_notes g WHERE " + notesWaitingCond(v) + ")"
}

// named adds cond with the named arguments args, when it uses any: GORM
// refuses arguments that a condition does not take.
func named(cond string, args []any) func(*gorm.DB) *gorm.DB {
	return func(db *gorm.DB) *gorm.DB {
		if !strings.Contains(cond, "@") {
			return db.Where(cond)
		}
		return db.Where(cond, args...)
	}
}
