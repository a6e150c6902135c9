package auth

import (
	"sync"
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
// free tries than an address, which a household or office may share.
var (
	AccountLimit = Limit{Free: 5, Base: time.Minute, Max: 15 * time.Minute}
	ClientLimit  = Limit{Free: 20, Base: time.Minute, Max: 15 * time.Minute}
)

// forgetAfter is how long a key's failures are remembered without new ones.
const forgetAfter = 24 * time.Hour

// Throttle counts failed logins per key in memory.
type Throttle struct {
	mu      sync.Mutex
	now     func() time.Time
	entries map[string]*failures
}

type failures struct {
	count int
	last  time.Time
	until time.Time
}

// Key is one thing failures are counted against, with its limit.
type Key struct {
	Name  string
	Limit Limit
}

// NewThrottle returns an empty Throttle using now as its clock.
func NewThrottle(now func() time.Time) *Throttle {
	if now == nil {
		now = time.Now
	}
	return &Throttle{now: now, entries: map[string]*failures{}}
}

// Wait returns how long the caller must still wait before trying again with
// these keys (0 when it may try now).
func (t *Throttle) Wait(keys ...Key) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	var wait time.Duration
	for _, k := range keys {
		if f := t.entries[k.Name]; f != nil && f.until.After(now) {
			wait = max(wait, f.until.Sub(now))
		}
	}
	return wait
}

// Fail records a failure against every key.
func (t *Throttle) Fail(keys ...Key) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if len(t.entries) > 10000 {
		t.sweep(now)
	}
	for _, k := range keys {
		f := t.entries[k.Name]
		if f == nil || now.Sub(f.last) > forgetAfter {
			f = &failures{}
			t.entries[k.Name] = f
		}
		f.count++
		f.last = now
		if over := f.count - k.Limit.Free; over > 0 {
			d := k.Limit.Base << min(over-1, 20)
			f.until = now.Add(min(d, k.Limit.Max))
		}
	}
}

// Reset forgets the failures of key, after a successful login.
func (t *Throttle) Reset(key Key) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.entries, key.Name)
}

func (t *Throttle) sweep(now time.Time) {
	for k, f := range t.entries {
		if now.Sub(f.last) > forgetAfter && !f.until.After(now) {
			delete(t.entries, k)
		}
	}
}
