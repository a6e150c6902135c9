package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"mend/internal/progress"
	"mend/internal/seed"
	"mend/internal/store"
)

// TestPromiseTallies: recording days, confirming, disputing, changing and
// correcting records and reviews, and the reviewer's account being
// deleted each leave the promise's stored tally equal to what its records
// add up to; StaleTallies finds a tally put out of step, and
// RebuildAggregates repairs it; and the rates the list of promises
// computes from its window and the tallies are those from every record.
func TestPromiseTallies(t *testing.T) {
	ctx := context.Background()
	s, a, b := couple(t)
	today := progress.Today(now, time.UTC)
	start := today.AddDays(-10)
	p, err := s.CreatePromise(ctx, a, "", false, store.Terms{Title: "Daily", Schedule: progress.Schedule{
		Kind: progress.KindDaily, Start: today, Due: progress.NoDate, End: progress.NoDate}})
	if err != nil {
		t.Fatal(err)
	}
	// Made ten days ago, to record the days since.
	if err := s.DB().Exec("UPDATE promise_versions SET from_date = ?, start_date = ? WHERE promise_id = ?", start.String(), start.String(), p.ID).Error; err != nil {
		t.Fatal(err)
	}
	tally := func(when string, want store.PromiseTally) {
		t.Helper()
		var got store.PromiseTally
		s.DB().Where("promise_id = ?", p.ID).Take(&got)
		want.PromiseID, want.SpaceID = p.ID, a.SpaceID
		if got != want {
			t.Fatalf("%s: tally %+v, want %+v", when, got, want)
		}
		if stale, err := s.StaleTallies(ctx); err != nil || len(stale) > 0 {
			t.Fatalf("%s: stale tallies %v, %v", when, stale, err)
		}
	}
	// The partner's records wait for b's review until reviewed, and again
	// once a correction sets the review aside.
	waiting := func(when string, want int64) {
		t.Helper()
		n, err := s.WaitingCount(ctx, b, today, today.WeekStart(time.Monday))
		if err != nil || n != want {
			t.Fatalf("%s: %d waiting for a review (%v), want %d", when, n, err, want)
		}
	}
	var ids []string
	for i, outcome := range []string{store.OutcomeKept, store.OutcomeKept, store.OutcomeKept, store.OutcomeMissed} {
		e, err := s.RecordOccurrence(ctx, a, p.ID, today.AddDays(-i-1), outcome, "")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.ID)
	}
	tally("recorded", store.PromiseTally{Counts: progress.Counts{Unconfirmed: 3, Missed: 1}})
	waiting("recorded", 4)
	// Where the run ending on each record began (ids[i] is today-i-1).
	runs := func(when string, want ...string) {
		t.Helper()
		for i, id := range ids {
			var got []*string
			s.DB().Table("ledger_entries").Where("id = ?", id).Pluck("run_from", &got)
			g := ""
			if len(got) == 1 && got[0] != nil {
				g = *got[0]
			}
			if g != want[i] {
				t.Fatalf("%s: run of %s from %q, want %q", when, today.AddDays(-i-1), g, want[i])
			}
		}
	}
	day := func(n int) string { return today.AddDays(-n).String() }
	// The review of each record as the pages read it (with the record, from
	// review_kind), and as ledger_reviews holds it.
	reviews := func(when string, want ...progress.Review) {
		t.Helper()
		list, err := s.SpacePromises(ctx, a, progress.NoDate, progress.NoDate)
		if err != nil || len(list) != 1 {
			t.Fatalf("%s: SpacePromises: %d, %v", when, len(list), err)
		}
		got := map[progress.Date]progress.Review{}
		for _, r := range list[0].Records {
			got[r.Date] = r.Review
		}
		for i := range ids {
			if g := got[today.AddDays(-i-1)]; g != want[i] {
				t.Fatalf("%s: review of %s read as %d, want %d", when, day(i+1), g, want[i])
			}
		}
	}
	runs("recorded", day(3), day(3), day(3), "")
	reviews("recorded", progress.Unreviewed, progress.Unreviewed, progress.Unreviewed, progress.Unreviewed)
	if _, err := s.ReviewEntry(ctx, b, ids[0], store.ReviewConfirm, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReviewEntry(ctx, b, ids[1], store.ReviewDispute, "I saw otherwise"); err != nil {
		t.Fatal(err)
	}
	tally("reviewed", store.PromiseTally{Counts: progress.Counts{Confirmed: 1, Unconfirmed: 1, Disputed: 1, Missed: 1}})
	waiting("reviewed", 2)
	runs("reviewed", day(1), "", day(3), "")
	reviews("reviewed", progress.Confirmed, progress.Disputed, progress.Unreviewed, progress.Unreviewed)
	if _, err := s.ChangeReview(ctx, b, ids[1], 0, store.ReviewConfirm, ""); err != nil {
		t.Fatal(err)
	}
	tally("review changed", store.PromiseTally{Counts: progress.Counts{Confirmed: 2, Unconfirmed: 1, Missed: 1}})
	runs("review changed", day(3), day(3), day(3), "")
	reviews("review changed", progress.Confirmed, progress.Confirmed, progress.Unreviewed, progress.Unreviewed)
	if _, err := s.ChangeRecord(ctx, a, ids[3], 0, store.OutcomeKept, "I did, after all"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ChangeRecord(ctx, a, ids[0], 0, store.OutcomeMissed, "no"); err != nil {
		t.Fatal(err) // corrects a reviewed record: the review is set aside
	}
	tally("records changed", store.PromiseTally{Counts: progress.Counts{Confirmed: 1, Unconfirmed: 2, Missed: 1}})
	waiting("records changed", 3)
	runs("records changed", "", day(4), day(4), day(4))
	reviews("records changed", progress.Unreviewed, progress.Confirmed, progress.Unreviewed, progress.Unreviewed)

	// The rates of the list, from the window and the tally, are those of
	// every record, also from a window that leaves the older days out.
	full, err := s.SpacePromises(ctx, a, progress.NoDate, progress.NoDate)
	if err != nil || len(full) != 1 {
		t.Fatalf("SpacePromises: %d, %v", len(full), err)
	}
	want := progress.Summarize(full[0].Plan, full[0].Records, today)
	for _, from := range []progress.Date{today.AddDays(-35), today.AddDays(-2), today} {
		list, err := s.PromisesSince(ctx, a, from)
		if err != nil || len(list) != 1 {
			t.Fatalf("PromisesSince: %d, %v", len(list), err)
		}
		for {
			got, complete := list[0].Rates(today)
			if got.SinceStart != want.SinceStart {
				t.Fatalf("from %s: since the start %+v, want %+v", from, got.SinceStart, want.SinceStart)
			}
			if complete {
				if got.Run != want.Run || (from <= today.AddDays(-27) && got.Last4Weeks != want.Last4Weeks) {
					t.Fatalf("from %s: %+v, want %+v", from, got, want)
				}
				break
			}
			if err := s.ExtendRecords(ctx, a, list, []progress.Date{list[0].RecordsFrom.AddDays(-1)}); err != nil {
				t.Fatal(err)
			}
		}
	}

	// What a write forgot is found (StaleTallies), and the rebuild mends it.
	outOfStep := func(what, sql string, args ...any) {
		t.Helper()
		if err := s.DB().Exec(sql, args...).Error; err != nil {
			t.Fatal(err)
		}
		if stale, err := s.StaleTallies(ctx); err != nil || len(stale) != 1 || stale[0] != p.ID {
			t.Fatalf("%s out of step: found %v, %v", what, stale, err)
		}
		if err := s.RebuildAggregates(ctx); err != nil {
			t.Fatal(err)
		}
	}
	// A record flagged as reviewed when it is not (or the other way), a
	// record's review kind, a record's run and a tally.
	outOfStep("a reviewed flag", "UPDATE ledger_entries SET reviewed = NOT reviewed WHERE id = ?", ids[2])
	waiting("flag rebuilt", 3)
	// A review kind stored with a record that differs from its review, and
	// one stored with a record that has none.
	outOfStep("a review kind", "UPDATE ledger_entries SET review_kind = ? WHERE id = ?", store.ReviewDispute, ids[1])
	outOfStep("a review kind without a review", "UPDATE ledger_entries SET review_kind = ? WHERE id = ?", store.ReviewConfirm, ids[2])
	reviews("review kinds rebuilt", progress.Unreviewed, progress.Confirmed, progress.Unreviewed, progress.Unreviewed)
	outOfStep("a run", "UPDATE ledger_entries SET run_from = NULL WHERE id = ?", ids[1])
	runs("run rebuilt", "", day(4), day(4), day(4))
	outOfStep("a tally", "UPDATE promise_tallies SET confirmed = confirmed + 1")
	tally("rebuilt", store.PromiseTally{Counts: progress.Counts{Confirmed: 1, Unconfirmed: 2, Missed: 1}})

	// The reviewer's account goes, and their confirmation with it.
	if err := s.DeleteAccount(ctx, b.UserID); err != nil {
		t.Fatal(err)
	}
	tally("reviewer deleted", store.PromiseTally{Counts: progress.Counts{Unconfirmed: 3, Missed: 1}})
}

// TestPromiseWeeksRule: the weekly tallies of a private intention are its
// author's alone; a partner reads those of shared promises, a guest none.
func TestPromiseWeeksRule(t *testing.T) {
	ctx := context.Background()
	s, a, b := couple(t)
	today := progress.Today(now, time.UTC)
	terms := store.Terms{Title: "Daily", Schedule: progress.Schedule{Kind: progress.KindDaily, Start: today, Due: progress.NoDate, End: progress.NoDate}}
	shared, err := s.CreatePromise(ctx, a, "", false, terms)
	if err != nil {
		t.Fatal(err)
	}
	private, err := s.CreatePromise(ctx, a, "", true, terms)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []*store.Promise{shared, private} {
		if _, err := s.RecordOccurrence(ctx, a, p.ID, today, store.OutcomeKept, ""); err != nil {
			t.Fatal(err)
		}
	}
	week := today.WeekStart(time.Monday)
	guest := store.Scope{SpaceID: a.SpaceID, Since: b.Since, Viewer: store.ViewerGuest,
		Guest: &store.Guest{Shows: []string{"promises"}, From: week, To: today, FromAt: week.Time(time.UTC), Until: now.Add(time.Hour)}}
	for _, c := range []struct {
		name string
		sc   store.Scope
		want []string
	}{{"author", a, []string{shared.ID, private.ID}}, {"partner", b, []string{shared.ID}}, {"guest", guest, nil}} {
		got, err := s.PromiseWeeks(ctx, c.sc, week, week)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(c.want) {
			t.Errorf("%s reads the weeks of %d promises, want %d", c.name, len(got), len(c.want))
		}
		for _, id := range c.want {
			if got[id][week] != (progress.Counts{Unconfirmed: 1}) {
				t.Errorf("%s: week of %s is %+v", c.name, id, got[id][week])
			}
		}
	}
}

// TestRatesOfSeededHistory: over seeded couples of three years (promises
// made, renegotiated, paused, closed long ago), the rates the list of
// promises computes from 36 days of records, the tallies and the run of
// the record before them (RunsBefore) are those Summarize computes from
// every record, for each member; and the tallies and the records' runs the
// seed wrote equal their recomputation.
func TestRatesOfSeededHistory(t *testing.T) {
	ctx := context.Background()
	g := migratedDB(t)
	const couples = 3
	if _, err := seed.Run(ctx, g, seed.Options{Couples: couples, Days: 1095, Seed: 11, Today: now}, nil); err != nil {
		t.Fatal(err)
	}
	s := store.New(g, func() time.Time { return now })
	if stale, err := s.StaleTallies(ctx); err != nil || len(stale) > 0 {
		t.Fatalf("after seeding: stale tallies %v, %v", stale, err)
	}
	checked, extended, reaching, ended := 0, 0, 0, 0
	for c := range couples {
		for m := range 2 {
			var u store.User
			if err := g.Where("email = ?", seed.Email(c, m)).Take(&u).Error; err != nil {
				t.Fatal(err)
			}
			sc, err := s.ScopeOf(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			full, err := s.SpacePromises(ctx, sc, progress.NoDate, progress.NoDate)
			if err != nil {
				t.Fatal(err)
			}
			list, err := s.PromisesSince(ctx, sc, progress.Today(now, u.Location()).AddDays(-(store.PromiseWindow - 1)))
			if err != nil {
				t.Fatal(err)
			}
			from := map[string]progress.Date{}
			for _, p := range list {
				from[p.ID] = p.RecordsFrom
			}
			got, err := s.RatesOf(ctx, sc, list, now)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != len(full) {
				t.Fatalf("%d promises listed, %d in the space", len(list), len(full))
			}
			// The run of each author across their promises, from what the
			// list knows of each (its days, and a run reaching back before
			// them), is the one from every record.
			for _, author := range []string{u.ID, ""} {
				var known, every [][]progress.Occurrence
				today := progress.NoDate
				for i, p := range full {
					if (author == "") != (p.AuthorID != u.ID) {
						continue
					}
					today = p.Today(now)
					known, every = append(known, list[i].Occurrences(today)), append(every, p.Occurrences(today))
				}
				if got, want := progress.RunAcross(today, known...), progress.RunAcross(today, every...); got != want {
					t.Fatalf("%s's partner=%v run across promises: %d, want %d", u.Email, author == "", got, want)
				}
			}
			for i, p := range full {
				want := progress.Summarize(p.Plan, p.Records, p.Today(now))
				if list[i].ID != p.ID || got[i] != want {
					t.Fatalf("promise %s: rates %+v, want %+v", p.ID, got[i], want)
				}
				checked++
				if list[i].RecordsFrom < from[p.ID] {
					extended++
				}
				if list[i].RunFrom != progress.NoDate && list[i].RunFrom < list[i].RecordsFrom {
					reaching++
				}
				if p.Ended() {
					ended++
				}
			}
		}
	}
	if reaching == 0 || ended == 0 {
		t.Fatalf("%d promises checked, %d with a run reaching back before the records read, %d ended: the history does not test the run's reading back", checked, reaching, ended)
	}
	t.Logf("%d promises checked, %d with a run reaching back before the records read (%d of them read earlier records), %d ended", checked, reaching, extended, ended)
}

// TestExtendRecordsStaysInSpace: the older records are read by promise
// alone, and a record that is not in the space of the one reading (which
// no write makes) is refused, not returned.
func TestExtendRecordsStaysInSpace(t *testing.T) {
	ctx := context.Background()
	s, a, b := couple(t)
	seedYear(t, s, a, b, 2)
	today := progress.DateOf(2026, time.March, 10)
	read := func() error {
		list, err := s.PromisesSince(ctx, a, today.AddDays(-(store.PromiseWindow - 1)))
		if err != nil || len(list) != 2 {
			t.Fatalf("PromisesSince: %d, %v", len(list), err)
		}
		from := []progress.Date{today.AddDays(-400), today.AddDays(-400)}
		return s.ExtendRecords(ctx, a, list, from)
	}
	if err := read(); err != nil {
		t.Fatal(err)
	}
	other := &store.User{Email: "c@example.com", Name: "C", PasswordHash: "x", TimeZone: "UTC"}
	if err := s.CreateUser(ctx, other); err != nil {
		t.Fatal(err)
	}
	sp, err := s.CreateSpace(ctx, store.Scope{UserID: other.ID}, "Theirs")
	if err != nil {
		t.Fatal(err)
	}
	res := s.DB().Exec("UPDATE ledger_entries SET space_id = ? WHERE id = (SELECT MIN(id) FROM ledger_entries WHERE date < ?)", sp.ID, today.AddDays(-100).String())
	if res.Error != nil || res.RowsAffected != 1 {
		t.Fatalf("moving a record: %v, %d", res.Error, res.RowsAffected)
	}
	if err := read(); err == nil {
		t.Fatal("a record of another space was read")
	}
}

// TestRunReachingBackAcrossPromises: when every promise of a member has
// kept every day since long before the days the list loads, their run
// across promises still counts from the last day that broke it, as it does
// from every record.
func TestRunReachingBackAcrossPromises(t *testing.T) {
	ctx := context.Background()
	s, a, _ := couple(t)
	today := progress.Today(now, time.UTC)
	for i, p := range []struct {
		kind     string
		weekdays progress.Weekdays
		start    int
		missed   int // days ago, 0: none
	}{
		{"daily", 0, 100, 70},
		{"weekdays", progress.WeekdaysOf(time.Monday, time.Thursday), 90, 0},
	} {
		created := now.AddDate(0, 0, -p.start)
		start := today.AddDays(-p.start)
		pr := store.Promise{ID: store.NewID(), SpaceID: a.SpaceID, AuthorID: a.UserID, CreatedAt: created}
		v := store.PromiseVersion{ID: store.NewID(), PromiseID: pr.ID, SpaceID: a.SpaceID, FromDate: start.String(), Title: fmt.Sprint("Promise ", i),
			Kind: p.kind, Weekdays: int(p.weekdays), StartDate: start.String(), Seq: 1, CreatedAt: created}
		if err := s.DB().Create(&pr).Error; err != nil {
			t.Fatal(err)
		}
		if err := s.DB().Create(&v).Error; err != nil {
			t.Fatal(err)
		}
		plan := progress.Plan{Versions: []progress.Version{{From: start, Schedule: v.Schedule()}}, Closed: progress.NoDate}
		for _, d := range plan.Occurrences(start, today.AddDays(-1)) {
			outcome := store.OutcomeKept
			if p.missed > 0 && d == today.AddDays(-p.missed) {
				outcome = store.OutcomeMissed
			}
			e := store.LedgerEntry{ID: store.NewID(), SpaceID: a.SpaceID, PromiseID: pr.ID, AuthorID: a.UserID, Date: d.String(), Outcome: outcome, CreatedAt: d.Time(time.UTC)}
			if err := s.DB().Create(&e).Error; err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.RebuildAggregates(ctx); err != nil {
		t.Fatal(err)
	}
	full, err := s.SpacePromises(ctx, a, progress.NoDate, progress.NoDate)
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.PromisesSince(ctx, a, today.AddDays(-(store.PromiseWindow - 1)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RatesOf(ctx, a, list, now); err != nil {
		t.Fatal(err)
	}
	var known, every [][]progress.Occurrence
	for i := range full {
		known, every = append(known, list[i].Occurrences(today)), append(every, full[i].Occurrences(today))
	}
	got, want := progress.RunAcross(today, known...), progress.RunAcross(today, every...)
	if want < 69 || got != want {
		t.Fatalf("run across promises %d, want %d (at least 69 days of the daily one)", got, want)
	}
}
