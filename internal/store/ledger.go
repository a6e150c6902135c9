package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"mend/internal/progress"
)

// Outcomes an author records, and the kinds of review a partner gives, as stored.
const (
	OutcomeKept   = "kept"
	OutcomeMissed = "missed"
	ReviewConfirm = "confirm"
	ReviewDispute = "dispute"
)

// LedgerEntry is what the author recorded for one due date of a promise,
// as it stands now. It is never deleted; a change or correction replaces its
// outcome and note (see ChangeRecord), and a correction keeps what it
// replaced in the ledger's history.
type LedgerEntry struct {
	ID        string `gorm:"primaryKey"`
	SpaceID   string
	PromiseID string
	AuthorID  string
	Date      string
	Outcome   string
	Note      string
	Revision  int        // how many times it was changed
	ChangedAt *time.Time // when what stands now was written; nil: CreatedAt
	CreatedAt time.Time
	Sealed    string // the note, sealed, while the promise is a private intention
}

// LedgerReview is the partner's confirmation or dispute of an entry, and the
// author's one answer to a dispute.
type LedgerReview struct {
	ID         string `gorm:"primaryKey"`
	SpaceID    string
	EntryID    string
	ReviewerID string
	Kind       string
	Note       string
	Reply      string
	RepliedAt  *time.Time
	Revision   int        // how many times it was changed
	ChangedAt  *time.Time // when what stands now was written; nil: CreatedAt
	CreatedAt  time.Time
}

// LedgerItem is an entry with its review, if any, and what corrections
// replaced of either, oldest first.
type LedgerItem struct {
	LedgerEntry
	Review      *LedgerReview
	Corrections []LedgerCorrection
}

// PromiseDetail loads one promise of the acting user's space with every
// entry of its ledger (latest first) and their reviews; its Records hold all of them.
func (s *Store) PromiseDetail(ctx context.Context, sc Scope, id string) (*Tracked, []LedgerItem, error) {
	tx := s.db.WithContext(ctx)
	list, err := loadTracked(tx, sc, id)
	if err != nil {
		return nil, nil, err
	}
	if len(list) == 0 {
		return nil, nil, ErrNotFound
	}
	t := list[0]
	var entries []LedgerEntry
	if err := tx.Where("space_id = ? AND promise_id = ?", sc.SpaceID, id).Order("date DESC").Find(&entries).Error; err != nil {
		return nil, nil, err
	}
	var reviews []LedgerReview
	if len(entries) > 0 {
		if err := tx.Where("space_id = ? AND entry_id IN (?)", sc.SpaceID,
			tx.Model(&LedgerEntry{}).Select("id").Where("space_id = ? AND promise_id = ?", sc.SpaceID, id)).
			Find(&reviews).Error; err != nil {
			return nil, nil, err
		}
	}
	var corrections []LedgerCorrection
	if len(entries) > 0 {
		if err := tx.Where("space_id = ? AND entry_id IN (?)", sc.SpaceID,
			tx.Model(&LedgerEntry{}).Select("id").Where("space_id = ? AND promise_id = ?", sc.SpaceID, id)).
			Order("created_at, part, id").Find(&corrections).Error; err != nil {
			return nil, nil, err
		}
	}
	byEntry := make(map[string]*LedgerReview, len(reviews))
	for i := range reviews {
		byEntry[reviews[i].EntryID] = &reviews[i]
	}
	history := make(map[string][]LedgerCorrection)
	for _, c := range corrections {
		history[c.EntryID] = append(history[c.EntryID], c)
	}
	items := make([]LedgerItem, len(entries))
	t.Records = make([]progress.Record, len(entries))
	for i, e := range entries {
		items[i] = LedgerItem{LedgerEntry: e, Review: byEntry[e.ID], Corrections: history[e.ID]}
		var kind *string
		if r := items[i].Review; r != nil {
			kind = &r.Kind
		}
		t.Records[len(entries)-1-i] = record(e.Date, e.Outcome, kind) // by date, ascending
	}
	return t, items, nil
}

// LedgerEntryInfo is one ledger entry of the acting user's space with its
// review and the title of its promise on that date (for a note of thanks, say).
type LedgerEntryInfo struct {
	LedgerItem
	Title string
}

