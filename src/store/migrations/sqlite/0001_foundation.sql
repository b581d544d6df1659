-- Foundation: reference data, accounts, sessions, login throttling, the audit log.
CREATE TABLE regions (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('province', 'city', 'county')),
  parent_code TEXT REFERENCES regions(code)
) WITHOUT ROWID;

CREATE TABLE occupations (
  code       TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  category   TEXT NOT NULL,
  in_catalog INTEGER NOT NULL CHECK (in_catalog IN (0, 1))
) WITHOUT ROWID;
CREATE INDEX occupations_name ON occupations(name);

CREATE TABLE skill_levels (
  code    TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  alias   TEXT NOT NULL,
  ordinal INTEGER NOT NULL UNIQUE
) WITHOUT ROWID;

CREATE TABLE calendar_days (
  day  TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE users (
  id                  INTEGER PRIMARY KEY,
  username            TEXT NOT NULL UNIQUE,
  display_name        TEXT NOT NULL,
  password_hash       TEXT NOT NULL,
  role                TEXT NOT NULL,
  region_code         TEXT NOT NULL REFERENCES regions(code),
  institution_id      INTEGER,
  disabled            INTEGER NOT NULL DEFAULT 0,
  created_at          INTEGER NOT NULL,
  password_changed_at INTEGER NOT NULL
);
CREATE INDEX users_region ON users(region_code);
CREATE INDEX users_institution ON users(institution_id);

-- Sessions live in the database so several server nodes can share them. Only the SHA-256 of
-- the token is stored: a copy of the database does not give anyone a session.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed logins per username (known or not, so the answer never reveals which exist).
CREATE TABLE login_throttle (
  username     TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL,
  last_failure INTEGER NOT NULL,
  locked_until INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE audit_log (
  seq            INTEGER PRIMARY KEY,
  at             INTEGER NOT NULL,
  actor_user_id  INTEGER NOT NULL,
  actor_username TEXT NOT NULL,
  action         TEXT NOT NULL,
  object_type    TEXT NOT NULL,
  object_id      TEXT NOT NULL,
  region_code    TEXT NOT NULL,
  institution_id INTEGER,
  before_json    TEXT NOT NULL,
  after_json     TEXT NOT NULL,
  prev_hash      TEXT NOT NULL,
  hash           TEXT NOT NULL
);
CREATE INDEX audit_log_object ON audit_log(object_type, object_id);
CREATE INDEX audit_log_region ON audit_log(region_code);

-- The chain's head, one row. Writers update it in their transaction, which serialises them.
CREATE TABLE audit_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only through SQL: the chain catches edits made around these triggers.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
