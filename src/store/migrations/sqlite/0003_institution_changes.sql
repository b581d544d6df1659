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

-- M12: exam sites (考点) outside the institution's own area, confirmed by the site's authority.
CREATE TABLE exam_sites (
  id             INTEGER PRIMARY KEY,
  institution_id INTEGER NOT NULL REFERENCES institutions(id),
  name           TEXT NOT NULL,
  address        TEXT NOT NULL,
  region_code    TEXT NOT NULL REFERENCES regions(code),
  status         TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'refused')),
  reason         TEXT NOT NULL DEFAULT '',
  decided_by     INTEGER REFERENCES users(id),
  created_at     INTEGER NOT NULL,
  decided_at     INTEGER
);
CREATE INDEX exam_sites_institution ON exam_sites(institution_id);
CREATE INDEX exam_sites_region ON exam_sites(region_code);
