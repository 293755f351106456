-- Settings of this Lodestar installation, one value per key (the district's name, its time zone,
-- which languages it offers …). Values are text; the code that owns a key parses it.
-- Times are ISO-8601 UTC text ("2024-08-14T16:05:00Z"), as everywhere in the database.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
