-- S18 宣布有关参评人员证书或评价成绩无效: a decision may declare candidates' results void, not only
-- certificates (a result falsified before any certificate was issued). The case names them (id,
-- plan, name, for the decision document); a candidate's result may now be 'voided', which the
-- case's effects record with the result it had, so that a review restores it.
ALTER TABLE cases ADD COLUMN candidates_json TEXT NOT NULL DEFAULT '[]';
