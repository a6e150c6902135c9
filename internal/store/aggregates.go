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
		rows, err := tx.Model(&Checkin{}).Select(checkinRowColumns).Rows()
		if err != nil {
			return err
		}
		var t checkinTotals
		for rows.Next() {
			var r checkinRow
			if err := rows.Scan(&r.SpaceID, &r.AuthorID, &r.Date, &r.Safe, &r.Trust, &r.Connected, &r.Private, &r.CreatedAt); err != nil {
				rows.Close()
				return err
			}
			t.add(r)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return t.write(tx)
	})
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
