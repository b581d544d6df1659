-- M22: a change of scope (评价职业(工种)及等级) is an application of its own, reviewed by the same
-- conditions and procedure; it names the institution it changes. M11: an employer's subsidiaries
-- are kept on the institution once approved.
ALTER TABLE applications ADD COLUMN purpose TEXT NOT NULL DEFAULT 'establish';
ALTER TABLE institutions ADD COLUMN subsidiaries_json TEXT NOT NULL DEFAULT '[]';
