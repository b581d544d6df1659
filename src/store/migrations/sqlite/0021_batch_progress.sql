-- How far a processing batch has got, as its node last published it (every half second or so),
-- so that any node answers GET /batches/{id} with it, not only the one doing the work; and the
-- statuses of a batch that will never be applied: withdrawn by its institution, or expired
-- when left open too long (its parts are dropped then).
ALTER TABLE batches ADD COLUMN phase TEXT NOT NULL DEFAULT '';
ALTER TABLE batches ADD COLUMN progress REAL NOT NULL DEFAULT 0;
