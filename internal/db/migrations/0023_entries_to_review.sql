-- Whether a ledger entry has its partner's review, kept by the writes that
-- add or remove a review (recomputeTally, in their transaction), so that
-- the records waiting for a review are found in an index of those alone.
-- The count in the header of every page and the dashboard's list read
-- them; before, they probed every record of the last 30 days for a review.
ALTER TABLE ledger_entries ADD COLUMN reviewed BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE ledger_entries SET reviewed = TRUE WHERE EXISTS (SELECT 1 FROM ledger_reviews r WHERE r.entry_id = ledger_entries.id);
CREATE INDEX ledger_entries_to_review ON ledger_entries (space_id, date) WHERE reviewed = FALSE;
