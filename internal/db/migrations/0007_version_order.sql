-- Versions of a promise are ordered by a sequence number: two agreements
-- can carry the same timestamp, and the later one must win.
ALTER TABLE promise_versions ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
UPDATE promise_versions SET seq = (SELECT COUNT(*) FROM promise_versions v
    WHERE v.promise_id = promise_versions.promise_id
    AND (v.created_at < promise_versions.created_at OR (v.created_at = promise_versions.created_at AND v.id <= promise_versions.id)));
CREATE UNIQUE INDEX promise_versions_seq ON promise_versions (promise_id, seq);
