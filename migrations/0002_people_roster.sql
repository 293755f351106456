-- People and organizations: the OneRoster 1.1 roster (orgs, users, academic sessions, courses,
-- classes, enrollments, demographics) and Lodestar's roles, each scoped to an organization.
-- Identifiers are OneRoster sourcedIds (text). Times are ISO-8601 UTC text.

CREATE TABLE orgs (
  sourced_id TEXT PRIMARY KEY,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'tobedeleted')),
  date_last_modified TEXT,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('national', 'state', 'district', 'local', 'school', 'department')),
  identifier TEXT,
  parent_sourced_id TEXT REFERENCES orgs (sourced_id)
);
CREATE INDEX orgs_parent ON orgs (parent_sourced_id);

-- OneRoster "users": every person, whether or not they sign in to Lodestar.
CREATE TABLE people (
  sourced_id TEXT PRIMARY KEY,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'tobedeleted')),
  date_last_modified TEXT,
  enabled_user INTEGER NOT NULL DEFAULT 1,
  oneroster_role TEXT NOT NULL CHECK (oneroster_role IN ('administrator', 'aide', 'guardian', 'parent', 'proctor', 'relative', 'student', 'teacher')),
  username TEXT NOT NULL,
  user_ids TEXT,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  middle_name TEXT,
  identifier TEXT,
  email TEXT,
  sms TEXT,
  phone TEXT,
  grades TEXT
);
CREATE INDEX people_email ON people (email);

-- users.orgSourcedIds and users.agentSourcedIds, one row each.
CREATE TABLE person_orgs (
  person_sourced_id TEXT NOT NULL REFERENCES people (sourced_id) ON DELETE CASCADE,
  org_sourced_id TEXT NOT NULL REFERENCES orgs (sourced_id),
  position INTEGER NOT NULL,
  PRIMARY KEY (person_sourced_id, org_sourced_id)
);
CREATE INDEX person_orgs_org ON person_orgs (org_sourced_id);
CREATE TABLE person_agents (
  person_sourced_id TEXT NOT NULL REFERENCES people (sourced_id) ON DELETE CASCADE,
  agent_sourced_id TEXT NOT NULL REFERENCES people (sourced_id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (person_sourced_id, agent_sourced_id)
);

CREATE TABLE academic_sessions (
  sourced_id TEXT PRIMARY KEY,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'tobedeleted')),
  date_last_modified TEXT,
  title TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('gradingPeriod', 'semester', 'schoolYear', 'term')),
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  parent_sourced_id TEXT REFERENCES academic_sessions (sourced_id),
  school_year TEXT NOT NULL
);

CREATE TABLE courses (
  sourced_id TEXT PRIMARY KEY,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'tobedeleted')),
  date_last_modified TEXT,
  school_year_sourced_id TEXT REFERENCES academic_sessions (sourced_id),
  title TEXT NOT NULL,
  course_code TEXT,
  grades TEXT,
  org_sourced_id TEXT NOT NULL REFERENCES orgs (sourced_id),
  subjects TEXT,
  subject_codes TEXT
);

CREATE TABLE classes (
  sourced_id TEXT PRIMARY KEY,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'tobedeleted')),
  date_last_modified TEXT,
  title TEXT NOT NULL,
  grades TEXT,
  course_sourced_id TEXT NOT NULL REFERENCES courses (sourced_id),
  class_code TEXT,
  class_type TEXT NOT NULL CHECK (class_type IN ('homeroom', 'scheduled')),
  location TEXT,
  school_sourced_id TEXT NOT NULL REFERENCES orgs (sourced_id),
  subjects TEXT,
  subject_codes TEXT,
  periods TEXT
);
CREATE INDEX classes_school ON classes (school_sourced_id);
CREATE TABLE class_terms (
  class_sourced_id TEXT NOT NULL REFERENCES classes (sourced_id) ON DELETE CASCADE,
  term_sourced_id TEXT NOT NULL REFERENCES academic_sessions (sourced_id),
  position INTEGER NOT NULL,
  PRIMARY KEY (class_sourced_id, term_sourced_id)
);

CREATE TABLE enrollments (
  sourced_id TEXT PRIMARY KEY,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'tobedeleted')),
  date_last_modified TEXT,
  class_sourced_id TEXT NOT NULL REFERENCES classes (sourced_id),
  school_sourced_id TEXT NOT NULL REFERENCES orgs (sourced_id),
  user_sourced_id TEXT NOT NULL REFERENCES people (sourced_id),
  role TEXT NOT NULL CHECK (role IN ('administrator', 'proctor', 'student', 'teacher')),
  is_primary TEXT,
  begin_date TEXT,
  end_date TEXT
);
CREATE INDEX enrollments_class ON enrollments (class_sourced_id);
CREATE INDEX enrollments_user ON enrollments (user_sourced_id);
CREATE INDEX enrollments_school ON enrollments (school_sourced_id);

-- demographics.csv: student-level data; every read of it is audited.
CREATE TABLE demographics (
  sourced_id TEXT PRIMARY KEY REFERENCES people (sourced_id) ON DELETE CASCADE,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'tobedeleted')),
  date_last_modified TEXT,
  birth_date TEXT,
  sex TEXT,
  american_indian_or_alaska_native TEXT,
  asian TEXT,
  black_or_african_american TEXT,
  native_hawaiian_or_other_pacific_islander TEXT,
  white TEXT,
  demographic_race_two_or_more_races TEXT,
  hispanic_or_latino_ethnicity TEXT,
  country_of_birth_code TEXT,
  state_of_birth_abbreviation TEXT,
  city_of_birth TEXT,
  public_school_residence_status TEXT
);

-- Lodestar's roles, each scoped to an organization (and so to its subtree). A coach holds one
-- 'coach' row per assigned school.
CREATE TABLE role_grants (
  person_sourced_id TEXT NOT NULL REFERENCES people (sourced_id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('district_leader', 'technology_director', 'school_leader', 'coach', 'educator', 'technology_staff', 'guardian', 'student')),
  org_sourced_id TEXT NOT NULL REFERENCES orgs (sourced_id) ON DELETE CASCADE,
  source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('oneroster', 'manual')),
  PRIMARY KEY (person_sourced_id, role, org_sourced_id)
);
CREATE INDEX role_grants_org ON role_grants (org_sourced_id);
