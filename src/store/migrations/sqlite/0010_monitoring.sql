-- Digital monitoring 数字化监测 (S13, S14): the versioned policy, every plan's current score with
-- the policy version it used, the runs that computed them, the key-sampling queue 重点抽查 and
-- the star ratings 星级评定 per institution and period.

-- The province authority's policy record; the highest version is the one in force. Versions are
-- never edited: a change is a new version.
CREATE TABLE monitoring_policies (
  version     INTEGER PRIMARY KEY,
  policy_json TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  created_by  INTEGER REFERENCES users(id),
  created_at  INTEGER NOT NULL
);

-- The current score of every scored plan. A full recompute replaces all of them in one
-- transaction, so an interrupted run leaves the previous complete set.
CREATE TABLE plan_scores (
  plan_id          INTEGER PRIMARY KEY REFERENCES plans(id),
  institution_id   INTEGER NOT NULL REFERENCES institutions(id),
  authority_code   TEXT NOT NULL,
  site_region_code TEXT NOT NULL,
  subject_code     TEXT NOT NULL,
  level            INTEGER NOT NULL,
  exam_day         TEXT NOT NULL,      -- the first session's day; '' without sessions
  candidates       INTEGER NOT NULL,      -- admitted: the plan's weight in institution scores
  policy_version   INTEGER NOT NULL,
  plan_validity          REAL NOT NULL,
  qualification_accuracy REAL NOT NULL,
  question_usage         REAL NOT NULL,
  personnel_compliance   REAL NOT NULL,
  result_authenticity    REAL NOT NULL,
  traceability           REAL NOT NULL,
  overall          REAL NOT NULL,
  critical         INTEGER NOT NULL,
  finished         INTEGER NOT NULL,      -- every session held: the plan can be drawn for sampling
  score_json       TEXT NOT NULL,      -- deductions with their records, and notes
  as_of            TEXT NOT NULL,
  run_id           INTEGER,
  computed_at      INTEGER NOT NULL
);
CREATE INDEX plan_scores_institution ON plan_scores(institution_id, exam_day);
CREATE INDEX plan_scores_authority ON plan_scores(authority_code);

-- Plans whose records changed since they were scored; the incremental re-scorer empties it.
CREATE TABLE monitoring_dirty (
  plan_id INTEGER PRIMARY KEY
);

-- A scoring run: one plan (incremental) or every plan (full, daily or on demand), with progress.
CREATE TABLE monitoring_runs (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL,         -- full | plan
  status         TEXT NOT NULL,         -- running | done | failed
  policy_version INTEGER NOT NULL,
  as_of          TEXT NOT NULL,
  seed           TEXT NOT NULL DEFAULT '',  -- of the sampling draw, hex
  total          INTEGER NOT NULL DEFAULT 0,
  done           INTEGER NOT NULL DEFAULT 0,
  stage          TEXT NOT NULL DEFAULT '',
  sampled        INTEGER NOT NULL DEFAULT 0,
  started_by     INTEGER REFERENCES users(id),
  started_at     INTEGER NOT NULL,
  finished_at    INTEGER,
  error          TEXT NOT NULL DEFAULT ''
);

