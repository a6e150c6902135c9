package store

import (
	"context"
	"slices"
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
	return eachIntentionRow(db, privateIntentions(db).Where("promises.author_id = ?", sc.UserID), false, sc.UserID,
		func(_ intentionPart, r sealable) error {
			if _, _, _, sealed, _ := r.sealRef(); *sealed != "" {
				return f(intentionTable, r)
			}
			return nil
		})
}

// intentionsOf are the promises that rows, of private intentions, are part of.
func intentionsOf(tx *gorm.DB, rows []sealable) ([]string, error) {
	var ids, entries []string
	for _, r := range rows {
		switch r := r.(type) {
		case *PromiseVersion:
			ids = append(ids, r.PromiseID)
		case *LedgerEntry:
			ids = append(ids, r.PromiseID)
		case *PromisePause:
			ids = append(ids, r.PromiseID)
		case *Promise:
			ids = append(ids, r.ID)
		case *LedgerCorrection:
			entries = append(entries, r.EntryID)
		}
	}
	if len(entries) > 0 {
		var more []string
		if err := tx.Model(&LedgerEntry{}).Where("id IN ?", entries).Pluck("promise_id", &more).Error; err != nil {
			return nil, err
		}
		ids = append(ids, more...)
	}
	slices.Sort(ids)
	return slices.Compact(ids), nil
}

// LockedItems lists the acting user's locked items, oldest first by kind.
func (s *Store) LockedItems(ctx context.Context, sc Scope) ([]LockedItem, error) {
	var out []LockedItem
	var intentionRows []sealable
	err := eachLocked(ctx, s.db, sc, func(table string, r sealable) error {
		if table == intentionTable { // one item per intention, below
			intentionRows = append(intentionRows, r)
			return nil
		}
		kind, _, _, _, _ := r.sealRef()
		id, at := rowOf(r)
		out = append(out, LockedItem{Kind: kind, ID: id, CreatedAt: at})
		return nil
	})
	if err != nil || len(intentionRows) == 0 {
		return out, err
	}
	db := s.db.WithContext(ctx)
	ids, err := intentionsOf(db, intentionRows)
	if err != nil {
		return nil, err
	}
	var intentions []Promise
	if err := db.Select("id", "created_at").Where("id IN ?", ids).Order("created_at, id").Find(&intentions).Error; err != nil {
		return nil, err
	}
	for _, p := range intentions {
		out = append(out, LockedItem{Kind: "intention", ID: p.ID, CreatedAt: p.CreatedAt})
	}
	return out, err
}

// RestoreSealed seals again with the acting user's key in ctx what opens
// with old, a data key of theirs recovered with a recovery code, and
// returns how many items it restored.
func (s *Store) RestoreSealed(ctx context.Context, sc Scope, old seal.Key) (int, error) {
	oldCtx := WithDataKey(context.Background(), sc.UserID, old)
	n := 0
	err := s.transaction(ctx, func(tx *gorm.DB) error {
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
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		var intentionRows []sealable
		err := eachLocked(ctx, tx, sc, func(table string, r sealable) error {
			if table == intentionTable { // deleted whole, below
				intentionRows = append(intentionRows, r)
				return nil
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
		// A locked intention goes whole: its terms, days and pauses by cascade.
		if len(intentionRows) > 0 {
			ids, err := intentionsOf(tx, intentionRows)
			if err != nil {
				return err
			}
			res := tx.Where("id IN ? AND author_id = ?", ids, sc.UserID).Delete(&Promise{})
			if res.Error != nil {
				return res.Error
			}
			n += int(res.RowsAffected)
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
