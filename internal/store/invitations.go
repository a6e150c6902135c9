package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

// InvitationLifetime is how long an invitation link works.
const InvitationLifetime = 7 * 24 * time.Hour

// Invitation lets one person join a space. Only a keyed hash of its token is
// stored; the link is shown once, to the member who made it.
type Invitation struct {
	ID        string `gorm:"primaryKey"`
	SpaceID   string
	CreatedBy string
	TokenHash string
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
	UsedBy    *string
	RevokedAt *time.Time
}

// Open reports whether the invitation can still be used at now.
func (i *Invitation) Open(now time.Time) bool {
	return i.UsedAt == nil && i.RevokedAt == nil && now.Before(i.ExpiresAt)
}

// InvitationInfo is what the person invited sees before joining.
type InvitationInfo struct {
	Invitation
	SpaceName   string
	InviterName string
}

// CreateInvitation makes the space's invitation, refusing when the space is
// full or one is already open.
func (s *Store) CreateInvitation(ctx context.Context, sc Scope, tokenHash string) (*Invitation, error) {
	now := s.Now()
	inv := &Invitation{ID: NewID(), SpaceID: sc.SpaceID, CreatedBy: sc.UserID, TokenHash: tokenHash, CreatedAt: now, ExpiresAt: now.Add(InvitationLifetime)}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		if err := lockSpace(tx, sc.SpaceID); err != nil {
			return err
		}
		n, err := countMembers(tx, sc.SpaceID)
		if err != nil {
			return err
		}
		if n >= 2 {
			return errFull
		}
		var open int64
		if err := tx.Model(&Invitation{}).Where("space_id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?", sc.SpaceID, now).
			Count(&open).Error; err != nil {
			return err
		}
		if open > 0 {
			return Conflict("There is already an open invitation. Revoke it to make a new one.")
		}
		return tx.Create(inv).Error
	})
	if err != nil {
		return nil, err
	}
	return inv, nil
}

// OpenInvitation is the space's invitation that can still be used.
func (s *Store) OpenInvitation(ctx context.Context, sc Scope) (*Invitation, error) {
	var inv Invitation
	err := s.db.WithContext(ctx).Where("space_id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?", sc.SpaceID, s.Now()).
		Take(&inv).Error
	return &inv, notFound(err)
}

// RevokeInvitation stops one of the space's invitations from working.
func (s *Store) RevokeInvitation(ctx context.Context, sc Scope, id string) error {
	res := s.db.WithContext(ctx).Model(&Invitation{}).
		Where("id = ? AND space_id = ? AND used_at IS NULL AND revoked_at IS NULL", id, sc.SpaceID).
		Update("revoked_at", s.Now())
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// InvitationByToken finds an invitation by its token's hash, whatever its
// state: the token itself is the proof of being invited.
func (s *Store) InvitationByToken(ctx context.Context, tokenHash string) (*InvitationInfo, error) {
	var info InvitationInfo
	err := s.db.WithContext(ctx).Table("invitations").
		Select("invitations.*, spaces.name AS space_name, users.name AS inviter_name").
		Joins("JOIN spaces ON spaces.id = invitations.space_id").
		Joins("JOIN users ON users.id = invitations.created_by").
		Where("invitations.token_hash = ?", tokenHash).
		Take(&info).Error
	return &info, notFound(err)
}

// InvitationProblem explains why an invitation cannot be used at now, or
// returns "" when it can.
func InvitationProblem(inv *Invitation, now time.Time) string {
	switch {
	case inv.UsedAt != nil:
		return "This invitation has already been used. Ask your partner for a new one."
	case inv.RevokedAt != nil:
		return "This invitation was withdrawn. Ask your partner for a new one."
	case !now.Before(inv.ExpiresAt):
		return "This invitation has expired: links work for 7 days. Ask your partner for a new one."
	}
	return ""
}

// JoinSpace makes the acting user a member of the space of the invitation
// with tokenHash, checking every rule inside one transaction that holds the
// space's lock: counting the members, taking a seat and using the
// invitation are one step.
func (s *Store) JoinSpace(ctx context.Context, sc Scope, tokenHash string) (*Space, error) {
	var sp Space
	now := s.Now()
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		var inv Invitation
		if err := tx.Where("token_hash = ?", tokenHash).Take(&inv).Error; err != nil {
			return notFound(err)
		}
		if msg := InvitationProblem(&inv, now); msg != "" {
			return Gone(msg)
		}
		var mine int64
		if err := tx.Model(&Membership{}).Where("user_id = ? AND left_at IS NULL", sc.UserID).Count(&mine).Error; err != nil {
			return err
		}
		if mine > 0 {
			return Conflict("You already belong to a space. Leave it first to join another.")
		}
		if err := lockSpace(tx, inv.SpaceID); err != nil {
			return err
		}
		seat, err := freeSeat(tx, inv.SpaceID)
		if err != nil {
			return err
		}
		// The invitation is used once: of two people accepting it at once,
		// the second finds it used here.
		res := tx.Model(&Invitation{}).Where("id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?", inv.ID, now).
			Updates(map[string]any{"used_at": now, "used_by": sc.UserID})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			if err := tx.Where("id = ?", inv.ID).Take(&inv).Error; err != nil {
				return notFound(err)
			}
			if inv.UsedAt == nil {
				inv.UsedAt = &now
			}
			return Gone(InvitationProblem(&inv, now))
		}
		if err := tx.Create(&Membership{ID: NewID(), SpaceID: inv.SpaceID, UserID: sc.UserID, JoinedAt: now, Seat: &seat}).Error; err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				return Conflict("You already belong to a space.")
			}
			return err
		}
		return tx.Where("id = ?", inv.SpaceID).Take(&sp).Error
	})
	if err != nil {
		return nil, err
	}
	return &sp, nil
}
