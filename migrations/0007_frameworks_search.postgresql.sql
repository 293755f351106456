-- Full-text search over every framework's items: PostgreSQL's English text search on a stored
-- generated vector with a GIN index (codes and titles weigh more than statements). Codes are
-- split at dots and hyphens ("3.2.a", "3A-AP-17"), as SQLite's tokenizer splits them, so both
-- databases find the same items.
ALTER TABLE case_items ADD COLUMN search tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', translate(coalesce(human_coding_scheme, ''), '.-', '  ')), 'A') || setweight(to_tsvector('english', coalesce(abbreviated_statement, '')), 'B') || setweight(to_tsvector('english', full_statement), 'C')) STORED;
CREATE INDEX case_items_search ON case_items USING gin (search);
