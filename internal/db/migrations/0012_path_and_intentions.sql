-- The stage of the path of recovery a couple says they are in (0 safety and
-- deciding ... 4 building a new relationship; the stages are named in the
-- guidance). A new space starts at 0.
ALTER TABLE spaces ADD COLUMN stage INTEGER NOT NULL DEFAULT 0;

-- Proposals to change the stage: one partner proposes, the other agrees
-- (which changes spaces.stage) or declines, or the proposer withdraws it.
-- Rows are kept as the couple's history of the path. outcome is '' while
-- open; at most one proposal of a space is open at a time.
CREATE TABLE stage_changes (
    id          TEXT PRIMARY KEY,
    space_id    TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    from_stage  INTEGER NOT NULL,
    to_stage    INTEGER NOT NULL,
    proposed_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    proposed_at TIMESTAMP NOT NULL,
    outcome     TEXT NOT NULL DEFAULT '',
    decided_by  TEXT REFERENCES users(id) ON DELETE SET NULL,
    decided_at  TIMESTAMP
);
CREATE INDEX stage_changes_space ON stage_changes (space_id, proposed_at);
CREATE UNIQUE INDEX stage_changes_one_open ON stage_changes (space_id) WHERE outcome = '';

-- A private intention is a promise its author tracks alone: never shown to
-- the partner, never offered for confirmation.
ALTER TABLE promises ADD COLUMN private BOOLEAN NOT NULL DEFAULT FALSE;
