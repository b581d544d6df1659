-- S23, S24: the prior notice 事先告知书 announces the measure proposed (拟作出的处理决定) and the
-- decision 处理决定书 the measure decided. A decision or a review may change the measure in force
-- (cases.measure), which must not rewrite what either document announced, so each is kept as it
-- was: proposed_measure at the proposal, decided_measure at a decision that is not 'dropped'.
ALTER TABLE cases ADD COLUMN proposed_measure TEXT;
ALTER TABLE cases ADD COLUMN decided_measure TEXT;
-- Cases already past those steps: the audit log's case.propose and case.decide entries hold the
-- case's measure just after the step; the measure in force where no entry says (the two differ
-- only for a case changed at its decision or on review).
UPDATE cases SET proposed_measure = COALESCE(
  (SELECT json_extract(a.after_json, '$.measure') FROM audit_log a
    WHERE a.object_type = 'case' AND a.object_id = CAST(cases.id AS TEXT) AND a.action = 'case.propose'
    ORDER BY a.seq DESC LIMIT 1),
  measure)
WHERE proposed_on IS NOT NULL;
UPDATE cases SET decided_measure = COALESCE(
  (SELECT json_extract(a.after_json, '$.measure') FROM audit_log a
    WHERE a.object_type = 'case' AND a.object_id = CAST(cases.id AS TEXT) AND a.action = 'case.decide'
    ORDER BY a.seq DESC LIMIT 1),
  measure)
WHERE decision IN ('upheld', 'changed');
