-- Supervision 监督检查 (M25–M28, S8–S17): the inspector roster, supervision plans, verifiable
-- double-random draws, inspections with checklist findings, evidence and rectification, and
-- complaints from the public. Times are Unix seconds; dates YYYY-MM-DD (China Standard Time).

-- 执法检查人员名录库 (S10): an authority's inspectors; `organisation` names a third party (S6).
CREATE TABLE inspectors (
  id                      INTEGER PRIMARY KEY,
  region_code             TEXT NOT NULL REFERENCES regions(code),
  name                    TEXT NOT NULL,
  user_id                 INTEGER REFERENCES users(id),
  identity_no             TEXT NOT NULL DEFAULT '',
  organisation            TEXT NOT NULL DEFAULT '',
  employer_institution_id INTEGER REFERENCES institutions(id),
  active                  INTEGER NOT NULL DEFAULT 1,
  created_at              INTEGER NOT NULL
);
CREATE INDEX inspectors_region ON inspectors(region_code);
CREATE INDEX inspectors_user ON inspectors(user_id);

-- 监管计划 (S12).
CREATE TABLE supervision_plans (
  id                    INTEGER PRIMARY KEY,
  region_code           TEXT NOT NULL REFERENCES regions(code),
  year                  INTEGER NOT NULL,
  title                 TEXT NOT NULL,
  content               TEXT NOT NULL,
  focus                 TEXT NOT NULL,
  pool_json             TEXT NOT NULL,
  sampling_share        INTEGER NOT NULL,
  key_supervision       TEXT NOT NULL,      -- weight | always
  watch_weight          INTEGER NOT NULL,
  key_weight            INTEGER NOT NULL,
  inspectors_per_target INTEGER NOT NULL,
  frequency             TEXT NOT NULL,
  inspection_kind       TEXT NOT NULL,
  inspection_mode       TEXT NOT NULL,
  checklist_json        TEXT NOT NULL,
  created_by            INTEGER NOT NULL REFERENCES users(id),
  created_at            INTEGER NOT NULL
);
CREATE INDEX supervision_plans_region ON supervision_plans(region_code, year);

-- 双随机、一公开 (M27, S12): the commitment and snapshot are fixed at commit; the seed stays
-- secret until publication.
CREATE TABLE draws (
  id              INTEGER PRIMARY KEY,
  plan_id         INTEGER NOT NULL REFERENCES supervision_plans(id),
  region_code     TEXT NOT NULL REFERENCES regions(code),
  status          TEXT NOT NULL,            -- committed | drawn | published
  seed            TEXT NOT NULL,
  commitment      TEXT NOT NULL,
  snapshot_json   TEXT NOT NULL,
  snapshot_sha256 TEXT NOT NULL,
  result_json     TEXT,
  committed_at    INTEGER NOT NULL,
  drawn_at        INTEGER,
  completed_on    TEXT,
  publish_due     TEXT,
  published_at    INTEGER,
  created_by      INTEGER NOT NULL REFERENCES users(id)
);
CREATE INDEX draws_plan ON draws(plan_id);
CREATE INDEX draws_region ON draws(region_code);

CREATE TABLE inspections (
  id                  INTEGER PRIMARY KEY,
  institution_id      INTEGER NOT NULL REFERENCES institutions(id),
  authority_code      TEXT NOT NULL REFERENCES regions(code),
  kind                TEXT NOT NULL,
  mode                TEXT NOT NULL,
  status              TEXT NOT NULL,        -- planned | in_progress | completed | cancelled
  draw_id             INTEGER REFERENCES draws(id),
  supervision_plan_id INTEGER REFERENCES supervision_plans(id),
  complaint_id        INTEGER,
  evaluation_plan_id  INTEGER REFERENCES plans(id),
  peer_institution_id INTEGER REFERENCES institutions(id),
  renewal_id          INTEGER REFERENCES renewals(id),
  third_party         TEXT NOT NULL DEFAULT '',
  scheduled_on        TEXT NOT NULL,
  started_at          INTEGER,
  completed_at        INTEGER,
  report              TEXT NOT NULL DEFAULT '',
  outcome             TEXT,
  self_evaluation     TEXT,
  self_evaluated_at   INTEGER,
  cancel_reason       TEXT NOT NULL DEFAULT '',
  published_at        INTEGER,
  created_by          INTEGER NOT NULL REFERENCES users(id),
  created_at          INTEGER NOT NULL
);
CREATE INDEX inspections_institution ON inspections(institution_id);
CREATE INDEX inspections_authority ON inspections(authority_code);
CREATE INDEX inspections_draw ON inspections(draw_id);

