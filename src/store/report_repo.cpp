#include "store/report_repo.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace skillreg {

namespace {

constexpr const char* kInstitutions =
    "SELECT region_code, kind, status, COUNT(*),"
    " CAST(SUM(CASE WHEN approved_on >= :f THEN 1 ELSE 0 END) AS BIGINT)"
    " FROM institutions WHERE approved_on <= :t AND :rg LIKE '%,' || authority_code || ',%'"
    " GROUP BY region_code, kind, status ORDER BY region_code, kind, status";

constexpr const char* kActivity =
    "SELECT q.subject_code, COALESCE(o.name, s.name, q.subject_code), q.level, COUNT(*),"
    " CAST(SUM(q.planned_count) AS BIGINT), CAST(SUM(q.cands) AS BIGINT), CAST(SUM(q.admitted) AS BIGINT),"
    " CAST(SUM(q.passed) AS BIGINT), CAST(SUM(q.failed) AS BIGINT), CAST(SUM(q.certs) AS BIGINT)"
    " FROM (SELECT p.subject_code, p.level, p.planned_count,"
    "   (SELECT COUNT(*) FROM candidates c WHERE c.plan_id = p.id) AS cands,"
    "   (SELECT COUNT(*) FROM candidates c WHERE c.plan_id = p.id AND c.review = 'admitted') AS admitted,"
    "   (SELECT COUNT(*) FROM candidates c WHERE c.plan_id = p.id AND c.result = 'passed') AS passed,"
    "   (SELECT COUNT(*) FROM candidates c WHERE c.plan_id = p.id AND c.result = 'failed') AS failed,"
    "   (SELECT COUNT(*) FROM certificates x WHERE x.plan_id = p.id AND x.status = 'valid') AS certs"
    "   FROM plans p WHERE p.status = 'published' AND p.first_session_at >= :f AND p.first_session_at < :t"
    "   AND (:rg1 LIKE '%,' || p.authority_code || ',%' OR :rg2 LIKE '%,' || p.site_region_code || ',%')) q"
    " LEFT JOIN occupations o ON o.code = q.subject_code"
    " LEFT JOIN special_ability_specs s ON s.code = q.subject_code"
    " GROUP BY q.subject_code, o.name, s.name, q.level ORDER BY q.subject_code, q.level DESC";

constexpr const char* kScoredPlans =
    "SELECT overall, candidates, critical, score_json FROM plan_scores"
    " WHERE exam_day >= :f AND exam_day <= :t"
    " AND (:rg1 LIKE '%,' || site_region_code || ',%' OR :rg2 LIKE '%,' || authority_code || ',%')"
    " ORDER BY plan_id";

constexpr const char* kInspections =
    "SELECT kind, COALESCE(outcome, status), COUNT(*) FROM inspections"
    " WHERE ((completed_at IS NULL AND scheduled_on >= :f AND scheduled_on <= :t)"
    "        OR (completed_at >= :fa AND completed_at < :ta))"
    " AND :rg LIKE '%,' || authority_code || ',%'"
    " GROUP BY kind, COALESCE(outcome, status) ORDER BY kind, COALESCE(outcome, status)";

constexpr const char* kComplaints =
    "SELECT status, COUNT(*) FROM complaints WHERE received_at >= :f AND received_at < :t"
    " AND (:rg1 LIKE '%,' || authority_code || ',%' OR :rg2 LIKE '%,' || activity_region_code || ',%')"
    " GROUP BY status ORDER BY status";

constexpr const char* kCases =
    "SELECT items_json, measure, CASE WHEN decided_on IS NOT NULL AND COALESCE(decision, '') <> 'dropped'"
    " AND COALESCE(review_outcome, '') <> 'overturned' THEN 1 ELSE 0 END FROM cases"
    " WHERE status NOT IN ('draft', 'dropped') AND proposed_on >= :f AND proposed_on <= :t"
    " AND :rg LIKE '%,' || authority_code || ',%' ORDER BY id";

constexpr const char* kRatings =
    "SELECT r.stars, COUNT(*) FROM institution_ratings r JOIN institutions i ON i.id = r.institution_id"
    " WHERE r.period_end = (SELECT MAX(x.period_end) FROM institution_ratings x"
    "   WHERE x.institution_id = r.institution_id AND x.period_end >= :f AND x.period_end <= :t)"
    " AND (:rg1 LIKE '%,' || i.region_code || ',%' OR :rg2 LIKE '%,' || i.authority_code || ',%')"
    " GROUP BY r.stars ORDER BY r.stars";

}  // namespace

std::vector<ReportRepo::InstitutionCount> ReportRepo::institutions(const ReportPeriod& p) {
  std::vector<InstitutionCount> out;
  InstitutionCount x;
  long long n = 0, approved = 0;
  soci::statement st = (tx_.sql.prepare << kInstitutions, soci::into(x.region_code), soci::into(x.kind),
                        soci::into(x.status), soci::into(n), soci::into(approved), soci::use(p.from, "f"),
                        soci::use(p.to, "t"), soci::use(p.regions, "rg"));
  st.execute();
  while (st.fetch()) {
    x.institutions = n;
    x.approved_in_period = approved;
    out.push_back(x);
  }
  return out;
}

