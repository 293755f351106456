-- The audit log: sign-ins, changes (with before/after where meaningful), exports, and every view
-- of student-level data. Append-only (0005 makes the database itself refuse changes).
-- Ids sort in time order ("20261123T130501123Z-1a2b3c4d").
CREATE TABLE audit_events (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  actor_account_id TEXT,
  actor_label TEXT NOT NULL,
  action TEXT NOT NULL,
  subject_type TEXT,
  subject_id TEXT,
  org_sourced_id TEXT,
  ip TEXT,
  request_id TEXT,
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_action ON audit_events (action, id);
CREATE INDEX audit_events_actor ON audit_events (actor_label, id);
CREATE INDEX audit_events_subject ON audit_events (subject_id, id);
