package store

import (
	"context"
	"database/sql"
	"time"

	"gorm.io/gorm"

	"mend/internal/progress"
)

// Agreement is openness one partner offers in their own words: in force
// once the other accepts it, until either ends it, reviewed on its date.
type Agreement struct {
	ID         string `gorm:"primaryKey"`
	SpaceID    string
	AuthorID   string
	Body       string
	ReviewOn   string // YYYY-MM-DD
	State      string
	Note       string // the partner's last words on it: what to change, why not
	AcceptedAt *time.Time
	EndedAt    *time.Time
	EndedBy    *string
	EndNote    string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// States of an agreement.
const (
	AgreementOffered     = "offered"
	AgreementChangeAsked = "change-asked"
	AgreementAccepted    = "accepted"
	AgreementDeclined    = "declined"
	AgreementEnded       = "ended"
)

// InForce reports whether a is accepted and not ended.
func (a *Agreement) InForce() bool { return a.State == AgreementAccepted }

// AgreementEvent is one step in an agreement's history.
type AgreementEvent struct {
	ID          string `gorm:"primaryKey"`
	AgreementID string
	SpaceID     string
	AuthorID    string
	What        string // offered, revised, change-asked, accepted, declined, renewed, ended
	Body        string
	Note        string
	ReviewOn    string
	Seq         int
	CreatedAt   time.Time
}

// AgreementWithHistory is an agreement and its steps, oldest first.
type AgreementWithHistory struct {
	Agreement
	History []AgreementEvent
}

// AgreementMaxDays is how far ahead a review date may be.
const AgreementMaxDays = 90

// Refusals about agreements.
var (
	errNobodyToOffer  = Conflict("There is nobody to offer this to yet: nobody else is in your space now.")
	errNotOffered     = Conflict("This agreement is no longer waiting for an answer: it has just been answered, changed or ended.")
	errNotRevisable   = Conflict("This agreement can't be changed now: it is not waiting for your change.")
	errNotInForce     = Conflict("Only an agreement in force can be renewed, and only from its review date.")
	errAlreadyEnded   = Gone("This agreement has already ended or been declined.")
	errReviewDate     = Invalid("Please choose a review date after today and at most 90 days ahead.")
	errAgreementEmpty = Invalid("Please write the agreement in your own words.")
)

// checkReview checks a review date against the acting user's today.
func checkReview(reviewOn string, today progress.Date) error {
	d, err := progress.ParseDate(reviewOn)
	if err != nil || d <= today || d > today.AddDays(AgreementMaxDays) {
		return errReviewDate
	}
	return nil
}

// visibleAgreements limits agreements to what the acting user may see (agreementKind).
func visibleAgreements(tx *gorm.DB, sc Scope) *gorm.DB {
	return tx.Model(&Agreement{}).Scopes(sc.viewer().sees(agreementKind, "agreements"))
}

// event records a step of agreement id in tx.
func (s *Store) agreementEvent(tx *gorm.DB, sc Scope, id, what, body, note, reviewOn string) error {
	var last int
	if err := tx.Model(&AgreementEvent{}).Where("agreement_id = ?", id).Select("COALESCE(MAX(seq), 0)").Scan(&last).Error; err != nil {
		return err
	}
	return conflictAs(tx.Create(&AgreementEvent{ID: NewID(), AgreementID: id, SpaceID: sc.SpaceID, AuthorID: sc.UserID, What: what,
		Body: body, Note: note, ReviewOn: reviewOn, Seq: last + 1, CreatedAt: s.Now()}).Error, errNotOffered)
}

// OfferAgreement offers the partner an agreement, to review by reviewOn
// (after today, the acting user's date, and at most 90 days ahead).
func (s *Store) OfferAgreement(ctx context.Context, sc Scope, body, reviewOn string, today progress.Date) (*Agreement, error) {
	if body == "" {
		return nil, errAgreementEmpty
	}
	if err := checkReview(reviewOn, today); err != nil {
		return nil, err
	}
	now := s.Now()
	a := &Agreement{ID: NewID(), SpaceID: sc.SpaceID, AuthorID: sc.UserID, Body: body, ReviewOn: reviewOn, State: AgreementOffered,
		CreatedAt: now, UpdatedAt: now}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		partner, err := currentPartner(tx, sc)
		if err != nil {
			return err
		}
		if partner == "" {
			return errNobodyToOffer
		}
		if err := tx.Create(a).Error; err != nil {
			return err
		}
		return s.agreementEvent(tx, sc, a.ID, "offered", body, "", reviewOn)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// Agreement returns an agreement the acting user may see, with its history.
func (s *Store) Agreement(ctx context.Context, sc Scope, id string) (*AgreementWithHistory, error) {
	db := s.db.WithContext(ctx)
	var out AgreementWithHistory
	if err := visibleAgreements(db, sc).Where("agreements.id = ?", id).Take(&out.Agreement).Error; err != nil {
		return nil, notFound(err)
	}
	v := sc.viewer()
	err := v.where(db.Where("space_id = ? AND agreement_id = ?", sc.SpaceID, id), v.childBefore("agreement_events", "created_at")).
		Order("seq").Find(&out.History).Error
	return &out, err
}

// AgreementHistories lists the agreements the acting user may see, newest
// first, each with the steps of its history they may read, in two queries.
// For a guest each agreement reads as it stood when the link's range ended:
// its words, state and notes are those of the last step before then.
func (s *Store) AgreementHistories(ctx context.Context, sc Scope) ([]AgreementWithHistory, error) {
	db := s.db.WithContext(ctx)
	var as []Agreement
	if err := visibleAgreements(db, sc).Order("agreements.created_at DESC, agreements.id DESC").Limit(agreementsShown).Find(&as).Error; err != nil {
		return nil, err
	}
	if len(as) == 0 {
		return nil, nil
	}
	ids := make([]string, len(as))
	at := map[string]int{}
	out := make([]AgreementWithHistory, len(as))
	for i, a := range as {
		ids[i], at[a.ID], out[i].Agreement = a.ID, i, a
	}
	v := sc.viewer()
	var events []AgreementEvent
	if err := v.where(db.Where("space_id = ? AND agreement_id IN ?", sc.SpaceID, ids), v.childBefore("agreement_events", "created_at")).
		Order("agreement_id, seq").Find(&events).Error; err != nil {
		return nil, err
	}
	for _, e := range events {
		out[at[e.AgreementID]].History = append(out[at[e.AgreementID]].History, e)
	}
	if v.Kind == ViewerGuest {
		for i := range out {
			out[i].Agreement = asOfHistory(out[i].Agreement, out[i].History)
		}
	}
	return out, nil
}

// asOfHistory is a as its history tells it: the words and review date of
// its last offer or revision, the state and notes of its last step.
func asOfHistory(a Agreement, history []AgreementEvent) Agreement {
	out := Agreement{ID: a.ID, SpaceID: a.SpaceID, AuthorID: a.AuthorID, CreatedAt: a.CreatedAt, State: AgreementOffered}
	for _, e := range history {
		switch e.What {
		case "offered", "revised":
			out.Body, out.ReviewOn, out.State, out.Note = e.Body, e.ReviewOn, AgreementOffered, ""
		case "renewed":
			out.ReviewOn = e.ReviewOn
		case AgreementAccepted, AgreementChangeAsked, AgreementDeclined:
			out.State, out.Note = e.What, e.Note
		case AgreementEnded:
			out.State, out.EndNote = AgreementEnded, e.Note
		}
		out.UpdatedAt = e.CreatedAt
	}
	return out
}

// agreementsShown is how many agreements the list reads.
const agreementsShown = 200

// Agreements lists the agreements of the acting user's space they may see, newest first.
func (s *Store) Agreements(ctx context.Context, sc Scope) ([]Agreement, error) {
	var out []Agreement
	err := visibleAgreements(s.db.WithContext(ctx), sc).Order("agreements.created_at DESC, agreements.id DESC").
		Limit(agreementsShown).Find(&out).Error
	return out, err
}

// AgreementsInForce lists the accepted agreements of the acting user's
// space they may see: what a promise may point to.
func (s *Store) AgreementsInForce(ctx context.Context, sc Scope) ([]Agreement, error) {
	var out []Agreement
	err := visibleAgreements(s.db.WithContext(ctx), sc).Where("agreements.state = ?", AgreementAccepted).
		Order("agreements.created_at").Find(&out).Error
	return out, err
}

// AgreementInForce reports whether id is an agreement in force that the acting user may see.
func (s *Store) AgreementInForce(ctx context.Context, sc Scope, id string) (bool, error) {
	var n int64
	err := visibleAgreements(s.db.WithContext(ctx), sc).Where("agreements.id = ? AND agreements.state = ?", id, AgreementAccepted).Count(&n).Error
	return n > 0, err
}

// transition changes agreement id from one of the states from to fields,
// in one conditional update, if who (the author, the partner or either)
// may; 0 rows means another change came first. Then it records the step.
func (s *Store) transition(ctx context.Context, sc Scope, id string, byAuthor *bool, from []string, extra func(*gorm.DB) *gorm.DB, fields map[string]any,
	what, body, note, reviewOn string, refusal error) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		var a Agreement
		if err := visibleAgreements(tx, sc).Where("agreements.id = ?", id).Take(&a).Error; err != nil {
			return notFound(err)
		}
		if byAuthor != nil && (a.AuthorID == sc.UserID) != *byAuthor {
			return ErrNotFound // not theirs to do
		}
		if a.State == AgreementEnded || a.State == AgreementDeclined {
			return errAlreadyEnded
		}
		fields["updated_at"] = s.Now()
		q := tx.Model(&Agreement{}).Where("id = ? AND space_id = ? AND state IN ?", id, sc.SpaceID, from)
		if extra != nil {
			q = extra(q)
		}
		res := q.UpdateColumns(fields)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return refusal
		}
		return s.agreementEvent(tx, sc, id, what, body, note, reviewOn)
	})
}

