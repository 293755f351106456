-- Local accounts, database-backed sessions, API tokens and the sign-in throttle. Ids are random
-- text (libsodium); times are ISO-8601 UTC text ("2024-08-14T16:05:00Z"), as everywhere.
-- Secrets are never stored: a session cookie and an API token are kept only as SHA-256 hashes.

CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  email_normalized TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  person_sourced_id TEXT REFERENCES people (sourced_id) ON DELETE SET NULL,
  is_administrator INTEGER NOT NULL DEFAULT 0 CHECK (is_administrator IN (0, 1)),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
);
CREATE INDEX accounts_person ON accounts (person_sourced_id);
CREATE INDEX accounts_administrator ON accounts (is_administrator);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ip TEXT NOT NULL,
  user_agent TEXT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX api_tokens_account ON api_tokens (account_id);

-- Failed sign-ins per key ("account:<email>" or "address:<ip>"): after a limit, each further
-- failure locks the key for twice as long as the one before.
CREATE TABLE sign_in_throttle (
  throttle_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failure_at TEXT NOT NULL,
  locked_until TEXT
);

-- Secrets shared by every app server (the key that signs CSRF tokens for forms shown to nobody)
-- and one-time markers (setup completed).
CREATE TABLE auth_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at TEXT NOT NULL
);
