-- The public certificate check (issue 4 §7, M19) reads one narrow row by its number instead of
-- joining certificates, institutions, occupations and special-ability specifications on every
-- request: the busiest public endpoint. The triggers keep each row equal to that join whatever
-- writes the certificate (an issue, a batch, a void, a report date), renames its institution or
-- renames its occupation, so the answer is never staler than the tables it is drawn from.
-- The identity number is kept there only masked, as the check shows it (S17: never in full), so
-- answering needs no key; the server fills the mask of older rows when it starts.
ALTER TABLE certificates ADD COLUMN identity_masked TEXT NOT NULL DEFAULT '';
CREATE TABLE certificate_checks (
  cert_no          TEXT PRIMARY KEY,
  name             TEXT NOT NULL,
  subject_code     TEXT NOT NULL,
  subject_name     TEXT NOT NULL,
  level            BIGINT NOT NULL,
  institution_code TEXT NOT NULL,
  institution_name TEXT NOT NULL,
  issued_on        TEXT NOT NULL,
  status           TEXT NOT NULL,
  void_reason      TEXT NOT NULL,
  identity_masked  TEXT NOT NULL
);

-- The join each row stands for, in one place: the backfill and the trigger read it by number.
CREATE VIEW certificate_check_source AS
SELECT c.cert_no, c.name, c.subject_code, COALESCE(o.name, s.name, c.subject_code) AS subject_name, c.level,
       i.code AS institution_code, i.name AS institution_name, c.issued_on, c.status, c.void_reason,
       c.identity_masked
  FROM certificates c JOIN institutions i ON i.id = c.institution_id
  LEFT JOIN occupations o ON o.code = c.subject_code
  LEFT JOIN special_ability_specs s ON s.code = c.subject_code;

INSERT INTO certificate_checks SELECT * FROM certificate_check_source;

CREATE FUNCTION certificate_checks_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM certificate_checks WHERE cert_no = OLD.cert_no;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO certificate_checks SELECT * FROM certificate_check_source WHERE cert_no = NEW.cert_no;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER certificate_checks_write AFTER INSERT OR UPDATE OR DELETE ON certificates
  FOR EACH ROW EXECUTE FUNCTION certificate_checks_write();

CREATE FUNCTION certificate_checks_institution() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE certificate_checks SET institution_code = NEW.code, institution_name = NEW.name
   WHERE cert_no IN (SELECT cert_no FROM certificates WHERE institution_id = NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER certificate_checks_institution AFTER UPDATE OF code, name ON institutions
  FOR EACH ROW WHEN (OLD.code IS DISTINCT FROM NEW.code OR OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION certificate_checks_institution();

CREATE FUNCTION certificate_checks_subject() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE certificate_checks
     SET subject_name = COALESCE((SELECT name FROM occupations WHERE code = NEW.code),
                                 (SELECT name FROM special_ability_specs WHERE code = NEW.code), NEW.code)
   WHERE subject_code = NEW.code;
  RETURN NULL;
END $$;
CREATE TRIGGER certificate_checks_occupation AFTER UPDATE OF name ON occupations
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION certificate_checks_subject();
CREATE TRIGGER certificate_checks_specification AFTER UPDATE OF name ON special_ability_specs
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION certificate_checks_subject();
