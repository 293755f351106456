-- Vision, strategic plan and improvement cycle: the plan's review cycle. A plan is reviewed on a
-- schedule (every N months from a start date). A review records its date, who attended, the
-- decisions taken and a snapshot of where every measure stood and how many action steps were in
-- each status, kept as JSON so later changes never rewrite what the meeting saw. Each course
-- correction says what changed, what it touches and why; when it changed the plan directly (a
-- new target, a new due date) `applied` holds the before and after. Subjects are kept by id and
-- by the label they had, so the history stays readable after a goal, measure or step is deleted.
-- Ids are random text; times ISO-8601 UTC text; dates YYYY-MM-DD.

CREATE TABLE planning_review_schedules (
  plan_id TEXT PRIMARY KEY REFERENCES planning_plans (id) ON DELETE CASCADE,
  every_months INTEGER NOT NULL CHECK (every_months BETWEEN 1 AND 24),
  starts_on TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE planning_reviews (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES planning_plans (id) ON DELETE CASCADE,
  held_on TEXT NOT NULL,
  attendees TEXT NOT NULL DEFAULT '',
  decisions TEXT NOT NULL DEFAULT '',
  -- {"measures": [{"id", "goal", "name", "unit", "latest", "target", "target_on", "standing"}],
  --  "actions": {"not_started": n, …}}
  snapshot TEXT NOT NULL,
  recorded_by TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX planning_reviews_plan ON planning_reviews (plan_id, held_on);

CREATE TABLE planning_course_corrections (
  id TEXT PRIMARY KEY,
  review_id TEXT NOT NULL REFERENCES planning_reviews (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('target_changed', 'action_added', 'action_dropped',
                                     'action_rescheduled', 'strategy_changed', 'other')),
  subject_type TEXT NOT NULL CHECK (subject_type IN ('plan', 'goal', 'measure', 'action')),
  subject_id TEXT NOT NULL DEFAULT '',
  subject_label TEXT NOT NULL DEFAULT '',
  what TEXT NOT NULL,
  why TEXT NOT NULL,
  -- {"field": "target" | "due_on", "from": …, "to": …} when the change was applied; {} otherwise.
  applied TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX planning_course_corrections_review ON planning_course_corrections (review_id, position);
