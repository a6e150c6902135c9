-- The conversations of recovery: questions (private drafts until sent, then
-- answered round by round), triggers (private unless shared, with the
-- partner's responses) and openness agreements (offered, in force once
-- accepted, reviewed, ended). Calendar dates are TEXT YYYY-MM-DD.
CREATE TABLE questions (
    id         TEXT PRIMARY KEY,
    space_id   TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    author_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    practice   TEXT NOT NULL DEFAULT '',
    -- NULL while a draft, which only its author sees.
    sent_at    TIMESTAMP,
    -- open, or enough (the asker marked the answer enough for now).
    state      TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'enough')),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX questions_space ON questions (space_id, sent_at);

-- Each time a question is asked: round 1 when sent, then each "ask again".
-- The unique (question_id, seq) lets only one of two concurrent asks win.
CREATE TABLE question_rounds (
    id          TEXT PRIMARY KEY,
    question_id TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    space_id    TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    body        TEXT NOT NULL DEFAULT '',
    -- The answerer's wish to answer in person or with the counsellor: the
    -- round stays open with that note.
    defer_kind  TEXT NOT NULL DEFAULT '' CHECK (defer_kind IN ('', 'in-person', 'counsellor')),
    defer_note  TEXT NOT NULL DEFAULT '',
    deferred_at TIMESTAMP,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (question_id, seq)
);
CREATE INDEX question_rounds_space ON question_rounds (space_id, created_at);

-- One written answer per round.
CREATE TABLE question_answers (
    id          TEXT PRIMARY KEY,
    question_id TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    round_id    TEXT NOT NULL UNIQUE REFERENCES question_rounds(id) ON DELETE CASCADE,
    space_id    TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    author_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body        TEXT NOT NULL,
    practice    TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX question_answers_space ON question_answers (space_id, created_at);

CREATE TABLE triggers (
    id          TEXT PRIMARY KEY,
    space_id    TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    author_id   TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    occurred_at TIMESTAMP NOT NULL,
    strength    INTEGER NOT NULL CHECK (strength BETWEEN 0 AND 10),
    cause       TEXT NOT NULL DEFAULT '',
    helped      TEXT NOT NULL DEFAULT '',
    shared      BOOLEAN NOT NULL DEFAULT FALSE,
    shared_at   TIMESTAMP,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX triggers_space_occurred ON triggers (space_id, occurred_at);

-- The partner's one response to a shared trigger.
CREATE TABLE trigger_responses (
    id         TEXT PRIMARY KEY,
    trigger_id TEXT NOT NULL REFERENCES triggers(id) ON DELETE CASCADE,
    space_id   TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    author_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('here', 'note', 'talk')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    UNIQUE (trigger_id, author_id)
);
CREATE INDEX trigger_responses_space ON trigger_responses (space_id, created_at);

-- Openness one partner offers; shared with the partner by nature.
CREATE TABLE agreements (
    id           TEXT PRIMARY KEY,
    space_id     TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    author_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body         TEXT NOT NULL,
    review_on    TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('offered', 'change-asked', 'accepted', 'declined', 'ended')),
    -- The partner's last words on it: what to change, why declined.
    note         TEXT NOT NULL DEFAULT '',
    accepted_at  TIMESTAMP,
    ended_at     TIMESTAMP,
    ended_by     TEXT REFERENCES users(id) ON DELETE SET NULL,
    end_note     TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX agreements_space ON agreements (space_id, state, review_on);

-- What happened to an agreement, in order: offered, revised, change asked,
-- accepted, declined, renewed, ended.
CREATE TABLE agreement_events (
    id           TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    space_id     TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    author_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    what         TEXT NOT NULL,
    body         TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    review_on    TEXT NOT NULL DEFAULT '',
    -- The step's place in the history: 1, 2, 3...
    seq          INTEGER NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    UNIQUE (agreement_id, seq)
);
CREATE INDEX agreement_events_space ON agreement_events (space_id, created_at);

-- A promise may put an agreement into practice; its ledger is the record.
ALTER TABLE promises ADD COLUMN agreement_id TEXT REFERENCES agreements(id) ON DELETE SET NULL;
