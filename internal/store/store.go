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

// RefusalKind is why the store refused: what web answers with.
type RefusalKind int

// Kinds of refusal.
const (
	// KindInvalid: the input breaks a rule a form states (a required
	// note, a date in the past). Web shows the form again (422).
	KindInvalid RefusalKind = iota + 1
	// KindConflict: the input is fine but the state of things forbids it
	// now (already recorded, already a member, not the author) (409).
	KindConflict
	// KindGone: what it acts on no longer takes this: a closed promise, a
	// used, withdrawn or expired invitation (410).
	KindGone
	// KindForbidden: not the acting user's to see; answered like a thing
	// that does not exist, so that nothing is revealed (404).
	KindForbidden
)

// Refusal is a rule the store enforces, with its kind and a message meant
// for the user ("This invitation has already been used.").
type Refusal struct {
	Kind RefusalKind
	Msg  string
}

func (r *Refusal) Error() string { return r.Msg }

// Invalid refuses input that breaks a rule of its form.
func Invalid(msg string) error { return &Refusal{Kind: KindInvalid, Msg: msg} }

// Conflict refuses what the state of things does not allow now.
func Conflict(msg string) error { return &Refusal{Kind: KindConflict, Msg: msg} }

// Gone refuses a change to something that no longer takes it.
func Gone(msg string) error { return &Refusal{Kind: KindGone, Msg: msg} }

// Forbidden refuses what is not the acting user's to see; it is answered as not found.
func Forbidden(msg string) error { return &Refusal{Kind: KindForbidden, Msg: msg} }

// InvalidMessage is the message of err when it is an Invalid refusal: what
// a handler with a form shows on the form again.
func InvalidMessage(err error) (string, bool) {
	var r *Refusal
	if errors.As(err, &r) && r.Kind == KindInvalid {
		return r.Msg, true
	}
	return "", false
}

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
	// Viewer is the kind of viewer acting (see visibility.go); "" is a
	// member of the space.
	Viewer ViewerKind
	// Guest is what a guest's link opens (ViewerGuest); nil otherwise.
	Guest *Guest `gorm:"-"`
}

// Store runs queries on one database.
type Store struct {
	db   *gorm.DB
	now  func() time.Time
	ckpt *db.Checkpointer
	// group commits concurrent transactions together (SQLite); nil on PostgreSQL.
	group *groupCommit
	// keeper keeps the statements of transactions prepared (tx_statements.go).
	keeper *statementKeeper
}

// New returns a Store using g, with now as its clock (time.Now when nil).
func New(g *gorm.DB, now func() time.Time) *Store {
	if now == nil {
		now = time.Now
	}
	keeper := &statementKeeper{}
	return &Store{db: g, now: now, ckpt: db.NewCheckpointer(g), group: newGroupCommit(g, keeper), keeper: keeper}
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
