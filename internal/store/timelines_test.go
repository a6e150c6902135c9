package store_test

import (
	"slices"
	"testing"
	"time"

	"mend/internal/store"
)

// TestTimelinesIsTimelineOfEach: reading several kinds in one statement
// gives, for every viewer of the visibility story, exactly what reading
// each kind apart gives, merged newest first (those of one time in the
// order of the reads), also when each read has its own window, author
// filter and limit.
func TestTimelinesIsTimelineOfEach(t *testing.T) {
	fx := newVisFixture(t)
	ctx := fx.ctx
	// A journal entry shared at the very time a ledger day was recorded:
	// of one time, the ledger's event comes first, as its read does.
	var entry, journal string
	for _, it := range fx.items {
		if it.author == fx.blair.UserID && it.phase == 2 && !it.private {
			switch {
			case it.kind == kLedger && entry == "":
				entry = it.ids[0]
			case it.kind == kJournal && journal == "":
				journal = it.ids[0]
			}
		}
	}
	res := fx.s.DB().Exec("UPDATE journal_entries SET shared_at = (SELECT created_at FROM ledger_entries WHERE id = ?) WHERE id = ?", entry, journal)
	if res.Error != nil || res.RowsAffected != 1 {
		t.Fatalf("a journal entry shared with a record: %v, %d rows", res.Error, res.RowsAffected)
	}
	kinds := append(slices.Clone(store.TimelineKinds), store.KindConversations)
	start := farPast.Time(time.UTC)
	mid := fx.blair.Since.Add(time.Minute)
	for _, sc := range []store.Scope{fx.avery, fx.blair, fx.finleyAfter, fx.casey,
		guestOf(fx, "promises", "checkins", "thanks", "journal", "questions", "triggers", "agreements")} {
		for _, reads := range [][]store.Read{
			func() (rs []store.Read) {
				for _, k := range kinds {
					rs = append(rs, store.Read{Kind: k, Window: store.Window{From: start}})
				}
				return rs
			}(),
			// The dashboard's: the notes of thanks of a window, and the
			// newest few of what the others did, kind by kind.
			{{Kind: store.KindGratitude, Window: store.Window{From: mid, To: *fx.clock}},
				{Kind: store.KindLedger, Window: store.Window{From: start, NotBy: sc.UserID, Limit: 3}},
				{Kind: store.KindJournal, Window: store.Window{From: mid, NotBy: sc.UserID, Limit: 1}},
				{Kind: store.KindReflections, Window: store.Window{From: start, NotBy: sc.UserID, Limit: 2}},
				{Kind: store.KindConversations, Window: store.Window{From: start, To: mid, NotBy: sc.UserID, Limit: 2}}},
		} {
			var want []store.Event
			for _, r := range reads {
				evs, err := fx.s.Timeline(ctx, sc, r.Kind, r.Window)
				if err != nil {
					t.Fatal(err)
				}
				want = append(want, evs...)
			}
			slices.SortStableFunc(want, func(x, y store.Event) int { return y.At.Compare(x.At) })
			got, err := fx.s.Timelines(ctx, sc, reads)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 && sc.UserID == fx.avery.UserID {
				t.Fatal("the story has no events for Avery")
			}
			if !slices.EqualFunc(got, want, func(x, y store.Event) bool { return x == y }) {
				t.Errorf("%s, %d reads: Timelines gives %d events, Timeline of each %d", sc.UserID, len(reads), len(got), len(want))
				logDifferences(t, got, want)
			}
		}
	}
}

// sameCut: got is want up to the order of events of one time and id,
// which the timeline leaves undefined: position by position of one time
// and id, and each an event of rest (where a limit falls among such
// events, either may be kept).
func sameCut(got, want, rest []store.Event) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if !got[i].At.Equal(want[i].At) || got[i].ID != want[i].ID || !slices.Contains(rest, got[i]) {
			return false
		}
	}
	return true
}

// TestTimelineLimitedIsCutOfWhole: a window with a limit, which stops
// each branch of its query at the limit, gives exactly the newest events
// of the whole window not by the user left out, for every viewer, kind,
// author filter and limit; also where events of one kind share a time
// and the order between them comes from their ids.
//
// (Sorted on time and id alone, events of one time and one thing, such as
// an agreement offered and accepted at once, come in either order.)
func TestTimelineLimitedIsCutOfWhole(t *testing.T) {
	fx := newVisFixture(t)
	ctx := fx.ctx
	// Every record made at the time of the newest answer to a review (so
	// that a limit falls among them), every review at one time, and every
	// reply to a journal entry.
	for _, q := range []string{
		"UPDATE ledger_entries SET created_at = (SELECT MAX(replied_at) FROM ledger_reviews)",
		"UPDATE ledger_reviews SET created_at = (SELECT MIN(created_at) FROM ledger_reviews)",
		"UPDATE journal_replies SET created_at = (SELECT MIN(created_at) FROM journal_replies)",
	} {
		if err := fx.s.DB().Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
	kinds := append(slices.Clone(store.TimelineKinds), store.KindConversations)
	start := farPast.Time(time.UTC)
	cut := 0
	for _, sc := range []store.Scope{fx.avery, fx.blair, fx.finleyAfter, fx.casey,
		guestOf(fx, "promises", "checkins", "thanks", "journal", "questions", "triggers", "agreements")} {
		for _, kind := range kinds {
			whole, err := fx.s.Timeline(ctx, sc, kind, store.Window{From: start})
			if err != nil {
				t.Fatal(err)
			}
			for _, notBy := range []string{"", fx.avery.UserID, fx.blair.UserID} {
				var rest []store.Event
				for _, ev := range whole {
					if notBy == "" || ev.AuthorID != notBy {
						rest = append(rest, ev)
					}
				}
				for _, limit := range []int{1, 2, 3, 5, 8} {
					got, err := fx.s.Timeline(ctx, sc, kind, store.Window{From: start, NotBy: notBy, Limit: limit})
					if err != nil {
						t.Fatal(err)
					}
					want := rest[:min(limit, len(rest))]
					if len(rest) > limit {
						cut++
					}
					if !sameCut(got, want, rest) {
						t.Errorf("%s, %s, not by %q, limit %d: %d events, want %d", sc.UserID, kind, notBy, limit, len(got), len(want))
						logDifferences(t, got, want)
					}
				}
			}
		}
	}
	if cut == 0 {
		t.Fatal("no limit cut a window")
	}
	t.Logf("%d limited windows cut", cut)
}

// logDifferences logs the events at which got and want differ.
func logDifferences(t *testing.T, got, want []store.Event) {
	t.Helper()
	for i := range max(len(got), len(want)) {
		var g, w store.Event
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			t.Logf("%d: got %s %s %s %v, want %s %s %s %v", i, g.Kind, g.What, g.ID, g.At, w.Kind, w.What, w.ID, w.At)
		}
	}
}
