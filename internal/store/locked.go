package store

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"mend/internal/progress"
	"mend/internal/seal"
)

// A private item is locked when it does not open with its author's data
// key: sealed with a key that a reset without the recovery code replaced.
// It is kept, listed, opened again with the recovery code, or deleted.

// LockedItem is one of the acting user's locked items.
type LockedItem struct {
	Kind      string // journal, checkin, reflection, bookmark, trigger, question
	ID        string
	CreatedAt time.Time
}

// rowOf is the primary key and creation time of a sealable row.
func rowOf(r sealable) (string, time.Time) {
	switch r := r.(type) {
	case *JournalEntry:
		return r.ID, r.CreatedAt
	case *Checkin:
		return r.ID, r.CreatedAt
	case *Reflection:
		return r.ID, r.CreatedAt
	case *Bookmark:
		return r.ID, r.CreatedAt
	case *Trigger:
		return r.ID, r.CreatedAt
	case *Question:
		return r.ID, r.CreatedAt
	}
	return "", time.Time{}
}

// eachLocked calls f, in tx, on each sealed row of the acting user that
// does not open with the key in ctx (AfterFind leaves its sealed column set).
func eachLocked(ctx context.Context, tx *gorm.DB, sc Scope, f func(table string, r sealable) error) error {
	for _, t := range sealedTables {
		rows := t.rows()
		if err := tx.WithContext(ctx).Table(t.table).Where(t.table+"."+t.kind.author+" = ? AND "+t.table+".sealed <> ''", sc.UserID).
			Find(rows).Error; err != nil {
			return err
		}
		var err error
		t.each(rows, func(r sealable) {
			if _, _, _, sealed, _ := r.sealRef(); err == nil && *sealed != "" {
				err = f(t.table, r)
			}
		})
		if err != nil {
			return err
		}
	}
	return eachLockedIntention(ctx, tx, sc, f)
}

// intentionTable stands, for the callers of eachLocked, for every table
// holding the sealed words of private intentions: each row is part of one
// intention, which is locked, listed and deleted as a whole.
const intentionTable = "promises (intention)"

// eachLockedIntention calls f on each sealed row of the acting user's
// private intentions (terms, notes) that does not open with the key in ctx.
func eachLockedIntention(ctx context.Context, tx *gorm.DB, sc Scope, f func(table string, r sealable) error) error {
	db := tx.WithContext(ctx)
	ids := privateIntentions(db).Where("promises.author_id = ?", sc.UserID)
	var versions []PromiseVersion
	var entries []LedgerEntry
	var replaced []LedgerCorrection
	var pauses []PromisePause
	var closed []Promise
	for _, q := range []struct {
		db   *gorm.DB
		rows any
	}{
		{db.Where("sealed <> '' AND promise_id IN (?)", ids), &versions},
		{db.Where("sealed <> '' AND promise_id IN (?)", ids), &entries},
		{db.Where("sealed <> '' AND entry_id IN (?)", db.Model(&LedgerEntry{}).Select("id").Where("promise_id IN (?)", ids)), &replaced},
		{db.Where("sealed <> '' AND promise_id IN (?)", ids), &pauses},
		{db.Where("sealed <> '' AND id IN (?)", ids), &closed},
	} {
		if err := q.db.Find(q.rows).Error; err != nil {
			return err
		}
	}
	var rows []sealable
	for i := range versions {
		versions[i].authorID = sc.UserID // to seal again with (RestoreSealed)
		rows = append(rows, &versions[i])
	}
	for i := range entries {
		rows = append(rows, &entries[i])
	}
	for i := range replaced {
		rows = append(rows, &replaced[i])
	}
	for i := range pauses {
		pauses[i].authorID = sc.UserID
		rows = append(rows, &pauses[i])
	}
	for i := range closed {
		rows = append(rows, &closed[i])
	}
	for _, r := range rows {
		if _, _, _, sealed, _ := r.sealRef(); *sealed != "" {
			if err := f(intentionTable, r); err != nil {
				return err
			}
		}
	}
	return nil
}

