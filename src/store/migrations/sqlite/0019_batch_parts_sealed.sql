-- Batch parts hold identity numbers in the clear until their rows are applied (and sealed one by
-- one): from now on each part is stored sealed as a whole (S21(5); store/identity_columns.hpp),
-- and its size as sent is kept beside it, so counting a batch's bytes opens nothing.
-- Parts stored before this stay as they are (they are read as such) until their batch ends;
-- those of batches that can no longer be applied are dropped now.
ALTER TABLE batch_parts ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
UPDATE batch_parts SET bytes = LENGTH(CAST(content AS BLOB));
DELETE FROM batch_parts
 WHERE batch_id IN (SELECT id FROM batches WHERE status NOT IN ('open', 'queued', 'processing'));
