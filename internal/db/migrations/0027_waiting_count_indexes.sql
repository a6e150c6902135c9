-- The count in the header of every page finds what waits for a member in
-- indexes that hold every column it reads, instead of reading each row
-- from its table: the partner's records waiting for a review (with their
-- author and promise), the open disputes (with their record), and the
-- notes of thanks not yet received, by the member they are to. The first
-- holds reviewed, always false in it, because SQLite reads an index alone
-- only when it holds every column the query names.
DROP INDEX ledger_entries_to_review;
CREATE INDEX ledger_entries_to_review ON ledger_entries (space_id, date, author_id, promise_id, reviewed) WHERE reviewed = FALSE;
DROP INDEX ledger_reviews_open_disputes;
CREATE INDEX ledger_reviews_open_disputes ON ledger_reviews (space_id, kind, replied_at, created_at, entry_id);
CREATE INDEX gratitude_notes_unreceived ON gratitude_notes (space_id, to_id) WHERE received_at IS NULL;
