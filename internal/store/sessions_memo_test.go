package store_test

import (
	"context"
	"testing"
	"time"

	"gorm.io/gorm"

	"mend/internal/store"
)

// TestSessionWithActor: under WithActorMemo the login session comes with
// its user and current membership in one query, which UserWithMembership
// then takes once; a session without a user still loads.
func TestSessionWithActor(t *testing.T) {
	s, a, _ := couple(t)
	ctx := context.Background()
	uid := a.UserID
	for _, ls := range []*store.LoginSession{
		{TokenHash: "with-user", UserID: &uid, CSRF: "c", CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)},
		{TokenHash: "no-user", CSRF: "c", CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)},
	} {
		if err := s.CreateLoginSession(ctx, ls); err != nil {
			t.Fatal(err)
		}
	}
	mctx := store.WithActorMemo(ctx)
	if ls, err := s.LoginSessionByHash(mctx, "no-user"); err != nil || ls.UserID != nil {
		t.Fatalf("a session without a user: %+v, %v", ls, err)
	}
	ls, err := s.LoginSessionByHash(mctx, "with-user")
	if err != nil || ls.UserID == nil || *ls.UserID != uid || !ls.ExpiresAt.Equal(now.Add(time.Hour)) {
		t.Fatalf("session: %+v, %v", ls, err)
	}
	// The session as GORM reads it, field by field.
	var found store.LoginSession
	if err := s.DB().Where("token_hash = ?", "with-user").Take(&found).Error; err != nil {
		t.Fatal(err)
	}
	if !found.CreatedAt.Equal(ls.CreatedAt) || !found.LastSeenAt.Equal(ls.LastSeenAt) || !found.ExpiresAt.Equal(ls.ExpiresAt) {
		t.Fatalf("session times %+v, want %+v", ls, found)
	}
	found.CreatedAt, found.LastSeenAt, found.ExpiresAt = ls.CreatedAt, ls.LastSeenAt, ls.ExpiresAt
	if found.UserID == nil || *found.UserID != *ls.UserID {
		t.Fatalf("session user %v, want %v", ls.UserID, found.UserID)
	}
	found.UserID = ls.UserID
	if found != *ls {
		t.Fatalf("session %+v, want %+v", ls, found)
	}
	var n int
	count := func(*gorm.DB) { n++ }
	s.DB().Callback().Raw().After("gorm:raw").Register("test:memo-raw", count)
	s.DB().Callback().Row().After("gorm:row").Register("test:memo-row", count)
	s.DB().Callback().Query().After("gorm:query").Register("test:memo-query", count)
	u, m, err := s.UserWithMembership(mctx, uid)
	if err != nil || u.ID != uid || m == nil || m.SpaceID != a.SpaceID || m.UserID != uid {
		t.Fatalf("user %+v, membership %+v, %v", u, m, err)
	}
	if n != 0 {
		t.Fatalf("the user and membership were read again: %d statements", n)
	}
	// The user as GORM reads it, field by field.
	if err := s.DB().Exec("UPDATE users SET totp_last_step = 7, email_verified_at = ?, key_by_password = 'kp' WHERE id = ?", now, uid).Error; err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoginSessionByHash(mctx, "with-user"); err != nil {
		t.Fatal(err)
	}
	u, _, err = s.UserWithMembership(mctx, uid)
	if err != nil {
		t.Fatal(err)
	}
	n = 0
	byID, err := s.UserByID(ctx, uid)
	if err != nil {
		t.Fatal(err)
	}
	if u.EmailVerifiedAt == nil || byID.EmailVerifiedAt == nil || !u.EmailVerifiedAt.Equal(*byID.EmailVerifiedAt) ||
		!u.CreatedAt.Equal(byID.CreatedAt) || !u.UpdatedAt.Equal(byID.UpdatedAt) {
		t.Fatalf("user times %+v, want %+v", u, byID)
	}
	byID.EmailVerifiedAt, byID.CreatedAt, byID.UpdatedAt = u.EmailVerifiedAt, u.CreatedAt, u.UpdatedAt
	if *u != *byID || u.TOTPLastStep != 7 || u.KeyByPassword != "kp" {
		t.Fatalf("user %+v, want %+v", u, byID)
	}
	want, err := s.CurrentMembership(ctx, uid)
	if err != nil {
		t.Fatal(err)
	}
	n = 0
	want.SpaceVersion, m.SpaceVersion = 0, 0
	if want.JoinedAt.Equal(m.JoinedAt) {
		want.JoinedAt = m.JoinedAt
	}
	if (want.Seat == nil) != (m.Seat == nil) || want.Seat != nil && *want.Seat != *m.Seat {
		t.Fatalf("seat %v, want %v", m.Seat, want.Seat)
	}
	want.Seat, m.Seat = nil, nil
	if *want != *m {
		t.Fatalf("membership %+v, want %+v", m, want)
	}
	// Taken once: the next read asks the database.
	if _, _, err := s.UserWithMembership(mctx, uid); err != nil || n != 1 {
		t.Fatalf("second read: %v, %d statements", err, n)
	}
}
