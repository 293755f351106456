-- Leader growth: rubrics, assessment cycles, self-assessments and 360° feedback.

-- A district's rubric for a framework: four (or more) levels, each with a descriptor. The same
-- rubric is written into the framework's CASE package as a CFRubric, so it travels with it.
CREATE TABLE growth_rubrics (
  id TEXT PRIMARY KEY,
  framework_id TEXT NOT NULL REFERENCES case_documents (id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  levels TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX growth_rubrics_framework ON growth_rubrics (framework_id);

CREATE TABLE growth_cycles (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  framework_id TEXT NOT NULL REFERENCES case_documents (id),
  rubric_id TEXT NOT NULL REFERENCES growth_rubrics (id),
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  roles TEXT NOT NULL,
  org_id TEXT REFERENCES orgs (sourced_id),
  rater_minimum INTEGER NOT NULL DEFAULT 5 CHECK (rater_minimum >= 3),
  created_by TEXT,
  created_at TEXT NOT NULL
);

-- Who takes part, fixed when the cycle opens: the person, the school (or district) they were
-- counted at, and the role that brought them in.
CREATE TABLE growth_participants (
  cycle_id TEXT NOT NULL REFERENCES growth_cycles (id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people (sourced_id) ON DELETE CASCADE,
  org_id TEXT NOT NULL REFERENCES orgs (sourced_id),
  role TEXT NOT NULL,
  invited_at TEXT,
  reminded_at TEXT,
  PRIMARY KEY (cycle_id, person_id)
);
CREATE INDEX growth_participants_person ON growth_participants (person_id);
CREATE INDEX growth_participants_org ON growth_participants (cycle_id, org_id);

CREATE TABLE growth_assessments (
  id TEXT PRIMARY KEY,
  cycle_id TEXT NOT NULL REFERENCES growth_cycles (id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people (sourced_id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
  updated_at TEXT NOT NULL,
  submitted_at TEXT,
  UNIQUE (cycle_id, person_id)
);

-- One row per indicator the person rated (or wrote about): level 1..n of the cycle's rubric.
CREATE TABLE growth_ratings (
  assessment_id TEXT NOT NULL REFERENCES growth_assessments (id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  level INTEGER,
  note TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (assessment_id, item_id)
);

-- 360° feedback: a rater answers the same rubric about one leader through a personal link. The
-- link's secret is stored hashed; who the rater is stays here and is never shown with answers.
CREATE TABLE growth_raters (
  id TEXT PRIMARY KEY,
  cycle_id TEXT NOT NULL REFERENCES growth_cycles (id) ON DELETE CASCADE,
  subject_id TEXT NOT NULL REFERENCES people (sourced_id) ON DELETE CASCADE,
  rater_group TEXT NOT NULL CHECK (rater_group IN ('staff', 'peer', 'supervisor')),
  email TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  invited_by TEXT,
  invited_at TEXT NOT NULL,
  responded_at TEXT,
  UNIQUE (cycle_id, subject_id, email)
);
CREATE INDEX growth_raters_subject ON growth_raters (cycle_id, subject_id);

CREATE TABLE growth_rater_ratings (
  rater_id TEXT NOT NULL REFERENCES growth_raters (id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  level INTEGER NOT NULL,
  PRIMARY KEY (rater_id, item_id)
);
