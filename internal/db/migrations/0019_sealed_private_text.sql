-- Private text at rest is sealed with its author's data key (internal/seal).
-- The data key itself is kept only wrapped: by a key derived from the
-- password (key_by_password, which names its argon2id costs and salt), by a
-- recovery code shown once (key_by_recovery), and, for each login, by a key
-- derived from that login's cookie token (login_sessions.wrapped_key).
-- '' means none yet: a member without keys gets them at their next login.
ALTER TABLE users ADD COLUMN key_by_password TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN key_by_recovery TEXT NOT NULL DEFAULT '';
-- A reset of the password without the old one replaces the data key at the
-- next login: key_lost_at says when, and key_lost_by_recovery keeps the old
-- keys wrapped by their recovery codes (one a line), so that what was sealed
-- with them opens again once the member enters such a code.
ALTER TABLE users ADD COLUMN key_lost_at TIMESTAMP;
ALTER TABLE users ADD COLUMN key_lost_by_recovery TEXT NOT NULL DEFAULT '';
ALTER TABLE login_sessions ADD COLUMN wrapped_key TEXT NOT NULL DEFAULT '';

-- sealed holds, while an item is private to its author, its private text
-- fields sealed together, and those fields are ''; '' while the item is
-- readable in its columns (shared, or written before this migration and
-- not yet sealed at its author's next login).
ALTER TABLE journal_entries ADD COLUMN sealed TEXT NOT NULL DEFAULT '';
ALTER TABLE checkins ADD COLUMN sealed TEXT NOT NULL DEFAULT '';
ALTER TABLE reflections ADD COLUMN sealed TEXT NOT NULL DEFAULT '';
ALTER TABLE bookmarks ADD COLUMN sealed TEXT NOT NULL DEFAULT '';
ALTER TABLE triggers ADD COLUMN sealed TEXT NOT NULL DEFAULT '';
ALTER TABLE questions ADD COLUMN sealed TEXT NOT NULL DEFAULT '';
-- The terms (title, details, note) of a private intention.
ALTER TABLE promise_versions ADD COLUMN sealed TEXT NOT NULL DEFAULT '';

-- No plain search copy of a private entry: search opens its author's
-- entries in memory. Shared entries keep theirs.
UPDATE journal_entries SET search_text = '' WHERE shared = FALSE;
