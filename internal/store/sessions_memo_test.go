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
