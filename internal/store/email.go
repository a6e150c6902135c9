package store

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// Purposes of an EmailToken.
const (
	TokenVerify = "verify"
	TokenReset  = "reset"
)

// Lifetimes of the tokens sent by mail.
const (
	VerifyLifetime = 24 * time.Hour
	ResetLifetime  = 30 * time.Minute
)

// EmailToken is a single-use link sent by mail. Only a keyed hash is stored.
type EmailToken struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	Purpose   string
	Email     string
	TokenHash string
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

// CreateEmailToken stores a token for userID, sent to email, valid for life.
// Earlier unused tokens of the same purpose stop working: only the newest
// link does.
func (s *Store) CreateEmailToken(ctx context.Context, userID, purpose, email, tokenHash string, life time.Duration) error {
	now := s.Now()
	return s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&EmailToken{}).Where("user_id = ? AND purpose = ? AND used_at IS NULL", userID, purpose).
			Update("expires_at", now).Error; err != nil {
			return err
		}
		return tx.Create(&EmailToken{ID: NewID(), UserID: userID, Purpose: purpose, Email: NormalizeEmail(email),
			TokenHash: tokenHash, CreatedAt: now, ExpiresAt: now.Add(life)}).Error
	})
}

// OpenEmailToken finds an unused, unexpired token; ErrNotFound otherwise.
func (s *Store) OpenEmailToken(ctx context.Context, purpose, tokenHash string) (*EmailToken, error) {
	var t EmailToken
	err := s.db.WithContext(ctx).Where("token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?", tokenHash, purpose, s.Now()).
		Take(&t).Error
	return &t, notFound(err)
}

// useToken marks the token used, once: of two requests with the same link,
// one wins and the other gets ErrNotFound.
func useToken(tx *gorm.DB, purpose, tokenHash string, now time.Time) (*EmailToken, error) {
	var t EmailToken
	if err := tx.Where("token_hash = ? AND purpose = ?", tokenHash, purpose).Take(&t).Error; err != nil {
		return nil, notFound(err)
	}
	res := tx.Model(&EmailToken{}).Where("id = ? AND used_at IS NULL AND expires_at > ?", t.ID, now).Update("used_at", now)
	if res.Error != nil {
		return nil, res.Error
	}
	if res.RowsAffected == 0 {
		return nil, ErrNotFound
	}
	return &t, nil
}

// VerifyEmail uses a verification token: the account's address is verified
// if it is still the address the link was sent to. It returns the user.
func (s *Store) VerifyEmail(ctx context.Context, tokenHash string) (string, error) {
	now := s.Now()
	var userID string
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		t, err := useToken(tx, TokenVerify, tokenHash, now)
		if err != nil {
			return err
		}
		res := tx.Model(&User{}).Where("id = ? AND email = ?", t.UserID, t.Email).Update("email_verified_at", now)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound // the address changed since
		}
		userID = t.UserID
		return nil
	})
	return userID, err
}

// ResetPassword uses a reset token: it sets the password hash, ends every
// login session of the account but keepSession (the browser that reset it,
// if it belongs to the account), and marks the address verified, since the
// link reached it. It returns the user.
//
// The member's data key is wrapped by the new password when the one resetting
// is that member, logged in (keyFor is their id, byPassword the wrap);
// otherwise it is dropped (loseDataKey) and made anew at their next login.
func (s *Store) ResetPassword(ctx context.Context, tokenHash, hash, keepSession, keyFor, byPassword string) (string, error) {
	now := s.Now()
	var userID string
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		t, err := useToken(tx, TokenReset, tokenHash, now)
		if err != nil {
			return err
		}
		upd := map[string]any{"password_hash": hash, "updated_at": now}
		if keyFor == t.UserID && byPassword != "" {
			upd["key_by_password"] = byPassword
		} else if err := loseDataKey(tx, t.UserID, now); err != nil {
			return err
		}
		if err := tx.Model(&User{}).Where("id = ?", t.UserID).Updates(upd).Error; err != nil {
			return err
		}
		if err := tx.Model(&User{}).Where("id = ? AND email = ?", t.UserID, t.Email).Update("email_verified_at", now).Error; err != nil {
			return err
		}
		if err := tx.Where("user_id = ? AND id <> ?", t.UserID, keepSession).Delete(&LoginSession{}).Error; err != nil {
			return err
		}
		userID = t.UserID
		return nil
	})
	return userID, err
}