// LedgerEntryByID loads one ledger entry of the acting user's space.
func (s *Store) LedgerEntryByID(ctx context.Context, sc Scope, id string) (*LedgerEntryInfo, error) {
	tx := s.db.WithContext(ctx)
	e, err := entryIn(tx, sc, id)
	if err != nil {
		return nil, err
	}
	info := &LedgerEntryInfo{LedgerItem: LedgerItem{LedgerEntry: *e}}
	var r LedgerReview
	switch err := tx.Where("entry_id = ? AND space_id = ?", id, sc.SpaceID).Take(&r).Error; {
	case err == nil:
		info.Review = &r
	case !errors.Is(err, gorm.ErrRecordNotFound):
		return nil, err
	}
	list, err := loadTracked(tx, sc, e.PromiseID)
	if err != nil {
		return nil, err
	}
	if len(list) == 1 {
		if v := list[0].VersionOn(parseDate(e.Date)); v != nil {
			info.Title = v.Title
		}
	}
	return info, nil
}

// RecordOccurrence records, for the acting user's promise, whether they kept
// it on date: a due date of the last RecordWindow days, recorded once.
func (s *Store) RecordOccurrence(ctx context.Context, sc Scope, promiseID string, date progress.Date, outcome, note string) (*LedgerEntry, error) {
	if outcome != OutcomeKept && outcome != OutcomeMissed {
		return nil, Invalid("Please say whether you kept the promise or missed it.")
	}
	var e *LedgerEntry
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		t, today, err := s.authorsPromise(tx, sc, promiseID, "record")
		if err != nil {
			return err
		}
		switch {
		case date > today:
			return Conflict(DayWords(date) + " hasn't come yet: a day can be recorded once it has begun.")
		case date <= today.AddDays(-RecordWindow):
			return Conflict(fmt.Sprintf("Only the last %d days can be recorded; %s stays not recorded.", RecordWindow, DayWords(date)))
		case !t.Plan.IsDue(date):
			return Conflict(notDue(t, date))
		}
		var prev LedgerEntry
		switch err := tx.Where("promise_id = ? AND date = ?", t.ID, date.String()).Take(&prev).Error; {
		case err == nil:
			return alreadyRecorded(date, prev.Outcome)
		case !errors.Is(err, gorm.ErrRecordNotFound):
			return err
		}
		e = &LedgerEntry{ID: NewID(), SpaceID: t.SpaceID, PromiseID: t.ID, AuthorID: sc.UserID, Date: date.String(),
			Outcome: outcome, Note: note, CreatedAt: s.Now()}
		row := *e
		sealIfPrivate(ctx, t.Private, &row)
		if err := tx.Create(&row).Error; err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				return alreadyRecorded(date, "")
			}
			return err
		}
		return recomputeTally(tx, t.ID, e.Date)
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// alreadyRecorded refuses a second record for a date.
func alreadyRecorded(date progress.Date, outcome string) error {
	what := DayWords(date) + " is already recorded"
	if outcome != "" {
		what += " as " + outcome
	}
	return Conflict(what + ". A day is recorded once; you can change or correct that record on the promise's page, and the ledger keeps what a correction replaced.")
}

// notDue explains why date is not a due date of t.
func notDue(t *Tracked, date progress.Date) string {
	for _, p := range t.Plan.Pauses {
		if p.Contains(date) {
			return "The promise was paused on " + DayWords(date) + ": nothing was due."
		}
	}
	if t.Plan.Closed != progress.NoDate && date >= t.Plan.Closed {
		return "The promise was closed by " + DayWords(date) + ": nothing was due."
	}
	return "The promise was not due on " + DayWords(date) + ": its schedule does not include that day."
}

// ReviewEntry records the acting user's confirmation (ReviewConfirm) or
// dispute (ReviewDispute, with a required note) of their partner's ledger
// entry as it stands. It returns the entry's promise.
func (s *Store) ReviewEntry(ctx context.Context, sc Scope, entryID, kind, note string) (string, error) {
	return s.ReviewEntryAsShown(ctx, sc, entryID, -1, kind, note)
}

