-- Where the run of kept days ending on a record began (the first of its
-- promise's consecutive due dates up to it all recorded kept and not
-- disputed), NULL for a record that is not: kept by the writes of records
-- and reviews (recomputeTally, in their transaction), so that the list of
-- promises finds how far back a run reaches from one record instead of
-- reading every day of it. The rows already there are filled by the
-- rebuild of the totals that follows a migration.
ALTER TABLE ledger_entries ADD COLUMN run_from TEXT;
