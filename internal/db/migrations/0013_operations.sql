-- Running an installation: accounts the operator disabled, and two-step
-- login (TOTP) with one-time recovery codes.

-- A disabled account cannot log in; NULL means enabled.
ALTER TABLE users ADD COLUMN disabled_at TIMESTAMP;

-- The TOTP secret, sealed with a key derived from the server's secret;
-- empty when two-step login is off. totp_last_step is the time step of the
-- last code accepted, so that a code is accepted only once.
ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

-- Ten one-time recovery codes per account with two-step login; only a keyed
-- hash of each is kept.
CREATE TABLE recovery_codes (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash  TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);