// ReviewEntryAsShown is ReviewEntry of the entry at revision seen, the one
// the reviewer was shown: a record changed since is refused, to be looked at
// again. A negative seen reviews the entry as it stands.
func (s *Store) ReviewEntryAsShown(ctx context.Context, sc Scope, entryID string, seen int, kind, note string) (string, error) {
	if kind != ReviewConfirm && kind != ReviewDispute {
		return "", Invalid("Please confirm the record or say you saw it differently.")
	}
	var promiseID string
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		e, err := entryIn(tx, sc, entryID)
		if err != nil {
			return err
		}
		promiseID = e.PromiseID
		if e.AuthorID == sc.UserID {
			return Conflict("Your own records are for your partner to confirm, or to say they saw differently.")
		}
		if kind == ReviewDispute && strings.TrimSpace(note) == "" {
			return Invalid("Please say what you saw differently: the note is what your partner reads.")
		}
		list, err := loadTracked(tx, sc, e.PromiseID)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return ErrNotFound
		}
		t := list[0]
		date := parseDate(e.Date)
		switch {
		case t.AuthorGone():
			return errAuthorGone
		case date > t.Today(s.Now()):
			return Conflict(DayWords(date) + " hasn't come yet for your partner.")
		case !t.Plan.IsDue(date):
			return Conflict(notDue(t, date))
		}
		if seen >= 0 && e.Revision != seen {
			return errChangedSince
		}
		// Hold the entry, so that a correction of it made at the same
		// moment either comes first (and is refused here) or sees this
		// review and sets it aside.
		res := tx.Model(&LedgerEntry{}).Where("id = ? AND revision = ?", e.ID, e.Revision).Update("revision", gorm.Expr("revision"))
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errChangedSince
		}
		var prev LedgerReview
		switch err := tx.Where("entry_id = ?", e.ID).Take(&prev).Error; {
		case err == nil:
			return alreadyReviewed(prev.Kind)
		case !errors.Is(err, gorm.ErrRecordNotFound):
			return err
		}
		r := &LedgerReview{ID: NewID(), SpaceID: sc.SpaceID, EntryID: e.ID, ReviewerID: sc.UserID, Kind: kind, Note: note, CreatedAt: s.Now()}
		if err := tx.Create(r).Error; err != nil {
			if errors.Is(err, gorm.ErrDuplicatedKey) {
				return alreadyReviewed("")
			}
			return err
		}
		return recomputeTally(tx, e.PromiseID, e.Date)
	})
	return promiseID, err
}

// alreadyReviewed refuses a second review of an entry.
func alreadyReviewed(kind string) error {
	switch kind {
	case ReviewConfirm:
		return Conflict("You already confirmed this day. What you said is kept as you said it.")
	case ReviewDispute:
		return Conflict("You already said you saw this day differently. What you said is kept as you said it.")
	}
	return Conflict("This day has already been answered.")
}

// ReplyToDispute records the acting user's one answer to their partner's
// dispute of their ledger entry. It returns the entry's promise.
func (s *Store) ReplyToDispute(ctx context.Context, sc Scope, entryID, reply string) (string, error) {
	var promiseID string
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		e, err := entryIn(tx, sc, entryID)
		if err != nil {
			return err
		}
		promiseID = e.PromiseID
		if e.AuthorID != sc.UserID {
			return Conflict("Only the one who made the promise answers when it was seen differently.")
		}
		if strings.TrimSpace(reply) == "" {
			return Invalid("Please write your answer.")
		}
		var r LedgerReview
		switch err := tx.Where("entry_id = ? AND space_id = ?", e.ID, sc.SpaceID).Take(&r).Error; {
		case errors.Is(err, gorm.ErrRecordNotFound):
			return Conflict("There is nothing to answer: your partner hasn't said they saw this day differently.")
		case err != nil:
			return err
		}
		if r.Kind != ReviewDispute {
			return Conflict("There is nothing to answer: your partner confirmed this day.")
		}
		if r.RepliedAt != nil {
			return errAnswered
		}
		// The dispute as read: one its reviewer changed at the same moment
		// is answered again once read.
		res := tx.Model(&LedgerReview{}).Where("id = ? AND replied_at IS NULL AND revision = ?", r.ID, r.Revision).
			Updates(map[string]any{"reply": reply, "replied_at": s.Now()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			var again LedgerReview
			if err := tx.Where("id = ?", r.ID).Take(&again).Error; err == nil && again.RepliedAt != nil {
				return errAnswered
			}
			return errChangedSince
		}
		return nil
	})
	return promiseID, err
}

// errAnswered refuses a second answer to a dispute.
var errAnswered = Conflict("You already answered this. An answer is given once, and kept as written.")

// entryIn loads a ledger entry of the acting user's space, of a promise they
// may see (see loadTracked).
func entryIn(tx *gorm.DB, sc Scope, id string) (*LedgerEntry, error) {
	var e LedgerEntry
	err := tx.Model(&LedgerEntry{}).Select("ledger_entries.*").
		Joins("JOIN promises ON promises.id = ledger_entries.promise_id").
		Where("ledger_entries.id = ? AND ledger_entries.space_id = ?", id, sc.SpaceID).
		Scopes(sc.viewer().sees(promiseKind, "promises")).
		Take(&e).Error
	if err != nil {
		return nil, notFound(err)
	}
	return &e, nil
}
