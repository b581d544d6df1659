-- The institution reports what it did about a rectification order (S11 整改; S20(6) when it is
-- not done by the deadline), and the officer accepts it (verified_on) or finds it not done
-- (rejected_at, rejection_note; reported_at is cleared), after which the institution reports again.
ALTER TABLE rectifications ADD COLUMN report TEXT NOT NULL DEFAULT '';
ALTER TABLE rectifications ADD COLUMN reported_at INTEGER;
ALTER TABLE rectifications ADD COLUMN reported_by INTEGER REFERENCES users(id);
ALTER TABLE rectifications ADD COLUMN rejected_at INTEGER;
ALTER TABLE rectifications ADD COLUMN rejection_note TEXT NOT NULL DEFAULT '';
