package store

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"mend/internal/progress"
)

// WaitingItem is one thing waiting for the acting user, for the
// dashboard's "Waiting for you": a question to answer, an agreement to
// answer or review. It carries no timer: only what and since when.
type WaitingItem struct {
	Kind  string // "question" or "agreement"
	ID    string
	Text  string // the question or the agreement, as written
	What  string // question: "ask" or "in-person"/"counsellor" (a note that keeps it open); agreement: "answer", "change", "review"
	Since time.Time
}

// Conversations is how many questions or agreements wait, and the first of them, oldest first.
type Conversations struct {
	Count int64
	Items []WaitingItem
}

// waitingShown is how many items a Conversations lists.
const waitingShown = 10

// questionsWaitingJoins join a question to its latest round and to its
// author's current membership, for questionsWaitingCond.
const questionsWaitingJoins = "JOIN question_rounds r ON r.question_id = questions.id AND r.seq = (SELECT MAX(r2.seq) FROM question_rounds r2 WHERE r2.question_id = questions.id)" +
	" JOIN memberships m ON m.space_id = questions.space_id AND m.user_id = questions.author_id AND m.left_at IS NULL"

// questionsWaitingCond is the condition on the question of questions
// (joined by questionsWaitingJoins: its latest round r) that it waits for
// v's answer; its arguments are v.args().
func questionsWaitingCond(v Viewer) string {
	return v.notOwnCond(questionKind, "questions") + " AND questions.state = '" + QuestionOpen + "'" +
		" AND NOT EXISTS (SELECT 1 FROM question_answers a WHERE a.round_id = r.id)"
}

// WaitingQuestions counts and lists the questions waiting for the acting
// user's answer: the open questions their partner asked them whose latest
// round has no written answer yet (one deferred to a conversation in person
// still waits, with its note).
func (s *Store) WaitingQuestions(ctx context.Context, sc Scope) (Conversations, error) {
	var w Conversations
	v := sc.viewer()
	from := " FROM questions " + questionsWaitingJoins + " WHERE " + questionsWaitingCond(v)
	items, err := scanRows(s.raw(ctx, namedSQL{"SELECT questions.id, questions.body, r.defer_kind, r.created_at" + from +
		" ORDER BY r.created_at, questions.id LIMIT " + strconv.Itoa(waitingShown), v.args()}),
		func(rows *sql.Rows, it *WaitingItem) error {
			var at anyTime
			err := rows.Scan(&it.ID, &it.Text, &it.What, &at)
			it.Kind, it.Since = "question", at.Time
			if it.What == "" {
				it.What = "ask"
			}
			return err
		})
	if err != nil {
		return w, err
	}
	w.Items, w.Count = items, int64(len(items))
	// Counted apart only when there are more than are shown.
	if len(items) == waitingShown {
		err = s.scanRow(ctx, namedSQL{"SELECT COUNT(*)" + from, v.args()}, &w.Count)
	}
	return w, err
}

// agreementsWaitingCond is the condition on the agreement of agreements
// that it waits for v on the date @today; its arguments are waitingArgs.
func agreementsWaitingCond(v Viewer) string {
	return v.cond(agreementKind, "agreements") +
		" AND ((agreements.state = '" + AgreementOffered + "' AND agreements.author_id <> @user)" +
		" OR (agreements.state = '" + AgreementChangeAsked + "' AND agreements.author_id = @user)" +
		" OR (agreements.state = '" + AgreementAccepted + "' AND agreements.review_on <= @today))"
}

// AgreementsToReview counts and lists the agreements waiting for the acting
// user on today, their own date: an offer of the partner's to answer, their
// own offer the partner asked to change, and any agreement in force whose
// review date has come (for both).
func (s *Store) AgreementsToReview(ctx context.Context, sc Scope, today progress.Date) (Conversations, error) {
	var w Conversations
	v := sc.viewer()
	args := waitingArgs(v, today, today.WeekStart(time.Monday))
	from := " FROM agreements WHERE " + agreementsWaitingCond(v)
	items, err := scanRows(s.raw(ctx, namedSQL{"SELECT agreements.id, agreements.body, agreements.state, agreements.updated_at" + from +
		" ORDER BY agreements.updated_at, agreements.id LIMIT " + strconv.Itoa(waitingShown), args}),
		func(rows *sql.Rows, it *WaitingItem) error {
			var state string
			var at anyTime
			err := rows.Scan(&it.ID, &it.Text, &state, &at)
			it.Kind, it.Since, it.What = "agreement", at.Time, "review"
			switch state {
			case AgreementOffered:
				it.What = "answer"
			case AgreementChangeAsked:
				it.What = "change"
			}
			return err
		})
	if err != nil {
		return w, err
	}
	w.Items, w.Count = items, int64(len(items))
	// Counted apart only when there are more than are shown.
	if len(items) == waitingShown {
		err = s.scanRow(ctx, namedSQL{"SELECT COUNT(*)" + from, args}, &w.Count)
	}
	return w, err
}
