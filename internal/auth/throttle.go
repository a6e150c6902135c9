package auth

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Limit says how many failures a key may have before it must wait, and how
// the wait grows: it starts at Base and doubles with each further failure, up
// to Max. There is no permanent lockout: the owner gets in after the wait.
type Limit struct {
	Free int
	Base time.Duration
	Max  time.Duration
}

// Default limits: an account is guessed at from anywhere, so it gets fewer
// free tries than an address, which a household or office may share. A
// login session re-entering its password (to leave, to change it) has the
// account's limit, on its own: what strangers do to the email address never
// stops the member.
var (
	AccountLimit = Limit{Free: 5, Base: time.Minute, Max: 15 * time.Minute}
	ClientLimit  = Limit{Free: 20, Base: time.Minute, Max: 15 * time.Minute}
	SessionLimit = AccountLimit
)

// SignupLimit is the limit of sign-ups from one client address, each
// counted as a "failure": free of them, then none until a day has passed
// without an attempt.
func SignupLimit(free int) Limit { return Limit{Free: free, Base: ForgetAfter, Max: ForgetAfter} }

// ForgetAfter is how long a key's failures are remembered without new ones.
const ForgetAfter = 24 * time.Hour

// ThrottleRepo is where the counts live, shared by every server on the
// database; *store.Store provides it.
type ThrottleRepo interface {
	ThrottledUntil(ctx context.Context, keys []string, now time.Time) (time.Time, error)
	AddThrottleFailure(ctx context.Context, key string, now, forgetBefore time.Time) (int, error)
	SetThrottleUntil(ctx context.Context, key string, until time.Time) error
	ResetThrottle(ctx context.Context, key string) error
}

// Throttle counts failures per key in the database, so that every server
// sees them. Keys are stored as keyed hashes: the table holds no email or
// IP address.
type Throttle struct {
	repo ThrottleRepo
	key  []byte
	now  func() time.Time
}

// Key is one thing failures are counted against, with its limit.
type Key struct {
	Name  string
	Limit Limit
}

// NewThrottle returns a Throttle keeping its counts in repo, hashing key
// names with secret, using now as its clock.
func NewThrottle(repo ThrottleRepo, secret []byte, now func() time.Time) *Throttle {
	if now == nil {
		now = time.Now
	}
	return &Throttle{repo: repo, key: secret, now: now}
}

func (t *Throttle) hash(name string) string {
	m := hmac.New(sha256.New, t.key)
	m.Write([]byte(name))
	return hex.EncodeToString(m.Sum(nil))
}

// Wait returns how long the caller must still wait before trying again with
// these keys (0 when it may try now).
func (t *Throttle) Wait(ctx context.Context, keys ...Key) (time.Duration, error) {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = t.hash(k.Name)
	}
	now := t.now().UTC()
	until, err := t.repo.ThrottledUntil(ctx, names, now)
	if err != nil || !until.After(now) {
		return 0, err
	}
	return until.Sub(now), nil
}

// Fail records a failure against every key and returns the longest wait
// it brought on (0 while every key is within its free tries). The count is
// one statement: of failures recorded at once, on any server, exactly those
// beyond the free tries see a wait.
func (t *Throttle) Fail(ctx context.Context, keys ...Key) (time.Duration, error) {
	now := t.now().UTC()
	var wait time.Duration
	for _, k := range keys {
		name := t.hash(k.Name)
		n, err := t.repo.AddThrottleFailure(ctx, name, now, now.Add(-ForgetAfter))
		if err != nil {
			return 0, err
		}
		if over := n - k.Limit.Free; over > 0 {
			d := min(k.Limit.Base<<min(over-1, 20), k.Limit.Max)
			if err := t.repo.SetThrottleUntil(ctx, name, now.Add(d)); err != nil {
				return 0, err
			}
			wait = max(wait, d)
		}
	}
	return wait, nil
}

// Reset forgets the failures of key, after a successful login.
func (t *Throttle) Reset(ctx context.Context, key Key) error {
	return t.repo.ResetThrottle(ctx, t.hash(key.Name))
}
