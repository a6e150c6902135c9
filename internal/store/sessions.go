package store

import (
	"context"
	"time"
)

// LoginSession is one browser's login (or an anonymous visitor's form
// session when UserID is nil). TokenHash is a keyed hash of the cookie token.
type LoginSession struct {
	ID         string `gorm:"primaryKey"`
	TokenHash  string
	UserID     *string
	CSRF       string `gorm:"column:csrf"`
	Data       string
	UserAgent  string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
}

// CreateLoginSession inserts ls with a new id.
func (s *Store) CreateLoginSession(ctx context.Context, ls *LoginSession) error {
	ls.ID = NewID()
	return s.db.WithContext(ctx).Create(ls).Error
}

// LoginSessionByHash finds the session whose token hashes to hash.
func (s *Store) LoginSessionByHash(ctx context.Context, hash string) (*LoginSession, error) {
	var ls LoginSession
	err := s.db.WithContext(ctx).Where("token_hash = ?", hash).Take(&ls).Error
	return &ls, notFound(err)
}

// TouchLoginSession records that the session was used at t.
func (s *Store) TouchLoginSession(ctx context.Context, id string, t time.Time) error {
	return s.db.WithContext(ctx).Model(&LoginSession{}).Where("id = ?", id).Update("last_seen_at", t).Error
}

// UpdateLoginSessionData stores the session's CSRF token and other values.
func (s *Store) UpdateLoginSessionData(ctx context.Context, id, csrf, data string) error {
	return s.db.WithContext(ctx).Model(&LoginSession{}).Where("id = ?", id).
		Updates(map[string]any{"csrf": csrf, "data": data}).Error
}

// DeleteLoginSession ends the session with id.
func (s *Store) DeleteLoginSession(ctx context.Context, id string) error {
	return s.db.WithContext(ctx).Where("id = ?", id).Delete(&LoginSession{}).Error
}

// LoginSessions lists the acting user's sessions, most recently used first.
func (s *Store) LoginSessions(ctx context.Context, sc Scope) ([]LoginSession, error) {
	var out []LoginSession
	err := s.db.WithContext(ctx).Where("user_id = ?", sc.UserID).Order("last_seen_at DESC").Find(&out).Error
	return out, err
}

// EndLoginSession ends one of the acting user's own sessions; ErrNotFound if
// id is not theirs.
func (s *Store) EndLoginSession(ctx context.Context, sc Scope, id string) error {
	res := s.db.WithContext(ctx).Where("id = ? AND user_id = ?", id, sc.UserID).Delete(&LoginSession{})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// EndOtherLoginSessions ends every session of the acting user but keepID and
// returns how many it ended.
func (s *Store) EndOtherLoginSessions(ctx context.Context, sc Scope, keepID string) (int64, error) {
	res := s.db.WithContext(ctx).Where("user_id = ? AND id <> ?", sc.UserID, keepID).Delete(&LoginSession{})
	return res.RowsAffected, res.Error
}

// PruneLoginSessions deletes sessions past their absolute expiry or unused
// since idleBefore.
func (s *Store) PruneLoginSessions(ctx context.Context, now, idleBefore time.Time) (int64, error) {
	res := s.db.WithContext(ctx).Where("expires_at < ? OR last_seen_at < ?", now, idleBefore).Delete(&LoginSession{})
	return res.RowsAffected, res.Error
}
