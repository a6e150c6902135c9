package store

import (
	"context"

	"gorm.io/gorm"

	"mend/internal/progress"
)

// A promise's tally (promise_tallies) is what its records add up to:
// recomputed from the promise's own rows in the same transaction as every
// write of a record or of what the partner said of one, so that a rate
// since the start reads one row per promise, not every day of its history.

// PromiseTally is one promise's row of promise_tallies.
type PromiseTally struct {
	PromiseID   string `gorm:"primaryKey"`
	SpaceID     string
	Confirmed   int
	Unconfirmed int
	Disputed    int
	Missed      int
}

// Counts are the tally as package progress adds it up.
func (t PromiseTally) Counts() progress.Counts {
	return progress.Counts{Confirmed: t.Confirmed, Unconfirmed: t.Unconfirmed, Disputed: t.Disputed, Missed: t.Missed}
}

// tallySelect adds up the records of the ledger entries le with their
// reviews r, per promise, into promise_tallies' columns.
const tallySelect = `SELECT le.promise_id, MIN(le.space_id),
	SUM(CASE WHEN le.outcome = 'kept' AND r.kind = 'confirm' THEN 1 ELSE 0 END),
	SUM(CASE WHEN le.outcome = 'kept' AND r.kind IS NULL THEN 1 ELSE 0 END),
	SUM(CASE WHEN le.outcome = 'kept' AND r.kind = 'dispute' THEN 1 ELSE 0 END),
	SUM(CASE WHEN le.outcome = 'missed' THEN 1 ELSE 0 END)
	FROM ledger_entries le LEFT JOIN ledger_reviews r ON r.entry_id = le.id`

const tallyInsert = "INSERT INTO promise_tallies (promise_id, space_id, confirmed, unconfirmed, disputed, missed) "

// recomputeTally sets the tally of one promise from its records, inside the
// transaction of the write that changed them: the writer's bookkeeping of
// its own rows, not a read for anyone to see.
func recomputeTally(tx *gorm.DB, promiseID string) error {
	if err := tx.Where("promise_id = ?", promiseID).Delete(&PromiseTally{}).Error; err != nil {
		return err
	}
	return tx.Exec(tallyInsert+tallySelect+" WHERE le.promise_id = ? GROUP BY le.promise_id", promiseID).Error
}

// recomputeSpaceTallies sets the tally of every promise of a space from its
// records, as recomputeTally does for one.
func recomputeSpaceTallies(tx *gorm.DB, spaceID string) error {
	if err := tx.Where("space_id = ?", spaceID).Delete(&PromiseTally{}).Error; err != nil {
		return err
	}
	return tx.Exec(tallyInsert+tallySelect+" WHERE le.space_id = ? GROUP BY le.promise_id", spaceID).Error
}

// rebuildTallies computes every promise's tally again from the records.
func rebuildTallies(tx *gorm.DB) error {
	if err := tx.Exec("DELETE FROM promise_tallies").Error; err != nil {
		return err
	}
	return tx.Exec(tallyInsert + tallySelect + " GROUP BY le.promise_id").Error
}

