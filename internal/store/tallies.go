package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"mend/internal/progress"
)

// A promise's tally (promise_tallies) is what its records add up to:
// recomputed from the promise's own rows in the same transaction as every
// write of a record or of what the partner said of one, so that a rate
// since the start reads one row per promise, not every day of its history.

// PromiseTally is one promise's row of promise_tallies.
type PromiseTally struct {
	PromiseID string `gorm:"primaryKey"`
	SpaceID   string
	progress.Counts
}

// PromiseWeek is one promise's records of one week (promise_weeks).
type PromiseWeek struct {
	PromiseID string `gorm:"primaryKey"`
	Week      string `gorm:"primaryKey"` // the Monday of the records' dates, YYYY-MM-DD
	SpaceID   string
	progress.Counts
}

// tallyRows selects the records the tallies are made of, with the kind of
// their review: promise_id, space_id, date, outcome, review.
func tallyRows(tx *gorm.DB) *gorm.DB {
	return tx.Table("ledger_entries le").Joins("LEFT JOIN ledger_reviews r ON r.entry_id = le.id").
		Select("le.promise_id, le.space_id, le.date, le.outcome, r.kind")
}

// addUpWeeks adds up the records rows selects (tallyRows) per promise and
// week, in the order they come.
func addUpWeeks(rows *gorm.DB) ([]*PromiseWeek, error) {
	rs, err := rows.Rows()
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	weeks := map[[2]string]*PromiseWeek{}
	var order []*PromiseWeek
	for rs.Next() {
		var promiseID, spaceID, date, outcome string
		var review *string
		if err := rs.Scan(&promiseID, &spaceID, &date, &outcome, &review); err != nil {
			return nil, err
		}
		key := [2]string{promiseID, weekOf(date)}
		w := weeks[key]
		if w == nil {
			w = &PromiseWeek{PromiseID: promiseID, Week: key[1], SpaceID: spaceID}
			weeks[key] = w
			order = append(order, w)
		}
		w.Counts = w.Counts.Plus(progress.CountOf([]progress.Record{record(date, outcome, review)}))
	}
	return order, rs.Err()
}

// writeWeeks writes the weeks the records rows selects add up to.
func writeWeeks(tx, rows *gorm.DB) error {
	weeks, err := addUpWeeks(rows)
	if err != nil || len(weeks) == 0 {
		return err
	}
	return tx.CreateInBatches(weeks, 500).Error
}

// sumWeeks is the statement that adds promise_weeks up into
// promise_tallies, for the weeks a condition that follows it selects.
const sumWeeks = `INSERT INTO promise_tallies (promise_id, space_id, confirmed, unconfirmed, disputed, missed)
	SELECT promise_id, MIN(space_id), SUM(confirmed), SUM(unconfirmed), SUM(disputed), SUM(missed) FROM promise_weeks `

// recomputeTally sets the tallies of one promise for the week of date
// from its records of that week, inside the transaction of the write that
// changed them: the writer's bookkeeping of its own rows, not a read for
// anyone to see. It reads a week of records and a row per week.
func recomputeTally(tx *gorm.DB, promiseID string, date string) error {
	// The record of that day (one a day) is reviewed or not, and how.
	if err := tx.Exec(setReviewed+"WHERE promise_id = ? AND date = ?", promiseID, date).Error; err != nil {
		return err
	}
	week := parseDate(date).WeekStart(time.Monday)
	if err := tx.Where("promise_id = ? AND week = ?", promiseID, week.String()).Delete(&PromiseWeek{}).Error; err != nil {
		return err
	}
	err := writeWeeks(tx, tallyRows(tx).Where("le.promise_id = ? AND le.date >= ? AND le.date <= ?",
		promiseID, week.String(), week.AddDays(6).String()))
	if err != nil {
		return err
	}
	if err := tx.Where("promise_id = ?", promiseID).Delete(&PromiseTally{}).Error; err != nil {
		return err
	}
	if err := tx.Exec(sumWeeks+"WHERE promise_id = ? GROUP BY promise_id", promiseID).Error; err != nil {
		return err
	}
	return setRuns(tx, promiseID, date)
}

