package store

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"mend/internal/progress"
)

// User is an account.
type User struct {
	ID           string `gorm:"primaryKey"`
	Email        string
	Name         string
	PasswordHash string
	TimeZone     string
	DisabledAt   *time.Time // set by the operator: the account cannot log in
	TOTPSecret   string     `gorm:"column:totp_secret"`    // sealed; "" when two-step login is off
	TOTPLastStep int64      `gorm:"column:totp_last_step"` // time step of the last code accepted
	// EmailVerifiedAt is when the current address was shown to be the
	// user's; nil until then. Mend mails nothing but links to prove it
	// and security notices to an address not verified.
	EmailVerifiedAt *time.Time
	// The member's data key, wrapped by their password (auth.Hasher.WrapKey)
	// and by their recovery code (seal.RecoveryKEK); '' until made.
	KeyByPassword string
	KeyByRecovery string
	// KeyLostAt is when the data key was replaced without the old one: what
	// was sealed before cannot be opened until the recovery code is given.
	KeyLostAt         *time.Time
	KeyLostByRecovery string // old data keys wrapped by their recovery codes, one a line
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Location is the user's time zone, UTC when it cannot be loaded.
func (u *User) Location() *time.Location { return progress.Zone(u.TimeZone) }

// NormalizeEmail is the form in which emails are stored and compared.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// CreateUser inserts u with a new id; ErrConflict when the email is taken.
func (s *Store) CreateUser(ctx context.Context, u *User) error {
	u.ID = NewID()
	u.Email = NormalizeEmail(u.Email)
	if u.TimeZone == "" {
		u.TimeZone = "UTC"
	}
	u.CreatedAt, u.UpdatedAt = s.Now(), s.Now()
	return conflict(s.db.WithContext(ctx).Create(u).Error)
}

// UserByEmail finds the enabled account with email: a disabled account
// cannot log in, so for the web it does not exist.
func (s *Store) UserByEmail(ctx context.Context, email string) (*User, error) {
	var u User
	err := s.db.WithContext(ctx).Where("email = ? AND disabled_at IS NULL", NormalizeEmail(email)).Take(&u).Error
	return &u, notFound(err)
}

// UserByID finds the enabled account with id; a session of a disabled
// account is a visitor's.
func (s *Store) UserByID(ctx context.Context, id string) (*User, error) {
	var u User
	err := s.db.WithContext(ctx).Where("id = ? AND disabled_at IS NULL", id).Take(&u).Error
	return &u, notFound(err)
}

// Profile is what a user may change in their settings.
type Profile struct {
	Name     string
	Email    string
	TimeZone string
}

// UpdateProfile changes the acting user's own profile; ErrConflict when the
// new email belongs to someone else.
func (s *Store) UpdateProfile(ctx context.Context, sc Scope, p Profile) error {
	return conflict(s.db.WithContext(ctx).Model(&User{}).Where("id = ?", sc.UserID).Updates(map[string]any{
		"name": p.Name, "email": NormalizeEmail(p.Email), "time_zone": p.TimeZone, "updated_at": s.Now(),
		// A new address is not verified.
		"email_verified_at": gorm.Expr("CASE WHEN email = ? THEN email_verified_at ELSE NULL END", NormalizeEmail(p.Email)),
	}).Error)
}

// SetPasswordHash replaces the acting user's password hash.
func (s *Store) SetPasswordHash(ctx context.Context, sc Scope, hash string) error {
	return s.db.WithContext(ctx).Model(&User{}).Where("id = ?", sc.UserID).
		Updates(map[string]any{"password_hash": hash, "updated_at": s.Now()}).Error
}

// CountUsers is the number of accounts of the installation.
func (s *Store) CountUsers(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&User{}).Scopes(realAccounts).Count(&n).Error
	return n, err
}

// ReplacePasswordHash swaps the acting user's hash for a new hash of the same
// password, only if it is still old: a password changed meanwhile is kept.
func (s *Store) ReplacePasswordHash(ctx context.Context, sc Scope, old, hash string) error {
	return s.db.WithContext(ctx).Model(&User{}).Where("id = ? AND password_hash = ?", sc.UserID, old).
		Updates(map[string]any{"password_hash": hash, "updated_at": s.Now()}).Error
}
