-- The journal (entries private unless their author shares them, and the
-- partner's one reply) and gratitude notes.
CREATE TABLE journal_entries (
    id          TEXT PRIMARY KEY,
    space_id    TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    author_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL DEFAULT '',
    practice    TEXT NOT NULL DEFAULT '',
    prompt      TEXT NOT NULL DEFAULT '',
    shared      BOOLEAN NOT NULL DEFAULT FALSE,
    shared_at   TIMESTAMP,
    -- title and body in lower case, kept by the application, so that search
    -- ignores case for every alphabet on SQLite (whose LOWER is ASCII only)
    -- as on PostgreSQL.
    search_text TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX journal_entries_space_created ON journal_entries (space_id, created_at);

-- At most one reply per entry, by the partner; shown only while the entry is shared.
CREATE TABLE journal_replies (
    id         TEXT PRIMARY KEY,
    space_id   TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    entry_id   TEXT NOT NULL UNIQUE REFERENCES journal_entries(id) ON DELETE CASCADE,
    author_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX journal_replies_space_created ON journal_replies (space_id, created_at);

-- A note of thanks from one member to the other; both see it, nobody else.
CREATE TABLE gratitude_notes (
    id          TEXT PRIMARY KEY,
    space_id    TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    from_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    to_id       TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body        TEXT NOT NULL,
    practice    TEXT NOT NULL DEFAULT '',
    received_at TIMESTAMP,
    heart       BOOLEAN NOT NULL DEFAULT FALSE,
    reply       TEXT NOT NULL DEFAULT '',
    replied_at  TIMESTAMP,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX gratitude_notes_space_created ON gratitude_notes (space_id, created_at);
