package store

import (
	"context"
	"time"
)

// ExportConversations are the acting user's questions, triggers and
// agreements, and those of their partner shared with them, marked as such.
type ExportConversations struct {
	Questions  []ExportQuestion  `json:"questions"`
	Triggers   []ExportTrigger   `json:"triggers"`
	Agreements []ExportAgreement `json:"agreements"`
}

// ExportQuestion is a question with its rounds.
type ExportQuestion struct {
	SharedWithYou bool          `json:"shared_with_you,omitempty"` // asked by the partner
	Body          string        `json:"body"`
	Practice      string        `json:"practice,omitempty"`
	SentAt        *time.Time    `json:"sent_at,omitempty"` // absent for a draft
	State         string        `json:"state"`
	Rounds        []ExportRound `json:"rounds,omitempty"`
}

// ExportRound is one time a question was asked, and its answer.
type ExportRound struct {
	AskedAt     time.Time `json:"asked_at"`
	AskedAgain  string    `json:"asked_again,omitempty"`
	Deferred    string    `json:"deferred,omitempty"`
	DeferNote   string    `json:"defer_note,omitempty"`
	Answer      string    `json:"answer,omitempty"`
	AnswerByYou bool      `json:"answer_by_you,omitempty"`
}

// ExportTrigger is a trigger with the responses its reader may see.
type ExportTrigger struct {
	SharedWithYou bool             `json:"shared_with_you,omitempty"` // noted by the partner
	OccurredAt    time.Time        `json:"occurred_at"`
	Strength      int              `json:"strength"`
	Cause         string           `json:"cause,omitempty"`
	Helped        string           `json:"helped,omitempty"`
	Shared        bool             `json:"shared"`
	Responses     []ExportResponse `json:"responses,omitempty"`
}

// ExportResponse is a response to a shared trigger.
type ExportResponse struct {
	ByYou bool   `json:"by_you,omitempty"`
	Kind  string `json:"kind"`
	Note  string `json:"note,omitempty"`
}

// ExportAgreement is an agreement with its history.
type ExportAgreement struct {
	SharedWithYou bool                `json:"shared_with_you,omitempty"` // offered by the partner
	Body          string              `json:"body"`
	State         string              `json:"state"`
	ReviewOn      string              `json:"review_on"`
	History       []ExportAgreementID `json:"history"`
}

// ExportAgreementID is one step of an agreement.
type ExportAgreementID struct {
	ByYou bool      `json:"by_you,omitempty"`
	What  string    `json:"what"`
	At    time.Time `json:"at"`
	Body  string    `json:"body,omitempty"`
	Note  string    `json:"note,omitempty"`
}

// conversationsExport gathers what the acting user may read of questions,
// triggers and agreements in their space, through the same rules as the pages.
func (s *Store) conversationsExport(ctx context.Context, sc Scope) (*ExportConversations, error) {
	out := &ExportConversations{}
	qs, err := s.Questions(ctx, sc)
	if err != nil {
		return nil, err
	}
	for _, q := range qs {
		eq := ExportQuestion{SharedWithYou: q.AuthorID != sc.UserID, Body: q.Body, Practice: q.Practice, SentAt: q.SentAt, State: q.State}
		for _, r := range q.Rounds {
			er := ExportRound{AskedAt: r.CreatedAt, AskedAgain: r.Body, Deferred: r.DeferKind, DeferNote: r.DeferNote}
			if r.Answer != nil {
				er.Answer, er.AnswerByYou = r.Answer.Body, r.Answer.AuthorID == sc.UserID
			}
			eq.Rounds = append(eq.Rounds, er)
		}
		out.Questions = append(out.Questions, eq)
	}
	db := s.db.WithContext(ctx)
	var ts []Trigger
	if err := visibleTriggers(db, sc).Order("triggers.occurred_at").Find(&ts).Error; err != nil {
		return nil, err
	}
	for _, t := range ts {
		full, err := s.Trigger(ctx, sc, t.ID)
		if err != nil {
			return nil, err
		}
		et := ExportTrigger{SharedWithYou: t.AuthorID != sc.UserID, OccurredAt: t.OccurredAt, Strength: t.Strength, Cause: t.Cause,
			Helped: t.Helped, Shared: t.Shared}
		for _, r := range full.Responses {
			et.Responses = append(et.Responses, ExportResponse{ByYou: r.AuthorID == sc.UserID, Kind: r.Kind, Note: r.Note})
		}
		out.Triggers = append(out.Triggers, et)
	}
	as, err := s.Agreements(ctx, sc)
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		full, err := s.Agreement(ctx, sc, a.ID)
		if err != nil {
			return nil, err
		}
		ea := ExportAgreement{SharedWithYou: a.AuthorID != sc.UserID, Body: a.Body, State: a.State, ReviewOn: a.ReviewOn}
		for _, e := range full.History {
			ea.History = append(ea.History, ExportAgreementID{ByYou: e.AuthorID == sc.UserID, What: e.What, At: e.CreatedAt, Body: e.Body, Note: e.Note})
		}
		out.Agreements = append(out.Agreements, ea)
	}
	return out, nil
}
