-- M21: basic information changes reported by institutions, with their history.
CREATE TABLE institution_changes (
  id             INTEGER PRIMARY KEY,
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  changed_by     INTEGER NOT NULL REFERENCES users(id),
  before_json    TEXT NOT NULL,
  after_json     TEXT NOT NULL,
  created_at     INTEGER NOT NULL
);
CREATE INDEX institution_changes_institution ON institution_changes(institution_id);
