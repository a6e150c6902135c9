-- The timeline and "Since your last visit" read the triggers shared in a
-- window of time; with no index on when a trigger was shared, each read
-- went through every trigger of the space and sorted them (EXPLAIN: a
-- search of the space's triggers by space alone, then a sort).
CREATE INDEX triggers_space_shared ON triggers (space_id, shared_at);
