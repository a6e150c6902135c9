-- A couple's shared space, its members (present and past) and invitations.
CREATE TABLE spaces (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- left_at is set when a member leaves; the row stays so that what they shared
-- can still be shown as written by a former partner.
CREATE TABLE memberships (
    id          TEXT PRIMARY KEY,
    space_id    TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role        TEXT NOT NULL DEFAULT '',
    role_shared BOOLEAN NOT NULL DEFAULT FALSE,
    joined_at   TIMESTAMP NOT NULL,
    left_at     TIMESTAMP
);
CREATE INDEX memberships_space ON memberships (space_id);
-- A user belongs to at most one space at a time.
CREATE UNIQUE INDEX memberships_one_current ON memberships (user_id) WHERE left_at IS NULL;

CREATE TABLE invitations (
    id         TEXT PRIMARY KEY,
    space_id   TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    created_by TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP,
    used_by    TEXT REFERENCES users(id) ON DELETE SET NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX invitations_space ON invitations (space_id);
