// Package store holds Mend's GORM models and every database query. Methods
// that touch a couple's data take the acting user's Scope first, and filter
// by it, so that no handler can reach rows of another space.
package store

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"

	"mend/internal/db"
)

// Sentinel errors, mapped to HTTP statuses once, in the web package.
var (
	ErrNotFound = errors.New("not found")
	ErrConflict = errors.New("conflict")
)

// Refusal is a rule the store enforces inside a transaction, with a message
// meant for the user ("This invitation has already been used.").
type Refusal struct{ Msg string }

func (r *Refusal) Error() string { return r.Msg }

// Refuse returns a Refusal with msg.
func Refuse(msg string) error { return &Refusal{Msg: msg} }

// Scope is who is acting: the user and the space they belong to now ("" when
// they have none). Every query on a couple's data filters by it.
//
// Since is when the user joined that space. What another member shared is
// shared with the partner of the time: a partner who joins later does not see
// what was shared before they came (a former partner's entries, or what the
// member who stays shared with them).
type Scope struct {
	UserID  string
	SpaceID string
	Since   time.Time
}

// Store runs queries on one database.
type Store struct {
	db   *gorm.DB
	now  func() time.Time
	ckpt *db.Checkpointer
}

// New returns a Store using g, with now as its clock (time.Now when nil).
func New(g *gorm.DB, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	return &Store{db: g, now: now, ckpt: db.NewCheckpointer(g)}
}

// removedPrivateText is called after a write that deleted or replaced
// private text has committed (err nil): on SQLite the text's old page
// images then leave the WAL at a checkpoint in the background.
func (s *Store) removedPrivateText(err error) error {
	if err == nil {
		s.ckpt.Request()
	}
	return err
}

// WaitForCheckpoint returns once the checkpoints asked for after deletes of
// private text are done, for tests and for a server shutting down.
func (s *Store) WaitForCheckpoint(ctx context.Context) error { return s.ckpt.Wait(ctx) }

// DB exposes the connection for maintenance commands and tests.
func (s *Store) DB() *gorm.DB { return s.db }

// Now is the store's clock, in UTC.
func (s *Store) Now() time.Time { return s.now().UTC() }

var idEncoding = base32.NewEncoding("abcdefghijkmnpqrstuvwxyz23456789").WithPadding(base32.NoPadding)

// NewID returns a random 80-bit identifier for a row. IDs appear in URLs, so
// they are random rather than sequential: they reveal nothing about how many
// rows exist.
func NewID() string {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return idEncoding.EncodeToString(b)
}

// IDFrom encodes 10 bytes as an id of NewID's form. The seed command derives
// ids from its seed with it, so that its runs are reproducible.
func IDFrom(b [10]byte) string { return idEncoding.EncodeToString(b[:]) }

// ValidID reports whether s could be an id made by NewID; lookups of
// anything else are answered "not found" without a query.
func ValidID(s string) bool {
	if len(s) != 16 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("abcdefghijkmnpqrstuvwxyz23456789", r) {
			return false
		}
	}
	return true
}

// notFound turns GORM's not-found into ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ErrNotFound
	}
	return err
}

// conflict turns a unique-constraint violation into ErrConflict.
func conflict(err error) error {
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return ErrConflict
	}
	return err
}
