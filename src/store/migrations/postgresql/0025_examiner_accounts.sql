-- M16: an examiner's account (考评人员, 内部质量督导人员) sees "their own assignments and records".
-- The account carries the person's identity number as the registries store it (the blind index
-- that SQL compares, the number sealed, and its masked form to show), so it finds every
-- registration of that person, whichever institution employs them now or did before. One account
-- per person.
ALTER TABLE users ADD COLUMN identity_index TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN identity_sealed TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN identity_masked TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX users_person ON users(identity_index) WHERE identity_index <> '';
CREATE INDEX people_identity_any_kind ON people(identity_index);
