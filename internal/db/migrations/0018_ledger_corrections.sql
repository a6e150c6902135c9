-- A ledger record, and the partner's review of it, can be put right. Within
-- ten minutes of writing it, and before anyone answered it, its writer
-- changes it plainly. After that a correction replaces it and what it
-- replaced is kept in ledger_corrections, so the history shows what was first
-- said. The row in ledger_entries (one per promise and day, as before) and in
-- ledger_reviews (one per entry) always holds what stands now.
--
-- revision counts the changes of a row: every change is a conditional update
-- on the revision the writer saw, so two changes made at once cannot both
-- apply to the same state. changed_at is when what stands now was written
-- (NULL: when the row was created).
ALTER TABLE ledger_entries ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ledger_entries ADD COLUMN changed_at TIMESTAMP;
ALTER TABLE ledger_reviews ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ledger_reviews ADD COLUMN changed_at TIMESTAMP;

-- What a correction replaced: a record (part 'record': its outcome and
-- note), or a review (part 'review': its kind, note and any answer), either
-- corrected by its reviewer (new_value the new kind) or set aside because
-- the record it reviewed was corrected (new_value ''); the partner is then
-- asked to look again. source_id is the entry or review replaced and
-- revision its revision then: one correction per state, whatever runs at once.
CREATE TABLE ledger_corrections (
    id           TEXT PRIMARY KEY,
    space_id     TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    entry_id     TEXT NOT NULL REFERENCES ledger_entries(id) ON DELETE CASCADE,
    part         TEXT NOT NULL,
    source_id    TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    writer_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    value        TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    reply        TEXT NOT NULL DEFAULT '',
    replied_at   TIMESTAMP,
    written_at   TIMESTAMP NOT NULL,
    corrected_by TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    new_value    TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX ledger_corrections_source ON ledger_corrections (source_id, revision);
CREATE INDEX ledger_corrections_entry ON ledger_corrections (entry_id, created_at);
CREATE INDEX ledger_corrections_space_created ON ledger_corrections (space_id, created_at);

-- The timeline reads pauses begun and ended in a window of time, as it reads
-- the rest of a promise's history.
CREATE INDEX promise_pauses_space_created ON promise_pauses (space_id, created_at);
CREATE INDEX promise_pauses_space_ended ON promise_pauses (space_id, ended_at);
