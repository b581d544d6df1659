-- Identity numbers at rest (S21(5); issue 9 §6, core/identity_vault.hpp): each table that held
-- an identity number in the clear keeps, in its place, the keyed blind index (HMAC) that the
-- unique constraints, indexes and joins now use, and the sealed number beside it. Rows written
-- before this migration are sealed at the next start, when the key is at hand
-- (store/identity_columns.cpp): until then their index column still holds the number.
ALTER TABLE candidates RENAME COLUMN identity_no TO identity_index;
ALTER TABLE candidates ADD COLUMN identity_sealed TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates RENAME COLUMN identity_no TO identity_index;
ALTER TABLE certificates ADD COLUMN identity_sealed TEXT NOT NULL DEFAULT '';
ALTER TABLE people RENAME COLUMN identity_no TO identity_index;
ALTER TABLE people ADD COLUMN identity_sealed TEXT NOT NULL DEFAULT '';
ALTER TABLE inspectors RENAME COLUMN identity_no TO identity_index;
ALTER TABLE inspectors ADD COLUMN identity_sealed TEXT NOT NULL DEFAULT '';

-- The check value of the key the rows were sealed with: a start with another key is refused.
CREATE TABLE identity_key (
  id         BIGINT PRIMARY KEY CHECK (id = 1),
  key_check  TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
