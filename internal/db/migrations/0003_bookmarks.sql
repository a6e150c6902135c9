-- Bookmarks: a member's saved practice (by its slug in content/practices)
-- with a personal note, private to its author unless shared with the partner.
CREATE TABLE bookmarks (
    id         TEXT PRIMARY KEY,
    space_id   TEXT NOT NULL REFERENCES spaces(id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    slug       TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    shared     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
-- One bookmark per member per practice. Its leading columns also serve every
-- list a page shows (space_id, then the author), so no second index is needed.
CREATE UNIQUE INDEX bookmarks_one_per_practice ON bookmarks (space_id, user_id, slug);
