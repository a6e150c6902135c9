package store

import (
	"context"
	"database/sql"
	"slices"

	"gorm.io/gorm"

	"mend/internal/progress"
)

// A promise closed long ago no longer changes but for what its partner
// says of its last records: its plan is fixed when it is closed, and so is
// how many days it was due (promises.due_days). The list of promises
// loads the promises open or closed within its days, and a few of those
// closed before; the others it adds up, per author, from their due days
// and tallies (RecentPromises), however many there are.

// dueDays is how many days plan is due from its start to the day before
// closed.
func dueDays(plan progress.Plan, closed progress.Date) int {
	if len(plan.Versions) == 0 {
		return 0
	}
	return len(plan.Occurrences(plan.Versions[0].From, closed.AddDays(-1)))
}

// RecentPromises is PromisesSince leaving out the promises closed before
// from, but for the older most recently closed of them: what the list of
// promises loads whatever the number of promises closed long ago. What
// those left out add up to comes with them, by author, from the same
// queries.
func (s *Store) RecentPromises(ctx context.Context, sc Scope, from progress.Date, older int) ([]*Tracked, map[string]Earlier, error) {
	return s.promisesSince(ctx, sc, from, from, older)
}

// Earlier is what one author's promises closed before some day add up to.
type Earlier struct {
	Promises int
	// LastDue is a day on or after the last day any of them was due (the
	// day before the last closing): their days can lengthen or break a
	// run across promises only if that run's last break is not after it.
	LastDue progress.Date
	progress.Tally
}

// add counts a promise closed on closed, due on due days, whose records add up to c.
func (e *Earlier) add(due int, c progress.Counts, closed progress.Date) {
	e.Promises++
	e.LastDue = max(e.LastDue, closed.AddDays(-1))
	e.Tally = progress.Combine(e.Tally, progress.Tally{Due: due, Confirmed: c.Confirmed, Unconfirmed: c.Unconfirmed,
		Disputed: c.Disputed, Missed: c.Missed, NotRecorded: max(0, due-c.Confirmed-c.Unconfirmed-c.Disputed-c.Missed)})
}

// dueDaysUpdate is a closed promise whose stored due days are not what its plan makes them.
type dueDaysUpdate struct {
	promise string
	days    int
}

// allDueDays compares the due days of every closed promise where cond
// holds (on promises) with what its plan makes them, a few hundred
// promises at a time, and gives what differs to f.
func allDueDays(tx *gorm.DB, f func([]dueDaysUpdate) error, cond string, args ...any) error {
	var closed []Promise
	if err := tx.Table("promises").Select("id, closed_on, due_days").Where(cond, args...).
		Where("closed_on IS NOT NULL").Order("id").Scan(&closed).Error; err != nil {
		return err
	}
	for chunk := range slices.Chunk(closed, 200) {
		chunkIDs := make([]string, len(chunk))
		for i, p := range chunk {
			chunkIDs[i] = p.ID
		}
		plans, err := runPlans(tx, "promise_id IN ?", chunkIDs)
		if err != nil {
			return err
		}
		var updates []dueDaysUpdate
		for _, p := range chunk {
			want := dueDays(plans[p.ID], parseDate(*p.ClosedOn))
			if p.DueDays == nil || *p.DueDays != want {
				updates = append(updates, dueDaysUpdate{promise: p.ID, days: want})
			}
		}
		if err := f(updates); err != nil {
			return err
		}
	}
	return nil
}

// writeDueDays stores the due days of updates.
func writeDueDays(tx *gorm.DB, updates []dueDaysUpdate) error {
	for _, u := range updates {
		if err := tx.Exec("UPDATE promises SET due_days = @days WHERE id = @id",
			sql.Named("days", u.days), sql.Named("id", u.promise)).Error; err != nil {
			return err
		}
	}
	return nil
}
