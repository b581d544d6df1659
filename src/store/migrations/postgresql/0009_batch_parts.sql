-- Bulk batches arrive in parts of at most a few MiB (so a million rows need a handful of
-- requests, not a million); the parts are kept until the batch is applied or refused.
CREATE TABLE batch_parts (
  batch_id BIGINT NOT NULL REFERENCES batches(id),
  seq      BIGINT NOT NULL,
  content  TEXT NOT NULL,
  PRIMARY KEY (batch_id, seq)
);
