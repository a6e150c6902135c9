-- Check-in totals per member and week, kept in the same transaction as every
-- write of check-ins, so that charts read a dozen rows instead of months of
-- check-ins. week is the Monday of the check-ins' dates (the author's local
-- dates). n and the sums count every check-in of the week, private ones
-- included, for the author's own chart; the shared_ columns count only the
-- shared ones, all the partner's chart may read. first_at is when the
-- week's earliest check-in was made: a partner who joined after it reads the
-- week from the check-ins themselves.
CREATE TABLE checkin_weeks (
    space_id         TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    author_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    week             TEXT NOT NULL,
    n                INTEGER NOT NULL,
    safe             INTEGER NOT NULL,
    trust            INTEGER NOT NULL,
    connected        INTEGER NOT NULL,
    shared_n         INTEGER NOT NULL,
    shared_safe      INTEGER NOT NULL,
    shared_trust     INTEGER NOT NULL,
    shared_connected INTEGER NOT NULL,
    first_at         TIMESTAMP NOT NULL,
    PRIMARY KEY (space_id, author_id, week)
);
