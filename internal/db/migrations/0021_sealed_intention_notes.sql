-- The notes of a private intention are as private as its terms: a day's
-- record note, a replaced record's note, a pause's note and the closing
-- note are sealed with the author's data key while the intention is
-- private (internal/seal), into sealed, with the note left ''.
ALTER TABLE ledger_entries ADD COLUMN sealed TEXT NOT NULL DEFAULT '';
ALTER TABLE ledger_corrections ADD COLUMN sealed TEXT NOT NULL DEFAULT '';
ALTER TABLE promise_pauses ADD COLUMN sealed TEXT NOT NULL DEFAULT '';
ALTER TABLE promises ADD COLUMN sealed TEXT NOT NULL DEFAULT '';
