-- Leader growth: a person's own growth records. SMART growth goals with action steps and a
-- coach's comments, a reflection journal, a learning log, an evidence portfolio and the links
-- that share the portfolio. Ids are random text; times ISO-8601 UTC text; dates YYYY-MM-DD.
-- Alignment of goals and evidence to indicators lives in `alignments` (subject types
-- "growth_goal" and "growth_evidence").

CREATE TABLE growth_goals (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people (sourced_id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  -- SMART: what exactly (specific), how progress shows (measurable), what makes it within reach
  -- (achievable), why it matters here (relevant); time-bound by due_on.
  specific TEXT NOT NULL,
  measurable TEXT NOT NULL,
  achievable TEXT NOT NULL DEFAULT '',
  relevant TEXT NOT NULL DEFAULT '',
  due_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'not_started'
    CHECK (status IN ('not_started', 'in_progress', 'done', 'dropped')),
  coach_id TEXT REFERENCES people (sourced_id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX growth_goals_person ON growth_goals (person_id, due_on);
CREATE INDEX growth_goals_coach ON growth_goals (coach_id);

CREATE TABLE growth_goal_steps (
  id TEXT PRIMARY KEY,
  goal_id TEXT NOT NULL REFERENCES growth_goals (id) ON DELETE CASCADE,
  description TEXT NOT NULL,
  due_on TEXT NOT NULL,
  done_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX growth_goal_steps_goal ON growth_goal_steps (goal_id, due_on);

CREATE TABLE growth_goal_comments (
  id TEXT PRIMARY KEY,
  goal_id TEXT NOT NULL REFERENCES growth_goals (id) ON DELETE CASCADE,
  author_id TEXT NOT NULL REFERENCES people (sourced_id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX growth_goal_comments_goal ON growth_goal_comments (goal_id, created_at);

-- Private unless shared_with names the one person (a coach or supervisor) who may read it.
CREATE TABLE growth_journal_entries (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people (sourced_id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  shared_with TEXT REFERENCES people (sourced_id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX growth_journal_entries_person ON growth_journal_entries (person_id, created_at);
CREATE INDEX growth_journal_entries_shared ON growth_journal_entries (shared_with);

-- Conferences, readings, networks, mentoring, courses: hours kept as whole minutes.
CREATE TABLE growth_learning_log (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people (sourced_id) ON DELETE CASCADE,
  kind TEXT NOT NULL
    CHECK (kind IN ('conference', 'reading', 'network', 'mentoring', 'course', 'other')),
  title TEXT NOT NULL,
  happened_on TEXT NOT NULL,
  minutes INTEGER CHECK (minutes IS NULL OR minutes >= 0),
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX growth_learning_log_person ON growth_learning_log (person_id, happened_on);

-- A file (its bytes in the blob store under blob_hash, the SHA-256 of its content) or a link.
CREATE TABLE growth_evidence (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people (sourced_id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('file', 'link')),
  url TEXT,
  blob_hash TEXT,
  mime TEXT,
  size_bytes INTEGER,
  file_name TEXT,
  created_at TEXT NOT NULL,
  CHECK ((kind = 'file' AND blob_hash IS NOT NULL AND mime IS NOT NULL AND size_bytes IS NOT NULL)
         OR (kind = 'link' AND url IS NOT NULL))
);
CREATE INDEX growth_evidence_person ON growth_evidence (person_id, created_at);

-- Links that show a person's portfolio to anyone holding them. Only the SHA-256 of the token is
-- kept; a revoked link stays (revoked_at set) so the audit log's ids still resolve.
CREATE TABLE growth_portfolio_shares (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people (sourced_id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX growth_portfolio_shares_person ON growth_portfolio_shares (person_id, revoked_at);
