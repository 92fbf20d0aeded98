-- Each testimony remembers the row id of its full-text entry, so that replacing the
-- entry is a lookup by row id (testimony_id is UNINDEXED in FTS5: deleting by it
-- scanned the whole index on every write).
ALTER TABLE testimonies ADD COLUMN search_rowid INTEGER;
UPDATE testimonies SET search_rowid = (
    SELECT s.rowid FROM testimony_search s WHERE s.testimony_id = testimonies.id
);
