-- Institution registry (M2–M13, M21–M24): selection announcements, applications with their
-- reviews and public-notice objections, institutions with their scope, and the code sequence.
CREATE TABLE special_ability_specs (
  code         TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  published_on TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE announcements (
  id             INTEGER PRIMARY KEY,
  region_code    TEXT NOT NULL REFERENCES regions(code),
  title          TEXT NOT NULL,
  kinds          TEXT NOT NULL,
  opens_on       TEXT NOT NULL,
  closes_on      TEXT NOT NULL,
  conditions     TEXT NOT NULL,
  assessment     TEXT NOT NULL,
  review_methods TEXT NOT NULL,
  created_by     INTEGER NOT NULL REFERENCES users(id),
  created_at     INTEGER NOT NULL
);

CREATE TABLE institutions (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL,
  name            TEXT NOT NULL,
  credit_code     TEXT NOT NULL,
  address         TEXT NOT NULL,
  region_code     TEXT NOT NULL REFERENCES regions(code),
  authority_code  TEXT NOT NULL REFERENCES regions(code),
  contact         TEXT NOT NULL,
  phone           TEXT NOT NULL,
  public_phone    TEXT NOT NULL,
  fees            TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL,
  approved_on     TEXT NOT NULL,
  valid_until     TEXT NOT NULL,
  created_at      INTEGER NOT NULL
);
CREATE INDEX institutions_credit_code ON institutions(credit_code);
CREATE INDEX institutions_authority ON institutions(authority_code);
CREATE INDEX institutions_region ON institutions(region_code);

CREATE TABLE institution_scope (
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  subject_code   TEXT NOT NULL,
  level          INTEGER NOT NULL,  -- 1..5; 0 for a special-ability specification
  PRIMARY KEY (institution_id, subject_code, level)
) WITHOUT ROWID;
CREATE INDEX institution_scope_subject ON institution_scope(subject_code, level);

-- Unified codes are numbered per province and never reused.
CREATE TABLE code_sequences (
  province TEXT PRIMARY KEY,
  next_value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO code_sequences (province, next_value) VALUES ('33', 1);

CREATE TABLE applications (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL,
  status           TEXT NOT NULL,
  announcement_id  INTEGER REFERENCES announcements(id),
  authority_code   TEXT NOT NULL REFERENCES regions(code),
  applicant_id     INTEGER NOT NULL REFERENCES users(id),
  credit_code      TEXT NOT NULL,
  name             TEXT NOT NULL,
  address          TEXT NOT NULL,
  region_code      TEXT NOT NULL REFERENCES regions(code),
  contact          TEXT NOT NULL,
  phone            TEXT NOT NULL,
  ministry_code    TEXT NOT NULL,
  scope_json       TEXT NOT NULL,
  checklist_json   TEXT NOT NULL,
  subsidiaries_json TEXT NOT NULL,
  reasons          TEXT NOT NULL DEFAULT '',
  publicity_ends   TEXT,
  institution_id   INTEGER REFERENCES institutions(id),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX applications_credit_code ON applications(credit_code);
CREATE INDEX applications_authority ON applications(authority_code);

CREATE TABLE application_reviews (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications(id),
  reviewer_id    INTEGER NOT NULL REFERENCES users(id),
  findings_json  TEXT NOT NULL,
  conclusion     TEXT NOT NULL,
  comment        TEXT NOT NULL,
  created_at     INTEGER NOT NULL
);

CREATE TABLE application_objections (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications(id),
  content        TEXT NOT NULL,
  contact        TEXT NOT NULL,
  resolution     TEXT,
  created_at     INTEGER NOT NULL,
  resolved_at    INTEGER
);

CREATE TABLE renewals (
  id             INTEGER PRIMARY KEY,
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  status         TEXT NOT NULL,
  requested_on   TEXT NOT NULL,
  decided_on     TEXT,
  new_valid_until TEXT
);

CREATE TABLE job_runs (
  job     TEXT NOT NULL,
  as_of   TEXT NOT NULL,
  ran_at  INTEGER NOT NULL,
  summary TEXT NOT NULL,
  PRIMARY KEY (job, as_of)
) WITHOUT ROWID;
