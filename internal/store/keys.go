package store

import (
	"context"
	"strings"

	"gorm.io/gorm"
)

// The methods in this file keep a member's wrapped data keys (see sealed.go
// and internal/seal): the store never sees a data key unwrapped, except in
// a request's context.

// CreateDataKeys stores a new data key of the acting user, wrapped by their
// password and, when byRecovery is not "", by a recovery code, if they have
// none yet. false when another login made one first: the caller reads it.
func (s *Store) CreateDataKeys(ctx context.Context, sc Scope, byPassword, byRecovery string) (bool, error) {
	res := s.db.WithContext(ctx).Model(&User{}).Where("id = ? AND key_by_password = ''", sc.UserID).
		Updates(map[string]any{"key_by_password": byPassword, "key_by_recovery": byRecovery, "updated_at": s.Now()})
	return res.RowsAffected == 1, res.Error
}

// SetPassword replaces the acting user's password hash and their data key
// wrapped by it, together: a password change re-wraps the key and
// re-encrypts nothing.
func (s *Store) SetPassword(ctx context.Context, sc Scope, hash, byPassword string) error {
	return s.db.WithContext(ctx).Model(&User{}).Where("id = ?", sc.UserID).
		Updates(map[string]any{"password_hash": hash, "key_by_password": byPassword, "updated_at": s.Now()}).Error
}

// SetRecoveryKey replaces the acting user's data key wrapped by a recovery
// code: a new code, the old one no longer opens anything new.
func (s *Store) SetRecoveryKey(ctx context.Context, sc Scope, byRecovery string) error {
	return s.db.WithContext(ctx).Model(&User{}).Where("id = ?", sc.UserID).
		Updates(map[string]any{"key_by_recovery": byRecovery, "updated_at": s.Now()}).Error
}

// loseDataKey drops the data key of the member with id, whose password is
// being replaced without the old one: their next login makes a new key.
// What was sealed with the old one is kept, and so is the old key wrapped
// by its recovery code, for RestoreLostKeys.
func loseDataKey(tx *gorm.DB, userID string, now any) error {
	return tx.Model(&User{}).Where("id = ? AND key_by_password <> ''", userID).Updates(map[string]any{
		"key_by_password": "", "key_by_recovery": "", "key_lost_at": now,
		"key_lost_by_recovery": gorm.Expr("CASE WHEN key_by_recovery = '' THEN key_lost_by_recovery "+
			"WHEN key_lost_by_recovery = '' THEN key_by_recovery ELSE key_lost_by_recovery || ? || key_by_recovery END", "\n"),
	}).Error
}

// ResetPasswordWithoutKey sets the password hash of the member with id
// without knowing the old password (the operator's reset): the data key is
// dropped (loseDataKey) and every login of theirs ends.
func (s *Store) ResetPasswordWithoutKey(ctx context.Context, userID, hash string) error {
	now := s.Now()
	return s.transaction(ctx, func(tx *gorm.DB) error {
		if err := loseDataKey(tx, userID, now); err != nil {
			return err
		}
		if err := tx.Model(&User{}).Where("id = ?", userID).Updates(map[string]any{"password_hash": hash, "updated_at": now}).Error; err != nil {
			return err
		}
		return tx.Where("user_id = ?", userID).Delete(&LoginSession{}).Error
	})
}

// LostKeys are the acting user's old data keys wrapped by their recovery
// codes, as loseDataKey kept them.
func LostKeys(u *User) []string {
	if u.KeyLostByRecovery == "" {
		return nil
	}
	return strings.Split(u.KeyLostByRecovery, "\n")
}

// DropDataKey drops the acting user's data key as a reset does
// (loseDataKey), for a key their password does not open.
func (s *Store) DropDataKey(ctx context.Context, sc Scope) error {
	return loseDataKey(s.db.WithContext(ctx), sc.UserID, s.Now())
}
