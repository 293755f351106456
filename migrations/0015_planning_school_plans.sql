-- Vision, strategic plan and improvement cycle: schools' instructional technology plans. Under a
-- district plan each school writes one plan of its own: its vision, how it teaches digital
-- citizenship and how it manages the change. The school's goals each name the school's own
-- achievement goal they serve (from its school plan for student achievement) and link to the
-- district goals they support; each goal has action steps with an owner, a due date and a status.
-- Ids are random text; times ISO-8601 UTC text; dates YYYY-MM-DD.

CREATE TABLE planning_school_plans (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES planning_plans (id) ON DELETE CASCADE,
  school_id TEXT NOT NULL REFERENCES orgs (sourced_id) ON DELETE CASCADE,
  vision TEXT NOT NULL DEFAULT '',
  digital_citizenship TEXT NOT NULL DEFAULT '',
  change_management TEXT NOT NULL DEFAULT '',
  -- draft: the school is writing it; submitted: the school shares it as its plan.
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (plan_id, school_id)
);
CREATE INDEX planning_school_plans_school ON planning_school_plans (school_id);

CREATE TABLE planning_school_goals (
  id TEXT PRIMARY KEY,
  school_plan_id TEXT NOT NULL REFERENCES planning_school_plans (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  -- The school's own achievement goal this goal serves, in the school's words.
  achievement_goal TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX planning_school_goals_plan ON planning_school_goals (school_plan_id, position);

-- The district goals a school goal supports.
CREATE TABLE planning_school_goal_links (
  school_goal_id TEXT NOT NULL REFERENCES planning_school_goals (id) ON DELETE CASCADE,
  goal_id TEXT NOT NULL REFERENCES planning_goals (id) ON DELETE CASCADE,
  PRIMARY KEY (school_goal_id, goal_id)
);
CREATE INDEX planning_school_goal_links_goal ON planning_school_goal_links (goal_id);

CREATE TABLE planning_school_actions (
  id TEXT PRIMARY KEY,
  school_goal_id TEXT NOT NULL REFERENCES planning_school_goals (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  owner_id TEXT REFERENCES people (sourced_id) ON DELETE SET NULL,
  due_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'not_started'
    CHECK (status IN ('not_started', 'in_progress', 'blocked', 'done', 'dropped')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX planning_school_actions_goal ON planning_school_actions (school_goal_id, position);
