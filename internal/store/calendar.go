package store

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// CalendarFeed is a member's secret calendar feed. Only a keyed hash of its
// token is stored: the URL is shown once, when it is made.
type CalendarFeed struct {
	ID        string `gorm:"primaryKey"`
	UserID    string
	TokenHash string
	CreatedAt time.Time
	RevokedAt *time.Time
}

// CalendarFeed is the acting user's feed in use; ErrNotFound when none.
func (s *Store) CalendarFeed(ctx context.Context, sc Scope) (*CalendarFeed, error) {
	var f CalendarFeed
	err := s.db.WithContext(ctx).Where("user_id = ? AND revoked_at IS NULL", sc.UserID).Order("created_at DESC").Take(&f).Error
	return &f, notFound(err)
}

// NewCalendarFeed revokes the acting user's feed, if any, and makes a new
// one with tokenHash, in one transaction: creating and rotating are one act.
func (s *Store) NewCalendarFeed(ctx context.Context, sc Scope, tokenHash string) (*CalendarFeed, error) {
	now := s.Now()
	f := &CalendarFeed{ID: NewID(), UserID: sc.UserID, TokenHash: tokenHash, CreatedAt: now}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&CalendarFeed{}).Where("user_id = ? AND revoked_at IS NULL", sc.UserID).Update("revoked_at", now).Error; err != nil {
			return err
		}
		return tx.Create(f).Error
	})
	return f, err
}

// RevokeCalendarFeed stops the acting user's feed; ErrNotFound when there is none.
func (s *Store) RevokeCalendarFeed(ctx context.Context, sc Scope) error {
	res := s.db.WithContext(ctx).Model(&CalendarFeed{}).Where("user_id = ? AND revoked_at IS NULL", sc.UserID).Update("revoked_at", s.Now())
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// FeedOwner is the user of the feed in use whose token hashes to tokenHash;
// ErrNotFound for an unknown or revoked token. The token is the proof.
func (s *Store) FeedOwner(ctx context.Context, tokenHash string) (*User, error) {
	var u User
	err := s.db.WithContext(ctx).Table("users").Select("users.*").
		Joins("JOIN calendar_feeds ON calendar_feeds.user_id = users.id").
		Where("calendar_feeds.token_hash = ? AND calendar_feeds.revoked_at IS NULL", tokenHash).
		Take(&u).Error
	return &u, notFound(err)
}

// OwnPromises are the acting user's own promises (never the partner's),
// with their plans and without records: what a calendar feed shows.
func (s *Store) OwnPromises(ctx context.Context, sc Scope) ([]*Tracked, error) {
	if sc.SpaceID == "" {
		return nil, nil
	}
	list, err := loadTracked(s.db.WithContext(ctx), sc, "")
	if err != nil {
		return nil, err
	}
	out := list[:0]
	for _, t := range list {
		if t.AuthorID == sc.UserID {
			out = append(out, t)
		}
	}
	return out, nil
}
