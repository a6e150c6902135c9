package store

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// GratitudeNote is a note of thanks from one member of a space to the other.
// Both of them see it, nobody else.
type GratitudeNote struct {
	ID       string `gorm:"primaryKey"`
	SpaceID  string
	FromID   string
	ToID     string
	Body     string
	Practice string // slug of a practice it relates to, or ""
	// LedgerEntryID is the recipient's kept occurrence of a promise this
	// note thanks them for, if any.
	LedgerEntryID *string
	ReceivedAt    *time.Time // when the recipient marked it received; nil while new
	Heart         bool
	Reply         string
	RepliedAt     *time.Time
	CreatedAt     time.Time
}

// GratitudeNotes are one page of the notes the acting user received and of
// those they sent, newest first; More is true when either list goes on.
type GratitudeNotes struct {
	Received []GratitudeNote
	Sent     []GratitudeNote
	More     bool
	New      int64 // notes received and not yet marked received, on any page
}

// currentPartner is the other current member of the acting user's space.
func currentPartner(tx *gorm.DB, sc Scope) (string, error) {
	var ids []string
	err := tx.Model(&Membership{}).Where("space_id = ? AND user_id <> ? AND left_at IS NULL", sc.SpaceID, sc.UserID).
		Limit(1).Pluck("user_id", &ids).Error
	if err != nil || len(ids) == 0 {
		return "", err
	}
	return ids[0], nil
}

// SendGratitude saves a note of thanks from the acting user to their
// partner; ledgerID, when set, names the partner's kept occurrence of a
// promise that the note thanks them for.
func (s *Store) SendGratitude(ctx context.Context, sc Scope, body, practice, ledgerID string) (*GratitudeNote, error) {
	n := &GratitudeNote{ID: NewID(), SpaceID: sc.SpaceID, FromID: sc.UserID, Body: body, Practice: practice, CreatedAt: s.Now()}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		to, err := currentPartner(tx, sc)
		if err != nil {
			return err
		}
		if to == "" {
			return ErrNoPartnerToThank
		}
		n.ToID = to
		if ledgerID != "" {
			e, err := entryIn(tx, sc, ledgerID)
			if err != nil {
				return err
			}
			if e.AuthorID != to || e.Outcome != OutcomeKept {
				return Invalid("A note can thank your partner for a promise they kept. Choose one of their kept days.")
			}
			n.LedgerEntryID = &e.ID
		}
		return tx.Create(n).Error
	})
	if err != nil {
		return nil, err
	}
	return n, nil
}

// Gratitude lists the notes the acting user received and sent in their
// space, limit of each from offset.
func (s *Store) Gratitude(ctx context.Context, sc Scope, offset, limit int) (*GratitudeNotes, error) {
	var out GratitudeNotes
	db := s.db.WithContext(ctx)
	v := sc.viewer()
	list := func(scope func(*gorm.DB) *gorm.DB, dst *[]GratitudeNote) error {
		var notes []GratitudeNote
		err := db.Model(&GratitudeNote{}).Scopes(scope).
			Order("created_at DESC, id DESC").Offset(offset).Limit(limit + 1).Find(&notes).Error
		if len(notes) > limit {
			notes, out.More = notes[:limit], true
		}
		*dst = notes
		return err
	}
	if err := list(v.addressed(gratitudeKind, "gratitude_notes"), &out.Received); err != nil {
		return nil, err
	}
	if err := list(v.own(gratitudeKind, "gratitude_notes"), &out.Sent); err != nil {
		return nil, err
	}
	if err := db.Model(&GratitudeNote{}).Scopes(v.addressed(gratitudeKind, "gratitude_notes")).Where("received_at IS NULL").
		Count(&out.New).Error; err != nil {
		return nil, err
	}
	return &out, nil
}

