package store

import (
	"context"
	"database/sql"
	"time"

	"gorm.io/gorm"

	"mend/internal/progress"
)

// CheckinWeek is one member's check-in totals of one week (checkin_weeks):
// every check-in for the author's own chart, the shared ones alone for
// their partner's. It is written in the same transaction as every write
// of check-ins, and never read but through checkinWeekKind's rule.
type CheckinWeek struct {
	SpaceID         string `gorm:"primaryKey"`
	AuthorID        string `gorm:"primaryKey"`
	Week            string `gorm:"primaryKey"` // the Monday of the check-ins' dates, YYYY-MM-DD
	N               int
	Safe            int
	Trust           int
	Connected       int
	SharedN         int
	SharedSafe      int
	SharedTrust     int
	SharedConnected int
	FirstAt         time.Time // when the week's earliest check-in was made
}

// checkinRow is what the totals are made of.
type checkinRow struct {
	SpaceID, AuthorID, Date string
	Safe, Trust, Connected  int
	Private                 bool
	CreatedAt               time.Time
}

// weekOf is the Monday of the week of date (YYYY-MM-DD).
func weekOf(date string) string { return parseDate(date).WeekStart(time.Monday).String() }

// checkinTotals adds check-ins up per space, author and week.
type checkinTotals struct {
	weeks map[[3]string]*CheckinWeek
	order []*CheckinWeek
}

func (t *checkinTotals) add(r checkinRow) {
	if t.weeks == nil {
		t.weeks = map[[3]string]*CheckinWeek{}
	}
	key := [3]string{r.SpaceID, r.AuthorID, weekOf(r.Date)}
	w := t.weeks[key]
	if w == nil {
		w = &CheckinWeek{SpaceID: key[0], AuthorID: key[1], Week: key[2], FirstAt: r.CreatedAt}
		t.weeks[key] = w
		t.order = append(t.order, w)
	}
	w.N, w.Safe, w.Trust, w.Connected = w.N+1, w.Safe+r.Safe, w.Trust+r.Trust, w.Connected+r.Connected
	if !r.Private {
		w.SharedN, w.SharedSafe, w.SharedTrust, w.SharedConnected =
			w.SharedN+1, w.SharedSafe+r.Safe, w.SharedTrust+r.Trust, w.SharedConnected+r.Connected
	}
	if r.CreatedAt.Before(w.FirstAt) {
		w.FirstAt = r.CreatedAt
	}
}

func (t *checkinTotals) write(tx *gorm.DB) error {
	if len(t.order) == 0 {
		return nil
	}
	return tx.CreateInBatches(t.order, 500).Error
}

const checkinRowColumns = "space_id, author_id, date, safe, trust, connected, private, created_at"

// recomputeCheckinWeeks sets the totals of the author's weeks in the space
// from the week of from to the week of to (NoDate: no bound) from their
// check-ins, inside the transaction of the write that changed them. It is
// the writer's bookkeeping of its own rows, not a read for anyone to see.
func recomputeCheckinWeeks(tx *gorm.DB, spaceID, authorID string, from, to progress.Date) error {
	if from != progress.NoDate && to != progress.NoDate && from.WeekStart(time.Monday) == to.WeekStart(time.Monday) {
		return recomputeCheckinWeek(tx, spaceID, authorID, from.WeekStart(time.Monday))
	}
	del := tx.Where("space_id = ? AND author_id = ?", spaceID, authorID)
	rows := tx.Model(&Checkin{}).Select(checkinRowColumns).Where("space_id = ? AND author_id = ?", spaceID, authorID)
	if from != progress.NoDate {
		w := from.WeekStart(time.Monday)
		del, rows = del.Where("week >= ?", w.String()), rows.Where("date >= ?", w.String())
	}
	if to != progress.NoDate {
		w := to.WeekStart(time.Monday)
		del, rows = del.Where("week <= ?", w.String()), rows.Where("date <= ?", w.AddDays(6).String())
	}
	if err := del.Delete(&CheckinWeek{}).Error; err != nil {
		return err
	}
	var found []checkinRow
	if err := rows.Scan(&found).Error; err != nil {
		return err
	}
	var t checkinTotals
	for _, r := range found {
		t.add(r)
	}
	return t.write(tx)
}

// recomputeCheckinWeek is recomputeCheckinWeeks of the one week of the
// Monday week, what a check-in's write changes: in two statements that
// leave the adding up to the database, instead of the check-ins read into
// Go and the totals written back (a third of the write's time).
func recomputeCheckinWeek(tx *gorm.DB, spaceID, authorID string, week progress.Date) error {
	err := tx.Exec("DELETE FROM checkin_weeks WHERE space_id = ? AND author_id = ? AND week = ?", spaceID, authorID, week.String()).Error
	if err != nil {
		return err
	}
	return tx.Exec(addUpCheckinWeek, week.String(), spaceID, authorID, week.String(), week.AddDays(6).String()).Error
}

