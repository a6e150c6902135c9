-- Counsellor links: a read-only view of what both partners shared, for a
-- person they both chose. Proposed by one member, in force once the other
-- agrees, until it expires or either revokes it. Only a keyed hash of the
-- token is kept. shows is a comma-separated list of what it shows
-- (promises, checkins, thanks, journal, ...); from_date and to_date
-- (YYYY-MM-DD, inclusive) the range it covers; from_at and until_at the
-- same range as instants, in the proposer's time zone.
CREATE TABLE counsellor_links (
    id         TEXT PRIMARY KEY,
    space_id   TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    created_by TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    agreed_by  TEXT REFERENCES users(id) ON DELETE SET NULL,
    label      TEXT NOT NULL,
    shows      TEXT NOT NULL,
    from_date  TEXT NOT NULL,
    to_date    TEXT NOT NULL,
    from_at    TIMESTAMP NOT NULL,
    until_at   TIMESTAMP NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    agreed_at  TIMESTAMP,
    revoked_at TIMESTAMP,
    revoked_by TEXT REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX counsellor_links_space ON counsellor_links (space_id, created_at);

-- Each opening of a link's pages: when, and which page; never the address.
CREATE TABLE counsellor_views (
    id        TEXT PRIMARY KEY,
    link_id   TEXT NOT NULL REFERENCES counsellor_links(id) ON DELETE CASCADE,
    space_id  TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    page      TEXT NOT NULL,
    viewed_at TIMESTAMP NOT NULL
);
CREATE INDEX counsellor_views_space ON counsellor_views (space_id, viewed_at);
