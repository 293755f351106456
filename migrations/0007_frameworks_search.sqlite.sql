-- Full-text search over every framework's items: SQLite FTS5 with the Porter stemmer. The
-- frameworks store keeps it in step with case_items (same transaction).
CREATE VIRTUAL TABLE case_items_search USING fts5 (item_id UNINDEXED, document_id UNINDEXED, code, title, statement, tokenize = 'porter unicode61 remove_diacritics 2');