// addUpCheckinWeek writes the totals of one author's check-ins of a week
// (none, when there are none), as checkinTotals adds them up; its
// arguments are the week, the space, the author, and the week's first and
// last dates.
const addUpCheckinWeek = `INSERT INTO checkin_weeks (space_id, author_id, week, n, safe, trust, connected,
	shared_n, shared_safe, shared_trust, shared_connected, first_at)
	SELECT space_id, author_id, ?, COUNT(*), SUM(safe), SUM(trust), SUM(connected),
	SUM(CASE WHEN private THEN 0 ELSE 1 END), SUM(CASE WHEN private THEN 0 ELSE safe END),
	SUM(CASE WHEN private THEN 0 ELSE trust END), SUM(CASE WHEN private THEN 0 ELSE connected END), MIN(created_at)
	FROM checkins WHERE space_id = ? AND author_id = ? AND date >= ? AND date <= ? GROUP BY space_id, author_id`

// RebuildAggregates computes every total kept at write time again from the
// rows themselves, in one transaction: after a bulk load (the seed command)
// or a repair (mend rebuild-aggregates).
func (s *Store) RebuildAggregates(ctx context.Context) error {
	return s.transaction(ctx, func(tx *gorm.DB) error {
		if err := rebuildTallies(tx); err != nil {
			return err
		}
		if err := tx.Exec("DELETE FROM checkin_weeks").Error; err != nil {
			return err
		}
		t, err := addUpCheckins(tx)
		if err != nil {
			return err
		}
		return t.write(tx)
	})
}

// addUpCheckins adds up every check-in of the database.
func addUpCheckins(db *gorm.DB) (checkinTotals, error) {
	var t checkinTotals
	rows, err := db.Model(&Checkin{}).Select(checkinRowColumns).Rows()
	if err != nil {
		return t, err
	}
	defer rows.Close()
	for rows.Next() {
		var r checkinRow
		if err := rows.Scan(&r.SpaceID, &r.AuthorID, &r.Date, &r.Safe, &r.Trust, &r.Connected, &r.Private, &r.CreatedAt); err != nil {
			return t, err
		}
		t.add(r)
	}
	return t, rows.Err()
}

// StaleCheckinWeeks lists the weeks ("space author week") whose stored
// check-in totals differ from what the check-ins add up to now, or that
// are stored without a check-in, or missing: empty unless a write forgot
// its bookkeeping. For tests and repairs.
func (s *Store) StaleCheckinWeeks(ctx context.Context) ([]string, error) {
	db := s.db.WithContext(ctx)
	fresh, err := addUpCheckins(db)
	if err != nil {
		return nil, err
	}
	var stored []CheckinWeek
	if err := db.Find(&stored).Error; err != nil {
		return nil, err
	}
	var stale []string
	for _, w := range stored {
		key := [3]string{w.SpaceID, w.AuthorID, w.Week}
		f := fresh.weeks[key]
		delete(fresh.weeks, key)
		// Times are compared as instants: a driver may read another zone.
		if f != nil && w.FirstAt.Equal(f.FirstAt) {
			if w.FirstAt = f.FirstAt; w == *f {
				continue
			}
		}
		stale = append(stale, key[0]+" "+key[1]+" "+key[2])
	}
	for key := range fresh.weeks {
		stale = append(stale, key[0]+" "+key[1]+" "+key[2])
	}
	return stale, nil
}

// WeekTotals are one author's check-in totals of one week as the acting
// user may see them.
type WeekTotals struct {
	AuthorID               string
	Week                   string // Monday, YYYY-MM-DD
	N                      int
	Safe, Trust, Connected int
}

// CheckinWeeks are the check-in totals of the weeks from..to (Mondays,
// inclusive) that the acting user may see, oldest first: all of their own
// check-ins, and of another member's only the shared ones, for weeks whose
// every check-in was made since the user joined (checkinWeekKind). A week
// of another member's not listed is read from the check-ins themselves.
func (s *Store) CheckinWeeks(ctx context.Context, sc Scope, from, to progress.Date) ([]WeekTotals, error) {
	v := sc.viewer()
	return scanRows(s.raw(ctx, namedSQL{`SELECT w.author_id, w.week, ` + v.checkinWeekTotals("w") + ` FROM checkin_weeks w
		WHERE ` + v.cond(checkinWeekKind, "w") + ` AND w.week >= @from AND w.week <= @to ORDER BY w.week, w.author_id`,
		append(v.args(), sql.Named("from", from.String()), sql.Named("to", to.String()))}),
		func(rows *sql.Rows, t *WeekTotals) error {
			return rows.Scan(&t.AuthorID, &t.Week, &t.N, &t.Safe, &t.Trust, &t.Connected)
		})
}