// recomputeSpaceTallies sets the tallies of every promise of a space from
// their records.
func recomputeSpaceTallies(tx *gorm.DB, spaceID string) error {
	if err := tx.Exec(setReviewed+"WHERE space_id = ?", spaceID).Error; err != nil {
		return err
	}
	if err := tx.Where("space_id = ?", spaceID).Delete(&PromiseWeek{}).Error; err != nil {
		return err
	}
	if err := writeWeeks(tx, tallyRows(tx).Where("le.space_id = ?", spaceID)); err != nil {
		return err
	}
	if err := tx.Where("space_id = ?", spaceID).Delete(&PromiseTally{}).Error; err != nil {
		return err
	}
	if err := tx.Exec(sumWeeks+"WHERE space_id = ? GROUP BY promise_id", spaceID).Error; err != nil {
		return err
	}
	if err := allDueDays(tx, func(u []dueDaysUpdate) error { return writeDueDays(tx, u) }, "space_id = ?", spaceID); err != nil {
		return err
	}
	return allRuns(tx, func(u []runUpdate) error { return writeRuns(tx, u) }, "space_id = ?", spaceID)
}

// rebuildTallies computes every promise's tallies again from the records.
func rebuildTallies(tx *gorm.DB) error {
	if err := tx.Exec(setReviewed + "WHERE " + staleReview).Error; err != nil {
		return err
	}
	if err := tx.Exec("DELETE FROM promise_weeks").Error; err != nil {
		return err
	}
	if err := writeWeeks(tx, tallyRows(tx)); err != nil {
		return err
	}
	if err := tx.Exec("DELETE FROM promise_tallies").Error; err != nil {
		return err
	}
	if err := tx.Exec(sumWeeks + "GROUP BY promise_id").Error; err != nil {
		return err
	}
	if err := allDueDays(tx, func(u []dueDaysUpdate) error { return writeDueDays(tx, u) }, "1 = 1"); err != nil {
		return err
	}
	return allRuns(tx, func(u []runUpdate) error { return writeRuns(tx, u) }, "1 = 1")
}

// hasReview is whether the ledger entry (ledger_entries) has a review and
// reviewKindOf the kind of that review (NULL without one); setReviewed is the
// start of the statement that stores them in reviewed (the index of
// records waiting for a review, ledger_entries_to_review, holds those
// without) and review_kind (which the pages read with the record, from
// the index of a space's records by date, instead of a review per
// record); the entries it sets follow. staleReview selects the entries
// whose stored reviewed or review_kind is not what their review says.
const (
	hasReview    = "EXISTS (SELECT 1 FROM ledger_reviews r WHERE r.entry_id = ledger_entries.id)"
	reviewKindOf = "(SELECT r.kind FROM ledger_reviews r WHERE r.entry_id = ledger_entries.id)"
	setReviewed  = "UPDATE ledger_entries SET reviewed = " + hasReview + ", review_kind = " + reviewKindOf + " "
	staleReview  = "(reviewed <> " + hasReview + " OR review_kind IS DISTINCT FROM " + reviewKindOf + ")"
)

