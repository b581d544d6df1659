-- Reminders and notifications (issue 10 §2) and calendar upkeep (issue 10 §1).
-- Times are Unix seconds; dates YYYY-MM-DD (China Standard Time).

-- The in-app inbox: one row per recipient. `dedupe_key` (kind, object, deadline, recipient) makes
-- every reminder exist once however often the daily job runs.
CREATE TABLE notifications (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  kind        TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id   TEXT NOT NULL,
  link        TEXT NOT NULL,
  title_zh    TEXT NOT NULL,
  title_en    TEXT NOT NULL,
  params_json TEXT NOT NULL DEFAULT '{}',
  article     TEXT NOT NULL DEFAULT '',
  region_code TEXT NOT NULL DEFAULT '',
  due_on      TEXT,
  created_at  INTEGER NOT NULL,
  read_at     INTEGER,
  dedupe_key  TEXT NOT NULL UNIQUE
);
CREATE INDEX notifications_user ON notifications(user_id, read_at);

-- One outside endpoint per authority (region): every reminder or event concerning an object the
-- authority supervises is POSTed there, signed with HMAC-SHA256 over the body with `secret`.
CREATE TABLE webhooks (
  region_code TEXT PRIMARY KEY REFERENCES regions(code),
  url         TEXT NOT NULL,
  secret      TEXT NOT NULL,
  active      INTEGER NOT NULL DEFAULT 1,
  updated_by  INTEGER REFERENCES users(id),
  updated_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- The outbox: written in the transaction that made the notification, sent after commit by the
-- background sender, retried with back-off until delivered or out of attempts.
CREATE TABLE webhook_deliveries (
  id              INTEGER PRIMARY KEY,
  region_code     TEXT NOT NULL,
  event_key       TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL,
  payload_json    TEXT NOT NULL,
  status          TEXT NOT NULL,       -- pending | delivered | failed
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  delivered_at    INTEGER
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);

-- The calendar's revision, bumped by every edit, so other nodes notice and reload it.
CREATE TABLE calendar_revision (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  revision   INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
INSERT INTO calendar_revision (id, revision, updated_at) VALUES (1, 0, 0);
