package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"gorm.io/gorm"

	"mend/internal/db"
	"mend/internal/progress"
)

// Roles a member may give for how they come to this; "" is "prefer not to say".
const (
	RoleBroke = "broke"
	RoleHurt  = "hurt"
	RoleBoth  = "both"
)

// Space is one couple's shared workspace.
type Space struct {
	ID        string `gorm:"primaryKey"`
	Name      string
	CreatedAt time.Time
}

// Membership is a user's place in a space; LeftAt is set once they leave.
type Membership struct {
	ID         string `gorm:"primaryKey"`
	SpaceID    string
	UserID     string
	Role       string
	RoleShared bool
	JoinedAt   time.Time
	LeftAt     *time.Time
	VisitAt    *time.Time // when the member's current visit to the dashboard began
	SeenAt     *time.Time // what that visit counts as seen: the last view of the visit before
	Seat       *int       // 1 or 2 while current: no two current members share one
	// SpaceVersion is the space's version (spaces.version) when
	// CurrentMembership read it; other reads leave it 0.
	SpaceVersion int64 `gorm:"->"`
}

// Member is a membership with the member's name.
type Member struct {
	Membership
	Name string
}

// Current reports whether the member has not left.
func (m Member) Current() bool { return m.LeftAt == nil }

// CurrentMembership is the user's membership in the space they belong to
// now, with the space's version; ErrNotFound when they have none.
func (s *Store) CurrentMembership(ctx context.Context, userID string) (*Membership, error) {
	var m Membership
	err := s.db.WithContext(ctx).Table("memberships").Select("memberships.*, spaces.version AS space_version").
		Joins("JOIN spaces ON spaces.id = memberships.space_id").
		Where("memberships.user_id = ? AND memberships.left_at IS NULL", userID).Take(&m).Error
	return &m, notFound(err)
}

// CreateSpace starts a space with the acting user as its first member.
func (s *Store) CreateSpace(ctx context.Context, sc Scope, name string) (*Space, error) {
	sp := &Space{ID: NewID(), Name: name, CreatedAt: s.Now()}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&Membership{}).Where("user_id = ? AND left_at IS NULL", sc.UserID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return ErrInSpace
		}
		if err := tx.Create(sp).Error; err != nil {
			return err
		}
		seat := 1
		return tx.Create(&Membership{ID: NewID(), SpaceID: sp.ID, UserID: sc.UserID, JoinedAt: s.Now(), Seat: &seat}).Error
	})
	if err != nil {
		return nil, err
	}
	return sp, nil
}

// SpaceOf returns the acting user's space.
func (s *Store) SpaceOf(ctx context.Context, sc Scope) (*Space, error) {
	var sp Space
	err := s.db.WithContext(ctx).Where("id = ?", sc.SpaceID).Take(&sp).Error
	return &sp, notFound(err)
}

// Members lists everyone who has been a member of the acting user's space,
// current members first, each with their name.
func (s *Store) Members(ctx context.Context, sc Scope) ([]Member, error) {
	var out []Member
	err := s.db.WithContext(ctx).Table("memberships").
		Select("memberships.*, users.name AS name").
		Joins("JOIN users ON users.id = memberships.user_id").
		Where("memberships.space_id = ?", sc.SpaceID).
		Order("memberships.left_at IS NOT NULL, memberships.joined_at").
		Scan(&out).Error
	return out, err
}

// SetRole records how the acting user comes to this and whether their
// partner may see it.
func (s *Store) SetRole(ctx context.Context, sc Scope, role string, shared bool) error {
	switch role {
	case "", RoleBroke, RoleHurt, RoleBoth:
	default:
		return ErrUnknownRole
	}
	if role == "" {
		shared = false
	}
	return s.db.WithContext(ctx).Model(&Membership{}).
		Where("space_id = ? AND user_id = ? AND left_at IS NULL", sc.SpaceID, sc.UserID).
		Updates(map[string]any{"role": role, "role_shared": shared}).Error
}

// LeaveSpace ends the acting user's membership. Their private items in the
// space are deleted, so the partner who stays can never reach them; what they
// shared stays, shown as written by a former partner. Every counsellor link
// of the space is revoked. A space with nobody left
// is deleted with everything in it.
func (s *Store) LeaveSpace(ctx context.Context, sc Scope) error {
	return s.removedPrivateText(s.transaction(ctx, func(tx *gorm.DB) error {
		return s.leaveSpace(tx, sc)
	}))
}

