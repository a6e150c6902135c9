-- Daily check-ins and weekly reflections.

-- One check-in per member per day of their own calendar: date is the author's
-- local date (YYYY-MM-DD) when they wrote it; times are UTC.
CREATE TABLE checkins (
    id         TEXT PRIMARY KEY,
    space_id   TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    author_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    safe       INTEGER NOT NULL,
    trust      INTEGER NOT NULL,
    connected  INTEGER NOT NULL,
    mood       TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    private    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX checkins_one_a_day ON checkins (space_id, author_id, date);
CREATE INDEX checkins_space_date ON checkins (space_id, date);

-- One reflection per member per week of their own calendar: week_start is the
-- Monday of the author's local week. visibility is private, shared or
-- together (shown to the partner once they have written theirs).
CREATE TABLE reflections (
    id         TEXT PRIMARY KEY,
    space_id   TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    author_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    week_start TEXT NOT NULL,
    helped     TEXT NOT NULL DEFAULT '',
    hard       TEXT NOT NULL DEFAULT '',
    need       TEXT NOT NULL DEFAULT '',
    next_step  TEXT NOT NULL DEFAULT '',
    practice   TEXT NOT NULL DEFAULT '',
    visibility TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX reflections_one_a_week ON reflections (space_id, author_id, week_start);
CREATE INDEX reflections_space_week ON reflections (space_id, week_start);
