package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// ChangeWindow is how long after writing a record or a review its writer may
// change it plainly, while nobody has answered it; after that a change is a
// correction, which keeps what it replaced in the ledger's history.
const ChangeWindow = 10 * time.Minute

// Parts of a ledger entry a correction replaces.
const (
	PartRecord = "record" // the author's outcome and note
	PartReview = "review" // the partner's confirmation or dispute, with any answer
)

// LedgerCorrection is what a correction replaced of a ledger entry: its
// record, or its review (corrected by the reviewer, or set aside because the
// record it reviewed was corrected: NewValue ""). It is read with its
// entry, whose promise's rule says who sees it.
type LedgerCorrection struct {
	ID          string `gorm:"primaryKey"`
	SpaceID     string
	EntryID     string
	Part        string
	SourceID    string // the entry or review replaced
	Revision    int    // its revision replaced
	WriterID    string // who wrote what was replaced
	Value       string // the outcome or review kind replaced
	Note        string
	Reply       string
	RepliedAt   *time.Time
	WrittenAt   time.Time // when what was replaced was written
	CorrectedBy string
	NewValue    string // what it became; "" for a review set aside
	CreatedAt   time.Time
	Sealed      string // the note, sealed, while the promise is a private intention
}

// Change is what a change of a record or a review did.
type Change struct {
	PromiseID string
	Corrected bool // a correction kept in the history; false: a plain change
	Reset     bool // the partner's review of the record was set aside
}

// errChangedSince refuses a change of something changed since the writer saw it.
var errChangedSince = Conflict("This day was changed since you opened the page. Look at it again, then change it if you still want to.")

// writtenAt is when a row's present state was written.
func writtenAt(changed *time.Time, created time.Time) time.Time {
	if changed != nil {
		return *changed
	}
	return created
}

// corrected reports whether a correction already replaced something of source.
func corrected(tx *gorm.DB, source string) (bool, error) {
	var n int64
	err := tx.Model(&LedgerCorrection{}).Where("source_id = ?", source).Limit(1).Count(&n).Error
	return n > 0, err
}

// createCorrection keeps c; a second correction of the same state is refused.
func createCorrection(tx *gorm.DB, c *LedgerCorrection) error {
	if err := tx.Create(c).Error; err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return errChangedSince
		}
		return err
	}
	return nil
}

// ChangeRecord replaces the outcome and note of the acting user's ledger
// entry, as of its revision seen (the one they were shown), for a day of
// the last RecordWindow days. Within ChangeWindow of recording it, while the
// partner has not reviewed it and it was never corrected, the change is
// plain; otherwise it is a correction: what it replaced is kept, and the
// partner's review, if any, is set aside (kept too) so that the record waits
// for their look again.
func (s *Store) ChangeRecord(ctx context.Context, sc Scope, entryID string, seen int, outcome, note string) (Change, error) {
	var ch Change
	if outcome != OutcomeKept && outcome != OutcomeMissed {
		return ch, Invalid("Please say whether you kept the promise or missed it.")
	}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		e, err := entryIn(tx, sc, entryID)
		if err != nil {
			return err
		}
		ch.PromiseID = e.PromiseID
		if e.AuthorID != sc.UserID {
			return Conflict("Only the one who recorded a day can change the record. If you saw it differently, you can say so.")
		}
		t, today, err := s.authorsPromise(tx, sc, e.PromiseID, "change the records of")
		if err != nil {
			return err
		}
		date := parseDate(e.Date)
		switch {
		case date <= today.AddDays(-RecordWindow):
			return Conflict(fmt.Sprintf("Only the records of the last %d days can be changed; %s stays as recorded.", RecordWindow, DayWords(date)))
		case e.Revision != seen:
			return errChangedSince
		case e.Outcome == outcome && e.Note == note:
			return Invalid("That is what is recorded already: nothing changed.")
		}
		now := s.Now()
		changed := LedgerEntry{ID: e.ID, AuthorID: e.AuthorID, Note: note}
		sealIfPrivate(ctx, t.Private, &changed)
		res := tx.Model(&LedgerEntry{}).Where("id = ? AND revision = ?", e.ID, e.Revision).
			Updates(map[string]any{"outcome": outcome, "note": changed.Note, "sealed": changed.Sealed, "revision": e.Revision + 1, "changed_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errChangedSince
		}
		// The review is read once the entry is held by this update: one
		// written at the same moment is seen here and set aside with it.
		var r *LedgerReview
		var rv LedgerReview
		switch err := tx.Where("entry_id = ? AND space_id = ?", e.ID, sc.SpaceID).Take(&rv).Error; {
		case err == nil:
			r = &rv
		case !errors.Is(err, gorm.ErrRecordNotFound):
			return err
		}
		before, err := corrected(tx, e.ID)
		if err != nil {
			return err
		}
		ch.Corrected = r != nil || before || now.Sub(e.CreatedAt) >= ChangeWindow
		if !ch.Corrected {
			return recomputeTally(tx, e.PromiseID, e.Date)
		}
		replaced := &LedgerCorrection{ID: NewID(), SpaceID: e.SpaceID, EntryID: e.ID, Part: PartRecord,
			SourceID: e.ID, Revision: e.Revision, WriterID: e.AuthorID, Value: e.Outcome, Note: e.Note,
			WrittenAt: writtenAt(e.ChangedAt, e.CreatedAt), CorrectedBy: sc.UserID, NewValue: outcome, CreatedAt: now}
		sealIfPrivate(ctx, t.Private, replaced)
		if err := createCorrection(tx, replaced); err != nil {
			return err
		}
		if r == nil {
			return recomputeTally(tx, e.PromiseID, e.Date)
		}
		ch.Reset = true
		if err := createCorrection(tx, reviewReplaced(r, sc.UserID, "", now)); err != nil {
			return err
		}
		if err := tx.Where("id = ?", r.ID).Delete(&LedgerReview{}).Error; err != nil {
			return err
		}
		return recomputeTally(tx, e.PromiseID, e.Date)
	})
	return ch, err
}