-- 重点抽查 (S14(2)): every plan with a critical anomaly, and a random share (drawn once per plan,
-- with the run's seed) of the finished plans scoring below the policy threshold.
CREATE TABLE sampling_queue (
  id               INTEGER PRIMARY KEY,
  plan_id          INTEGER NOT NULL UNIQUE REFERENCES plans(id),
  institution_id   INTEGER NOT NULL,
  authority_code   TEXT NOT NULL,
  site_region_code TEXT NOT NULL,
  reason           TEXT NOT NULL,       -- critical | random
  overall          REAL NOT NULL,
  indicators       TEXT NOT NULL,       -- the critical indicators, comma-separated
  run_id           INTEGER NOT NULL,
  status           TEXT NOT NULL,       -- open | done
  action           TEXT NOT NULL DEFAULT '',   -- recheck | question | visit
  outcome          TEXT NOT NULL DEFAULT '',   -- confirmed | cleared
  note             TEXT NOT NULL DEFAULT '',
  worked_by        INTEGER REFERENCES users(id),
  worked_at        INTEGER,
  created_at       INTEGER NOT NULL
);
CREATE INDEX sampling_queue_region ON sampling_queue(site_region_code, status);

-- Finished plans below the threshold that took part in a random draw, drawn or not: each is
-- considered once, so repeated runs do not keep drawing until every low plan is in the queue.
CREATE TABLE sampling_considered (
  plan_id INTEGER PRIMARY KEY,
  run_id  INTEGER NOT NULL,
  drawn   INTEGER NOT NULL
);

-- 星级评定 (S13): stars per institution for the 12 months up to period_end.
CREATE TABLE institution_ratings (
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  period_start   TEXT NOT NULL,
  period_end     TEXT NOT NULL,
  stars          INTEGER NOT NULL,
  score_stars    INTEGER NOT NULL,
  mean_overall   REAL,
  plans          INTEGER NOT NULL,
  candidates     INTEGER NOT NULL,
  explanation    TEXT NOT NULL,
  policy_version INTEGER NOT NULL,
  computed_at    INTEGER NOT NULL,
  PRIMARY KEY (institution_id, period_end)
);

-- Every write to a plan's records marks the plan for re-scoring (S14(1) 实时监测), whichever use
-- case or batch made it. No conflict clause: an outer UPSERT's conflict handling would override
-- the trigger's own (SQLite), so a plan already marked is skipped by NOT EXISTS instead.
CREATE TRIGGER plans_dirty_ins AFTER INSERT ON plans BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT NEW.id AS p) WHERE p IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
CREATE TRIGGER plans_dirty_upd AFTER UPDATE ON plans BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT NEW.id AS p) WHERE p IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
CREATE TRIGGER plan_sessions_dirty_ins AFTER INSERT ON plan_sessions BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT NEW.plan_id AS p) WHERE p IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
CREATE TRIGGER plan_sessions_dirty_upd AFTER UPDATE ON plan_sessions BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT NEW.plan_id AS p) WHERE p IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
CREATE TRIGGER candidates_dirty_ins AFTER INSERT ON candidates BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT NEW.plan_id AS p) WHERE p IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
CREATE TRIGGER candidates_dirty_upd AFTER UPDATE ON candidates BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT NEW.plan_id AS p) WHERE p IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
CREATE TRIGGER certificates_dirty_ins AFTER INSERT ON certificates BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT NEW.plan_id AS p) WHERE p IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
CREATE TRIGGER certificates_dirty_upd AFTER UPDATE ON certificates BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT NEW.plan_id AS p) WHERE p IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
CREATE TRIGGER plan_documents_dirty_ins AFTER INSERT ON plan_documents BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT NEW.plan_id AS p) WHERE p IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
CREATE TRIGGER plan_documents_dirty_upd AFTER UPDATE ON plan_documents BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT NEW.plan_id AS p) WHERE p IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
CREATE TRIGGER scores_dirty_ins AFTER INSERT ON scores BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT plan_id AS p FROM candidates WHERE id = NEW.candidate_id) WHERE NOT EXISTS
    (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
CREATE TRIGGER scores_dirty_upd AFTER UPDATE ON scores BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT plan_id AS p FROM candidates WHERE id = NEW.candidate_id) WHERE NOT EXISTS
    (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
CREATE TRIGGER assignments_dirty_ins AFTER INSERT ON assignments BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT plan_id AS p FROM plan_sessions WHERE id = NEW.session_id) WHERE NOT EXISTS
    (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
CREATE TRIGGER assignments_dirty_upd AFTER UPDATE ON assignments BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT plan_id AS p FROM plan_sessions WHERE id = NEW.session_id) WHERE NOT EXISTS
    (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
CREATE TRIGGER papers_dirty_ins AFTER INSERT ON papers BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT plan_id AS p FROM plan_sessions WHERE id = NEW.session_id) WHERE NOT EXISTS
    (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
CREATE TRIGGER papers_dirty_upd AFTER UPDATE ON papers BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT plan_id AS p FROM plan_sessions WHERE id = NEW.session_id) WHERE NOT EXISTS
    (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
CREATE TRIGGER videos_dirty_ins AFTER INSERT ON videos BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT plan_id AS p FROM plan_sessions WHERE id = NEW.session_id) WHERE NOT EXISTS
    (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
CREATE TRIGGER videos_dirty_upd AFTER UPDATE ON videos BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT plan_id AS p FROM plan_sessions WHERE id = NEW.session_id) WHERE NOT EXISTS
    (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
CREATE TRIGGER plan_sessions_dirty_del AFTER DELETE ON plan_sessions BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT OLD.plan_id AS p) WHERE p IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
CREATE TRIGGER assignments_dirty_del AFTER DELETE ON assignments BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT plan_id AS p FROM plan_sessions WHERE id = OLD.session_id) WHERE NOT EXISTS
    (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
