package store

import (
	"context"
	"time"
)

// The throttle table counts failures (and sign-ups) per key for every
// server on the database. Keys arrive already hashed.

// ThrottledUntil is the latest time until which any of keys must wait
// (the zero time when none must).
func (s *Store) ThrottledUntil(ctx context.Context, keys []string, now time.Time) (time.Time, error) {
	var until []time.Time
	err := s.db.WithContext(ctx).Table("throttles").Where("key_hash IN ? AND until_at > ?", keys, now).
		Order("until_at DESC").Limit(1).Pluck("until_at", &until).Error
	if err != nil || len(until) == 0 {
		return time.Time{}, err
	}
	return until[0], nil
}

// AddThrottleFailure counts one more failure against key at now, starting
// the count again when the last one came before forgetBefore, and returns
// the count. It is one statement, so that two servers counting at once
// both count.
func (s *Store) AddThrottleFailure(ctx context.Context, key string, now, forgetBefore time.Time) (int, error) {
	var n []int
	err := s.db.WithContext(ctx).Raw(`INSERT INTO throttles (key_hash, failures, last_at) VALUES (?, 1, ?)
		ON CONFLICT (key_hash) DO UPDATE SET
			failures = CASE WHEN throttles.last_at < ? THEN 1 ELSE throttles.failures + 1 END,
			until_at = CASE WHEN throttles.last_at < ? THEN NULL ELSE throttles.until_at END,
			last_at = excluded.last_at
		RETURNING failures`, key, now, forgetBefore, forgetBefore).Scan(&n).Error
	if err != nil || len(n) == 0 {
		return 0, err
	}
	return n[0], nil
}

// SetThrottleUntil makes key wait until until.
func (s *Store) SetThrottleUntil(ctx context.Context, key string, until time.Time) error {
	return s.db.WithContext(ctx).Exec("UPDATE throttles SET until_at = ? WHERE key_hash = ?", until, key).Error
}

// ResetThrottle forgets key's failures.
func (s *Store) ResetThrottle(ctx context.Context, key string) error {
	return s.db.WithContext(ctx).Exec("DELETE FROM throttles WHERE key_hash = ?", key).Error
}

// PruneThrottles forgets keys with no failure since before and no wait
// left at now.
func (s *Store) PruneThrottles(ctx context.Context, now, before time.Time) (int64, error) {
	res := s.db.WithContext(ctx).Exec("DELETE FROM throttles WHERE last_at < ? AND (until_at IS NULL OR until_at < ?)", before, now)
	return res.RowsAffected, res.Error
}
