-- Vision, strategic plan and improvement cycle: the district's shared vision and stakeholder
-- input rounds. A vision version is an ordered list of parts (heading + Markdown body) with a
-- note saying what changed; a draft is edited until it is adopted (the one adopted before is
-- then superseded). An input round asks invited groups, through one public link per group, to
-- rate (1–5) and comment on each part of a draft: a vision version's parts or a plan's goals.
-- Nothing about the person who answers is stored. Ids are random text; times ISO-8601 UTC
-- text; dates YYYY-MM-DD.

CREATE TABLE planning_vision_versions (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs (sourced_id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'adopted', 'superseded')),
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  adopted_at TEXT,
  UNIQUE (org_id, number)
);

CREATE TABLE planning_vision_parts (
  id TEXT PRIMARY KEY,
  version_id TEXT NOT NULL REFERENCES planning_vision_versions (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  heading TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT ''
);
CREATE INDEX planning_vision_parts_version ON planning_vision_parts (version_id, position);

-- A round is on a vision version (version_id) or on a plan's goals (plan_id), never both.
CREATE TABLE planning_input_rounds (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES orgs (sourced_id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  version_id TEXT REFERENCES planning_vision_versions (id) ON DELETE CASCADE,
  plan_id TEXT REFERENCES planning_plans (id) ON DELETE CASCADE,
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (opens_on <= closes_on),
  CHECK ((version_id IS NULL) <> (plan_id IS NULL))
);
CREATE INDEX planning_input_rounds_org ON planning_input_rounds (org_id, opens_on);

-- One public link per invited group: only the SHA-256 of its 256-bit token is kept.
CREATE TABLE planning_input_links (
  round_id TEXT NOT NULL REFERENCES planning_input_rounds (id) ON DELETE CASCADE,
  audience TEXT NOT NULL CHECK (audience IN ('staff', 'parents', 'students', 'community')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (round_id, audience)
);

-- One submitted form: its group and the language it was answered in, nothing about the person.
CREATE TABLE planning_input_responses (
  id TEXT PRIMARY KEY,
  round_id TEXT NOT NULL REFERENCES planning_input_rounds (id) ON DELETE CASCADE,
  audience TEXT NOT NULL,
  language TEXT NOT NULL,
  submitted_at TEXT NOT NULL
);
CREATE INDEX planning_input_responses_round ON planning_input_responses (round_id, audience);

-- A response's answer about one part: the part's id (a vision part or a plan goal) and its
-- heading as it was shown, so the answer reads the same after the draft changes.
CREATE TABLE planning_input_answers (
  id TEXT PRIMARY KEY,
  response_id TEXT NOT NULL REFERENCES planning_input_responses (id) ON DELETE CASCADE,
  round_id TEXT NOT NULL REFERENCES planning_input_rounds (id) ON DELETE CASCADE,
  part_key TEXT NOT NULL,
  part_label TEXT NOT NULL,
  position INTEGER NOT NULL,
  rating INTEGER CHECK (rating BETWEEN 1 AND 5),
  comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX planning_input_answers_round ON planning_input_answers (round_id, part_key);

CREATE TABLE planning_input_themes (
  id TEXT PRIMARY KEY,
  round_id TEXT NOT NULL REFERENCES planning_input_rounds (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  UNIQUE (round_id, name)
);

CREATE TABLE planning_input_tags (
  answer_id TEXT NOT NULL REFERENCES planning_input_answers (id) ON DELETE CASCADE,
  theme_id TEXT NOT NULL REFERENCES planning_input_themes (id) ON DELETE CASCADE,
  PRIMARY KEY (answer_id, theme_id)
);
CREATE INDEX planning_input_tags_theme ON planning_input_tags (theme_id);

-- What changed because of the input: optionally the part and theme it answers and the vision
-- version it led to.
CREATE TABLE planning_input_changes (
  id TEXT PRIMARY KEY,
  round_id TEXT NOT NULL REFERENCES planning_input_rounds (id) ON DELETE CASCADE,
  description TEXT NOT NULL,
  part_key TEXT,
  part_label TEXT NOT NULL DEFAULT '',
  theme_id TEXT REFERENCES planning_input_themes (id) ON DELETE SET NULL,
  version_id TEXT REFERENCES planning_vision_versions (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX planning_input_changes_round ON planning_input_changes (round_id, created_at);
