package store

import (
	"slices"

	"gorm.io/gorm"

	"mend/internal/progress"
)

// A record's run (ledger_entries.run_from) is where the run of kept days
// ending on it began (see progress.Runs), NULL for a record that is not
// kept or is disputed. The writer keeps it in the transaction of every
// write of a record or of a review (recomputeTally), so that a run reaching
// back past the days a page loads is known from one record (RunsBefore).

// runPlans loads the plans that place the records of the promises where
// cond holds (on promise_versions and promise_pauses, which both have
// promise_id and space_id): their versions and pauses, by promise.
func runPlans(tx *gorm.DB, cond string, args ...any) (map[string]progress.Plan, error) {
	var versions []PromiseVersion
	if err := tx.Table("promise_versions").Select("promise_id, seq, from_date, kind, due, weekdays, start_date, end_date").
		Where(cond, args...).Order("promise_id, seq").Scan(&versions).Error; err != nil {
		return nil, err
	}
	var pauses []PromisePause
	if err := tx.Table("promise_pauses").Select("promise_id, from_date, to_date").
		Where(cond, args...).Order("from_date, created_at").Scan(&pauses).Error; err != nil {
		return nil, err
	}
	byID := map[string]*Tracked{}
	for _, v := range versions {
		t := byID[v.PromiseID]
		if t == nil {
			t = &Tracked{}
			byID[v.PromiseID] = t
		}
		t.Agreed = append(t.Agreed, v)
	}
	for _, p := range pauses {
		if t := byID[p.PromiseID]; t != nil {
			t.Pauses = append(t.Pauses, p)
		}
	}
	plans := make(map[string]progress.Plan, len(byID))
	for id, t := range byID {
		t.build()
		plans[id] = t.Plan
	}
	return plans, nil
}

// runRow is a record with its stored run.
type runRow struct {
	ID, PromiseID, Date, Outcome string
	Kind, RunFrom                *string
}

// runRows selects the records of promises with their reviews and runs,
// by promise and date.
func runRows(tx *gorm.DB) *gorm.DB {
	return tx.Table("ledger_entries le").Joins("LEFT JOIN ledger_reviews r ON r.entry_id = le.id").
		Select("le.id, le.promise_id, le.date, le.outcome, r.kind, le.run_from").Order("le.promise_id, le.date")
}

// runUpdate is a record whose stored run is not what its promise's records make it.
type runUpdate struct {
	id, promise string
	run         *string
}

// staleRuns compares the runs of rows (one promise's, by date, after the
// record dated after whose run began on run) with what plan makes them.
func staleRuns(plan progress.Plan, after, run progress.Date, rows []runRow) []runUpdate {
	recs := make([]progress.Record, len(rows))
	for i, r := range rows {
		recs[i] = record(r.Date, r.Outcome, r.Kind)
	}
	var out []runUpdate
	for i, want := range progress.Runs(plan, after, run, recs) {
		var w *string
		if want != progress.NoDate {
			s := want.String()
			w = &s
		}
		if (w == nil) != (rows[i].RunFrom == nil) || w != nil && *w != *rows[i].RunFrom {
			out = append(out, runUpdate{id: rows[i].ID, promise: rows[i].PromiseID, run: w})
		}
	}
	return out
}

// writeRuns stores the runs of updates, a few hundred records a statement.
func writeRuns(tx *gorm.DB, updates []runUpdate) error {
	for chunk := range slices.Chunk(updates, 300) {
		sql := "UPDATE ledger_entries SET run_from = CASE id"
		args := make([]any, 0, 3*len(chunk))
		ids := make([]string, len(chunk))
		for i, u := range chunk {
			sql += " WHEN ? THEN ?"
			args = append(args, u.id, u.run)
			ids[i] = u.id
		}
		args = append(args, ids)
		if err := tx.Exec(sql+" END WHERE id IN ?", args...).Error; err != nil {
			return err
		}
	}
	return nil
}

// setRuns brings the runs of one promise's records up to date after a
// write of its record dated date, or of the review of that record: the
// runs of it and of the records after it, which continue from the record
// on the due date before it, whose run stands.
func setRuns(tx *gorm.DB, promiseID, date string) error {
	plans, err := runPlans(tx, "promise_id = ?", promiseID)
	if err != nil {
		return err
	}
	plan := plans[promiseID]
	d := parseDate(date)
	from := d
	if before := plan.DueBefore(d); before != progress.NoDate {
		from = before
	}
	var rows []runRow
	if err := runRows(tx).Where("le.promise_id = ? AND le.date >= ?", promiseID, from.String()).Scan(&rows).Error; err != nil {
		return err
	}
	after, run := progress.NoDate, progress.NoDate
	if len(rows) > 0 && rows[0].Date < date {
		after = parseDate(rows[0].Date)
		if rows[0].RunFrom != nil {
			run = parseDate(*rows[0].RunFrom)
		}
		rows = rows[1:]
	}
	return writeRuns(tx, staleRuns(plan, after, run, rows))
}

// allRuns compares the runs of every record of the promises where cond
// holds (on promises) with what their records make them, a few hundred
// promises at a time, and gives what differs to f.
func allRuns(tx *gorm.DB, f func([]runUpdate) error, cond string, args ...any) error {
	var ids []string
	if err := tx.Table("promises").Where(cond, args...).Order("id").Pluck("id", &ids).Error; err != nil {
		return err
	}
	for chunk := range slices.Chunk(ids, 200) {
		plans, err := runPlans(tx, "promise_id IN ?", chunk)
		if err != nil {
			return err
		}
		var rows []runRow
		if err := runRows(tx).Where("le.promise_id IN ?", chunk).Scan(&rows).Error; err != nil {
			return err
		}
		var updates []runUpdate
		for len(rows) > 0 {
			n := 1
			for n < len(rows) && rows[n].PromiseID == rows[0].PromiseID {
				n++
			}
			updates = append(updates, staleRuns(plans[rows[0].PromiseID], progress.NoDate, progress.NoDate, rows[:n])...)
			rows = rows[n:]
		}
		if err := f(updates); err != nil {
			return err
		}
	}
	return nil
}
