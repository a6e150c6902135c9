package store

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// Trigger is a moment the hurt came back, noted by the one it came back
// to: private unless they share it.
type Trigger struct {
	ID         string `gorm:"primaryKey"`
	SpaceID    string
	AuthorID   string
	OccurredAt time.Time
	Strength   int // 0 to 10
	Cause      string
	Helped     string
	Shared     bool
	SharedAt   *time.Time
	Sealed     string // cause and what helped while private (sealed.go)
	CreatedAt  time.Time
}

// TriggerResponse is the partner's one response to a shared trigger.
type TriggerResponse struct {
	ID        string `gorm:"primaryKey"`
	TriggerID string
	SpaceID   string
	AuthorID  string
	Kind      string // ResponseHere, ResponseNote or ResponseTalk
	Note      string
	CreatedAt time.Time
}

// Kinds of response to a trigger.
const (
	ResponseHere = "here" // "I'm here"
	ResponseNote = "note" // a note
	ResponseTalk = "talk" // an offer to talk
)

// TriggerInput is what the author notes.
type TriggerInput struct {
	OccurredAt time.Time
	Strength   int
	Cause      string
	Helped     string
}

// TriggerWithResponses is a trigger with the responses its reader may see.
type TriggerWithResponses struct {
	Trigger
	Responses []TriggerResponse
}

// Refusals about triggers.
var (
	errResponded       = Conflict("You have already responded to this: one response each.")
	errNobodyToShare   = Conflict("There is nobody to share this with yet: nobody else is in your space now. It stays private.")
	errAuthorLeft      = Conflict("The one who noted this has left the space, so they can't read a response.")
	errUnknownResponse = Invalid("Please choose how you respond.")
	errStrength        = Invalid("Please choose a strength from 0 to 10.")
)

// visibleTriggers limits triggers to what the acting user may see (triggerKind).
func visibleTriggers(tx *gorm.DB, sc Scope) *gorm.DB {
	return tx.Model(&Trigger{}).Scopes(sc.viewer().sees(triggerKind, "triggers"))
}

// ownTriggers limits triggers to the acting user's own.
func ownTriggers(tx *gorm.DB, sc Scope) *gorm.DB {
	return tx.Model(&Trigger{}).Scopes(sc.viewer().own(triggerKind, "triggers"))
}

// CreateTrigger notes a trigger of the acting user, private.
func (s *Store) CreateTrigger(ctx context.Context, sc Scope, in TriggerInput) (*Trigger, error) {
	if in.Strength < 0 || in.Strength > 10 {
		return nil, errStrength
	}
	t := &Trigger{ID: NewID(), SpaceID: sc.SpaceID, AuthorID: sc.UserID, OccurredAt: in.OccurredAt.UTC(), Strength: in.Strength,
		Cause: in.Cause, Helped: in.Helped, CreatedAt: s.Now()}
	row := *t
	sealRow(ctx, &row) // private until shared
	if err := s.db.WithContext(ctx).Create(&row).Error; err != nil {
		return nil, err
	}
	return t, nil
}

// ShareTrigger shares one of the acting user's triggers with their partner,
// or makes it private again (responses are kept, hidden until shared again).
//
// A shared trigger is stored readable for the partner; a private one sealed.
func (s *Store) ShareTrigger(ctx context.Context, sc Scope, id string, shared bool) error {
	return s.removedPrivateText(s.transaction(ctx, func(tx *gorm.DB) error {
		var t Trigger
		if err := ownTriggers(tx, sc).Where("id = ?", id).Take(&t).Error; err != nil {
			return notFound(err)
		}
		if t.Sealed != "" { // it did not open (openRow)
			if !shared {
				return nil
			}
			return Conflict("This cannot be read any more (see Settings, Private text), so it cannot be shared.")
		}
		if !shared {
			sealRow(ctx, &t)
		}
		fields := sealedColumns(&t, "cause", "helped")
		fields["shared"], fields["shared_at"] = false, nil
		if shared {
			fields["shared"], fields["shared_at"] = true, s.Now()
		}
		res := ownTriggers(tx, sc).Where("id = ?", id).UpdateColumns(fields)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		if !shared {
			return nil
		}
		partner, err := currentPartner(tx, sc)
		if err != nil {
			return err
		}
		if partner == "" {
			return errNobodyToShare // rolls the update back
		}
		return nil
	}))
}

// Trigger returns a trigger the acting user may see, with the responses they may read.
func (s *Store) Trigger(ctx context.Context, sc Scope, id string) (*TriggerWithResponses, error) {
	db := s.db.WithContext(ctx)
	var out TriggerWithResponses
	if err := visibleTriggers(db, sc).Where("triggers.id = ?", id).Take(&out.Trigger).Error; err != nil {
		return nil, notFound(err)
	}
	v := sc.viewer()
	err := v.where(db.Table("trigger_responses r").Select("r.*").Joins("JOIN triggers ON triggers.id = r.trigger_id").
		Where("r.space_id = ? AND r.trigger_id = ?", sc.SpaceID, id), v.triggerResponseCond("r", "triggers")).
		Order("r.created_at").Scan(&out.Responses).Error
	return &out, err
}

