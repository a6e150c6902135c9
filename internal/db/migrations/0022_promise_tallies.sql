-- Each promise's records added up, kept in the same transaction as every
-- write of a record or of what the partner said of it, so that a promise's
-- rate since its start is read from one row instead of every day of its
-- history. confirmed: kept and confirmed; unconfirmed: kept, not yet
-- answered; disputed: kept, seen differently; missed: recorded missed.
-- Filled here from the records already written.
CREATE TABLE promise_tallies (
    promise_id  TEXT PRIMARY KEY REFERENCES promises(id) ON DELETE CASCADE,
    space_id    TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    confirmed   INTEGER NOT NULL,
    unconfirmed INTEGER NOT NULL,
    disputed    INTEGER NOT NULL,
    missed      INTEGER NOT NULL
);
CREATE INDEX promise_tallies_space ON promise_tallies (space_id);
INSERT INTO promise_tallies (promise_id, space_id, confirmed, unconfirmed, disputed, missed)
SELECT le.promise_id, MIN(le.space_id),
    SUM(CASE WHEN le.outcome = 'kept' AND r.kind = 'confirm' THEN 1 ELSE 0 END),
    SUM(CASE WHEN le.outcome = 'kept' AND r.kind IS NULL THEN 1 ELSE 0 END),
    SUM(CASE WHEN le.outcome = 'kept' AND r.kind = 'dispute' THEN 1 ELSE 0 END),
    SUM(CASE WHEN le.outcome = 'missed' THEN 1 ELSE 0 END)
FROM ledger_entries le LEFT JOIN ledger_reviews r ON r.entry_id = le.id
GROUP BY le.promise_id;
