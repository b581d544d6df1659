-- Enforcement 监管处理 (S18–S24): cases with their due process, statements and review requests,
-- and the effects applied (so a review can reverse them). Dates YYYY-MM-DD; times Unix seconds.
CREATE TABLE cases (
  id                        INTEGER PRIMARY KEY,
  case_no                   TEXT NOT NULL UNIQUE,     -- 文号
  institution_id            INTEGER NOT NULL REFERENCES institutions(id),
  authority_code            TEXT NOT NULL REFERENCES regions(code),
  status                    TEXT NOT NULL,            -- draft | proposed | served | decided | review_requested | reviewed | closed | dropped
  origin                    TEXT NOT NULL,            -- inspection | sampling | complaint | monitoring | daily_job | manual
  origin_id                 INTEGER,
  items_json                TEXT NOT NULL,            -- catalogue codes, escalation included
  serious                   INTEGER NOT NULL DEFAULT 0,
  facts                     TEXT NOT NULL,
  evidence_json             TEXT NOT NULL DEFAULT '[]',
  measure                   TEXT NOT NULL,            -- the class in force: proposed, decided, or as reviewed
  voids_results             INTEGER NOT NULL DEFAULT 0,
  escalation_json           TEXT NOT NULL DEFAULT '[]',
  reasons                   TEXT NOT NULL DEFAULT '',
  basis                     TEXT NOT NULL DEFAULT '',
  proposed_on               TEXT,
  served_on                 TEXT,
  service_method            TEXT,                     -- written | announcement
  statement_due             TEXT,
  decision                  TEXT,                     -- upheld | changed | dropped
  decision_reasons          TEXT NOT NULL DEFAULT '',
  decided_on                TEXT,
  review_due                TEXT,
  rectification_due         TEXT,
  rectification_verified_on TEXT,
  interview_on              TEXT,
  interview_place           TEXT NOT NULL DEFAULT '',
  certificates_json         TEXT NOT NULL DEFAULT '[]',
  review_outcome            TEXT,                     -- upheld | changed | overturned
  review_reasons            TEXT NOT NULL DEFAULT '',
  reviewed_on               TEXT,
  effects_json              TEXT NOT NULL DEFAULT '{}',
  record                    TEXT NOT NULL DEFAULT '',
  created_by                INTEGER REFERENCES users(id),
  created_at                INTEGER NOT NULL,
  updated_at                INTEGER NOT NULL
);
CREATE INDEX cases_institution ON cases(institution_id);
CREATE INDEX cases_authority ON cases(authority_code);
CREATE INDEX cases_status ON cases(status);

-- 陈述申辩 statements and 复核 review requests of the institution.
CREATE TABLE case_statements (
  id           INTEGER PRIMARY KEY,
  case_id      INTEGER NOT NULL REFERENCES cases(id),
  kind         TEXT NOT NULL,                         -- statement | review_request
  text         TEXT NOT NULL,
  submitted_by INTEGER NOT NULL REFERENCES users(id),
  submitted_at INTEGER NOT NULL
);
CREATE INDEX case_statements_case ON case_statements(case_id);

-- The sequence of case numbers per authority and year.
CREATE TABLE case_sequences (
  authority_code TEXT NOT NULL,
  year           INTEGER NOT NULL,
  next_value     INTEGER NOT NULL,
  PRIMARY KEY (authority_code, year)
);
