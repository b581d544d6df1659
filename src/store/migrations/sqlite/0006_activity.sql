-- Evaluation activity (M14–M20, S9, S14, S19): what institutions report about each evaluation.
-- Times of day are Unix seconds; dates are YYYY-MM-DD (China Standard Time).

-- 评价计划: one occupation (or specification) and level at one exam site, in sessions.
CREATE TABLE plans (
  id               INTEGER PRIMARY KEY,
  institution_id   INTEGER NOT NULL REFERENCES institutions(id),
  authority_code   TEXT NOT NULL REFERENCES regions(code),  -- the institution's supervisor (S5)
  site_region_code TEXT NOT NULL REFERENCES regions(code),  -- 属地化管理 (M12)
  subject_code     TEXT NOT NULL,
  level            INTEGER NOT NULL,                        -- 1..5; 0 for a specification
  parts            TEXT NOT NULL,                           -- theory,practical,review
  exam_site_id     INTEGER NOT NULL REFERENCES exam_sites(id),
  planned_count    INTEGER NOT NULL,
  question_source  TEXT NOT NULL,                           -- unified_bank | own_bank
  paperless        INTEGER NOT NULL,
  fee              INTEGER NOT NULL,                        -- yuan per candidate
  status           TEXT NOT NULL,                           -- draft | published | cancelled
  first_session_at INTEGER,
  published_at     INTEGER,
  results_published_on TEXT,                                -- 成绩核定公示 starts
  results_publicity_ends TEXT,                              -- first day certificates may be issued
  cancel_reason    TEXT NOT NULL DEFAULT '',
  created_by       INTEGER NOT NULL REFERENCES users(id),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX plans_institution ON plans(institution_id);
CREATE INDEX plans_authority ON plans(authority_code);
CREATE INDEX plans_site_region ON plans(site_region_code);

CREATE TABLE plan_sessions (
  id        INTEGER PRIMARY KEY,
  plan_id   INTEGER NOT NULL REFERENCES plans(id),
  part      TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at   INTEGER NOT NULL,
  room      TEXT NOT NULL
);
CREATE INDEX plan_sessions_plan ON plan_sessions(plan_id);

-- Every change or cancellation of a plan, with its reason (S19(1): execution is compared with the plan).
CREATE TABLE plan_changes (
  id          INTEGER PRIMARY KEY,
  plan_id     INTEGER NOT NULL REFERENCES plans(id),
  changed_by  INTEGER NOT NULL REFERENCES users(id),
  reason      TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json  TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX plan_changes_plan ON plan_changes(plan_id);

-- Candidates and the institution's qualification review (资格审核); the system's own re-check
-- against the application conditions is kept beside it (S19(2)).
CREATE TABLE candidates (
  id               INTEGER PRIMARY KEY,
  plan_id          INTEGER NOT NULL REFERENCES plans(id),
  identity_no      TEXT NOT NULL,
  name             TEXT NOT NULL,
  birth_date       TEXT NOT NULL,
  sex              TEXT NOT NULL,
  education        TEXT NOT NULL,
  years_in_trade   INTEGER NOT NULL,
  prior_level      INTEGER,
  prior_cert_date  TEXT,
  apprenticeship   INTEGER NOT NULL DEFAULT 0,
  review           TEXT NOT NULL,          -- pending | admitted | refused
  review_note      TEXT NOT NULL DEFAULT '',
  eligible         INTEGER NOT NULL,       -- the re-check's verdict
  eligibility_json TEXT NOT NULL,          -- every route with what it lacked
  result           TEXT NOT NULL DEFAULT 'pending',  -- pending | passed | failed
  batch_id         INTEGER,
  created_at       INTEGER NOT NULL,
  UNIQUE (plan_id, identity_no)
);
CREATE INDEX candidates_identity ON candidates(identity_no);

CREATE TABLE scores (
  candidate_id INTEGER NOT NULL REFERENCES candidates(id),
  part         TEXT NOT NULL,
  score        REAL NOT NULL,
  recorded_at  INTEGER NOT NULL,
  PRIMARY KEY (candidate_id, part)
) WITHOUT ROWID;

-- S19(9): a score changed after publication keeps its before, after and reason.
CREATE TABLE score_changes (
  id           INTEGER PRIMARY KEY,
  candidate_id INTEGER NOT NULL REFERENCES candidates(id),
  part         TEXT NOT NULL,
  before_score REAL NOT NULL,
  after_score  REAL NOT NULL,
  reason       TEXT NOT NULL,
  changed_by   INTEGER NOT NULL REFERENCES users(id),
  created_at   INTEGER NOT NULL
);

CREATE TABLE certificates (
  cert_no        TEXT PRIMARY KEY,
  candidate_id   INTEGER NOT NULL UNIQUE REFERENCES candidates(id),
  plan_id        INTEGER NOT NULL REFERENCES plans(id),
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  name           TEXT NOT NULL,
  identity_no    TEXT NOT NULL,
  subject_code   TEXT NOT NULL,
  level          INTEGER NOT NULL,
  issued_on      TEXT NOT NULL,
  status         TEXT NOT NULL,            -- valid | voided
  void_reason    TEXT NOT NULL DEFAULT '',
  voided_at      INTEGER,
  reported_on    TEXT,                     -- to the national database (S19(10))
  created_at     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX certificates_institution ON certificates(institution_id, issued_on);
CREATE INDEX certificates_plan ON certificates(plan_id);

-- Serial numbers per institution, year and level; never reused (API.md).
CREATE TABLE certificate_serials (
  institution_id INTEGER NOT NULL,
  year           INTEGER NOT NULL,
  level          INTEGER NOT NULL,
  next_value     INTEGER NOT NULL,
  PRIMARY KEY (institution_id, year, level)
) WITHOUT ROWID;

-- 考评人员 and 质量督导人员 (M16): examiners, internal supervisors of an institution, external
-- supervisors appointed by an authority.
CREATE TABLE people (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL,          -- examiner | internal_supervisor | external_supervisor
  identity_no       TEXT NOT NULL,
  name              TEXT NOT NULL,
  phone             TEXT NOT NULL DEFAULT '',
  employer_id       INTEGER REFERENCES institutions(id),
  region_code       TEXT NOT NULL REFERENCES regions(code),
  created_at        INTEGER NOT NULL,
  UNIQUE (kind, identity_no)
);
CREATE TABLE person_qualifications (
  person_id    INTEGER NOT NULL REFERENCES people(id),
  subject_code TEXT NOT NULL,
  level        INTEGER NOT NULL,             -- the highest level qualified for (smallest number)
  valid_until  TEXT NOT NULL,
  PRIMARY KEY (person_id, subject_code)
) WITHOUT ROWID;
CREATE TABLE assignments (
  id         INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES plan_sessions(id),
  person_id  INTEGER NOT NULL REFERENCES people(id),
  role       TEXT NOT NULL,
  panel      TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE (session_id, person_id)
);
CREATE INDEX assignments_person ON assignments(person_id);

-- 试题应用: the paper of a session from the unified bank.
CREATE TABLE papers (
  session_id   INTEGER PRIMARY KEY REFERENCES plan_sessions(id),
  paper_id     TEXT NOT NULL,
  generated_at INTEGER NOT NULL,
  paperless    INTEGER NOT NULL,
  created_at   INTEGER NOT NULL
);
CREATE INDEX papers_paper ON papers(paper_id);

-- 视频管理: recordings per session and room.
CREATE TABLE videos (
  id         INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES plan_sessions(id),
  room       TEXT NOT NULL,
  storage_id TEXT NOT NULL,
  starts_at  INTEGER NOT NULL,
  ends_at    INTEGER NOT NULL,
  sha256     TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX videos_session ON videos(session_id);

-- 档案 (M18, S19(11)): the documents a plan's archive must hold.
CREATE TABLE plan_documents (
  plan_id    INTEGER NOT NULL REFERENCES plans(id),
  doc_key    TEXT NOT NULL,
  file_name  TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (plan_id, doc_key)
) WITHOUT ROWID;

-- Bulk reports from institutions' exam software: applied whole or refused whole.
CREATE TABLE batches (
  id             INTEGER PRIMARY KEY,
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  plan_id        INTEGER NOT NULL REFERENCES plans(id),
  kind           TEXT NOT NULL,            -- candidates | scores
  format         TEXT NOT NULL,            -- csv | json
  status         TEXT NOT NULL,            -- processing | applied | refused
  total_rows     INTEGER NOT NULL DEFAULT 0,
  processed_rows INTEGER NOT NULL DEFAULT 0,
  error_count    INTEGER NOT NULL DEFAULT 0,
  errors_json    TEXT NOT NULL DEFAULT '[]',
  submitted_by   INTEGER NOT NULL REFERENCES users(id),
  created_at     INTEGER NOT NULL,
  finished_at    INTEGER
);
CREATE INDEX batches_institution ON batches(institution_id);
