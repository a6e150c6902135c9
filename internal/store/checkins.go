package store

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm"

	"mend/internal/progress"
)

// Moods a check-in may name, in the order forms offer them.
var Moods = []string{"calm", "hopeful", "tender", "close", "tired", "anxious", "sad", "hurt", "angry", "numb"}

// KnownMood reports whether mood is one of Moods.
func KnownMood(mood string) bool { return slices.Contains(Moods, mood) }

// Checkin is one member's check-in for one day of their own calendar.
type Checkin struct {
	ID        string `gorm:"primaryKey"`
	SpaceID   string
	AuthorID  string
	Date      string // the author's local date, YYYY-MM-DD
	Safe      int
	Trust     int
	Connected int
	Mood      string
	Note      string
	Private   bool
	Sealed    string // the note while private (sealed.go)
	CreatedAt time.Time
	UpdatedAt time.Time
}

// CheckinInput is what a member writes in a check-in.
type CheckinInput struct {
	Safe, Trust, Connected int
	Mood                   string
	Note                   string
	Private                bool
}

func (in CheckinInput) valid() bool {
	ok := func(n int) bool { return n >= 0 && n <= 10 }
	return ok(in.Safe) && ok(in.Trust) && ok(in.Connected) && KnownMood(in.Mood)
}

var errBadCheckin = Invalid("Ratings go from 0 to 10 and the mood must be one of the list.")

// CreateCheckin records the acting user's check-in for today, their local
// date; ErrConflict when they already checked in that day.
func (s *Store) CreateCheckin(ctx context.Context, sc Scope, today progress.Date, in CheckinInput) (*Checkin, error) {
	if !in.valid() {
		return nil, errBadCheckin
	}
	now := s.Now()
	ci := &Checkin{ID: NewID(), SpaceID: sc.SpaceID, AuthorID: sc.UserID, Date: today.String(),
		Safe: in.Safe, Trust: in.Trust, Connected: in.Connected, Mood: in.Mood, Note: in.Note, Private: in.Private,
		CreatedAt: now, UpdatedAt: now}
	row := *ci
	if row.Private {
		sealRow(ctx, &row)
	}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		if err := conflict(tx.Create(&row).Error); err != nil {
			return err
		}
		return recomputeCheckinWeeks(tx, sc.SpaceID, sc.UserID, today, today)
	})
	if err != nil {
		return nil, err
	}
	return ci, nil
}

// CheckinOn is the acting user's own check-in of date; ErrNotFound when
// there is none.
func (s *Store) CheckinOn(ctx context.Context, sc Scope, date progress.Date) (*Checkin, error) {
	var ci Checkin
	err := s.ownCheckins(ctx, sc).Where("date = ?", date.String()).Take(&ci).Error
	return &ci, notFound(err)
}

// OwnCheckin is one of the acting user's own check-ins: only its author may
// open it to change it, so anyone else gets ErrNotFound.
func (s *Store) OwnCheckin(ctx context.Context, sc Scope, id string) (*Checkin, error) {
	var ci Checkin
	err := s.ownCheckins(ctx, sc).Where("id = ?", id).Take(&ci).Error
	return &ci, notFound(err)
}

// ErrNotToday refuses a change to a check-in of another day than the
// author's today.
var ErrNotToday = Conflict("A check-in can be changed only on the day it was made, in your own time zone. You can check in again today.")

// UpdateCheckin changes the acting user's check-in id, which must be of
// today, their local date, and the week's totals with it, in one
// transaction; only when it changes nothing is the check-in read to tell why.
func (s *Store) UpdateCheckin(ctx context.Context, sc Scope, id string, today progress.Date, in CheckinInput) error {
	if !in.valid() {
		return errBadCheckin
	}
	changed := false
	text := &Checkin{ID: id, AuthorID: sc.UserID, Note: in.Note}
	if in.Private {
		sealRow(ctx, text)
	}
	fields := sealedColumns(text, "note")
	fields["safe"], fields["trust"], fields["connected"], fields["mood"] = in.Safe, in.Trust, in.Connected, in.Mood
	fields["private"], fields["updated_at"] = in.Private, s.Now()
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&Checkin{}).Scopes(sc.viewer().own(checkinKind, "checkins")).Where("id = ? AND date = ?", id, today.String()).
			Updates(fields)
		if res.Error != nil || res.RowsAffected != 1 {
			return res.Error
		}
		changed = true
		return recomputeCheckinWeeks(tx, sc.SpaceID, sc.UserID, today, today)
	})
	if err != nil {
		return err
	}
	if changed {
		return s.removedPrivateText(nil) // the old note
	}
	if _, err := s.OwnCheckin(ctx, sc, id); err != nil {
		return err
	}
	return ErrNotToday
}

// visibleCheckins is the space's check-ins the acting user may see (checkinKind).
func (s *Store) visibleCheckins(ctx context.Context, sc Scope) *gorm.DB {
	return s.db.WithContext(ctx).Model(&Checkin{}).Scopes(sc.viewer().sees(checkinKind, "checkins"))
}

// ownCheckins is the acting user's own check-ins.
func (s *Store) ownCheckins(ctx context.Context, sc Scope) *gorm.DB {
	return s.db.WithContext(ctx).Model(&Checkin{}).Scopes(sc.viewer().own(checkinKind, "checkins"))
}

// Checkins lists the check-ins the acting user may see dated from..to
// (inclusive), newest day first.
func (s *Store) Checkins(ctx context.Context, sc Scope, from, to progress.Date) ([]Checkin, error) {
	var out []Checkin
	err := s.visibleCheckins(ctx, sc).Where("date >= ? AND date <= ?", from.String(), to.String()).
		Order("date DESC, author_id").Find(&out).Error
	return out, err
}

// LatestVisibleCheckinBefore is the date of the newest check-in the acting
// user may see dated before day, NoDate when there is none: it tells
// whether a page of older days is worth a link.
func (s *Store) LatestVisibleCheckinBefore(ctx context.Context, sc Scope, day progress.Date) (progress.Date, error) {
	var dates []string
	err := s.visibleCheckins(ctx, sc).Where("date < ?", day.String()).Order("date DESC").Limit(1).Pluck("date", &dates).Error
	if err != nil || len(dates) == 0 {
		return progress.NoDate, err
	}
	d, err := progress.ParseDate(dates[0])
	if err != nil {
		return progress.NoDate, err
	}
	return d, nil
}

// DayRatings are one author's ratings of one day.
type DayRatings struct {
	Date      string // the author's local date, YYYY-MM-DD
	AuthorID  string
	Safe      int
	Trust     int
	Connected int
}

// CheckinRatings are the ratings, per day and author, of the check-ins dated
// from..to (inclusive) that the acting user may see, oldest first: their own,
// and the partner's shared ones, in one query. The dashboard draws them.
func (s *Store) CheckinRatings(ctx context.Context, sc Scope, from, to progress.Date) ([]DayRatings, error) {
	var out []DayRatings
	err := s.visibleCheckins(ctx, sc).Select("date, author_id, safe, trust, connected").
		Where("date >= ? AND date <= ?", from.String(), to.String()).
		Order("date, author_id").Scan(&out).Error
	return out, err
}
