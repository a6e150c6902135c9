package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"
)

// canceledKey marks the context of the request whose client goes away.
type canceledKey struct{}

// TestClientGoneMidWrite: a member's browser goes away while their
// check-in is being saved, after each statement of the request in turn.
// Whatever the statement, the server answers 499 (nobody is left to read a
// page), logs no error, and has saved the check-in exactly when it answered
// that it had. When the client goes away just before the commit,
// database/sql rolls the transaction back itself and the commit fails
// with ErrTxDone; that is a canceled request too, not a failure.
func TestClientGoneMidWrite(t *testing.T) {
	e := newEnv(t)
	a, _ := e.couple("Ana", "Ben")
	var cancel context.CancelFunc
	var seen, at int
	afterEachStatement(e, "test:gone", func(db *gorm.DB) {
		if db.Statement.Context.Value(canceledKey{}) == nil {
			return
		}
		seen++
		if seen == at && cancel != nil {
			cancel()
			// Let database/sql see the cancellation and roll back.
			time.Sleep(20 * time.Millisecond)
		}
	})

	count := func() int64 {
		var n int64
		if err := e.db.Table("checkins").Joins("JOIN users ON users.id = checkins.author_id").
			Where("users.email = ?", a.Email).Count(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	canceled := 0
	for at = 1; ; at++ {
		// A new day each time: one check-in a day.
		e.later(24*time.Hour, a)
		a.open("/checkins")
		seen = 0
		before := count()
		f := checkinValues()
		f.Set("_csrf", a.token)
		req := httptest.NewRequest(http.MethodPost, e.srv.URL+"/checkins", strings.NewReader(f.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", e.srv.URL)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		u, _ := url.Parse(e.srv.URL)
		for _, c := range a.hc.Jar.Cookies(u) {
			req.AddCookie(c)
		}
		var ctx context.Context
		ctx, cancel = context.WithCancel(context.WithValue(context.Background(), canceledKey{}, true))
		rec := httptest.NewRecorder()
		e.app.Handler().ServeHTTP(rec, req.WithContext(ctx))
		gone := ctx.Err() != nil
		cancel()
		cancel = nil

		saved := count() - before
		switch {
		case !gone:
			if rec.Code != http.StatusSeeOther || saved != 1 {
				t.Fatalf("undisturbed check-in: status %d, %d saved", rec.Code, saved)
			}
		case rec.Code == 499:
			canceled++
			if saved != 0 {
				t.Errorf("gone after statement %d: answered 499 but saved the check-in", at)
			}
		case rec.Code == http.StatusSeeOther:
			if saved != 1 {
				t.Errorf("gone after statement %d: answered 303 but saved %d", at, saved)
			}
		default:
			t.Errorf("gone after statement %d: status %d", at, rec.Code)
		}
		if !gone {
			break
		}
	}
	if canceled == 0 {
		t.Fatal("no request was canceled before its write was saved")
	}
	if logs := e.logs.String(); strings.Contains(logs, "level=ERROR") {
		t.Errorf("a client going away was logged as an error:\n%s", logs)
	}
	t.Logf("%d statements; canceled before the commit after %d of them", at-1, canceled)
}