CREATE TABLE inspection_inspectors (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  inspector_id  INTEGER NOT NULL REFERENCES inspectors(id),
  PRIMARY KEY (inspection_id, inspector_id)
);
CREATE INDEX inspection_inspectors_inspector ON inspection_inspectors(inspector_id);

-- One finding per checklist item over S9's five areas.
CREATE TABLE inspection_items (
  inspection_id INTEGER NOT NULL REFERENCES inspections(id),
  ordinal       INTEGER NOT NULL,
  code          TEXT NOT NULL,
  finding       TEXT,                       -- compliant | deficient | not_applicable
  note          TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (inspection_id, code)
);

-- Evidence (S10(4)): the hash is recorded on upload and the row is never altered or removed.
CREATE TABLE inspection_evidence (
  id             INTEGER PRIMARY KEY,
  inspection_id  INTEGER NOT NULL REFERENCES inspections(id),
  file_name      TEXT NOT NULL,
  content_type   TEXT NOT NULL,
  size_bytes     INTEGER NOT NULL,
  sha256         TEXT NOT NULL,
  content_base64 TEXT NOT NULL,
  uploaded_by    INTEGER NOT NULL REFERENCES users(id),
  created_at     INTEGER NOT NULL
);
CREATE INDEX inspection_evidence_inspection ON inspection_evidence(inspection_id);
CREATE TRIGGER inspection_evidence_never_updated BEFORE UPDATE ON inspection_evidence
BEGIN SELECT RAISE(ABORT, 'inspection evidence is never altered'); END;
CREATE TRIGGER inspection_evidence_never_deleted BEFORE DELETE ON inspection_evidence
BEGIN SELECT RAISE(ABORT, 'inspection evidence is never deleted'); END;

-- 整改 requirements of a completed inspection, verified by a later check.
CREATE TABLE rectifications (
  id             INTEGER PRIMARY KEY,
  inspection_id  INTEGER NOT NULL REFERENCES inspections(id),
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  requirement    TEXT NOT NULL,
  due_on         TEXT NOT NULL,
  verified_on    TEXT,
  verified_by    INTEGER REFERENCES users(id),
  note           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX rectifications_inspection ON rectifications(inspection_id);
CREATE INDEX rectifications_institution ON rectifications(institution_id);

-- 投诉举报 (M28, S17). `source_hash` is a hash of the sender's address, kept only to limit the rate.
CREATE TABLE complaints (
  id                   INTEGER PRIMARY KEY,
  tracking_no          TEXT NOT NULL UNIQUE,
  institution_id       INTEGER NOT NULL REFERENCES institutions(id),
  authority_code       TEXT NOT NULL REFERENCES regions(code),
  activity_region_code TEXT REFERENCES regions(code),
  category             TEXT NOT NULL,
  content              TEXT NOT NULL,
  contact              TEXT NOT NULL DEFAULT '',
  status               TEXT NOT NULL,       -- received | accepted | not_accepted | investigating | replied
  received_at          INTEGER NOT NULL,
  reply_due            TEXT NOT NULL,
  reason               TEXT NOT NULL DEFAULT '',
  substantiated        INTEGER,
  reply                TEXT NOT NULL DEFAULT '',
  replied_at           INTEGER,
  inspection_id        INTEGER REFERENCES inspections(id),
  source_hash          TEXT NOT NULL
);
CREATE INDEX complaints_authority ON complaints(authority_code);
CREATE INDEX complaints_activity_region ON complaints(activity_region_code);
CREATE INDEX complaints_institution ON complaints(institution_id);
CREATE INDEX complaints_source ON complaints(source_hash, received_at);