// leaveSpace is LeaveSpace within the transaction tx.
func (s *Store) leaveSpace(tx *gorm.DB, sc Scope) error {
	if err := lockSpace(tx, sc.SpaceID); err != nil {
		return err
	}
	res := tx.Model(&Membership{}).Where("space_id = ? AND user_id = ? AND left_at IS NULL", sc.SpaceID, sc.UserID).
		Update("left_at", s.Now())
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	for _, stmt := range privateOfLeaver {
		if err := tx.Exec(stmt, sc.viewer().args()...).Error; err != nil {
			return err
		}
	}
	// Their private check-ins are gone: so are they from the totals.
	if err := recomputeCheckinWeeks(tx, sc.SpaceID, sc.UserID, progress.NoDate, progress.NoDate); err != nil {
		return err
	}
	if err := tx.Model(&Invitation{}).Where("space_id = ? AND used_at IS NULL AND revoked_at IS NULL", sc.SpaceID).
		Update("revoked_at", s.Now()).Error; err != nil {
		return err
	}
	// A counsellor link is by consent of both: it ends with the couple.
	if err := revokeLinksOf(tx, sc.SpaceID, sc.UserID, s.Now()); err != nil {
		return err
	}
	var left int64
	if err := tx.Model(&Membership{}).Where("space_id = ? AND left_at IS NULL", sc.SpaceID).Count(&left).Error; err != nil {
		return err
	}
	if left == 0 {
		return tx.Where("id = ?", sc.SpaceID).Delete(&Space{}).Error
	}
	return nil
}

// Refusals about spaces.
var (
	ErrInSpace     = Conflict("You already belong to a space. Leave it first to start another.")
	ErrUnknownRole = Invalid("Please choose one of the answers.")
)

// errFull is the refusal of a third member.
var errFull = Conflict("This space already has two members. A space is for one couple.")

// countMembers is the number of current members of space.
func countMembers(tx *gorm.DB, spaceID string) (int64, error) {
	var n int64
	err := tx.Model(&Membership{}).Where("space_id = ? AND left_at IS NULL", spaceID).Count(&n).Error
	return n, err
}

// freeSeat is the seat a new member of space takes, or errFull. The caller
// holds the space's lock (lockSpace).
func freeSeat(tx *gorm.DB, spaceID string) (int, error) {
	var seats []*int
	if err := tx.Model(&Membership{}).Where("space_id = ? AND left_at IS NULL", spaceID).Pluck("seat", &seats).Error; err != nil {
		return 0, err
	}
	if len(seats) >= 2 {
		return 0, errFull
	}
	for _, seat := range seats {
		if seat != nil && *seat == 1 {
			return 2, nil
		}
	}
	return 1, nil
}

// lockSpace moves the space's version on (cached pages of it are no longer
// served) and, by changing its row, locks it until the transaction ends, so
// that joining, inviting and leaving one space happen one after another on
// PostgreSQL too. (SQLite runs one writing transaction at a time anyway.)
func lockSpace(tx *gorm.DB, spaceID string) error {
	res := tx.Exec("UPDATE spaces SET version = version + 1 WHERE id = ?", spaceID)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}

// BumpSpace records that something in the space changed, for every server
// that caches its pages. It follows a write that was already made durable,
// and invalidates caches held in memory only (gone with a crash), so it
// does not wait for the disk itself (db.ExecUnsynced).
func (s *Store) BumpSpace(ctx context.Context, spaceID string) error {
	return db.ExecUnsynced(ctx, s.db, "UPDATE spaces SET version = version + 1 WHERE id = ?", spaceID)
}

// membershipJoin joins, to users, each user's current membership and its
// space's version (all NULL when they have none).
const membershipJoin = ` LEFT JOIN memberships m ON m.user_id = users.id AND m.left_at IS NULL
		LEFT JOIN spaces sp ON sp.id = m.space_id`

// userColumnList names every column of a user (users, as LEFT JOINed: all
// may be NULL), in the order userColumns scans them.
const userColumnList = `users.id, users.email, users.name, users.password_hash, users.time_zone, users.disabled_at,
	users.totp_secret, users.totp_last_step, users.email_verified_at, users.key_by_password, users.key_by_recovery,
	users.key_lost_at, users.key_lost_by_recovery, users.created_at, users.updated_at`

