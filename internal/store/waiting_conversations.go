package store

import (
	"context"
	"time"

	"gorm.io/gorm"

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

// waitingQuestions are the open questions the acting user's partner asked
// them whose latest round has no written answer yet (one deferred to a
// conversation in person still waits, with its note).
func waitingQuestions(db *gorm.DB, sc Scope) *gorm.DB {
	v := sc.viewer()
	return v.where(db.Table("questions").Joins(questionsWaitingJoins), questionsWaitingCond(v))
}

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

// WaitingQuestions counts and lists the questions waiting for the acting user's answer.
func (s *Store) WaitingQuestions(ctx context.Context, sc Scope) (Conversations, error) {
	db := s.db.WithContext(ctx)
	var w Conversations
	var rows []struct {
		ID, Body, DeferKind string
		CreatedAt           time.Time
	}
	if err := waitingQuestions(db, sc).Select("questions.id, questions.body, r.defer_kind, r.created_at").
		Order("r.created_at, questions.id").Limit(waitingShown).Scan(&rows).Error; err != nil {
		return w, err
	}
	// Counted apart only when there are more than are shown.
	w.Count = int64(len(rows))
	if len(rows) == waitingShown {
		if err := waitingQuestions(db, sc).Count(&w.Count).Error; err != nil {
			return w, err
		}
	}
	for _, r := range rows {
		what := "ask"
		if r.DeferKind != "" {
			what = r.DeferKind
		}
		w.Items = append(w.Items, WaitingItem{Kind: "question", ID: r.ID, Text: r.Body, What: what, Since: r.CreatedAt})
	}
	return w, nil
}

// waitingAgreements are the agreements waiting for the acting user: an
// offer of the partner's to answer, their own offer the partner asked to
// change, and any agreement in force whose review date has come (for both).
func waitingAgreements(db *gorm.DB, sc Scope, today progress.Date) *gorm.DB {
	v := sc.viewer()
	return db.Model(&Agreement{}).Scopes(named(agreementsWaitingCond(v), waitingArgs(v, today, today.WeekStart(time.Monday))))
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
// user on today, their own date: to answer, to change, or to review.
func (s *Store) AgreementsToReview(ctx context.Context, sc Scope, today progress.Date) (Conversations, error) {
	db := s.db.WithContext(ctx)
	var w Conversations
	var as []Agreement
	if err := waitingAgreements(db, sc, today).Order("agreements.updated_at, agreements.id").Limit(waitingShown).Find(&as).Error; err != nil {
		return w, err
	}
	// Counted apart only when there are more than are shown.
	w.Count = int64(len(as))
	if len(as) == waitingShown {
		if err := waitingAgreements(db, sc, today).Count(&w.Count).Error; err != nil {
			return w, err
		}
	}
	for _, a := range as {
		what := "review"
		switch a.State {
		case AgreementOffered:
			what = "answer"
		case AgreementChangeAsked:
			what = "change"
		}
		w.Items = append(w.Items, WaitingItem{Kind: "agreement", ID: a.ID, Text: a.Body, What: what, Since: a.UpdatedAt})
	}
	return w, nil
}
