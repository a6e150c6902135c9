package store

import (
	"context"
	"database/sql"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// DeletedAuthor is the id that stands, after an account is deleted, for its
// writer in what the partner wrote in answer to them: a reply keeps the
// entry it answered, emptied of its text, so that the page can say it was
// deleted. The id cannot be one of NewID's (it has an "l"), and its row is
// disabled and has no password: no one logs in as it.
const DeletedAuthor = "deleted"

// realAccounts limits a query of users to accounts, leaving out the row of
// DeletedAuthor: it is never listed, counted, found by email or enabled.
func realAccounts(db *gorm.DB) *gorm.DB { return db.Where("users.id <> ?", DeletedAuthor) }

// DeletedText replaces the text of an item deleted with its writer's
// account where the partner's answer to it stays.
const DeletedText = "This was deleted, with the account of the one who wrote it."

// DeletedTitle replaces the title of such an item.
const DeletedTitle = "Deleted"

// deletedAnswered are the statements that empty, and give to DeletedAuthor,
// the items of the account being deleted that the partner answered, so that
// the answers stay; every other row the account wrote goes with its users
// row, by cascade. The text the account wrote inside the partner's own rows
// (a reply to a note of thanks, a reply to a dispute) is cleared. Arguments:
// @user, @gone (DeletedAuthor), @text (DeletedText), @title (DeletedTitle).
var deletedAnswered = []string{
	// Every space they were part of changes: pages kept of it are stale.
	`UPDATE spaces SET version = version + 1 WHERE id IN (SELECT m.space_id FROM memberships m WHERE m.user_id = @user)`,
	// Journal entries the partner replied to.
	`UPDATE journal_entries SET author_id = @gone, title = @title, body = @text, prompt = '', practice = '',
		search_text = @text_lower WHERE author_id = @user
		AND EXISTS (SELECT 1 FROM journal_replies r WHERE r.entry_id = journal_entries.id AND r.author_id <> @user)`,
	// Questions the partner answered: closed, their follow-ups emptied.
	`UPDATE question_rounds SET body = '' WHERE question_id IN (SELECT q.id FROM questions q WHERE q.author_id = @user
		AND EXISTS (SELECT 1 FROM question_answers a WHERE a.question_id = q.id AND a.author_id <> @user))`,
	`UPDATE questions SET author_id = @gone, body = @text, practice = '', state = 'enough' WHERE author_id = @user
		AND EXISTS (SELECT 1 FROM question_answers a WHERE a.question_id = questions.id AND a.author_id <> @user)`,
	// Triggers the partner responded to.
	`UPDATE triggers SET author_id = @gone, cause = @text, helped = '' WHERE author_id = @user
		AND EXISTS (SELECT 1 FROM trigger_responses r WHERE r.trigger_id = triggers.id AND r.author_id <> @user)`,
	// Agreements the partner answered: ended, emptied.
	`UPDATE agreements SET author_id = @gone, body = @text, state = 'ended',
		ended_at = COALESCE(ended_at, @now), end_note = CASE WHEN ended_by = @user THEN '' ELSE end_note END
		WHERE author_id = @user
		AND EXISTS (SELECT 1 FROM agreement_events e WHERE e.agreement_id = agreements.id AND e.author_id <> @user)`,
	// Promises whose record the partner reviewed: the promise, its versions,
	// pauses and records emptied; the account's replies to disputes cleared.
	// (A review the partner wrote and a correction set aside is kept in
	// the day's history, ledger_corrections: it counts as an answer too.)
	`UPDATE ledger_reviews SET reply = '', replied_at = NULL WHERE entry_id IN
		(SELECT e.id FROM ledger_entries e WHERE e.author_id = @user)`,
	`UPDATE ledger_corrections SET reply = '', replied_at = NULL WHERE part = 'review' AND entry_id IN
		(SELECT e.id FROM ledger_entries e WHERE e.author_id = @user)`,
	`UPDATE promises SET author_id = @gone, practice = '', close_note = '' WHERE author_id = @user AND private = FALSE
		AND (EXISTS (SELECT 1 FROM ledger_entries e JOIN ledger_reviews r ON r.entry_id = e.id
			WHERE e.promise_id = promises.id AND r.reviewer_id <> @user)
		OR EXISTS (SELECT 1 FROM ledger_entries e JOIN ledger_corrections c ON c.entry_id = e.id
			WHERE e.promise_id = promises.id AND c.writer_id <> @user))`,
	`UPDATE promise_versions SET title = @title, details = '', note = '' WHERE promise_id IN
		(SELECT p.id FROM promises p WHERE p.author_id = @gone)`,
	`UPDATE promise_pauses SET note = '' WHERE promise_id IN (SELECT p.id FROM promises p WHERE p.author_id = @gone)`,
	`UPDATE ledger_entries SET author_id = @gone, note = '' WHERE author_id = @user
		AND promise_id IN (SELECT p.id FROM promises p WHERE p.author_id = @gone)`,
	// Their reviews of the partner's records that the partner replied to,
	// kept or replaced; and the partner's words they set aside, kept.
	`UPDATE ledger_reviews SET reviewer_id = @gone, note = '' WHERE reviewer_id = @user AND reply <> ''`,
	`UPDATE ledger_corrections SET writer_id = @gone, note = '' WHERE writer_id = @user AND reply <> ''`,
	`UPDATE ledger_corrections SET corrected_by = @gone WHERE corrected_by = @user AND writer_id <> @user`,
	// Notes of thanks: theirs the partner replied to, emptied; the
	// partner's to them, without their reply.
	`UPDATE gratitude_notes SET from_id = @gone, body = @text, practice = '' WHERE from_id = @user AND reply <> ''`,
	`UPDATE gratitude_notes SET to_id = @gone, reply = '', replied_at = NULL, heart = FALSE WHERE to_id = @user`,
}

// answerable are the tables of what a partner answers, with their author
// column; DeleteAccount locks the account's rows of them.
var answerable = [][2]string{{"users", "id"}, {"journal_entries", "author_id"}, {"questions", "author_id"},
	{"triggers", "author_id"}, {"agreements", "author_id"}, {"ledger_entries", "author_id"}, {"gratitude_notes", "from_id"}}

// lockAnswerable locks (on PostgreSQL) the account's row and the rows it
// wrote that a partner can answer, so that an answer being written at the
// same moment either commits first, and is seen and kept, or waits and
// finds what it answers deleted: an answer acknowledged is never lost with
// the account. SQLite runs one write at a time.
func lockAnswerable(tx *gorm.DB, userID string) error {
	for _, t := range answerable {
		var ids []string
		if err := tx.Table(t[0]).Clauses(clause.Locking{Strength: "UPDATE"}).Where(t[1]+" = ?", userID).
			Pluck("id", &ids).Error; err != nil {
			return err
		}
	}
	return nil
}

// DeleteAccount deletes the account userID and everything its member
// wrote, in every space, shared items included. They first leave their
// space as LeaveSpace does. What a partner wrote stays; where it answered
// something deleted, that item stays emptied and given to DeletedAuthor.
func (s *Store) DeleteAccount(ctx context.Context, userID string) error {
	if userID == DeletedAuthor {
		return ErrNotFound
	}
	return s.removedPrivateText(s.transaction(ctx, func(tx *gorm.DB) error {
		var spaceID string
		err := tx.Model(&Membership{}).Where("user_id = ? AND left_at IS NULL", userID).Limit(1).Pluck("space_id", &spaceID).Error
		if err != nil {
			return err
		}
		if spaceID != "" {
			if err := s.leaveSpace(tx, Scope{UserID: userID, SpaceID: spaceID}); err != nil {
				return err
			}
		}
		if err := lockAnswerable(tx, userID); err != nil {
			return err
		}
		var spaces []string // where their reviews of a partner's records go with them
		if err := tx.Model(&Membership{}).Where("user_id = ?", userID).Distinct().Pluck("space_id", &spaces).Error; err != nil {
			return err
		}
		now := s.Now()
		if err := tx.Exec(`INSERT INTO users (id, email, name, password_hash, time_zone, disabled_at, created_at, updated_at)
			VALUES (?, ?, ?, '', 'UTC', ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
			DeletedAuthor, DeletedAuthor, "A deleted account", now, now, now).Error; err != nil {
			return err
		}
		args := []any{sql.Named("user", userID), sql.Named("gone", DeletedAuthor), sql.Named("text", DeletedText),
			sql.Named("title", DeletedTitle), sql.Named("now", now), sql.Named("text_lower", strings.ToLower(DeletedText))}
		for _, stmt := range deletedAnswered {
			if err := tx.Exec(stmt, args...).Error; err != nil {
				return err
			}
		}
		res := tx.Where("id = ?", userID).Delete(&User{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		for _, id := range spaces {
			if err := recomputeSpaceTallies(tx, id); err != nil {
				return err
			}
		}
		return nil
	}))
}
