package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

// Question is one partner's question to the other: a draft only its author
// sees until sent, then asked in rounds and answered round by round.
type Question struct {
	ID        string `gorm:"primaryKey"`
	SpaceID   string
	AuthorID  string
	Body      string
	Practice  string
	SentAt    *time.Time
	State     string // QuestionOpen or QuestionEnough
	Sealed    string // the text of a draft (sealed.go)
	CreatedAt time.Time
	UpdatedAt time.Time
}

// States of a question.
const (
	QuestionOpen   = "open"
	QuestionEnough = "enough"
)

// Ways to say a question will be answered other than in writing.
const (
	DeferInPerson   = "in-person"
	DeferCounsellor = "counsellor"
)

// QuestionRound is one time a question was asked: round 1 when it was
// sent, then each time its author asked again.
type QuestionRound struct {
	ID         string `gorm:"primaryKey"`
	QuestionID string
	SpaceID    string
	Seq        int
	Body       string // what was asked again; "" for the first round
	DeferKind  string // DeferInPerson, DeferCounsellor or ""
	DeferNote  string
	DeferredAt *time.Time
	CreatedAt  time.Time
}

// QuestionAnswer is the one written answer to a round.
type QuestionAnswer struct {
	ID         string `gorm:"primaryKey"`
	QuestionID string
	RoundID    string
	SpaceID    string
	AuthorID   string
	Body       string
	Practice   string
	CreatedAt  time.Time
}

// Round is a round with its answer, nil while there is none.
type Round struct {
	QuestionRound
	Answer *QuestionAnswer
}

// QuestionThread is a question with its rounds, first to last.
type QuestionThread struct {
	Question
	Rounds []Round
}

// Last is the latest round, nil for a draft.
func (q *QuestionThread) Last() *Round {
	if len(q.Rounds) == 0 {
		return nil
	}
	return &q.Rounds[len(q.Rounds)-1]
}

// Refusals about questions.
var (
	errQuestionSent     = Gone("This question has already been sent: a sent question can no longer be edited.")
	errNobodyToAsk      = Conflict("There is nobody to send this question to yet: nobody else is in your space now. It stays a draft.")
	errRoundAnswered    = Conflict("This question already has an answer for this round. Your partner can ask again if they want to know more.")
	errNotAnsweredYet   = Conflict("There is no answer to this round yet.")
	errAskedAgain       = Conflict("This question has just been asked again.")
	errAskerLeft        = Conflict("The one who asked this question has left the space, so it can no longer be answered.")
	errAlreadyEnough    = Conflict("This answer is already marked enough for now.")
	errUnknownDeferKind = Invalid("Please choose how you would like to answer.")
)

// visibleQuestions limits questions to what the acting user may see (questionKind).
func visibleQuestions(tx *gorm.DB, sc Scope) *gorm.DB {
	return tx.Model(&Question{}).Scopes(sc.viewer().sees(questionKind, "questions"))
}

// ownQuestions limits questions to the acting user's own.
func ownQuestions(tx *gorm.DB, sc Scope) *gorm.DB {
	return tx.Model(&Question{}).Scopes(sc.viewer().own(questionKind, "questions"))
}

// CreateQuestion saves a draft question of the acting user.
func (s *Store) CreateQuestion(ctx context.Context, sc Scope, body, practice string) (*Question, error) {
	now := s.Now()
	q := &Question{ID: NewID(), SpaceID: sc.SpaceID, AuthorID: sc.UserID, Body: body, Practice: practice,
		State: QuestionOpen, CreatedAt: now, UpdatedAt: now}
	row := *q
	sealRow(ctx, &row) // a draft until sent
	if err := s.db.WithContext(ctx).Create(&row).Error; err != nil {
		return nil, err
	}
	return q, nil
}

// UpdateQuestionDraft changes the text of one of the acting user's drafts.
func (s *Store) UpdateQuestionDraft(ctx context.Context, sc Scope, id, body, practice string) error {
	db := s.db.WithContext(ctx)
	text := &Question{ID: id, AuthorID: sc.UserID, Body: body}
	sealRow(ctx, text)
	fields := sealedColumns(text, "body")
	fields["practice"], fields["updated_at"] = practice, s.Now()
	res := ownQuestions(db, sc).Where("id = ? AND sent_at IS NULL", id).UpdateColumns(fields)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return s.whyNotDraft(ctx, sc, id)
	}
	return nil
}

// whyNotDraft tells why id is not a draft of the acting user: sent, or not theirs.
func (s *Store) whyNotDraft(ctx context.Context, sc Scope, id string) error {
	return s.whyNotDraftTx(s.db.WithContext(ctx), sc, id)
}

