-- When a promise was shared with the partner: a private intention its
-- author later shares is shared from then, like a journal entry, so that a
-- partner who joined after it was made sees it once it is shared with them.
-- NULL means from when it was made (every promise made shared); a private
-- intention keeps NULL until shared.
ALTER TABLE promises ADD COLUMN shared_at TIMESTAMP;
