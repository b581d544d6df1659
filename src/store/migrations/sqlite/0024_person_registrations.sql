-- migrate: foreign_keys=off
-- M16: a person retired by one institution (moved to another employer) may be registered by the
-- next: one active registration per kind and identity number, the retired ones kept with their
-- assignments, so each past assignment keeps the employer it had (S19(8) 回避 is judged against
-- it). SQLite drops a table constraint only by rebuilding the table, with the foreign key checks
-- off (https://www.sqlite.org/lang_altertable.html; the runner refuses a step that breaks one).
CREATE TABLE people_new (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL,          -- examiner | internal_supervisor | external_supervisor
  identity_index    TEXT NOT NULL,          -- the blind index of the identity number (0014)
  name              TEXT NOT NULL,
  phone             TEXT NOT NULL DEFAULT '',
  employer_id       INTEGER REFERENCES institutions(id),
  region_code       TEXT NOT NULL REFERENCES regions(code),
  created_at        INTEGER NOT NULL,
  identity_sealed   TEXT NOT NULL DEFAULT '',
  status            TEXT NOT NULL DEFAULT 'active',   -- active | retired (0016)
  retired_at        INTEGER,
  retire_reason     TEXT NOT NULL DEFAULT '',
  updated_at        INTEGER
);
INSERT INTO people_new (id, kind, identity_index, name, phone, employer_id, region_code, created_at,
                        identity_sealed, status, retired_at, retire_reason, updated_at)
  SELECT id, kind, identity_index, name, phone, employer_id, region_code, created_at,
         identity_sealed, status, retired_at, retire_reason, updated_at FROM people;
DROP TABLE people;
ALTER TABLE people_new RENAME TO people;
CREATE UNIQUE INDEX people_active_identity ON people(kind, identity_index) WHERE status = 'active';
CREATE INDEX people_identity ON people(kind, identity_index);
