-- S14(1) 实时监测: a full run takes the plans marked for re-scoring out of monitoring_dirty before
-- it reads every plan, and keeps them here under its id. A change made while it scores marks the
-- plan afresh in monitoring_dirty, so it is re-scored after the run instead of being cleared with
-- the marks the run has seen. The run's rows go when its scores are written; those of a run that
-- failed or was stopped are marks to the re-scorer like any other.
CREATE TABLE monitoring_claims (
  run_id  INTEGER NOT NULL,
  plan_id INTEGER NOT NULL,
  PRIMARY KEY (run_id, plan_id)
);

-- The latest run when a re-scorer wrote the score (0 for a full run's): a full run begun after it
-- (a higher id) replaces it; one begun before keeps it and marks the plan again, since the
-- re-scorer may have read a change its own read had not.
ALTER TABLE plan_scores ADD COLUMN rescored_after_run INTEGER NOT NULL DEFAULT 0;
