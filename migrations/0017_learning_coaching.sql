-- Professional learning: coaching. Coaches are assigned to schools by their coach role grants
-- (role_grants, role 'coach'); each visit or session a coach holds is a log: its date, the
-- school, the people coached, the indicator it focused on (any framework's item), the kind of
-- activity, how long it took, notes and next steps. Notes are about educators' practice and stay
-- inside the coaching permissions. Ids are random text; times ISO-8601 UTC text; dates YYYY-MM-DD.

CREATE TABLE learning_coaching_logs (
  id TEXT PRIMARY KEY,
  coach_id TEXT REFERENCES people (sourced_id) ON DELETE SET NULL,
  school_id TEXT NOT NULL REFERENCES orgs (sourced_id) ON DELETE CASCADE,
  held_on TEXT NOT NULL,
  activity TEXT NOT NULL CHECK (activity IN ('classroom_visit', 'co_planning', 'co_teaching',
    'modeling', 'feedback', 'team_meeting', 'workshop', 'other')),
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  focus_item_id TEXT REFERENCES case_items (id) ON DELETE SET NULL,
  notes TEXT NOT NULL DEFAULT '',
  next_steps TEXT NOT NULL DEFAULT '',
  created_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX learning_coaching_logs_school ON learning_coaching_logs (school_id, held_on);
CREATE INDEX learning_coaching_logs_coach ON learning_coaching_logs (coach_id, held_on);

-- The people a log's session coached.
CREATE TABLE learning_coaching_log_people (
  log_id TEXT NOT NULL REFERENCES learning_coaching_logs (id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people (sourced_id) ON DELETE CASCADE,
  PRIMARY KEY (log_id, person_id)
);
CREATE INDEX learning_coaching_log_people_person ON learning_coaching_log_people (person_id);
