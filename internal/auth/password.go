// Package auth hashes and checks passwords, keeps login sessions in the
// database behind a gorilla/sessions Store, and throttles failed logins.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost settings.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// DefaultParams follow OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane.
var DefaultParams = Params{Memory: 19 * 1024, Time: 2, Threads: 1}

// Hasher hashes passwords with argon2id, running at most a fixed number of
// hashes at once so that a burst of logins cannot exhaust memory. A check of
// a password (a login, a password re-entered) goes before every new hash
// waiting (a sign-up, a password change): a flood of sign-ups cannot keep
// members from logging in.
type Hasher struct {
	params Params
	mu     sync.Mutex
	free   int                // slots nobody holds
	queues [2][]chan struct{} // waiting callers, by priority
	dummy  func() string      // hash compared against when an account does not exist

	returnMemory bool
}

// NewHasher returns a Hasher allowing concurrent hashes (GOMAXPROCS when 0).
func NewHasher(p Params, concurrent int) *Hasher {
	if concurrent <= 0 {
		concurrent = runtime.GOMAXPROCS(0)
	}
	h := &Hasher{params: p, free: concurrent}
	h.dummy = sync.OnceValue(func() string { return h.encode(make([]byte, 16), []byte("no account has this password")) })
	return h
}

// Hash returns the PHC-formatted argon2id hash of password.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	if err := h.take(ctx, forNewHash); err != nil {
		return "", err
	}
	defer h.release()
	return h.encode(salt, []byte(password)), nil
}

// Verify reports whether password matches hash. An empty hash is checked
// against a dummy so that an unknown account costs as much time as a known one.
func (h *Hasher) Verify(ctx context.Context, hash, password string) (bool, error) {
	dummy := hash == ""
	if dummy {
		hash = h.dummy()
	}
	p, salt, want, err := decode(hash)
	if err != nil {
		return false, err
	}
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	defer h.release()
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1 && !dummy, nil
}

// NeedsRehash reports whether hash was made with other parameters (or
// another key length) than h uses now, so that it should be replaced at the
// next successful login. A malformed hash needs no rehash: it never verifies.
func (h *Hasher) NeedsRehash(hash string) bool {
	p, _, key, err := decode(hash)
	if err != nil {
		return false
	}
	return p != h.params || len(key) != keyLen
}

// Priorities of the callers waiting for a slot.
const (
	forCheck   = 0 // checking a password: a login, a password re-entered
	forNewHash = 1 // hashing a new password: a sign-up, a password change
)

// acquire takes a slot to check a password.
func (h *Hasher) acquire(ctx context.Context) error { return h.take(ctx, forCheck) }

// take waits for a slot, behind the callers of the same or a higher
// priority already waiting.
func (h *Hasher) take(ctx context.Context, prio int) error {
	h.mu.Lock()
	if h.free > 0 { // nobody waits while a slot is free
		h.free--
		h.mu.Unlock()
		return nil
	}
	ch := make(chan struct{})
	h.queues[prio] = append(h.queues[prio], ch)
	h.mu.Unlock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		h.mu.Lock()
		q := h.queues[prio]
		for i, c := range q {
			if c == ch {
				h.queues[prio] = append(q[:i:i], q[i+1:]...)
				h.mu.Unlock()
				return ctx.Err()
			}
		}
		h.mu.Unlock()
		h.handOn() // the slot came as the context ended: pass it on
		return ctx.Err()
	}
}

// release frees the slot: with ReturnMemory, it first hands the hash's
// memory back to the system, so that the next hash does not allocate its
// own while this one's is still held (two at once, where the limit is one).
func (h *Hasher) release() {
	if h.returnMemory {
		freeOSMemory()
	}
	h.handOn()
}

// freeOSMemory is debug.FreeOSMemory; a test sees when it runs.
var freeOSMemory = debug.FreeOSMemory

// handOn hands the slot to the first waiting caller of the highest
// priority, or frees it.
func (h *Hasher) handOn() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for p := range h.queues {
		if q := h.queues[p]; len(q) > 0 {
			close(q[0])
			h.queues[p] = q[1:]
			return
		}
	}
	h.free++
}

// ReturnMemory makes h hand the memory of each hash (19 MiB by default)
// back to the system as soon as it is done, at the cost of a full garbage
// collection per hash: logins are rare, and a small server should not keep
// that much for the next one. It returns h.
func (h *Hasher) ReturnMemory() *Hasher {
	h.returnMemory = true
	return h
}

func (h *Hasher) encode(salt, password []byte) string {
	p := h.params
	key := argon2.IDKey(password, salt, p.Time, p.Memory, p.Threads, keyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// keyLen is the length of the derived key, in bytes.
const keyLen = 32

var errBadHash = errors.New("auth: malformed password hash")

func decode(hash string) (Params, []byte, []byte, error) {
	var p Params
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, nil, nil, errBadHash
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, nil, nil, errBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return p, nil, nil, errBadHash
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	key, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(key) == 0 {
		return p, nil, nil, errBadHash
	}
	return p, salt, key, nil
}