// userColumns scans userColumnList column by column, without reflection.
type userColumns struct {
	id, email, name, passwordHash, timeZone, totpSecret sql.NullString
	keyByPassword, keyByRecovery, keyLostByRecovery     sql.NullString
	totpLastStep                                        sql.NullInt64
	disabledAt, verifiedAt, keyLostAt, created, updated optTime
}

func (c *userColumns) dest() []any {
	return []any{&c.id, &c.email, &c.name, &c.passwordHash, &c.timeZone, &c.disabledAt, &c.totpSecret, &c.totpLastStep,
		&c.verifiedAt, &c.keyByPassword, &c.keyByRecovery, &c.keyLostAt, &c.keyLostByRecovery, &c.created, &c.updated}
}

func (c *userColumns) user() *User {
	u := &User{ID: c.id.String, Email: c.email.String, Name: c.name.String, PasswordHash: c.passwordHash.String,
		TimeZone: c.timeZone.String, DisabledAt: c.disabledAt.t, TOTPSecret: c.totpSecret.String, TOTPLastStep: c.totpLastStep.Int64,
		EmailVerifiedAt: c.verifiedAt.t, KeyByPassword: c.keyByPassword.String, KeyByRecovery: c.keyByRecovery.String,
		KeyLostAt: c.keyLostAt.t, KeyLostByRecovery: c.keyLostByRecovery.String}
	if c.created.t != nil {
		u.CreatedAt = *c.created.t
	}
	if c.updated.t != nil {
		u.UpdatedAt = *c.updated.t
	}
	return u
}

// membershipColumnList names a user's current membership and its space's
// version (membershipJoin; all may be NULL), in the order
// membershipColumnsRow scans them.
const membershipColumnList = `m.id, m.space_id, m.role, m.role_shared, m.joined_at, m.left_at, m.visit_at, m.seen_at, m.seat, sp.version`

// membershipColumnsRow scans membershipColumnList column by column.
type membershipColumnsRow struct {
	id, spaceID, role                 sql.NullString
	roleShared                        sql.NullBool
	joinedAt, leftAt, visitAt, seenAt optTime
	seat, version                     sql.NullInt64
}

func (c *membershipColumnsRow) dest() []any {
	return []any{&c.id, &c.spaceID, &c.role, &c.roleShared, &c.joinedAt, &c.leftAt, &c.visitAt, &c.seenAt, &c.seat, &c.version}
}

// membership is the row's membership of user, nil when they have none now.
func (c *membershipColumnsRow) membership(user string) *Membership {
	if !c.id.Valid || !c.spaceID.Valid || c.joinedAt.t == nil || !c.version.Valid {
		return nil
	}
	m := &Membership{ID: c.id.String, SpaceID: c.spaceID.String, UserID: user, Role: c.role.String, RoleShared: c.roleShared.Bool,
		JoinedAt: *c.joinedAt.t, LeftAt: c.leftAt.t, VisitAt: c.visitAt.t, SeenAt: c.seenAt.t, SpaceVersion: c.version.Int64}
	if c.seat.Valid {
		seat := int(c.seat.Int64)
		m.Seat = &seat
	}
	return m
}

// UserWithMembership is the user id with their current membership (nil
// when they belong to no space now) and its space's version, in one query,
// or none when the request's LoginSessionByHash read them already (see
// WithActorMemo): what every request of a logged-in user reads.
// ErrNotFound when there is no such user.
func (s *Store) UserWithMembership(ctx context.Context, id string) (*User, *Membership, error) {
	if memo, _ := ctx.Value(actorMemoKey{}).(*actorMemo); memo != nil && memo.user != nil {
		u, m := memo.user, memo.member
		memo.user, memo.member = nil, nil // taken once: a later read sees later writes
		if u.ID == id {
			return u, m, nil
		}
	}
	var u userColumns
	var m membershipColumnsRow
	err := s.scanRow(ctx, namedSQL{`SELECT ` + userColumnList + `, ` + membershipColumnList + ` FROM users` + membershipJoin + `
		WHERE users.id = @id AND users.disabled_at IS NULL LIMIT 1`, []any{sql.Named("id", id)}}, append(u.dest(), m.dest()...)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, ErrNotFound
	}
	if err != nil {
		return nil, nil, err
	}
	user := u.user()
	return user, m.membership(user.ID), nil
}
