-- Full-text search keeps only its index, not a second copy of every text (the text
-- is in testimony_versions): a contentless FTS5 table. This halves the search
-- table's size and the pages a search reads. An entry is removed with FTS5's
-- 'delete' command and the values it was indexed with (recomputed from the text), so
-- that 'secure-delete' takes its tokens out of the index at once (contentless_delete
-- would only hide them behind a tombstone). Existing archives are converted here from
-- the old table, which still holds the indexed columns.
CREATE VIRTUAL TABLE testimony_search_index USING fts5(
    words, grams,
    content = '',
    tokenize = "unicode61 remove_diacritics 2"
);
INSERT INTO testimony_search_index (testimony_search_index, rank) VALUES ('secure-delete', 1);
INSERT INTO testimony_search_index (rowid, words, grams)
    SELECT s.rowid, s.words, s.grams FROM testimony_search s
    WHERE s.rowid IN (SELECT search_rowid FROM testimonies WHERE search_rowid IS NOT NULL);
DROP TABLE testimony_search;
ALTER TABLE testimony_search_index RENAME TO testimony_search;
CREATE UNIQUE INDEX testimonies_by_search_rowid ON testimonies (search_rowid);