// ReceiveGratitude marks a note to the acting user as received, with a heart
// when heart is true (a heart, once given, stays).
func (s *Store) ReceiveGratitude(ctx context.Context, sc Scope, id string, heart bool) error {
	fields := map[string]any{"received_at": gorm.Expr("COALESCE(received_at, ?)", s.Now())}
	if heart {
		fields["heart"] = true
	}
	res := s.db.WithContext(ctx).Model(&GratitudeNote{}).Scopes(sc.viewer().addressed(gratitudeKind, "gratitude_notes")).
		Where("id = ?", id).Updates(fields)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// ReplyToGratitude saves the acting user's one short reply to a note they
// received, and/or a heart; either also marks it received.
func (s *Store) ReplyToGratitude(ctx context.Context, sc Scope, id, reply string, heart bool) error {
	now := s.Now()
	return s.transaction(ctx, func(tx *gorm.DB) error {
		var n GratitudeNote
		if err := tx.Model(&GratitudeNote{}).Scopes(sc.viewer().addressed(gratitudeKind, "gratitude_notes")).Where("id = ?", id).Take(&n).Error; err != nil {
			return notFound(err)
		}
		fields := map[string]any{"received_at": gorm.Expr("COALESCE(received_at, ?)", now)}
		if heart {
			fields["heart"] = true
		}
		if reply != "" {
			if n.Reply != "" {
				return ErrGratitudeReplied
			}
			var current int64
			if err := tx.Model(&Membership{}).Where("space_id = ? AND user_id = ? AND left_at IS NULL", sc.SpaceID, n.FromID).
				Count(&current).Error; err != nil {
				return err
			}
			if current == 0 {
				return ErrGratitudeFormer
			}
			fields["reply"], fields["replied_at"] = reply, now
		}
		q := tx.Model(&GratitudeNote{}).Where("id = ? AND space_id = ?", id, sc.SpaceID)
		if reply != "" {
			// One reply: of two sent at once, the second finds one here.
			q = q.Where("reply = ''")
		}
		res := q.Updates(fields)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrGratitudeReplied
		}
		return nil
	})
}

// Refusals about gratitude notes.
var (
	ErrNoPartnerToThank = Conflict("Gratitude notes go to your partner, and nobody else is in your space now. Invite your partner first.")
	ErrGratitudeReplied = Conflict("You have already replied to this note: each note takes one reply.")
	ErrGratitudeFormer  = Conflict("The one who wrote this note has left the space, so they can't read a reply.")
)

// GratitudeNoteTo returns a note sent to the acting user.
func (s *Store) GratitudeNoteTo(ctx context.Context, sc Scope, id string) (*GratitudeNote, error) {
	var n GratitudeNote
	if err := s.db.WithContext(ctx).Model(&GratitudeNote{}).Scopes(sc.viewer().addressed(gratitudeKind, "gratitude_notes")).
		Where("id = ?", id).Take(&n).Error; err != nil {
		return nil, notFound(err)
	}
	return &n, nil
}

// ThankedOccurrence is the kept occurrence a gratitude note thanks for.
type ThankedOccurrence struct {
	EntryID   string
	PromiseID string
	Date      string
	Title     string // the promise's title on that day
}

// ThankedOccurrences returns, by ledger entry id, the occurrences that the
// notes refer to, in one query. The title is that of the terms in force on
// the day: the latest agreed version in force from that day or before.
func (s *Store) ThankedOccurrences(ctx context.Context, sc Scope, notes ...[]GratitudeNote) (map[string]ThankedOccurrence, error) {
	var ids []string
	for _, list := range notes {
		for _, n := range list {
			if n.LedgerEntryID != nil {
				ids = append(ids, *n.LedgerEntryID)
			}
		}
	}
	out := map[string]ThankedOccurrence{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []ThankedOccurrence
	err := s.db.WithContext(ctx).Table("ledger_entries le").
		Select("le.id AS entry_id, le.promise_id, le.date, "+titleOn).
		Joins("JOIN promises ON promises.id = le.promise_id").Scopes(sc.viewer().sees(promiseKind, "promises")).
		Where("le.space_id = ? AND le.id IN ?", sc.SpaceID, ids).Scan(&rows).Error
	for _, r := range rows {
		out[r.EntryID] = r
	}
	return out, err
}