// StaleTallies lists the promises whose stored tallies (their total or a
// week of theirs) differ from what their records add up to now, or with a
// record whose reviewed flag or review kind differs from its reviews or whose run differs
// from what the records before it make it, or closed with due days other
// than its plan makes them: empty
// unless a write forgot its bookkeeping. For tests and repairs.
func (s *Store) StaleTallies(ctx context.Context) ([]string, error) {
	db := s.db.WithContext(ctx)
	fresh, err := addUpWeeks(tallyRows(db))
	if err != nil {
		return nil, err
	}
	weeks := map[[2]string]progress.Counts{}
	totals := map[string]progress.Counts{}
	for _, w := range fresh {
		weeks[[2]string{w.PromiseID, w.Week}] = w.Counts
		totals[w.PromiseID] = totals[w.PromiseID].Plus(w.Counts)
	}
	var storedWeeks []PromiseWeek
	var storedTotals []PromiseTally
	if err := db.Find(&storedWeeks).Error; err != nil {
		return nil, err
	}
	if err := db.Find(&storedTotals).Error; err != nil {
		return nil, err
	}
	stale := map[string]bool{}
	for _, w := range storedWeeks {
		k := [2]string{w.PromiseID, w.Week}
		stale[w.PromiseID] = stale[w.PromiseID] || weeks[k] != w.Counts
		delete(weeks, k)
	}
	for _, t := range storedTotals {
		stale[t.PromiseID] = stale[t.PromiseID] || totals[t.PromiseID] != t.Counts
		delete(totals, t.PromiseID)
	}
	// Records whose week or total is not stored at all.
	for k := range weeks {
		stale[k[0]] = true
	}
	for id := range totals {
		stale[id] = true
	}
	// Records whose reviewed flag or review kind is not what their reviews say.
	var unflagged []string
	if err := db.Table("ledger_entries").Where(staleReview).Distinct().Pluck("promise_id", &unflagged).Error; err != nil {
		return nil, err
	}
	for _, id := range unflagged {
		stale[id] = true
	}
	// Records whose run is not what their promise's records make it.
	err = allRuns(db, func(updates []runUpdate) error {
		for _, u := range updates {
			stale[u.promise] = true
		}
		return nil
	}, "1 = 1")
	if err != nil {
		return nil, err
	}
	// Closed promises whose due days are not what their plan makes them.
	err = allDueDays(db, func(updates []dueDaysUpdate) error {
		for _, u := range updates {
			stale[u.promise] = true
		}
		return nil
	}, "1 = 1")
	if err != nil {
		return nil, err
	}
	var out []string
	for id, bad := range stale {
		if bad {
			out = append(out, id)
		}
	}
	return out, nil
}

// PromiseWindow is how many days back, today included, the list of
// promises reads records: the last four weeks of the rates, the days that
// can still be recorded, and a week to spare for a partner's other zone.
// What came before is read from the promises' tallies, and, for a run of
// kept days that reaches further back, a step of RunStep days at a time.
const (
	PromiseWindow = 36
	RunStep       = 120
)

// PromisesSince returns every promise of the acting member's space with
// its plan, its effective records dated from on (RecordsFrom) and its
// tally (Totals), in six queries whatever the history: what the list of
// promises computes rates from (see progress.SummarizeFrom). A guest reads
// no tallies.
func (s *Store) PromisesSince(ctx context.Context, sc Scope, from progress.Date) ([]*Tracked, error) {
	list, _, err := s.promisesSince(ctx, sc, from, progress.NoDate, 0)
	return list, err
}

// promisesSince is PromisesSince leaving out the promises closed before
// active (NoDate: none left out) but for the older most recently closed.
func (s *Store) promisesSince(ctx context.Context, sc Scope, from, active progress.Date, older int) ([]*Tracked, map[string]Earlier, error) {
	list, err := s.activePromises(ctx, sc, active, older, from, progress.NoDate)
	if err != nil || len(list) == 0 {
		return list, nil, err
	}
	// The tally of every promise the member sees, in one query: those of
	// the promises left out, closed before active, are added up by author.
	v := sc.viewer()
	rows, err := s.db.WithContext(ctx).Table("promises p").
		Select("p.id, p.author_id, p.closed_on, p.due_days, t.confirmed, t.unconfirmed, t.disputed, t.missed").
		Joins("LEFT JOIN promise_tallies t ON t.promise_id = p.id").
		Scopes(named(v.tallyCond("p"), v.args())).Rows()
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	byID := make(map[string]*Tracked, len(list))
	for _, t := range list {
		t.RecordsFrom = from
		byID[t.ID] = t
	}
	earlier := map[string]Earlier{}
	for rows.Next() {
		var id, author string
		var closed *string
		var due, confirmed, unconfirmed, disputed, missed *int
		if err := rows.Scan(&id, &author, &closed, &due, &confirmed, &unconfirmed, &disputed, &missed); err != nil {
			return nil, nil, err
		}
		c := progress.Counts{Confirmed: orZero(confirmed), Unconfirmed: orZero(unconfirmed), Disputed: orZero(disputed), Missed: orZero(missed)}
		if t := byID[id]; t != nil {
			t.Totals = c
			continue
		}
		if closed == nil || active == progress.NoDate || *closed >= active.String() {
			continue // not left out by activePromises: visible since
		}
		e := earlier[author]
		e.add(orZero(due), c, parseDate(*closed))
		earlier[author] = e
	}
	return list, earlier, rows.Err()
}

