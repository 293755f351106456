-- Standards frameworks in the CASE 1.0 data model (1EdTech Competencies and Academic Standards
-- Exchange). Every object is kept whole, as JSON in its package form, so an export gives back
-- every field that came in; the columns beside it are what Lodestar searches, sorts and joins on.
-- Identifiers are the objects' CASE identifiers (UUIDs).
CREATE TABLE case_documents (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  creator TEXT NOT NULL,
  version TEXT,
  adoption_status TEXT,
  language TEXT,
  last_change TEXT NOT NULL,
  origin TEXT NOT NULL,
  json TEXT NOT NULL,
  package TEXT NOT NULL,
  etag TEXT NOT NULL,
  loaded_at TEXT NOT NULL
);
CREATE TABLE case_items (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES case_documents (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  human_coding_scheme TEXT,
  abbreviated_statement TEXT,
  full_statement TEXT NOT NULL,
  item_type TEXT,
  json TEXT NOT NULL
);
CREATE INDEX case_items_document ON case_items (document_id, position);
-- Finding an item by its code ("3.4.c"), whatever the case it was typed in.
CREATE INDEX case_items_code ON case_items (lower(human_coding_scheme));
CREATE TABLE case_associations (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES case_documents (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  association_type TEXT NOT NULL,
  origin_id TEXT NOT NULL,
  destination_id TEXT NOT NULL,
  sequence_number INTEGER,
  json TEXT NOT NULL
);
CREATE INDEX case_associations_origin ON case_associations (origin_id);
CREATE INDEX case_associations_destination ON case_associations (destination_id);
CREATE INDEX case_associations_document ON case_associations (document_id, position);
-- CFDefinitions (item types, subjects, concepts, licenses, association groupings) and rubrics.
-- Packages often repeat a shared definition, so each document keeps its own copy.
CREATE TABLE case_definitions (
  document_id TEXT NOT NULL REFERENCES case_documents (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  kind TEXT NOT NULL,
  position INTEGER NOT NULL,
  hierarchy_code TEXT,
  json TEXT NOT NULL,
  PRIMARY KEY (document_id, id)
);
CREATE INDEX case_definitions_id ON case_definitions (id);
-- Why two items are associated (a crosswalk's rationale), in Lodestar's words.
CREATE TABLE case_association_notes (
  association_id TEXT PRIMARY KEY REFERENCES case_associations (id) ON DELETE CASCADE,
  note TEXT NOT NULL
);
-- One alignment mechanism for every capability: a record (subject) addresses an indicator.
-- Suggestions a person rejected are kept so they are not offered again.
CREATE TABLE alignments (
  subject_type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  status TEXT NOT NULL,
  source TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (subject_type, subject_id, item_id)
);
CREATE INDEX alignments_item ON alignments (item_id, status);