// StaleTallies lists the promises whose stored tally differs from what
// their records add up to now (a missing row counts as all zeros): empty
// unless a write forgot its bookkeeping. For tests and `mend
// rebuild-aggregates --check`.
func (s *Store) StaleTallies(ctx context.Context) ([]string, error) {
	var stored, fresh []PromiseTally
	db := s.db.WithContext(ctx)
	if err := db.Find(&stored).Error; err != nil {
		return nil, err
	}
	err := db.Raw(`SELECT le.promise_id AS promise_id, MIN(le.space_id) AS space_id,
	SUM(CASE WHEN le.outcome = 'kept' AND r.kind = 'confirm' THEN 1 ELSE 0 END) AS confirmed,
	SUM(CASE WHEN le.outcome = 'kept' AND r.kind IS NULL THEN 1 ELSE 0 END) AS unconfirmed,
	SUM(CASE WHEN le.outcome = 'kept' AND r.kind = 'dispute' THEN 1 ELSE 0 END) AS disputed,
	SUM(CASE WHEN le.outcome = 'missed' THEN 1 ELSE 0 END) AS missed
	FROM ledger_entries le LEFT JOIN ledger_reviews r ON r.entry_id = le.id GROUP BY le.promise_id`).Scan(&fresh).Error
	if err != nil {
		return nil, err
	}
	want := map[string]PromiseTally{}
	for _, t := range fresh {
		want[t.PromiseID] = t
	}
	var stale []string
	for _, t := range stored {
		if w, ok := want[t.PromiseID]; !ok && t.Counts() != (progress.Counts{}) || ok && w != t {
			stale = append(stale, t.PromiseID)
		}
		delete(want, t.PromiseID)
	}
	for id, w := range want {
		if w.Counts() != (progress.Counts{}) {
			stale = append(stale, id)
		}
	}
	return stale, nil
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
// tally (Totals), in seven queries whatever the history: what the list of
// promises computes rates from (see progress.SummarizeFrom). A guest reads
// no tallies.
func (s *Store) PromisesSince(ctx context.Context, sc Scope, from progress.Date) ([]*Tracked, error) {
	list, err := s.SpacePromises(ctx, sc, from, progress.NoDate)
	if err != nil || len(list) == 0 {
		return list, err
	}
	v := sc.viewer()
	var tallies []PromiseTally
	err = s.db.WithContext(ctx).Table("promise_tallies t").Select("t.*").Joins("JOIN promises p ON p.id = t.promise_id").
		Scopes(named(v.tallyCond("p"), v.args())).Scan(&tallies).Error
	if err != nil {
		return nil, err
	}
	byID := make(map[string]PromiseTally, len(tallies))
	for _, t := range tallies {
		byID[t.PromiseID] = t
	}
	for _, t := range list {
		t.RecordsFrom = from
		t.Totals = byID[t.ID].Counts()
	}
	return list, nil
}

// ExtendRecords reads, for the promises of list (loaded by PromisesSince),
// their records dated from up to the day before their RecordsFrom, in one
// query, and sets RecordsFrom to from.
func (s *Store) ExtendRecords(ctx context.Context, sc Scope, list []*Tracked, from progress.Date) error {
	var ids []string
	before := progress.NoDate
	byID := map[string]*Tracked{}
	for _, t := range list {
		if t.RecordsFrom != progress.NoDate && t.RecordsFrom > from {
			ids = append(ids, t.ID)
			byID[t.ID] = t
			before = max(before, t.RecordsFrom)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	if sc.viewer().Kind != ViewerMember {
		return ErrNotFound // a guest's promises are read over its range alone
	}
	rows, err := s.db.WithContext(ctx).Table("ledger_entries").
		Select("ledger_entries.promise_id, ledger_entries.date, ledger_entries.outcome, ledger_reviews.kind AS review").
		Joins("LEFT JOIN ledger_reviews ON ledger_reviews.entry_id = ledger_entries.id").
		Where("ledger_entries.space_id = ? AND ledger_entries.promise_id IN ? AND ledger_entries.date >= ? AND ledger_entries.date < ?",
			sc.SpaceID, ids, from.String(), before.String()).
		Order("ledger_entries.date").Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	older := map[string][]progress.Record{}
	var r recordRow
	for rows.Next() {
		if err := rows.Scan(&r.PromiseID, &r.Date, &r.Outcome, &r.Review); err != nil {
			return err
		}
		t := byID[r.PromiseID]
		if d := parseDate(r.Date); t != nil && d < t.RecordsFrom {
			older[r.PromiseID] = append(older[r.PromiseID], record(r.Date, r.Outcome, r.Review))
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for id, t := range byID {
		t.Records = append(older[id], t.Records...)
		t.RecordsFrom = from
	}
	return nil
}
