-- The records a dashboard and the promises page read (the promise, date
-- and outcome of each record of a space over a range of dates, with the
-- kind of its review) and the weekly tallies of its charts come from
-- indexes that hold every column those reads name, instead of looking up
-- each record in its table and its review in ledger_reviews: EXPLAIN
-- showed two lookups per record and one per week.
--
-- review_kind is the kind of the record's review (NULL without one),
-- stored with the record by the write that changes the review, in its
-- transaction, as reviewed is. The old indexes were the first columns of
-- the new ones, so every query that used them still can.
ALTER TABLE ledger_entries ADD COLUMN review_kind TEXT;
UPDATE ledger_entries SET review_kind = (SELECT r.kind FROM ledger_reviews r WHERE r.entry_id = ledger_entries.id);
DROP INDEX ledger_entries_space_date;
CREATE INDEX ledger_entries_space_date ON ledger_entries (space_id, date, promise_id, outcome, review_kind);
DROP INDEX promise_weeks_space;
CREATE INDEX promise_weeks_space ON promise_weeks (space_id, week, promise_id, confirmed, unconfirmed, disputed, missed);