// SendQuestion sends one of the acting user's drafts to their partner: its first round.
func (s *Store) SendQuestion(ctx context.Context, sc Scope, id string) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		partner, err := currentPartner(tx, sc)
		if err != nil {
			return err
		}
		now := s.Now()
		// Sent, it is for the partner too: stored readable.
		var q Question
		if err := ownQuestions(tx, sc).Where("id = ? AND sent_at IS NULL", id).Take(&q).Error; err == nil && q.Sealed != "" {
			return Conflict("This draft cannot be read any more (see Settings, Private text), so it cannot be sent.")
		} else if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		res := ownQuestions(tx, sc).Where("id = ? AND sent_at IS NULL", id).
			UpdateColumns(map[string]any{"sent_at": now, "updated_at": now, "body": q.Body, "sealed": ""})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return s.whyNotDraftTx(tx, sc, id)
		}
		if partner == "" {
			return errNobodyToAsk // rolls the update back
		}
		return conflictAs(tx.Create(&QuestionRound{ID: NewID(), QuestionID: id, SpaceID: sc.SpaceID, Seq: 1, CreatedAt: now}).Error, errQuestionSent)
	})
}

func (s *Store) whyNotDraftTx(tx *gorm.DB, sc Scope, id string) error {
	var n int64
	if err := ownQuestions(tx, sc).Where("id = ?", id).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return errQuestionSent
	}
	return ErrNotFound
}

// conflictAs is refusal when err is a unique-constraint violation, err otherwise.
func conflictAs(err, refusal error) error {
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return refusal
	}
	return err
}

// Question returns a question the acting user may see, with its rounds and answers.
func (s *Store) Question(ctx context.Context, sc Scope, id string) (*QuestionThread, error) {
	threads, err := s.questions(ctx, sc, func(q *gorm.DB) *gorm.DB { return q.Where("questions.id = ?", id) })
	if err != nil {
		return nil, err
	}
	if len(threads) == 0 {
		return nil, ErrNotFound
	}
	return &threads[0], nil
}

// questionsShown is how many questions the list reads.
const questionsShown = 200

// Questions lists the questions the acting user may see: their drafts and
// the questions sent between the two, newest first.
func (s *Store) Questions(ctx context.Context, sc Scope) ([]QuestionThread, error) {
	return s.questions(ctx, sc, func(q *gorm.DB) *gorm.DB {
		return q.Order("COALESCE(questions.sent_at, questions.created_at) DESC, questions.id DESC").Limit(questionsShown)
	})
}

// questions reads the visible questions that filter keeps, then their
// rounds and answers: three queries.
func (s *Store) questions(ctx context.Context, sc Scope, filter func(*gorm.DB) *gorm.DB) ([]QuestionThread, error) {
	db := s.db.WithContext(ctx)
	var qs []Question
	if err := filter(visibleQuestions(db, sc)).Find(&qs).Error; err != nil {
		return nil, err
	}
	if len(qs) == 0 {
		return nil, nil
	}
	ids := make([]string, len(qs))
	for i, q := range qs {
		ids[i] = q.ID
	}
	v := sc.viewer()
	var rounds []QuestionRound
	if err := v.where(db.Where("space_id = ? AND question_id IN ?", sc.SpaceID, ids), v.childBefore("question_rounds", "created_at")).
		Order("seq").Find(&rounds).Error; err != nil {
		return nil, err
	}
	var answers []QuestionAnswer
	if err := v.where(db.Where("space_id = ? AND question_id IN ?", sc.SpaceID, ids), v.childBefore("question_answers", "created_at")).
		Find(&answers).Error; err != nil {
		return nil, err
	}
	byRound := map[string]*QuestionAnswer{}
	for i := range answers {
		byRound[answers[i].RoundID] = &answers[i]
	}
	out := make([]QuestionThread, len(qs))
	at := map[string]int{}
	for i, q := range qs {
		out[i].Question = q
		at[q.ID] = i
	}
	for _, r := range rounds {
		t := &out[at[r.QuestionID]]
		t.Rounds = append(t.Rounds, Round{QuestionRound: r, Answer: byRound[r.ID]})
	}
	return out, nil
}

// questionToAnswer loads, in tx, a sent question of the acting user's
// partner (current or former) and its latest round.
func questionToAnswer(tx *gorm.DB, sc Scope, id string) (*Question, *QuestionRound, error) {
	var q Question
	if err := tx.Model(&Question{}).Scopes(sc.viewer().othersOf(questionKind, "questions")).
		Where("questions.id = ?", id).Take(&q).Error; err != nil {
		return nil, nil, notFound(err)
	}
	var current int64
	if err := tx.Model(&Membership{}).Where("space_id = ? AND user_id = ? AND left_at IS NULL", sc.SpaceID, q.AuthorID).
		Count(&current).Error; err != nil {
		return nil, nil, err
	}
	if current == 0 {
		return nil, nil, errAskerLeft
	}
	var r QuestionRound
	if err := tx.Where("space_id = ? AND question_id = ?", sc.SpaceID, id).Order("seq DESC").Take(&r).Error; err != nil {
		return nil, nil, notFound(err)
	}
	return &q, &r, nil
}

