package store

import (
	"context"
	"database/sql"
	"errors"
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
	// WrappedKey is the member's data key wrapped by a key derived from
	// this login's cookie token (seal.SessionKEK); '' for none.
	WrappedKey string
}

// CreateLoginSession inserts ls with a new id.
func (s *Store) CreateLoginSession(ctx context.Context, ls *LoginSession) error {
	ls.ID = NewID()
	return s.db.WithContext(ctx).Create(ls).Error
}

// LoginSessionByHash finds the session whose token hashes to hash. Under
// WithActorMemo it reads, in the same query, the session's user and their
// current membership, which the request's UserWithMembership then takes.
func (s *Store) LoginSessionByHash(ctx context.Context, hash string) (*LoginSession, error) {
	memo, _ := ctx.Value(actorMemoKey{}).(*actorMemo)
	if memo == nil {
		var ls LoginSession
		err := s.db.WithContext(ctx).Where("token_hash = ?", hash).Take(&ls).Error
		return &ls, notFound(err)
	}
	var ls LoginSession
	var u userColumns
	var m membershipColumnsRow
	var created, seen, expires anyTime
	dest := append([]any{&ls.ID, &ls.TokenHash, &ls.UserID, &ls.CSRF, &ls.Data, &ls.UserAgent,
		&created, &seen, &expires, &ls.WrappedKey}, u.dest()...)
	err := s.scanRow(ctx, namedSQL{`SELECT ls.id, ls.token_hash, ls.user_id, ls.csrf, ls.data, ls.user_agent, ls.created_at,
		ls.last_seen_at, ls.expires_at, ls.wrapped_key, ` + userColumnList + `, ` + membershipColumnList + `
		FROM login_sessions ls LEFT JOIN users ON users.id = ls.user_id AND users.disabled_at IS NULL` + membershipJoin + `
		WHERE ls.token_hash = @hash LIMIT 1`, []any{sql.Named("hash", hash)}}, append(dest, m.dest()...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	ls.CreatedAt, ls.LastSeenAt, ls.ExpiresAt = created.Time, seen.Time, expires.Time
	if ls.UserID != nil && u.id.Valid && u.id.String == *ls.UserID {
		memo.user = u.user()
		memo.member = m.membership(memo.user.ID)
	}
	return &ls, nil
}

type actorMemoKey struct{}

// actorMemo holds the user and membership read with the login session, for
// the one UserWithMembership of the request that follows.
type actorMemo struct {
	user   *User
	member *Membership
}

// WithActorMemo lets the request's LoginSessionByHash read the session's
// user and membership with it, and its UserWithMembership take them: who
// is asking in one query per request.
func WithActorMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, actorMemoKey{}, &actorMemo{})
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
