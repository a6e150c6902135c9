-- The disputes waiting for a reply, found without reading a space's whole
-- history of reviews: the list of what waits, and the count in the header
-- of every page, read them on each request. (Confirmations have no reply
-- either: the kind must be in the index for the search to stay small; the
-- newest come first, in the order of the index.)
CREATE INDEX ledger_reviews_open_disputes ON ledger_reviews (space_id, kind, replied_at, created_at);