// reviewReplaced is the correction keeping review r, replaced by newKind
// ("" when set aside) by the user by at now.
func reviewReplaced(r *LedgerReview, by, newKind string, now time.Time) *LedgerCorrection {
	return &LedgerCorrection{ID: NewID(), SpaceID: r.SpaceID, EntryID: r.EntryID, Part: PartReview, SourceID: r.ID,
		Revision: r.Revision, WriterID: r.ReviewerID, Value: r.Kind, Note: r.Note, Reply: r.Reply, RepliedAt: r.RepliedAt,
		WrittenAt: writtenAt(r.ChangedAt, r.CreatedAt), CorrectedBy: by, NewValue: newKind, CreatedAt: now}
}

// ChangeReview replaces the acting user's review of their partner's ledger
// entry, as of its revision seen, by a confirmation or a dispute (with a
// note). Within ChangeWindow of writing it, while it has no answer and was
// never corrected, the change is plain; otherwise it is a correction that
// keeps what it replaced, the answer included.
func (s *Store) ChangeReview(ctx context.Context, sc Scope, entryID string, seen int, kind, note string) (Change, error) {
	var ch Change
	switch {
	case kind != ReviewConfirm && kind != ReviewDispute:
		return ch, Invalid("Please confirm the record or say you saw it differently.")
	case kind == ReviewDispute && strings.TrimSpace(note) == "":
		return ch, Invalid("Please say what you saw differently: the note is what your partner reads.")
	case kind == ReviewConfirm:
		note = ""
	}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		e, err := entryIn(tx, sc, entryID)
		if err != nil {
			return err
		}
		ch.PromiseID = e.PromiseID
		var r LedgerReview
		switch err := tx.Where("entry_id = ? AND space_id = ?", e.ID, sc.SpaceID).Take(&r).Error; {
		case errors.Is(err, gorm.ErrRecordNotFound):
			return Conflict("There is nothing to change: nobody has answered this day yet.")
		case err != nil:
			return err
		}
		if r.ReviewerID != sc.UserID {
			return Conflict("Only the one who answered a day can change what they said.")
		}
		list, err := loadTracked(tx, sc, e.PromiseID)
		if err != nil {
			return err
		}
		switch {
		case len(list) == 0:
			return ErrNotFound
		case list[0].AuthorGone():
			return errAuthorGone
		case r.Revision != seen:
			return errChangedSince
		case r.Kind == kind && r.Note == note:
			return Invalid("That is what you said already: nothing changed.")
		}
		now := s.Now()
		res := tx.Model(&LedgerReview{}).Where("id = ? AND revision = ?", r.ID, r.Revision).
			Updates(map[string]any{"kind": kind, "note": note, "reply": "", "replied_at": nil, "revision": r.Revision + 1, "changed_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errChangedSince
		}
		before, err := corrected(tx, r.ID)
		if err != nil {
			return err
		}
		ch.Corrected = r.RepliedAt != nil || before || now.Sub(r.CreatedAt) >= ChangeWindow
		if ch.Corrected {
			if err := createCorrection(tx, reviewReplaced(&r, sc.UserID, kind, now)); err != nil {
				return err
			}
		}
		return recomputeTally(tx, e.PromiseID, e.Date)
	})
	return ch, err
}
