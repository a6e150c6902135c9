package store

import (
	"context"
	"database/sql"
	"strconv"
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
	if len(ranges) == 0 {
		return nil, nil
	}
	v := sc.viewer()
	args := v.args()
	var cond strings.Builder
	for i, r := range ranges {
		if i > 0 {
			cond.WriteString(" OR ")
		}
		n := strconv.Itoa(i)
		cond.WriteString("(checkins.date >= @first" + n + " AND checkins.date <= @last" + n + ")")
		args = append(args, sql.Named("first"+n, r.From.String()), sql.Named("last"+n, r.To.String()))
	}
	return scanRows(s.raw(ctx, namedSQL{"SELECT checkins.id, checkins.author_id, checkins.date, checkins.safe, checkins.trust, checkins.connected, " +
		"checkins.mood, checkins.private, checkins.created_at FROM checkins WHERE " + v.cond(checkinKind, "checkins") +
		" AND (" + cond.String() + ") ORDER BY checkins.date, checkins.author_id", args}),
		func(rows *sql.Rows, c *CheckinDay) error {
			var at anyTime
			err := rows.Scan(&c.ID, &c.AuthorID, &c.Date, &c.Safe, &c.Trust, &c.Connected, &c.Mood, &c.Private, &at)
			c.CreatedAt = at.Time
			return err
		})
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
	v := sc.viewer()
	return scanRows(s.raw(ctx, namedSQL{`SELECT slug FROM bookmarks WHERE ` + v.ownCond(bookmarkKind, "bookmarks") + `
		UNION ALL SELECT practice FROM journal_entries WHERE ` + v.ownCond(journalKind, "journal_entries") + ` AND created_at >= @after AND practice <> ''
		UNION ALL SELECT practice FROM reflections WHERE ` + v.ownCond(reflectionKind, "reflections") + ` AND week_start >= @week AND practice <> ''`,
		append(v.args(), sql.Named("after", since), sql.Named("week", week.String()))}),
		func(rows *sql.Rows, slug *string) error { return rows.Scan(slug) })
}

// GratitudeTimes lists when the notes of thanks to or from the acting user
// in their space were sent, in [from, to): what the dashboard's chart
// counts, without the notes' words.
func (s *Store) GratitudeTimes(ctx context.Context, sc Scope, from, to time.Time) ([]time.Time, error) {
	v := sc.viewer()
	return scanRows(s.raw(ctx, namedSQL{"SELECT gratitude_notes.created_at FROM gratitude_notes WHERE " + v.cond(gratitudeKind, "gratitude_notes") +
		" AND gratitude_notes.created_at >= @from AND gratitude_notes.created_at < @to ORDER BY gratitude_notes.created_at",
		append(v.args(), sql.Named("from", from), sql.Named("to", to))}),
		func(rows *sql.Rows, t *time.Time) error {
			var at anyTime
			err := rows.Scan(&at)
			*t = at.Time
			return err
		})
}
