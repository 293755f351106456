-- The mail outbox: e-mail written in the same transaction as the change it tells about, so the
-- two commit or fail together, and sent afterwards by a background worker (platform/mail).
-- Ids are random text (libsodium); times are ISO-8601 UTC text ("2024-08-14T16:05:00Z").
-- `kind` names what the message is for ("growth.invitation"): for counting, never personal data.
-- A failed send waits next_attempt_at (1, 2, 4 … minutes, at most an hour); after 8 attempts
-- the message is 'failed' and last_error says why.
CREATE TABLE mail_outbox (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  sent_at TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
