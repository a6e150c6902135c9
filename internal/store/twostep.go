package store

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// RecoveryCode is a one-time code that stands in for a two-step login code.
type RecoveryCode struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	CodeHash  string
	CreatedAt time.Time
	UsedAt    *time.Time
}

// EnableTwoStep turns two-step login on for the acting user with the sealed
// secret, the time step of the code that confirmed it, and the hashes of
// new recovery codes, replacing any old ones.
func (s *Store) EnableTwoStep(ctx context.Context, sc Scope, sealed string, step int64, codeHashes []string) error {
	now := s.Now()
	return s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&User{}).Where("id = ?", sc.UserID).
			Updates(map[string]any{"totp_secret": sealed, "totp_last_step": step, "updated_at": now}).Error; err != nil {
			return err
		}
		if err := tx.Where("user_id = ?", sc.UserID).Delete(&RecoveryCode{}).Error; err != nil {
			return err
		}
		codes := make([]RecoveryCode, len(codeHashes))
		for i, h := range codeHashes {
			codes[i] = RecoveryCode{ID: NewID(), UserID: sc.UserID, CodeHash: h, CreatedAt: now}
		}
		return tx.Create(&codes).Error
	})
}

// DisableTwoStep turns two-step login off for the account with id and
// deletes its recovery codes.
func (s *Store) DisableTwoStep(ctx context.Context, id string) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&User{}).Where("id = ?", id).Updates(map[string]any{"totp_secret": "", "totp_last_step": 0, "updated_at": s.Now()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		return tx.Where("user_id = ?", id).Delete(&RecoveryCode{}).Error
	})
}

// AcceptTOTPStep records step as the account's last code used, unless a
// code of that step or a later one was used already: false then.
func (s *Store) AcceptTOTPStep(ctx context.Context, id string, step int64) (bool, error) {
	res := s.db.WithContext(ctx).Model(&User{}).Where("id = ? AND totp_last_step < ?", id, step).Update("totp_last_step", step)
	return res.RowsAffected == 1, res.Error
}

// UseRecoveryCode spends the account's unused recovery code with hash;
// false when there is none.
func (s *Store) UseRecoveryCode(ctx context.Context, id, hash string) (bool, error) {
	res := s.db.WithContext(ctx).Model(&RecoveryCode{}).Where("user_id = ? AND code_hash = ? AND used_at IS NULL", id, hash).
		Update("used_at", s.Now())
	return res.RowsAffected == 1, res.Error
}

// RecoveryCodesLeft counts the account's unused recovery codes.
func (s *Store) RecoveryCodesLeft(ctx context.Context, id string) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&RecoveryCode{}).Where("user_id = ? AND used_at IS NULL", id).Count(&n).Error
	return n, err
}
