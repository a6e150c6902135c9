package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"mend/internal/progress"
)

// CheckinDay is a check-in as the dashboard reads it: ratings and mood,
// when it was made and whether it is private; never its note.
type CheckinDay struct {
	ID        string
	AuthorID  string
	Date      string // the author's local date, YYYY-MM-DD
	Safe      int
	Trust     int
	Connected int
	Mood      string
	Private   bool
	CreatedAt time.Time
}

// DateRange is the days From..To, inclusive.
type DateRange struct{ From, To progress.Date }

// DashboardCheckins lists the check-ins dated in the ranges (which do not
// overlap) that the acting user may see, oldest first, in one query: their
// own, private ones included, and the shared ones others made since the
// user joined (visibleCheckins, as on the check-ins page).
func (s *Store) DashboardCheckins(ctx context.Context, sc Scope, ranges ...DateRange) ([]CheckinDay, error) {
	var out []CheckinDay
	if len(ranges) == 0 {
		return nil, nil
	}
	var cond strings.Builder
	var args []any
	for i, r := range ranges {
		if i > 0 {
			cond.WriteString(" OR ")
		}
		cond.WriteString("(date >= ? AND date <= ?)")
		args = append(args, r.From.String(), r.To.String())
	}
	err := s.visibleCheckins(ctx, sc).
		Select("id, author_id, date, safe, trust, connected, mood, private, created_at").
		Where(cond.String(), args...).
		Order("date, author_id").Scan(&out).Error
	return out, err
}

// StartVisit records that the acting user began a visit to the dashboard at
// at, which counts what happened until seen as already seen. It is the
// dashboard's one write, once per visit.
func (s *Store) StartVisit(ctx context.Context, sc Scope, at, seen time.Time) error {
	return s.db.WithContext(ctx).Model(&Membership{}).
		Where("space_id = ? AND user_id = ? AND left_at IS NULL", sc.SpaceID, sc.UserID).
		Updates(map[string]any{"visit_at": at.UTC(), "seen_at": seen.UTC()}).Error
}

// PracticesEngaged lists, in one query, the practices the acting user has
// engaged with in their space: every one they bookmarked, and those their
// journal entries written since since and their reflections of the weeks
// from week on point at (a practice may be listed more than once). Only
// their own items are read.
func (s *Store) PracticesEngaged(ctx context.Context, sc Scope, since time.Time, week progress.Date) ([]string, error) {
	var out []string
	v := sc.viewer()
	err := s.db.WithContext(ctx).Raw(`SELECT slug FROM bookmarks WHERE `+v.ownCond(bookmarkKind, "bookmarks")+`
		UNION ALL SELECT practice FROM journal_entries WHERE `+v.ownCond(journalKind, "journal_entries")+` AND created_at >= @after AND practice <> ''
		UNION ALL SELECT practice FROM reflections WHERE `+v.ownCond(reflectionKind, "reflections")+` AND week_start >= @week AND practice <> ''`,
		append(v.args(), sql.Named("after", since), sql.Named("week", week.String()))...).
		Scan(&out).Error
	return out, err
}

// GratitudeTimes lists when the notes of thanks to or from the acting user
// in their space were sent, in [from, to): what the dashboard's chart
// counts, without the notes' words.
func (s *Store) GratitudeTimes(ctx context.Context, sc Scope, from, to time.Time) ([]time.Time, error) {
	var out []time.Time
	err := s.db.WithContext(ctx).Model(&GratitudeNote{}).Scopes(sc.viewer().sees(gratitudeKind, "gratitude_notes")).
		Where("created_at >= ? AND created_at < ?", from, to).
		Order("created_at").Pluck("created_at", &out).Error
	return out, err
}
