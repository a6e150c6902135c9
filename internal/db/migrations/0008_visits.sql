-- The dashboard and the timeline.

-- Visits to the dashboard, per membership, for "new since your last visit":
-- visit_at is when the current visit began, seen_at what the current visit
-- counts as already seen (the last view of the visit before). Written once
-- per visit, not per view. Never shown to anyone, the partner included.
ALTER TABLE memberships ADD COLUMN visit_at TIMESTAMP;
ALTER TABLE memberships ADD COLUMN seen_at TIMESTAMP;

-- The timeline and the dashboard read what happened in a window of time;
-- these indexes bound each of those reads by the space and the time.
CREATE INDEX promise_versions_space_created ON promise_versions (space_id, created_at);
CREATE INDEX promises_space_closed ON promises (space_id, closed_at);
CREATE INDEX ledger_entries_space_created ON ledger_entries (space_id, created_at);
CREATE INDEX ledger_reviews_space_replied ON ledger_reviews (space_id, replied_at);
CREATE INDEX journal_entries_space_shared ON journal_entries (space_id, shared_at);
CREATE INDEX gratitude_notes_space_replied ON gratitude_notes (space_id, replied_at);
CREATE INDEX gratitude_notes_space_received ON gratitude_notes (space_id, received_at);