// intentionOf is the promise that r, a row of a private intention, is part of.
func intentionOf(tx *gorm.DB, r sealable) (string, error) {
	switch r := r.(type) {
	case *PromiseVersion:
		return r.PromiseID, nil
	case *LedgerEntry:
		return r.PromiseID, nil
	case *PromisePause:
		return r.PromiseID, nil
	case *Promise:
		return r.ID, nil
	case *LedgerCorrection:
		var id string
		err := tx.Model(&LedgerEntry{}).Where("id = ?", r.EntryID).Limit(1).Pluck("promise_id", &id).Error
		return id, err
	}
	return "", nil
}

// LockedItems lists the acting user's locked items, oldest first by kind.
func (s *Store) LockedItems(ctx context.Context, sc Scope) ([]LockedItem, error) {
	var out []LockedItem
	intentions := map[string]bool{}
	err := eachLocked(ctx, s.db, sc, func(table string, r sealable) error {
		if table == intentionTable {
			// One item per intention, however many of its rows are locked.
			id, err := intentionOf(s.db.WithContext(ctx), r)
			if err != nil || intentions[id] {
				return err
			}
			intentions[id] = true
			var p Promise
			if err := s.db.WithContext(ctx).Select("id", "created_at").Where("id = ?", id).Take(&p).Error; err != nil {
				return err
			}
			out = append(out, LockedItem{Kind: "intention", ID: id, CreatedAt: p.CreatedAt})
			return nil
		}
		kind, _, _, _, _ := r.sealRef()
		id, at := rowOf(r)
		out = append(out, LockedItem{Kind: kind, ID: id, CreatedAt: at})
		return nil
	})
	return out, err
}

// RestoreSealed seals again with the acting user's key in ctx what opens
// with old, a data key of theirs recovered with a recovery code, and
// returns how many items it restored.
func (s *Store) RestoreSealed(ctx context.Context, sc Scope, old seal.Key) (int, error) {
	oldCtx := WithDataKey(context.Background(), sc.UserID, old)
	n := 0
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return eachLocked(ctx, tx, sc, func(_ string, r sealable) error {
			if !openRow(oldCtx, r) {
				return nil // sealed with yet another key
			}
			if !sealRow(ctx, r) {
				return nil
			}
			_, _, _, sealed, _ := r.sealRef()
			n++
			return tx.Model(r).UpdateColumn("sealed", *sealed).Error
		})
	})
	return n, err
}

// DeleteLockedItems deletes the acting user's locked items, and forgets
// the lost keys that were kept to open them; it returns how many it deleted.
func (s *Store) DeleteLockedItems(ctx context.Context, sc Scope) (int, error) {
	n := 0
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		deleted := map[string]bool{}
		err := eachLocked(ctx, tx, sc, func(table string, r sealable) error {
			if table == intentionTable {
				// The whole intention goes: its terms, days and pauses by cascade.
				id, err := intentionOf(tx, r)
				if err != nil || deleted[id] {
					return err
				}
				deleted[id] = true
				n++
				return tx.Where("id = ? AND author_id = ?", id, sc.UserID).Delete(&Promise{}).Error
			}
			id, _ := rowOf(r)
			if table == "journal_entries" {
				if err := tx.Where("entry_id = ?", id).Delete(&JournalReply{}).Error; err != nil {
					return err
				}
			}
			if err := tx.Delete(r).Error; err != nil {
				return err
			}
			n++
			if c, ok := r.(*Checkin); ok {
				d, err := progress.ParseDate(c.Date)
				if err != nil {
					return err
				}
				return recomputeCheckinWeeks(tx, c.SpaceID, c.AuthorID, d, d)
			}
			return nil
		})
		if err != nil {
			return err
		}
		return tx.Model(&User{}).Where("id = ?", sc.UserID).
			Updates(map[string]any{"key_lost_at": nil, "key_lost_by_recovery": "", "updated_at": s.Now()}).Error
	})
	if err != nil {
		return 0, err
	}
	return n, s.removedPrivateText(nil)
}

// SetLostKeys keeps, of the acting user's lost keys, those still to
// recover; none left, the loss is over.
func (s *Store) SetLostKeys(ctx context.Context, sc Scope, wrapped []string) error {
	upd := map[string]any{"key_lost_by_recovery": strings.Join(wrapped, "\n"), "updated_at": s.Now()}
	if len(wrapped) == 0 {
		upd["key_lost_at"] = nil
	}
	return s.db.WithContext(ctx).Model(&User{}).Where("id = ?", sc.UserID).Updates(upd).Error
}
