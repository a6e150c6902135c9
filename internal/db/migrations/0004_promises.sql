-- Promises and their ledger. Nothing here is private: promises, ledger
-- entries and reviews are shared with the partner by nature. Calendar dates
-- are the promise author's local dates, as TEXT YYYY-MM-DD, which sorts and
-- compares like the dates themselves.
CREATE TABLE promises (
    id         TEXT PRIMARY KEY,
    space_id   TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    author_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    practice   TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    -- The first date no longer due once closed; NULL while open.
    closed_on  TEXT,
    close_kind TEXT NOT NULL DEFAULT '',
    close_note TEXT NOT NULL DEFAULT '',
    closed_at  TIMESTAMP
);
CREATE INDEX promises_space ON promises (space_id, created_at);

-- Every agreement on a promise's terms: the first, then each renegotiation,
-- with its reason. Rows are never changed: a row agreed later replaces those
-- that would take effect on or after its from_date.
CREATE TABLE promise_versions (
    id         TEXT PRIMARY KEY,
    promise_id TEXT NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
    space_id   TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    from_date  TEXT NOT NULL,
    title      TEXT NOT NULL,
    details    TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL,
    due        TEXT,
    weekdays   INTEGER NOT NULL DEFAULT 0,
    start_date TEXT NOT NULL,
    end_date   TEXT,
    note       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX promise_versions_space ON promise_versions (space_id, promise_id);

-- Pauses: from_date inclusive, to_date exclusive, NULL while still paused.
CREATE TABLE promise_pauses (
    id         TEXT PRIMARY KEY,
    promise_id TEXT NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
    space_id   TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    from_date  TEXT NOT NULL,
    to_date    TEXT,
    note       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    ended_at   TIMESTAMP
);
CREATE INDEX promise_pauses_space ON promise_pauses (space_id, promise_id);
-- At most one pause is running at a time.
CREATE UNIQUE INDEX promise_pauses_open ON promise_pauses (promise_id) WHERE to_date IS NULL;

-- The ledger: what the author recorded for a due date. Append-only.
CREATE TABLE ledger_entries (
    id         TEXT PRIMARY KEY,
    space_id   TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    promise_id TEXT NOT NULL REFERENCES promises(id) ON DELETE CASCADE,
    author_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    date       TEXT NOT NULL,
    outcome    TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
-- A date is recorded once: a second record is refused, never overwritten.
CREATE UNIQUE INDEX ledger_entries_promise_date ON ledger_entries (promise_id, date);
CREATE INDEX ledger_entries_space_date ON ledger_entries (space_id, date);

-- The partner's confirmation or dispute of an entry (one per entry), and the
-- author's one answer to a dispute.
CREATE TABLE ledger_reviews (
    id          TEXT PRIMARY KEY,
    space_id    TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    entry_id    TEXT NOT NULL REFERENCES ledger_entries(id) ON DELETE CASCADE,
    reviewer_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    reply       TEXT NOT NULL DEFAULT '',
    replied_at  TIMESTAMP,
    created_at  TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX ledger_reviews_entry ON ledger_reviews (entry_id);
CREATE INDEX ledger_reviews_space ON ledger_reviews (space_id, created_at);
