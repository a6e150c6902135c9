-- State that several servers on one database must share, and the rule of
-- two members per space held by the database itself.

-- Each current member of a space holds one of its two seats; a unique index
-- lets no two current members hold the same seat, so that two people joining
-- at once cannot both take the last one. The application only gives seats 1
-- and 2. Current members are numbered in the order they joined.
ALTER TABLE memberships ADD COLUMN seat INTEGER;
UPDATE memberships SET seat = (SELECT COUNT(*) FROM memberships m
    WHERE m.space_id = memberships.space_id AND m.left_at IS NULL
    AND (m.joined_at < memberships.joined_at OR (m.joined_at = memberships.joined_at AND m.id <= memberships.id)))
    WHERE left_at IS NULL;
CREATE UNIQUE INDEX memberships_seat ON memberships (space_id, seat) WHERE left_at IS NULL;

-- A space's version moves on with every change in it: a page cached by any
-- server is served only while the version it was made under is current.
-- Changing the row also locks it, which serializes joining and inviting.
ALTER TABLE spaces ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- Failed logins, re-entered passwords and sign-ups counted per key (an
-- account, a login session, a client address), shared by every server. The
-- key is a keyed hash: no email address or IP address is stored here.
CREATE TABLE throttles (
    key_hash TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_at  TIMESTAMP NOT NULL,
    until_at TIMESTAMP
);
CREATE INDEX throttles_last ON throttles (last_at);
