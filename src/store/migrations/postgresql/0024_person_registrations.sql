-- M16: a person retired by one institution (moved to another employer) may be registered by the
-- next: one active registration per kind and identity number, the retired ones kept with their
-- assignments, so each past assignment keeps the employer it had (S19(8) 回避 is judged against it).
DO $$
DECLARE c text;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'people'::regclass AND contype = 'u' LOOP
    EXECUTE format('ALTER TABLE people DROP CONSTRAINT %I', c);
  END LOOP;
END $$;
CREATE UNIQUE INDEX people_active_identity ON people(kind, identity_index) WHERE status = 'active';
CREATE INDEX people_identity ON people(kind, identity_index);
