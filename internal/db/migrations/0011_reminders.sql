-- Reminders: settings, the private calendar feed, email addresses and their
-- tokens, and the record of every reminder sent.

-- Each member's reminder settings, in their own time zone. A member without
-- a row has every reminder off. Hours are 0..23 local; weekdays a bit set
-- (bit 0 Sunday .. bit 6 Saturday); reflection_day -1 when none.
CREATE TABLE reminder_settings (
    user_id        TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    summary_on     BOOLEAN NOT NULL DEFAULT FALSE,
    summary_hour   INTEGER NOT NULL DEFAULT 8,
    checkin_on     BOOLEAN NOT NULL DEFAULT FALSE,
    checkin_hour   INTEGER NOT NULL DEFAULT 20,
    checkin_days   INTEGER NOT NULL DEFAULT 0,
    reflection_day INTEGER NOT NULL DEFAULT -1,
    quiet_on       BOOLEAN NOT NULL DEFAULT FALSE,
    quiet_from     INTEGER NOT NULL DEFAULT 22,
    quiet_to       INTEGER NOT NULL DEFAULT 7,
    email_on       BOOLEAN NOT NULL DEFAULT FALSE,
    feed_titles    BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at     TIMESTAMP NOT NULL
);

-- A member's secret calendar feed. Only a keyed hash of the token is kept;
-- rotating revokes the old row and adds a new one.
CREATE TABLE calendar_feeds (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX calendar_feeds_user ON calendar_feeds (user_id);

-- When the account's current address was shown to be theirs.
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMP;

-- Single-use tokens sent by mail: address verification and password reset.
-- Only a keyed hash is stored; email is the address the token was sent to.
CREATE TABLE email_tokens (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,
    email      TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose);

-- One row per reminder a scheduler claimed: the primary key makes every
-- (member, kind, local date) go out at most once, whichever server claims it.
-- state is claimed (being sent), sent, or failed (retried after retry_at).
CREATE TABLE reminder_sends (
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    local_date TEXT NOT NULL,
    state      TEXT NOT NULL,
    attempts   INTEGER NOT NULL DEFAULT 0,
    claimed_by TEXT NOT NULL,
    claimed_at TIMESTAMP NOT NULL,
    retry_at   TIMESTAMP,
    sent_at    TIMESTAMP,
    PRIMARY KEY (user_id, kind, local_date)
);