std::vector<ReportRepo::ActivityCount> ReportRepo::activity(const ReportPeriod& p) {
  std::vector<ActivityCount> out;
  ActivityCount x;
  long long level = 0, plans = 0, planned = 0, cands = 0, admitted = 0, passed = 0, failed = 0, certs = 0;
  long long from = p.from_at, to = p.to_at;
  soci::statement st =
      (tx_.sql.prepare << kActivity, soci::into(x.subject_code), soci::into(x.subject_name), soci::into(level),
       soci::into(plans), soci::into(planned), soci::into(cands), soci::into(admitted), soci::into(passed),
       soci::into(failed), soci::into(certs), soci::use(from, "f"), soci::use(to, "t"),
       soci::use(p.regions, "rg1"), soci::use(p.regions, "rg2"));
  st.execute();
  while (st.fetch()) {
    x.level = level;
    x.plans = plans;
    x.planned = planned;
    x.candidates = cands;
    x.admitted = admitted;
    x.passed = passed;
    x.failed = failed;
    x.certificates = certs;
    out.push_back(x);
  }
  return out;
}

std::vector<ReportRepo::ScoredPlan> ReportRepo::scored_plans(const ReportPeriod& p) {
  std::vector<ScoredPlan> out;
  double overall = 0;
  long long candidates = 0, critical = 0;
  std::string score_json;
  soci::statement st = (tx_.sql.prepare << kScoredPlans, soci::into(overall), soci::into(candidates),
                        soci::into(critical), soci::into(score_json), soci::use(p.from, "f"), soci::use(p.to, "t"),
                        soci::use(p.regions, "rg1"), soci::use(p.regions, "rg2"));
  st.execute();
  while (st.fetch()) {
    ScoredPlan s;
    s.overall = overall;
    s.candidates = candidates;
    s.critical = critical != 0;
    const auto j = nlohmann::json::parse(score_json, nullptr, false);
    if (j.is_object()) {
      for (const auto& d : j.value("deductions", nlohmann::json::array())) {
        const auto key = d.value("indicator", std::string());
        if (key.empty() || std::ranges::find(s.indicators, key) != s.indicators.end()) continue;
        s.indicators.push_back(key);
        if (d.value("critical", false)) s.critical_indicators.push_back(key);
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<ReportRepo::Tally> ReportRepo::inspections(const ReportPeriod& p) {
  std::vector<Tally> out;
  Tally x;
  long long n = 0, from = p.from_at, to = p.to_at;
  soci::statement st = (tx_.sql.prepare << kInspections, soci::into(x.item), soci::into(x.result), soci::into(n),
                        soci::use(p.from, "f"), soci::use(p.to, "t"), soci::use(from, "fa"), soci::use(to, "ta"),
                        soci::use(p.regions, "rg"));
  st.execute();
  while (st.fetch()) {
    x.count = n;
    out.push_back(x);
  }
  return out;
}

std::vector<ReportRepo::Tally> ReportRepo::complaints(const ReportPeriod& p) {
  std::vector<Tally> out;
  Tally x;
  long long n = 0, from = p.from_at, to = p.to_at;
  soci::statement st = (tx_.sql.prepare << kComplaints, soci::into(x.item), soci::into(n), soci::use(from, "f"),
                        soci::use(to, "t"), soci::use(p.regions, "rg1"), soci::use(p.regions, "rg2"));
  st.execute();
  while (st.fetch()) {
    x.count = n;
    out.push_back(x);
  }
  return out;
}

std::vector<ReportRepo::CaseFacts> ReportRepo::cases(const ReportPeriod& p) {
  std::vector<CaseFacts> out;
  std::string items, measure;
  long long decided = 0;
  soci::statement st = (tx_.sql.prepare << kCases, soci::into(items), soci::into(measure), soci::into(decided),
                        soci::use(p.from, "f"), soci::use(p.to, "t"), soci::use(p.regions, "rg"));
  st.execute();
  while (st.fetch()) {
    CaseFacts c;
    const auto j = nlohmann::json::parse(items, nullptr, false);
    if (j.is_array())
      for (const auto& i : j)
        if (i.is_string()) c.items.push_back(i.get<std::string>());
    c.measure = measure;
    c.decided = decided != 0;
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::pair<std::int64_t, std::int64_t>> ReportRepo::ratings(const ReportPeriod& p) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  long long stars = 0, n = 0;
  soci::statement st = (tx_.sql.prepare << kRatings, soci::into(stars), soci::into(n), soci::use(p.from, "f"),
                        soci::use(p.to, "t"), soci::use(p.regions, "rg1"), soci::use(p.regions, "rg2"));
  st.execute();
  while (st.fetch()) out.emplace_back(stars, n);
  return out;
}

}  // namespace skillreg