// AnswerQuestion saves the acting user's written answer to the latest round
// of a question their partner asked. One answer per round: the database
// refuses a second, even from two requests at once.
func (s *Store) AnswerQuestion(ctx context.Context, sc Scope, id, body, practice string) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		_, r, err := questionToAnswer(tx, sc, id)
		if err != nil {
			return err
		}
		a := &QuestionAnswer{ID: NewID(), QuestionID: id, RoundID: r.ID, SpaceID: sc.SpaceID, AuthorID: sc.UserID,
			Body: body, Practice: practice, CreatedAt: s.Now()}
		return conflictAs(tx.Create(a).Error, errRoundAnswered)
	})
}

// DeferQuestion records that the acting user would like to answer the
// latest round in person or with their counsellor: it stays open with that note.
func (s *Store) DeferQuestion(ctx context.Context, sc Scope, id, kind, note string) error {
	if kind != DeferInPerson && kind != DeferCounsellor {
		return errUnknownDeferKind
	}
	return s.transaction(ctx, func(tx *gorm.DB) error {
		_, r, err := questionToAnswer(tx, sc, id)
		if err != nil {
			return err
		}
		res := tx.Model(&QuestionRound{}).
			Where("id = ? AND NOT EXISTS (SELECT 1 FROM question_answers a WHERE a.round_id = question_rounds.id)", r.ID).
			UpdateColumns(map[string]any{"defer_kind": kind, "defer_note": note, "deferred_at": s.Now()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errRoundAnswered
		}
		return nil
	})
}

// lastRoundAnswered is the condition that the latest round of the question
// (table questions) has its answer.
const lastRoundAnswered = `EXISTS (SELECT 1 FROM question_answers a JOIN question_rounds r ON r.id = a.round_id
	WHERE r.question_id = questions.id AND r.seq = (SELECT MAX(r2.seq) FROM question_rounds r2 WHERE r2.question_id = questions.id))`

// MarkQuestionEnough marks the answer to one of the acting user's questions
// as enough for now.
func (s *Store) MarkQuestionEnough(ctx context.Context, sc Scope, id string) error {
	db := s.db.WithContext(ctx)
	res := ownQuestions(db, sc).Where("id = ? AND sent_at IS NOT NULL AND state = ? AND "+lastRoundAnswered, id, QuestionOpen).
		UpdateColumns(map[string]any{"state": QuestionEnough, "updated_at": s.Now()})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected > 0 {
		return nil
	}
	q, err := s.Question(ctx, sc, id)
	switch {
	case err != nil:
		return err
	case q.AuthorID != sc.UserID || q.SentAt == nil:
		return ErrNotFound
	case q.State == QuestionEnough:
		return errAlreadyEnough
	}
	return errNotAnsweredYet
}

// AskQuestionAgain asks one of the acting user's sent questions again, with
// what they would like to know now: a new round, the earlier ones kept. Only
// one of two asks at once becomes the next round.
func (s *Store) AskQuestionAgain(ctx context.Context, sc Scope, id, body string) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		var q Question
		if err := ownQuestions(tx, sc).Where("id = ? AND sent_at IS NOT NULL", id).Take(&q).Error; err != nil {
			return notFound(err)
		}
		partner, err := currentPartner(tx, sc)
		if err != nil {
			return err
		}
		if partner == "" {
			return Conflict("There is nobody to ask now: nobody else is in your space.")
		}
		var last QuestionRound
		if err := tx.Where("space_id = ? AND question_id = ?", sc.SpaceID, id).Order("seq DESC").Take(&last).Error; err != nil {
			return notFound(err)
		}
		var answered int64
		if err := tx.Model(&QuestionAnswer{}).Where("round_id = ?", last.ID).Count(&answered).Error; err != nil {
			return err
		}
		if answered == 0 && last.DeferKind == "" {
			return Conflict("This round has no answer yet: you can ask again once it is answered.")
		}
		now := s.Now()
		r := &QuestionRound{ID: NewID(), QuestionID: id, SpaceID: sc.SpaceID, Seq: last.Seq + 1, Body: body, CreatedAt: now}
		if err := conflictAs(tx.Create(r).Error, errAskedAgain); err != nil {
			return err
		}
		return tx.Model(&Question{}).Where("id = ? AND space_id = ?", id, sc.SpaceID).
			UpdateColumns(map[string]any{"state": QuestionOpen, "updated_at": now}).Error
	})
}