// Who may take a step: the offerer alone, or the partner alone (nil: either).
var (
	byOfferer, byPartner = true, false
)

// AcceptAgreement puts the partner's offer into force.
func (s *Store) AcceptAgreement(ctx context.Context, sc Scope, id string) error {
	return s.transition(ctx, sc, id, &byPartner, []string{AgreementOffered}, nil,
		map[string]any{"state": AgreementAccepted, "accepted_at": s.Now(), "note": ""}, "accepted", "", "", "", errNotOffered)
}

// AskAgreementChange asks the partner to change their offer, saying what.
func (s *Store) AskAgreementChange(ctx context.Context, sc Scope, id, note string) error {
	return s.transition(ctx, sc, id, &byPartner, []string{AgreementOffered}, nil,
		map[string]any{"state": AgreementChangeAsked, "note": note}, "change-asked", "", note, "", errNotOffered)
}

// DeclineAgreement declines the partner's offer, with an optional note.
func (s *Store) DeclineAgreement(ctx context.Context, sc Scope, id, note string) error {
	return s.transition(ctx, sc, id, &byPartner, []string{AgreementOffered, AgreementChangeAsked}, nil,
		map[string]any{"state": AgreementDeclined, "note": note}, "declined", "", note, "", errNotOffered)
}

// ReviseAgreement is the author's new wording (and review date) of their
// agreement: offered again, for the partner to answer. It is how an offer
// is changed after the partner asked, and how an agreement in force is
// changed at its review.
func (s *Store) ReviseAgreement(ctx context.Context, sc Scope, id, body, reviewOn string, today progress.Date) error {
	if body == "" {
		return errAgreementEmpty
	}
	if err := checkReview(reviewOn, today); err != nil {
		return err
	}
	return s.transition(ctx, sc, id, &byOfferer, []string{AgreementOffered, AgreementChangeAsked, AgreementAccepted},
		func(q *gorm.DB) *gorm.DB {
			return q.Where("(state <> ? OR review_on <= ?)", AgreementAccepted, today.String())
		},
		map[string]any{"state": AgreementOffered, "body": body, "review_on": reviewOn, "accepted_at": nil}, "revised", body, "", reviewOn, errNotRevisable)
}

