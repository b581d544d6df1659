-- The ground truth of a synthetic province (skillreg demo --scale): every irregularity the
-- generator injected on purpose, so monitoring can be measured against what is known to be wrong.
-- Empty in a real deployment.
CREATE TABLE synthetic_truth (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id   TEXT NOT NULL,
  plan_id     INTEGER,
  detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX synthetic_truth_kind ON synthetic_truth(kind);
