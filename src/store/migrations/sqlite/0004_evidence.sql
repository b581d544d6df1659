-- Evidence files for an application's eligibility items (M7, M8). The bytes live in the database
-- (base64) so every node of a multi-node deployment sees them; the SHA-256 is recorded on upload.
CREATE TABLE evidence_files (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES applications(id),
  item_key       TEXT NOT NULL,
  file_name      TEXT NOT NULL,
  content_type   TEXT NOT NULL,
  size_bytes     INTEGER NOT NULL,
  sha256         TEXT NOT NULL,
  content_base64 TEXT NOT NULL,
  uploaded_by    INTEGER NOT NULL REFERENCES users(id),
  created_at     INTEGER NOT NULL
);
CREATE INDEX evidence_files_application ON evidence_files(application_id);
