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
	return db.Table("questions").Scopes(sc.viewer().othersOf(questionKind, "questions")).
		Joins("JOIN question_rounds r ON r.question_id = questions.id AND r.seq = (SELECT MAX(r2.seq) FROM question_rounds r2 WHERE r2.question_id = questions.id)").
		Joins("JOIN memberships m ON m.space_id = questions.space_id AND m.user_id = questions.author_id AND m.left_at IS NULL").
		Where("questions.state = ? AND NOT EXISTS (SELECT 1 FROM question_answers a WHERE a.round_id = r.id)", QuestionOpen)
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
	return visibleAgreements(db, sc).Where(
		"(agreements.state = ? AND agreements.author_id <> ?) OR (agreements.state = ? AND agreements.author_id = ?) OR (agreements.state = ? AND agreements.review_on <= ?)",
		AgreementOffered, sc.UserID, AgreementChangeAsked, sc.UserID, AgreementAccepted, today.String())
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
