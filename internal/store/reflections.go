package store

import (
	"context"
	"time"

	"gorm.io/gorm"

	"mend/internal/progress"
)

// Who may read a reflection.
const (
	VisibilityPrivate  = "private"  // the author alone
	VisibilityShared   = "shared"   // the partner too
	VisibilityTogether = "together" // the partner once they have written theirs for the same week
)

// KnownVisibility reports whether v is one of the visibilities.
func KnownVisibility(v string) bool {
	return v == VisibilityPrivate || v == VisibilityShared || v == VisibilityTogether
}

// Reflection is one member's weekly reflection.
//
// "That week", for partners in different time zones, is matched by the
// week's start date as each author computed it in their own zone: a Monday's
// date names one calendar week for both, even if one partner's Monday begins
// hours before the other's. Matching by instants instead would let one
// reflection overlap two of the partner's weeks, and the pairing that
// reveal-together needs would be ambiguous.
type Reflection struct {
	ID         string `gorm:"primaryKey"`
	SpaceID    string
	AuthorID   string
	WeekStart  string // the Monday of the author's local week, YYYY-MM-DD
	Helped     string // what helped this week
	Hard       string // what was hard
	Need       string // what I need from you
	NextStep   string // one thing I will do next week
	Practice   string // slug of the practice the next step puts into practice, or ""
	Visibility string
	Sealed     string // the answers while private (sealed.go)
	CreatedAt  time.Time
}

// ReflectionInput is what a member writes in a reflection.
type ReflectionInput struct {
	Helped, Hard, Need, NextStep, Practice, Visibility string
}

// ReflectionEntry is a reflection as the acting user may know of it.
type ReflectionEntry struct {
	Reflection
	// Hidden: someone else's reflection to reveal together that the acting
	// user may not read yet. Its answers are blank; only that it exists is known.
	Hidden bool `gorm:"-"`
	// Readable is what the query decided: the acting user may read it.
	Readable bool
	// Answered: someone other than the author who is still a member has
	// written a reflection for the same week that the author may read. For
	// the author's own reflection to reveal together, it means it is revealed.
	Answered bool
}

// CreateReflection records the acting user's reflection for the week
// starting week (their local Monday); ErrConflict when they already wrote it.
func (s *Store) CreateReflection(ctx context.Context, sc Scope, week progress.Date, in ReflectionInput) (*Reflection, error) {
	if !KnownVisibility(in.Visibility) {
		return nil, Invalid("Please choose who may read your reflection.")
	}
	r := &Reflection{ID: NewID(), SpaceID: sc.SpaceID, AuthorID: sc.UserID, WeekStart: week.String(),
		Helped: in.Helped, Hard: in.Hard, Need: in.Need, NextStep: in.NextStep, Practice: in.Practice,
		Visibility: in.Visibility, CreatedAt: s.Now()}
	row := *r
	if row.Visibility == VisibilityPrivate {
		// Only a private one: one to reveal together is for the partner,
		// and the server must be able to reveal it without its author.
		sealRow(ctx, &row)
	}
	if err := conflict(s.db.WithContext(ctx).Create(&row).Error); err != nil {
		return nil, err
	}
	return r, nil
}

// OwnReflectionOf is the acting user's reflection for the week starting
// week; ErrNotFound when they have not written it.
func (s *Store) OwnReflectionOf(ctx context.Context, sc Scope, week progress.Date) (*Reflection, error) {
	var r Reflection
	err := s.db.WithContext(ctx).Model(&Reflection{}).Scopes(sc.viewer().own(reflectionKind, "reflections")).
		Where("week_start = ?", week.String()).Take(&r).Error
	return &r, notFound(err)
}

// entries selects the space's reflections the acting user may know of
// (reflectionKind), with whether they may read each one yet
// (reflectionReadable) and whether it is answered (reflectionAnswered).
func (s *Store) entries(ctx context.Context, sc Scope) *gorm.DB {
	v := sc.viewer()
	sel := "r.*, " + v.reflectionReadable("r") + " AS readable, " + reflectionAnswered("r") + " AS answered"
	return v.selecting(s.db.WithContext(ctx).Table("reflections r"), sel).Scopes(v.sees(reflectionKind, "r"))
}

// ReflectionByID is a reflection the acting user may read: their own, or
// the partner's shared one, or one to reveal together once revealed to them.
// Anything else is ErrNotFound.
func (s *Store) ReflectionByID(ctx context.Context, sc Scope, id string) (*ReflectionEntry, error) {
	var out []ReflectionEntry
	if err := s.entries(ctx, sc).Where("r.id = ?", id).Scan(&out).Error; err != nil {
		return nil, err
	}
	if len(out) == 0 || !out[0].Readable {
		return nil, ErrNotFound
	}
	openRow(ctx, &out[0].Reflection)
	return &out[0], nil
}

// Reflections lists, newest week first, the reflections for the weeks
// starting from..to (inclusive) that the acting user may know of: their own,
// the partner's shared ones, and the partner's ones to reveal together —
// with their answers blanked while still hidden. Private reflections of
// others are never returned.
func (s *Store) Reflections(ctx context.Context, sc Scope, from, to progress.Date) ([]ReflectionEntry, error) {
	var out []ReflectionEntry
	err := s.entries(ctx, sc).
		Where("r.week_start >= ? AND r.week_start <= ?", from.String(), to.String()).
		Order("r.week_start DESC, r.created_at").Scan(&out).Error
	if err != nil {
		return nil, err
	}
	for i := range out {
		if !out[i].Readable {
			e := &out[i]
			e.Hidden = true
			e.Helped, e.Hard, e.Need, e.NextStep, e.Practice, e.Sealed = "", "", "", "", "", ""
		}
		openRow(ctx, &out[i].Reflection)
	}
	return out, nil
}

// LatestReflectionWeekBefore is the newest week before week with a
// reflection the acting user may know of, NoDate when there is none.
func (s *Store) LatestReflectionWeekBefore(ctx context.Context, sc Scope, week progress.Date) (progress.Date, error) {
	var weeks []string
	err := s.db.WithContext(ctx).Model(&Reflection{}).Scopes(sc.viewer().sees(reflectionKind, "reflections")).
		Where("week_start < ?", week.String()).
		Order("week_start DESC").Limit(1).Pluck("week_start", &weeks).Error
	if err != nil || len(weeks) == 0 {
		return progress.NoDate, err
	}
	return progress.ParseDate(weeks[0])
}
