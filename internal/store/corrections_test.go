package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"mend/internal/progress"
	"mend/internal/store"
)

// TestChangeAndCorrectRecord: within ChangeWindow and before any review a
// change replaces the record and leaves no history; after a review, or
// later, a correction keeps what it replaced, sets the review aside (kept
// too), makes the day wait for the partner again and moves the rates with
// it; a change of a stale revision, by the partner or from outside the
// space is refused.
func TestChangeAndCorrectRecord(t *testing.T) {
	ctx := context.Background()
	s, a, b := couple(t)
	day := progress.DateOf(2026, time.March, 10)
	p, err := s.CreatePromise(ctx, a, "", false, store.Terms{Title: "Daily", Schedule: progress.Schedule{
		Kind: progress.KindDaily, Start: day, Due: progress.NoDate, End: progress.NoDate}})
	if err != nil {
		t.Fatal(err)
	}
	e, err := s.RecordOccurrence(ctx, a, p.ID, day, store.OutcomeKept, "first")
	if err != nil {
		t.Fatal(err)
	}
	outcome := func(sc store.Scope) (progress.Record, store.LedgerItem) {
		t.Helper()
		tr, items, err := s.PromiseDetail(ctx, sc, p.ID)
		if err != nil || len(items) != 1 || len(tr.Records) != 1 {
			t.Fatalf("PromiseDetail: %d items, %v", len(items), err)
		}
		return tr.Records[0], items[0]
	}

	ch, err := s.ChangeRecord(ctx, a, e.ID, 0, store.OutcomeMissed, "first")
	if err != nil || ch.Corrected || ch.Reset || ch.PromiseID != p.ID {
		t.Fatalf("plain change: %+v, %v", ch, err)
	}
	if rec, it := outcome(b); rec.Outcome != progress.Missed || len(it.Corrections) != 0 || it.Revision != 1 {
		t.Fatalf("after a plain change: %+v, %d corrections, revision %d", rec, len(it.Corrections), it.Revision)
	}
	if _, err := s.ChangeRecord(ctx, b, e.ID, 1, store.OutcomeKept, ""); !isConflict(err) {
		t.Fatalf("the partner changes the record: %v", err)
	}
	if _, err := s.ChangeRecord(ctx, store.Scope{UserID: a.UserID, SpaceID: store.NewID()}, e.ID, 1, store.OutcomeKept, ""); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("from another space: %v", err)
	}
	if _, err := s.ReviewEntryAsShown(ctx, b, e.ID, 0, store.ReviewConfirm, ""); !isConflict(err) {
		t.Fatalf("a review of a record changed since: %v", err)
	}
	if _, err := s.ReviewEntryAsShown(ctx, b, e.ID, 1, store.ReviewConfirm, ""); err != nil {
		t.Fatal(err)
	}
	if rec, _ := outcome(a); rec.Review != progress.Confirmed {
		t.Fatalf("confirmed: %+v", rec)
	}

	// Later, by a clock past the window: a correction.
	later := store.New(s.DB(), func() time.Time { return now.Add(store.ChangeWindow + time.Minute) })
	if _, err := later.ChangeRecord(ctx, a, e.ID, 0, store.OutcomeKept, "first"); !isConflict(err) {
		t.Fatalf("a stale revision: %v", err)
	}
	ch, err = later.ChangeRecord(ctx, a, e.ID, 1, store.OutcomeKept, "second")
	if err != nil || !ch.Corrected || !ch.Reset {
		t.Fatalf("correction: %+v, %v", ch, err)
	}
	rec, it := outcome(b)
	if rec.Outcome != progress.Kept || rec.Review != progress.Unreviewed || it.Review != nil || it.Note != "second" {
		t.Fatalf("after the correction: %+v, review %+v, note %q", rec, it.Review, it.Note)
	}
	if len(it.Corrections) != 2 {
		t.Fatalf("%d corrections kept, want the record's and the review's", len(it.Corrections))
	}
	rc, rv := it.Corrections[0], it.Corrections[1]
	if rc.Part != store.PartRecord || rc.Value != store.OutcomeMissed || rc.NewValue != store.OutcomeKept || rc.Note != "first" || rc.Revision != 1 {
		t.Fatalf("the record's correction: %+v", rc)
	}
	if rv.Part != store.PartReview || rv.Value != store.ReviewConfirm || rv.NewValue != "" || rv.WriterID != b.UserID || rv.CorrectedBy != a.UserID {
		t.Fatalf("the review set aside: %+v", rv)
	}
	w, err := later.WaitingFor(ctx, b, day, day.WeekStart(time.Monday))
	if err != nil || len(w.ToReview) != 1 || w.ToReview[0].EntryID != e.ID {
		t.Fatalf("waiting for the partner after the correction: %+v, %v", w.ToReview, err)
	}
	evs, err := later.Timeline(ctx, b, store.KindLedger, store.Window{From: now.Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, ev := range evs {
		found = found || (ev.What == store.DidCorrect && ev.Detail == store.OutcomeKept && ev.AuthorID == a.UserID)
	}
	if !found {
		t.Fatalf("no correction in the partner's timeline: %+v", evs)
	}
	// An outsider's timeline has none of it.
	if evs, err := later.Timeline(ctx, store.Scope{UserID: a.UserID, SpaceID: store.NewID()}, store.KindLedger, store.Window{From: now.Add(-time.Hour)}); err != nil || len(evs) != 0 {
		t.Fatalf("another space's timeline: %d events, %v", len(evs), err)
	}
}

// isConflict reports whether err is a refusal of the state of things.
func isConflict(err error) bool {
	var r *store.Refusal
	return errors.As(err, &r) && r.Kind == store.KindConflict
}
