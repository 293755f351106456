-- Vision, strategic plan and improvement cycle: the plan itself. A district's plan holds goals
-- (aligned to indicators through `alignments`, subject type "plan_goal"), each goal strategies,
-- each strategy action steps with an owner, dates, a status, dependencies, a budget line and a
-- funding source from the district's own list. Each goal has measures (unit, direction,
-- baseline, target) and their measurements. Ids are random text; times ISO-8601 UTC text; dates
-- YYYY-MM-DD; money in whole cents.

-- The district's funding sources (E-Rate, Title I, Title IV-A, general fund …), in its order.
CREATE TABLE planning_funding_sources (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs (sourced_id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  UNIQUE (org_id, name)
);

CREATE TABLE planning_plans (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs (sourced_id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'adopted', 'archived')),
  -- 1 when the public, read-only plan page (/plans/{id}) is published.
  published INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX planning_plans_org ON planning_plans (org_id, starts_on);

CREATE TABLE planning_goals (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES planning_plans (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (plan_id, code)
);
CREATE INDEX planning_goals_plan ON planning_goals (plan_id, position);

CREATE TABLE planning_strategies (
  id TEXT PRIMARY KEY,
  goal_id TEXT NOT NULL REFERENCES planning_goals (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX planning_strategies_goal ON planning_strategies (goal_id, position);

CREATE TABLE planning_actions (
  id TEXT PRIMARY KEY,
  strategy_id TEXT NOT NULL REFERENCES planning_strategies (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  owner_id TEXT REFERENCES people (sourced_id) ON DELETE SET NULL,
  starts_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'not_started'
    CHECK (status IN ('not_started', 'in_progress', 'blocked', 'done', 'dropped')),
  budget_cents INTEGER NOT NULL DEFAULT 0 CHECK (budget_cents >= 0),
  budget_line TEXT NOT NULL DEFAULT '',
  funding_source_id TEXT REFERENCES planning_funding_sources (id) ON DELETE SET NULL,
  -- What the owner last reported: a note and a link to evidence (both optional).
  status_note TEXT NOT NULL DEFAULT '',
  evidence_url TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (starts_on <= due_on)
);
CREATE INDEX planning_actions_strategy ON planning_actions (strategy_id, position);
CREATE INDEX planning_actions_owner ON planning_actions (owner_id, due_on);

-- action_id cannot start until depends_on_id is done.
CREATE TABLE planning_action_dependencies (
  action_id TEXT NOT NULL REFERENCES planning_actions (id) ON DELETE CASCADE,
  depends_on_id TEXT NOT NULL REFERENCES planning_actions (id) ON DELETE CASCADE,
  PRIMARY KEY (action_id, depends_on_id),
  CHECK (action_id <> depends_on_id)
);
CREATE INDEX planning_action_dependencies_on ON planning_action_dependencies (depends_on_id);

-- A goal's measure. `computation` names a measure Lodestar computes from its own data (NULL for
-- one entered by hand or uploaded); `parameters` is that computation's JSON (for example the
-- indicator and the cycle).
CREATE TABLE planning_measures (
  id TEXT PRIMARY KEY,
  goal_id TEXT NOT NULL REFERENCES planning_goals (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  unit TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('increase', 'decrease')),
  baseline REAL NOT NULL,
  baseline_on TEXT NOT NULL,
  target REAL NOT NULL,
  target_on TEXT NOT NULL,
  computation TEXT,
  parameters TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (baseline_on < target_on)
);
CREATE INDEX planning_measures_goal ON planning_measures (goal_id, position);

CREATE TABLE planning_measurements (
  id TEXT PRIMARY KEY,
  measure_id TEXT NOT NULL REFERENCES planning_measures (id) ON DELETE CASCADE,
  measured_on TEXT NOT NULL,
  value REAL NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('manual', 'upload', 'computed')),
  recorded_by TEXT,
  recorded_at TEXT NOT NULL,
  UNIQUE (measure_id, measured_on)
);
