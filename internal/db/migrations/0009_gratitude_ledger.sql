-- A gratitude note may thank the partner for one kept occurrence of a promise.
ALTER TABLE gratitude_notes ADD COLUMN ledger_entry_id TEXT REFERENCES ledger_entries(id) ON DELETE SET NULL;