// orZero is *n, or 0 for a column that is NULL.
func orZero(n *int) int {
	if n == nil {
		return 0
	}
	return *n
}

// ExtendRecords reads, for each promise of list (loaded by PromisesSince),
// its records dated from[i] up to the day before its RecordsFrom, in one
// query, and sets its RecordsFrom to from[i].
func (s *Store) ExtendRecords(ctx context.Context, sc Scope, list []*Tracked, from []progress.Date) error {
	var ranges []string
	var args []any
	extended := map[string]int{} // index in list, by promise
	for i, t := range list {
		if t.RecordsFrom != progress.NoDate && t.RecordsFrom > from[i] {
			ranges = append(ranges, "(promise_id = ? AND date >= ? AND date < ?)")
			args = append(args, t.ID, from[i].String(), t.RecordsFrom.String())
			extended[t.ID] = i
		}
	}
	if len(ranges) == 0 {
		return nil
	}
	if sc.viewer().Kind != ViewerMember {
		return ErrNotFound // a guest's promises are read over its range alone
	}
	// The ranges alone make the condition: each reads its promise's index
	// (promise_id, date). A condition on the space besides made SQLite
	// read the space's index instead, every record of the space before the
	// latest range (a year of every promise, to return a few). The space
	// is checked on the rows read: the promises come from a read of the
	// space, and a record is in its promise's space.
	rows, err := s.db.WithContext(ctx).Table("ledger_entries").
		Select("space_id, promise_id, date, outcome, review_kind").
		Where(strings.Join(ranges, " OR "), args...).
		Order("date").Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	older := map[string][]progress.Record{}
	var r recordRow
	var space string
	for rows.Next() {
		if err := rows.Scan(&space, &r.PromiseID, &r.Date, &r.Outcome, &r.Review); err != nil {
			return err
		}
		if space != sc.SpaceID {
			return fmt.Errorf("store: a record of promise %s is in another space", r.PromiseID)
		}
		older[r.PromiseID] = append(older[r.PromiseID], record(r.Date, r.Outcome, r.Review))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for id, i := range extended {
		list[i].Records = append(older[id], list[i].Records...)
		list[i].RecordsFrom = from[i]
		list[i].RunFrom = progress.NoDate // it was of the records before the old RecordsFrom
	}
	return nil
}

// RunsBefore sets, for each promise of list (loaded by PromisesSince), its
// RunFrom: where the run of kept days ending on its last due date before
// RecordsFrom began, from that day's record (ledger_entries.run_from), in
// one query of a row per promise; RecordsFrom itself when that day is not
// recorded kept and undisputed.
func (s *Store) RunsBefore(ctx context.Context, sc Scope, list []*Tracked) error {
	var ranges []string
	var args []any
	byID := map[string]*Tracked{}
	for _, t := range list {
		if t.RecordsFrom == progress.NoDate {
			continue
		}
		t.RunFrom = t.RecordsFrom
		if d := t.Plan.DueBefore(t.RecordsFrom); d != progress.NoDate {
			ranges = append(ranges, "(promise_id = ? AND date = ?)")
			args = append(args, t.ID, d.String())
			byID[t.ID] = t
		}
	}
	if len(ranges) == 0 {
		return nil
	}
	if sc.viewer().Kind != ViewerMember {
		return ErrNotFound // a guest's promises are read over its range alone
	}
	// Each range is one row of the index (promise_id, date); the space is
	// checked on the rows read, as in ExtendRecords.
	rows, err := s.db.WithContext(ctx).Table("ledger_entries").Select("space_id, promise_id, run_from").
		Where(strings.Join(ranges, " OR "), args...).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	var space, promise string
	var from *string
	for rows.Next() {
		if err := rows.Scan(&space, &promise, &from); err != nil {
			return err
		}
		if space != sc.SpaceID {
			return fmt.Errorf("store: a record of promise %s is in another space", promise)
		}
		if t := byID[promise]; t != nil && from != nil {
			t.RunFrom = parseDate(*from)
		}
	}
	return rows.Err()
}

// RatesOf are the rates of each promise of list (from PromisesSince) as
// of its author's today at now, in its order: a run of kept days that
// reaches back past the records loaded goes on as far as the run of the
// record before them (RunsBefore). Should that not settle it, RunStep days
// more are read (or the four weeks before its last due date, for one that
// ended long ago) until the run breaks.
func (s *Store) RatesOf(ctx context.Context, sc Scope, list []*Tracked, now time.Time) ([]progress.Rates, error) {
	out := make([]progress.Rates, len(list))
	pending := make([]int, len(list))
	for i := range list {
		pending[i] = i
	}
	for round := 0; len(pending) > 0; round++ {
		var reaching, short []*Tracked
		var from []progress.Date
		var again []int
		for _, i := range pending {
			t := list[i]
			r, complete := t.Rates(t.Today(now))
			out[i] = r
			if complete {
				continue
			}
			again = append(again, i)
			// First the run of the record on the due date before the
			// records loaded.
			if round == 0 && t.RunFrom == progress.NoDate {
				reaching = append(reaching, t)
				continue
			}
			// Then RunStep days more; for a promise with no due date in
			// them (one that ended long ago), the four weeks before its last.
			f := t.RecordsFrom.AddDays(-RunStep)
			if due := t.Plan.Occurrences(t.Start(), t.RecordsFrom.AddDays(-1)); len(due) > 0 && due[len(due)-1] < f {
				f = due[len(due)-1].AddDays(-27)
			}
			short, from = append(short, t), append(from, f)
		}
		if err := s.RunsBefore(ctx, sc, reaching); err != nil {
			return nil, err
		}
		if len(short) > 0 {
			if err := s.ExtendRecords(ctx, sc, short, from); err != nil {
				return nil, err
			}
		}
		pending = again
	}
	return out, nil
}

// PromiseWeeks are the weekly tallies (promise_weeks) of the weeks from..to
// (Mondays, inclusive) of the promises the acting member sees, by promise
// and week: what a chart of many weeks reads instead of their records. A
// guest reads none.
func (s *Store) PromiseWeeks(ctx context.Context, sc Scope, from, to progress.Date) (map[string]map[progress.Date]progress.Counts, error) {
	v := sc.viewer()
	// A dashboard reads a dozen weeks of each of its promises: from the
	// index of the space's weeks, which holds every column read, with the
	// promises the member sees read once (not a promise looked up per
	// week); scanned column by column, not through reflection, which cost
	// more than the query itself.
	rows, err := s.raw(ctx, namedSQL{`SELECT w.promise_id, w.week, w.confirmed, w.unconfirmed, w.disputed, w.missed
		FROM promise_weeks w WHERE w.space_id = @space AND w.week >= @from AND w.week <= @to
		AND w.promise_id IN (SELECT p.id FROM promises p WHERE ` + v.tallyCond("p") + `)`,
		append(v.args(), sql.Named("from", from.String()), sql.Named("to", to.String()))}).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]map[progress.Date]progress.Counts{}
	var promise, week string
	var c progress.Counts
	for rows.Next() {
		if err := rows.Scan(&promise, &week, &c.Confirmed, &c.Unconfirmed, &c.Disputed, &c.Missed); err != nil {
			return nil, err
		}
		if out[promise] == nil {
			out[promise] = map[progress.Date]progress.Counts{}
		}
		out[promise][parseDate(week)] = c
	}
	return out, rows.Err()
}