// RenewAgreement keeps an agreement in force that has reached its review
// date, until a new one; either partner may.
func (s *Store) RenewAgreement(ctx context.Context, sc Scope, id, reviewOn string, today progress.Date) error {
	if err := checkReview(reviewOn, today); err != nil {
		return err
	}
	return s.transition(ctx, sc, id, nil, []string{AgreementAccepted}, func(q *gorm.DB) *gorm.DB { return q.Where("review_on <= ?", today.String()) },
		map[string]any{"review_on": reviewOn}, "renewed", "", "", reviewOn, errNotInForce)
}

// EndAgreement ends an agreement (or withdraws an offer); either partner
// may, at any time, with an optional note. It stays in the history.
func (s *Store) EndAgreement(ctx context.Context, sc Scope, id, note string) error {
	return s.transition(ctx, sc, id, nil, []string{AgreementOffered, AgreementChangeAsked, AgreementAccepted}, nil,
		map[string]any{"state": AgreementEnded, "ended_at": s.Now(), "ended_by": sc.UserID, "end_note": note}, "ended", "", note, "", errAlreadyEnded)
}

// LinkPromiseAgreement points one of the acting user's promises to an
// agreement in force of their space, in one conditional update.
func (s *Store) LinkPromiseAgreement(ctx context.Context, sc Scope, promiseID, agreementID string) error {
	v := sc.viewer()
	res := s.db.WithContext(ctx).Model(&Promise{}).Scopes(v.own(promiseKind, "promises")).Where("id = ?", promiseID).
		Where("EXISTS (SELECT 1 FROM agreements WHERE agreements.id = @agreement AND agreements.state = @accepted AND "+
			v.cond(agreementKind, "agreements")+")", append(v.args(), sql.Named("agreement", agreementID), sql.Named("accepted", AgreementAccepted))...).
		UpdateColumn("agreement_id", agreementID)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return Conflict("This agreement is no longer in force, so the promise can't point to it.")
	}
	return nil
}

// PromiseRef is a promise as an agreement's page names it.
type PromiseRef struct {
	ID, Title, AuthorID string
}

// AgreementPromises are the promises the acting user may see that point to agreement id.
func (s *Store) AgreementPromises(ctx context.Context, sc Scope, id string) ([]PromiseRef, error) {
	var out []PromiseRef
	err := s.db.WithContext(ctx).Table("promises").Scopes(sc.viewer().sees(promiseKind, "promises")).
		Select("promises.id, promises.author_id, (SELECT v.title FROM promise_versions v WHERE v.promise_id = promises.id ORDER BY v.seq DESC LIMIT 1) AS title").
		Where("promises.agreement_id = ?", id).Order("promises.created_at").Scan(&out).Error
	return out, err
}
