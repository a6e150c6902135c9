package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ReminderSettings are one member's reminders, in their own time zone. The
// zero value (no row) has every reminder off.
type ReminderSettings struct {
	UserID        string `gorm:"primaryKey"`
	SummaryOn     bool
	SummaryHour   int
	CheckinOn     bool
	CheckinHour   int
	CheckinDays   int // progress.Weekdays bits
	ReflectionDay int // time.Weekday, -1 for none
	QuietOn       bool
	QuietFrom     int // first quiet hour
	QuietTo       int // first hour no longer quiet
	EmailOn       bool
	FeedTitles    bool // the calendar feed shows the member's own promise titles
	UpdatedAt     time.Time
}

// DefaultReminders are the settings of a member who never saved any.
func DefaultReminders(userID string) ReminderSettings {
	return ReminderSettings{UserID: userID, SummaryHour: 8, CheckinHour: 20, ReflectionDay: -1, QuietFrom: 22, QuietTo: 7}
}

// Reminders are the acting user's reminder settings (the defaults when never saved).
func (s *Store) Reminders(ctx context.Context, sc Scope) (ReminderSettings, error) {
	return s.remindersOf(ctx, sc.UserID)
}

func (s *Store) remindersOf(ctx context.Context, userID string) (ReminderSettings, error) {
	var r ReminderSettings
	err := s.db.WithContext(ctx).Where("user_id = ?", userID).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return DefaultReminders(userID), nil
	}
	return r, err
}

// SaveReminders stores the acting user's reminder settings.
func (s *Store) SaveReminders(ctx context.Context, sc Scope, r ReminderSettings) error {
	r.UserID, r.UpdatedAt = sc.UserID, s.Now()
	return s.db.WithContext(ctx).Clauses(clause.OnConflict{UpdateAll: true}).Create(&r).Error
}

// ReminderMember is one member the scheduler may remind: settings, zone and
// verified address.
type ReminderMember struct {
	ReminderSettings
	Email    string
	TimeZone string
}

// ReminderMembers lists, in one query, the members who asked for a reminder
// by mail and whose address is verified. It reads settings and addresses
// only; the scheduler acts for each member with their own scope.
func (s *Store) ReminderMembers(ctx context.Context) ([]ReminderMember, error) {
	var out []ReminderMember
	err := s.db.WithContext(ctx).Table("reminder_settings").
		Select("reminder_settings.*, users.email, users.time_zone").
		Joins("JOIN users ON users.id = reminder_settings.user_id").
		Where("reminder_settings.email_on AND (reminder_settings.summary_on OR reminder_settings.checkin_on) AND users.email_verified_at IS NOT NULL").
		Order("reminder_settings.user_id").Scan(&out).Error
	return out, err
}

// ReminderSend is the record of one reminder: at most one row per member,
// kind and local date, whichever server claims it.
type ReminderSend struct {
	UserID    string `gorm:"primaryKey"`
	Kind      string `gorm:"primaryKey"`
	LocalDate string `gorm:"primaryKey"`
	State     string
	Attempts  int
	ClaimedBy string
	ClaimedAt time.Time
	RetryAt   *time.Time
	SentAt    *time.Time
}

// States of a ReminderSend.
const (
	SendClaimed = "claimed" // a server is sending it (or stopped while sending: never sent again)
	SendSent    = "sent"
	SendFailed  = "failed" // the last attempt failed; may be claimed again from RetryAt
)

// ClaimReminder makes by the one sender of the reminder (userID, kind,
// date), first try or retry: it inserts the key, or takes a failed attempt
// whose back-off has passed, each in one conditional statement, so that of
// several servers exactly one wins. It returns the attempt it claimed (1 for
// the first), or 0 when another server holds it, it was sent, or it has
// had maxAttempts.
func (s *Store) ClaimReminder(ctx context.Context, userID, kind, date, by string, maxAttempts int) (int, error) {
	now := s.Now()
	db := s.db.WithContext(ctx)
	res := db.Clauses(clause.OnConflict{DoNothing: true}).Create(&ReminderSend{
		UserID: userID, Kind: kind, LocalDate: date, State: SendClaimed, Attempts: 1, ClaimedBy: by, ClaimedAt: now})
	if res.Error != nil {
		return 0, res.Error
	}
	if res.RowsAffected == 1 {
		return 1, nil
	}
	key := db.Model(&ReminderSend{}).Where("user_id = ? AND kind = ? AND local_date = ?", userID, kind, date)
	res = key.Where("state = ? AND retry_at <= ? AND attempts < ?", SendFailed, now, maxAttempts).
		Updates(map[string]any{"state": SendClaimed, "attempts": gorm.Expr("attempts + 1"), "claimed_by": by, "claimed_at": now})
	if res.Error != nil || res.RowsAffected == 0 {
		return 0, res.Error
	}
	var r ReminderSend
	if err := db.Where("user_id = ? AND kind = ? AND local_date = ?", userID, kind, date).Take(&r).Error; err != nil {
		return 0, err
	}
	return r.Attempts, nil
}

// ReminderSent records that the claimed reminder went out.
func (s *Store) ReminderSent(ctx context.Context, userID, kind, date string) error {
	return s.db.WithContext(ctx).Model(&ReminderSend{}).
		Where("user_id = ? AND kind = ? AND local_date = ?", userID, kind, date).
		Updates(map[string]any{"state": SendSent, "sent_at": s.Now()}).Error
}

// ReminderFailed records a failed attempt, to be tried again from retry.
func (s *Store) ReminderFailed(ctx context.Context, userID, kind, date string, retry time.Time) error {
	return s.db.WithContext(ctx).Model(&ReminderSend{}).
		Where("user_id = ? AND kind = ? AND local_date = ?", userID, kind, date).
		Updates(map[string]any{"state": SendFailed, "retry_at": retry.UTC()}).Error
}

// ReminderSends lists the reminders of a member, for tests and support.
func (s *Store) ReminderSends(ctx context.Context, userID string) ([]ReminderSend, error) {
	var out []ReminderSend
	err := s.db.WithContext(ctx).Where("user_id = ?", userID).Order("local_date, kind").Find(&out).Error
	return out, err
}

// ScopeOf is the scope a background job acts in for the user: their current
// membership, as the web's login middleware builds it.
func (s *Store) ScopeOf(ctx context.Context, userID string) (Scope, error) {
	sc := Scope{UserID: userID}
	m, err := s.CurrentMembership(ctx, userID)
	if errors.Is(err, ErrNotFound) {
		return sc, nil
	} else if err != nil {
		return sc, err
	}
	sc.SpaceID, sc.Since = m.SpaceID, m.JoinedAt
	return sc, nil
}

// PruneReminders deletes the records of reminders claimed before before and
// the mailed tokens that expired before it: neither is needed once its
// day has long passed. It returns how many rows it deleted.
func (s *Store) PruneReminders(ctx context.Context, before time.Time) (int64, error) {
	db := s.db.WithContext(ctx)
	a := db.Where("claimed_at < ?", before.UTC()).Delete(&ReminderSend{})
	if a.Error != nil {
		return 0, a.Error
	}
	b := db.Where("expires_at < ?", before.UTC()).Delete(&EmailToken{})
	return a.RowsAffected + b.RowsAffected, b.Error
}
