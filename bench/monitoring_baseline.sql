-- The per-plan aggregates the monitoring scores rest on, as plain SQL GROUP BY queries: the
-- baseline of bench/monitoring.cpp. Each statement's rows are read and discarded.
SELECT c.plan_id, COUNT(*), SUM(CASE WHEN c.review = 'admitted' THEN 1 ELSE 0 END),
       SUM(CASE WHEN c.review = 'admitted' AND c.eligible = 0 THEN 1 ELSE 0 END),
       SUM(CASE WHEN c.result <> 'pending' THEN 1 ELSE 0 END), SUM(CASE WHEN c.result = 'passed' THEN 1 ELSE 0 END)
  FROM candidates c GROUP BY c.plan_id;
SELECT c.identity_index, COUNT(*) FROM candidates c WHERE c.review = 'admitted' GROUP BY c.identity_index HAVING COUNT(*) > 1;
SELECT c.plan_id, s.part, COUNT(*), SUM(CASE WHEN s.score >= 60 AND s.score < 63 THEN 1 ELSE 0 END),
       SUM(CASE WHEN s.score >= 57 AND s.score < 60 THEN 1 ELSE 0 END), SUM(CASE WHEN s.score >= 63 AND s.score < 66 THEN 1 ELSE 0 END)
  FROM scores s JOIN candidates c ON c.id = s.candidate_id GROUP BY c.plan_id, s.part;
SELECT s.plan_id, COUNT(*), MIN(s.starts_at), MAX(s.ends_at), SUM(s.ends_at - s.starts_at) FROM plan_sessions s GROUP BY s.plan_id;
SELECT a.session_id, a.role, COUNT(*) FROM assignments a GROUP BY a.session_id, a.role;
SELECT p.paper_id, COUNT(*) FROM papers p GROUP BY p.paper_id HAVING COUNT(*) > 1;
SELECT v.session_id, SUM(v.ends_at - v.starts_at) FROM videos v GROUP BY v.session_id;
SELECT d.plan_id, COUNT(*) FROM plan_documents d GROUP BY d.plan_id;
SELECT c.plan_id, COUNT(*), SUM(CASE WHEN c.reported_on IS NULL THEN 1 ELSE 0 END) FROM certificates c GROUP BY c.plan_id;
