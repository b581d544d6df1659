-- Examiners and supervisors are edited and retired (M16, issue 8): a retired person keeps the row
-- and every past assignment, and is never assigned again. status: active | retired.
ALTER TABLE people ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
ALTER TABLE people ADD COLUMN retired_at INTEGER;
ALTER TABLE people ADD COLUMN retire_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN updated_at INTEGER;
