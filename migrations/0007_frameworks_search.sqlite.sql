-- Full-text search over every framework's items: SQLite FTS5 with the Porter stemmer, ranked by
-- BM25 with codes weighing most, then titles, then statements. The frameworks store keeps it in
-- step with case_items (same transaction), giving each document's items one run of rowids that
-- case_documents remembers, so a search within one framework is a rowid range.
CREATE VIRTUAL TABLE case_items_search USING fts5 (item_id UNINDEXED, document_id UNINDEXED, code, title, statement, tokenize = 'porter unicode61 remove_diacritics 2');
INSERT INTO case_items_search (case_items_search, rank) VALUES ('rank', 'bm25(0.0, 0.0, 10.0, 4.0, 1.0)');
ALTER TABLE case_documents ADD COLUMN search_first INTEGER;
ALTER TABLE case_documents ADD COLUMN search_last INTEGER;
