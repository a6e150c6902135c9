-- What each promise's records add up to, kept in the same transaction as
-- every write of a record or of what the partner said of it, so that rates
-- and charts read a row per promise (or per promise and week) instead of
-- every day of its history: confirmed (kept and confirmed), unconfirmed
-- (kept, not yet answered), disputed (kept, seen differently), missed
-- (recorded missed). promise_weeks adds them up per week, week being the
-- Monday of the records' dates (the author's dates); promise_tallies adds
-- the weeks up. Both are filled from the records already written when the
-- migrations have run (store.RebuildAggregates).
CREATE TABLE promise_weeks (
    promise_id  TEXT NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
    week        TEXT NOT NULL,
    space_id    TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    confirmed   INTEGER NOT NULL,
    unconfirmed INTEGER NOT NULL,
    disputed    INTEGER NOT NULL,
    missed      INTEGER NOT NULL,
    PRIMARY KEY (promise_id, week)
);
CREATE INDEX promise_weeks_space ON promise_weeks (space_id, week);
CREATE TABLE promise_tallies (
    promise_id  TEXT PRIMARY KEY REFERENCES promises(id) ON DELETE CASCADE,
    space_id    TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    confirmed   INTEGER NOT NULL,
    unconfirmed INTEGER NOT NULL,
    disputed    INTEGER NOT NULL,
    missed      INTEGER NOT NULL
);
CREATE INDEX promise_tallies_space ON promise_tallies (space_id);
