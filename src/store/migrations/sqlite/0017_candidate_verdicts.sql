-- migrate: foreign_keys=off
-- Bulk ingest (issue 4): a candidate row is slimmed down and the table rebuilt, which SQLite
-- allows only with the foreign key checks off (https://www.sqlite.org/lang_altertable.html,
-- "Making Other Kinds Of Table Schema Changes"): the runner turns them off for this step and
-- refuses to commit it if it broke a reference (store/migrations.cpp).

-- S19(2): the verdict of the re-check of the application conditions is the same JSON for every
-- candidate with the same facts (a dozen distinct ones in a plan of 100,000), so each distinct
-- verdict is stored once here and a candidate row holds its id.
CREATE TABLE eligibility_verdicts (
  id      INTEGER PRIMARY KEY,
  verdict TEXT NOT NULL UNIQUE           -- every route of the level with what it lacked (JSON)
);
INSERT INTO eligibility_verdicts (verdict) SELECT DISTINCT eligibility_json FROM candidates ORDER BY 1;

-- One index on the identity number's blind index instead of two: the unique key is now
-- (identity_index, plan_id), which also finds a person across plans (S19(2) overlaps, the
-- monitoring's cross-plan checks), and the plan's candidates are found through candidates_plan,
-- whose keys a batch appends instead of inserting at random. Being a separate index, the unique
-- one can be dropped by a big batch and built again in one sort (store/activity_bulk.hpp).
CREATE TABLE candidates_new (
  id               INTEGER PRIMARY KEY,
  plan_id          INTEGER NOT NULL REFERENCES plans(id),
  identity_index   TEXT NOT NULL,          -- the blind index of the identity number (0014)
  identity_sealed  TEXT NOT NULL DEFAULT '',
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
  eligibility_id   INTEGER NOT NULL REFERENCES eligibility_verdicts(id),  -- with every route
  result           TEXT NOT NULL DEFAULT 'pending',  -- pending | passed | failed
  batch_id         INTEGER,
  created_at       INTEGER NOT NULL
);
INSERT INTO candidates_new (id, plan_id, identity_index, identity_sealed, name, birth_date, sex, education,
  years_in_trade, prior_level, prior_cert_date, apprenticeship, review, review_note, eligible, eligibility_id,
  result, batch_id, created_at)
SELECT c.id, c.plan_id, c.identity_index, c.identity_sealed, c.name, c.birth_date, c.sex, c.education,
  c.years_in_trade, c.prior_level, c.prior_cert_date, c.apprenticeship, c.review, c.review_note, c.eligible, v.id,
  c.result, c.batch_id, c.created_at
FROM candidates c JOIN eligibility_verdicts v ON v.verdict = c.eligibility_json;
DROP TABLE candidates;  -- with its indexes and its triggers
-- Legacy renaming leaves alone the triggers of other tables that read candidates (scores'), which
-- would otherwise be checked while no table of that name exists.
PRAGMA legacy_alter_table = ON;
ALTER TABLE candidates_new RENAME TO candidates;
PRAGMA legacy_alter_table = OFF;
CREATE UNIQUE INDEX candidates_identity ON candidates(identity_index, plan_id);
CREATE INDEX candidates_plan ON candidates(plan_id);

-- S14(1) 实时监测: inserting candidates still marks their plan for re-scoring, but once per
-- insert call or per plan of a batch (store/candidate_repo.cpp, store/activity_bulk.cpp), not
-- row by row: candidates_dirty_ins (0010_monitoring.sql) went with the old table and is not
-- created again. The update trigger is, as it was.
CREATE TRIGGER candidates_dirty_upd AFTER UPDATE ON candidates BEGIN
  INSERT INTO monitoring_dirty (plan_id) SELECT p FROM (SELECT NEW.plan_id AS p) WHERE p IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM monitoring_dirty d WHERE d.plan_id = p);
END;
