-- How many days a closed promise was due, from its start to its closing
-- (NULL while open): set when it is closed, after which its plan no longer
-- changes. The list of promises adds a member's promises closed long ago up
-- from this and their tallies, without loading their versions and pauses.
-- The promises already closed are filled by the rebuild of the totals that
-- follows a migration.
ALTER TABLE promises ADD COLUMN due_days INTEGER;