// triggersShown is how many triggers the list reads.
const triggersShown = 100

// TriggerItem is one line of the triggers list.
type TriggerItem struct {
	Trigger
	Responses int64 // responses the reader may see
}

// Triggers lists, latest first, the acting user's triggers and those their
// partner shared with them.
func (s *Store) Triggers(ctx context.Context, sc Scope) ([]TriggerItem, error) {
	v := sc.viewer()
	var out []TriggerItem
	err := visibleTriggers(s.db.WithContext(ctx), sc).
		Scopes(func(db *gorm.DB) *gorm.DB {
			return v.selecting(db, "triggers.*, (SELECT COUNT(*) FROM trigger_responses r WHERE r.trigger_id = triggers.id AND "+
				v.triggerResponseCond("r", "triggers")+") AS responses")
		}).
		Order("triggers.occurred_at DESC, triggers.id DESC").Limit(triggersShown).Scan(&out).Error
	for i := range out {
		openRow(ctx, &out[i].Trigger)
	}
	return out, err
}

// TriggersWithResponses lists, latest first, the triggers the acting user
// may see with the responses they may read, in two queries.
func (s *Store) TriggersWithResponses(ctx context.Context, sc Scope) ([]TriggerWithResponses, error) {
	db := s.db.WithContext(ctx)
	var ts []Trigger
	if err := visibleTriggers(db, sc).Order("triggers.occurred_at DESC, triggers.id DESC").Limit(triggersShown).Find(&ts).Error; err != nil {
		return nil, err
	}
	if len(ts) == 0 {
		return nil, nil
	}
	ids := make([]string, len(ts))
	at := map[string]int{}
	out := make([]TriggerWithResponses, len(ts))
	for i, t := range ts {
		ids[i], at[t.ID], out[i].Trigger = t.ID, i, t
	}
	v := sc.viewer()
	var rs []TriggerResponse
	err := v.where(db.Table("trigger_responses r").Select("r.*").Joins("JOIN triggers ON triggers.id = r.trigger_id").
		Where("r.space_id = ? AND r.trigger_id IN ?", sc.SpaceID, ids), v.triggerResponseCond("r", "triggers")).
		Order("r.created_at").Scan(&rs).Error
	for _, r := range rs {
		out[at[r.TriggerID]].Responses = append(out[at[r.TriggerID]].Responses, r)
	}
	return out, err
}

// TriggerPoint is one trigger as a chart counts it.
type TriggerPoint struct {
	AuthorID   string
	OccurredAt time.Time
	Strength   int
}

// TriggerPoints are the triggers the acting user may see that happened in
// [from, to): their own, private ones included, and those shared with them.
func (s *Store) TriggerPoints(ctx context.Context, sc Scope, from, to time.Time) ([]TriggerPoint, error) {
	var out []TriggerPoint
	err := visibleTriggers(s.db.WithContext(ctx), sc).Select("triggers.author_id, triggers.occurred_at, triggers.strength").
		Where("triggers.occurred_at >= ? AND triggers.occurred_at < ?", from, to).Scan(&out).Error
	return out, err
}

// RespondToTrigger saves the acting user's one response to a trigger their
// partner shared with them; the database refuses a second.
func (s *Store) RespondToTrigger(ctx context.Context, sc Scope, id, kind, note string) error {
	switch kind {
	case ResponseHere, ResponseNote, ResponseTalk:
	default:
		return errUnknownResponse
	}
	return s.transaction(ctx, func(tx *gorm.DB) error {
		var t Trigger
		if err := tx.Model(&Trigger{}).Scopes(sc.viewer().othersOf(triggerKind, "triggers")).
			Where("triggers.id = ? AND "+sharedOnlyCond(triggerKind, "triggers"), id).Take(&t).Error; err != nil {
			return notFound(err)
		}
		var current int64
		if err := tx.Model(&Membership{}).Where("space_id = ? AND user_id = ? AND left_at IS NULL", sc.SpaceID, t.AuthorID).
			Count(&current).Error; err != nil {
			return err
		}
		if current == 0 {
			return errAuthorLeft
		}
		r := &TriggerResponse{ID: NewID(), TriggerID: id, SpaceID: sc.SpaceID, AuthorID: sc.UserID, Kind: kind, Note: note, CreatedAt: s.Now()}
		return conflictAs(tx.Create(r).Error, errResponded)
	})
}
