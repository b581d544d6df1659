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
  level            INTEGER NOT NULL,
  institution_code TEXT NOT NULL,
  institution_name TEXT NOT NULL,
  issued_on        TEXT NOT NULL,
  status           TEXT NOT NULL,
  void_reason      TEXT NOT NULL,
  identity_masked  TEXT NOT NULL
) WITHOUT ROWID;

-- The join each row stands for, in one place: the backfill and every trigger read it by number.
CREATE VIEW certificate_check_source AS
SELECT c.cert_no, c.name, c.subject_code, COALESCE(o.name, s.name, c.subject_code) AS subject_name, c.level,
       i.code AS institution_code, i.name AS institution_name, c.issued_on, c.status, c.void_reason,
       c.identity_masked
  FROM certificates c JOIN institutions i ON i.id = c.institution_id
  LEFT JOIN occupations o ON o.code = c.subject_code
  LEFT JOIN special_ability_specs s ON s.code = c.subject_code;

INSERT INTO certificate_checks SELECT * FROM certificate_check_source;

CREATE TRIGGER certificate_checks_ins AFTER INSERT ON certificates BEGIN
  INSERT OR REPLACE INTO certificate_checks SELECT * FROM certificate_check_source WHERE cert_no = NEW.cert_no;
END;
CREATE TRIGGER certificate_checks_upd AFTER UPDATE ON certificates BEGIN
  DELETE FROM certificate_checks WHERE cert_no = OLD.cert_no AND OLD.cert_no <> NEW.cert_no;
  INSERT OR REPLACE INTO certificate_checks SELECT * FROM certificate_check_source WHERE cert_no = NEW.cert_no;
END;
CREATE TRIGGER certificate_checks_del AFTER DELETE ON certificates BEGIN
  DELETE FROM certificate_checks WHERE cert_no = OLD.cert_no;
END;
CREATE TRIGGER certificate_checks_institution AFTER UPDATE OF code, name ON institutions
  WHEN OLD.code IS NOT NEW.code OR OLD.name IS NOT NEW.name BEGIN
  UPDATE certificate_checks SET institution_code = NEW.code, institution_name = NEW.name
   WHERE cert_no IN (SELECT cert_no FROM certificates WHERE institution_id = NEW.id);
END;
CREATE TRIGGER certificate_checks_occupation AFTER UPDATE OF name ON occupations
  WHEN OLD.name IS NOT NEW.name BEGIN
  UPDATE certificate_checks SET subject_name = NEW.name WHERE subject_code = NEW.code;
END;
CREATE TRIGGER certificate_checks_specification AFTER UPDATE OF name ON special_ability_specs
  WHEN OLD.name IS NOT NEW.name BEGIN
  UPDATE certificate_checks SET subject_name = COALESCE((SELECT name FROM occupations WHERE code = NEW.code), NEW.name)
   WHERE subject_code = NEW.code;
END;
