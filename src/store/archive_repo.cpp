#include "store/archive_repo.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "store/case_repo.hpp"
#include "store/paging.hpp"

namespace skillreg {

namespace {

constexpr Instant kDay = 86400;

// Each fact is one grouped count; `:ids` is a delimited set, or "," for every institution.
constexpr const char* kFailed24 =
    "SELECT institution_id, COUNT(*) FROM inspections WHERE outcome = 'fail' AND completed_at >= :p"
    " AND (:ids1 = ',' OR :ids2 LIKE '%,' || CAST(institution_id AS TEXT) || ',%') GROUP BY institution_id";
constexpr const char* kIssues12 =
    "SELECT institution_id, COUNT(*) FROM inspections WHERE outcome = 'issues_found' AND completed_at >= :p"
    " AND (:ids1 = ',' OR :ids2 LIKE '%,' || CAST(institution_id AS TEXT) || ',%') GROUP BY institution_id";
constexpr const char* kOverdue =
    "SELECT institution_id, COUNT(*) FROM rectifications WHERE verified_on IS NULL AND due_on < :p"
    " AND (:ids1 = ',' OR :ids2 LIKE '%,' || CAST(institution_id AS TEXT) || ',%') GROUP BY institution_id";
constexpr const char* kComplaints12 =
    "SELECT institution_id, COUNT(*) FROM complaints WHERE substantiated = 1 AND replied_at >= :p"
    " AND (:ids1 = ',' OR :ids2 LIKE '%,' || CAST(institution_id AS TEXT) || ',%') GROUP BY institution_id";
constexpr const char* kSampling12 =
    "SELECT institution_id, COUNT(*) FROM sampling_queue WHERE outcome = 'confirmed' AND worked_at >= :p"
    " AND (:ids1 = ',' OR :ids2 LIKE '%,' || CAST(institution_id AS TEXT) || ',%') GROUP BY institution_id";
constexpr const char* kMonitoring =
    "SELECT r.institution_id, r.mean_overall FROM institution_ratings r"
    " WHERE r.mean_overall IS NOT NULL AND r.period_end = (SELECT MAX(x.period_end) FROM institution_ratings x"
    "   WHERE x.institution_id = r.institution_id)"
    " AND (:ids1 = ',' OR :ids2 LIKE '%,' || CAST(r.institution_id AS TEXT) || ',%')";

}  // namespace

std::map<std::int64_t, StandingFacts> ArchiveRepo::facts(const std::vector<std::int64_t>& ids, Instant now,
                                                         Date today) {
  std::vector<std::string> texts;
  for (auto id : ids) texts.push_back(std::to_string(id));
  const std::string set = ids.empty() ? std::string(",") : delimited_set(texts);
  std::map<std::int64_t, StandingFacts> out;
  for (auto id : ids) out[id];
  auto count = [&](const char* sql, auto param, int StandingFacts::*field) {
    long long inst = 0, n = 0;
    soci::statement st = (tx_.sql.prepare << sql, soci::use(param, "p"), soci::use(set, "ids1"),
                          soci::use(set, "ids2"), soci::into(inst), soci::into(n));
    st.execute();
    while (st.fetch()) out[inst].*field = static_cast<int>(n);
  };
  const Instant since12 = now - 365 * kDay, since24 = now - 730 * kDay;
  count(kFailed24, since24, &StandingFacts::failed_inspections_24m);
  count(kIssues12, since12, &StandingFacts::issues_inspections_12m);
  count(kComplaints12, since12, &StandingFacts::substantiated_complaints_12m);
  count(kSampling12, since12, &StandingFacts::sampling_issues_12m);
  count(kOverdue, today.to_string(), &StandingFacts::overdue_rectifications);
  // S8: written notices and cancellations in force decided within 24 months.
  for (const auto& [id, n] : CaseRepo(tx_).sanctions_since(local_date(since24).to_string()))
    if (ids.empty() || out.contains(id)) out[id].sanctions_24m = n;
  long long inst = 0;
  double mean = 0;
  soci::statement st = (tx_.sql.prepare << kMonitoring, soci::use(set, "ids1"), soci::use(set, "ids2"),
                        soci::into(inst), soci::into(mean));
  st.execute();
  while (st.fetch()) out[inst].monitoring_12m = mean;
  return out;
}

std::vector<TimelineEntry> ArchiveRepo::timeline(std::int64_t institution_id) {
  std::vector<TimelineEntry> out;
  {
    long long id = 0, completed = 0, created = 0;
    std::string kind, mode, status, outcome;
    soci::statement st =
        (tx_.sql.prepare << "SELECT id, kind, mode, status, COALESCE(outcome, ''), COALESCE(completed_at, 0), created_at"
                            " FROM inspections WHERE institution_id = :i",
         soci::use(institution_id, "i"), soci::into(id), soci::into(kind), soci::into(mode), soci::into(status),
         soci::into(outcome), soci::into(completed), soci::into(created));
    st.execute();
    while (st.fetch()) {
      const bool done = status == "completed";
      out.push_back({done ? completed : created, "inspection", kind == "special" ? "S15" : "S13",
                     done ? fmt::format("{} {} completed: {}", kind, mode, outcome)
                          : fmt::format("{} {} {}", kind, mode, status),
                     {{"kind", "inspection"},
                      {"inspection_kind", kind},
                      {"mode", mode},
                      {"status", status},
                      {"outcome", outcome.empty() ? nlohmann::json(nullptr) : nlohmann::json(outcome)}},
                     "inspection", id});
    }
  }
  {
    long long id = 0, inspection = 0;
    std::string requirement, due, verified;
    soci::statement st =
        (tx_.sql.prepare << "SELECT id, inspection_id, requirement, due_on, COALESCE(verified_on, '')"
                            " FROM rectifications WHERE institution_id = :i",
         soci::use(institution_id, "i"), soci::into(id), soci::into(inspection), soci::into(requirement),
         soci::into(due), soci::into(verified));
    st.execute();
    while (st.fetch()) {
      const auto on = Date::parse(verified.empty() ? due : verified).value_or(Date{});
      out.push_back({start_of_local_day(on), "rectification", "S11",
                     fmt::format("{} (due {}){}", requirement, due, verified.empty() ? "" : ", verified " + verified),
                     {{"kind", "rectification"},
                      {"requirement", requirement},
                      {"due_on", due},
                      {"verified_on", verified.empty() ? nlohmann::json(nullptr) : nlohmann::json(verified)}},
                     "inspection", inspection});
    }
  }
  {
    long long id = 0, received = 0, replied = 0;
    int substantiated = -1;
    std::string category, status;
    soci::statement st =
        (tx_.sql.prepare << "SELECT id, category, status, received_at, COALESCE(replied_at, 0),"
                            " COALESCE(substantiated, -1) FROM complaints WHERE institution_id = :i",
         soci::use(institution_id, "i"), soci::into(id), soci::into(category), soci::into(status),
         soci::into(received), soci::into(replied), soci::into(substantiated));
    st.execute();
    while (st.fetch())
      out.push_back({replied ? replied : received, "complaint", "S17",
                     fmt::format("{}: {}{}", category, status,
                                 substantiated == 1 ? " (substantiated)" : substantiated == 0 ? " (unsubstantiated)" : ""),
                     {{"kind", "complaint"},
                      {"category", category},
                      {"status", status},
                      {"substantiated", substantiated < 0 ? nlohmann::json(nullptr) : nlohmann::json(substantiated == 1)}},
                     "complaint", id});
  }
  {
    long long plan = 0, at = 0;
    std::string reason, status, outcome;
    soci::statement st =
        (tx_.sql.prepare << "SELECT plan_id, reason, status, outcome, COALESCE(worked_at, created_at)"
                            " FROM sampling_queue WHERE institution_id = :i",
         soci::use(institution_id, "i"), soci::into(plan), soci::into(reason), soci::into(status),
         soci::into(outcome), soci::into(at));
    st.execute();
    while (st.fetch())
      out.push_back({at, "sampling", "S14(2)",
                     fmt::format("plan {} sampled ({}): {}{}", plan, reason, status, outcome.empty() ? "" : ", " + outcome),
                     {{"kind", "sampling"},
                      {"plan_id", plan},
                      {"reason", reason},
                      {"status", status},
                      {"outcome", outcome.empty() ? nlohmann::json(nullptr) : nlohmann::json(outcome)}},
                     "plan", plan});
  }
  {
    std::string end;
    double mean = 0;
    soci::indicator mean_ind = soci::i_null;
    int stars = 0;
    long long computed = 0;
    soci::statement st = (tx_.sql.prepare << "SELECT period_end, mean_overall, stars, computed_at FROM institution_ratings"
                                             " WHERE institution_id = :i",
                          soci::use(institution_id, "i"), soci::into(end), soci::into(mean, mean_ind),
                          soci::into(stars), soci::into(computed));
    st.execute();
    while (st.fetch())
      out.push_back({computed, "monitoring", "S13",
                     mean_ind == soci::i_ok ? fmt::format("12 months to {}: score {:.1f}, {} stars", end, mean, stars)
                                            : fmt::format("12 months to {}: not scored, {} stars", end, stars),
                     {{"kind", "monitoring"},
                      {"period_end", end},
                      {"score", mean_ind == soci::i_ok ? nlohmann::json(mean) : nlohmann::json(nullptr)},
                      {"stars", stars}},
                     "institution", institution_id});
  }
  {
    long long id = 0, updated = 0;
    std::string case_no, status, measure, decision, review;
    soci::statement st =
        (tx_.sql.prepare << "SELECT id, case_no, status, measure, COALESCE(decision, ''), COALESCE(review_outcome, ''),"
                            " updated_at FROM cases WHERE institution_id = :i AND status NOT IN ('draft', 'dropped')",
         soci::use(institution_id, "i"), soci::into(id), soci::into(case_no), soci::into(status), soci::into(measure),
         soci::into(decision), soci::into(review), soci::into(updated));
    st.execute();
    while (st.fetch()) {
      const auto cls = parse_measure_class(measure).value_or(MeasureClass::interview);
      out.push_back({updated, "sanction", std::string(article_of(cls)),
                     fmt::format("{} {}: {}{}{}", case_no, measure, status, decision.empty() ? "" : ", " + decision,
                                 review.empty() ? "" : ", review " + review),
                     {{"kind", "sanction"},
                      {"case_no", case_no},
                      {"measure", measure},
                      {"status", status},
                      {"decision", decision.empty() ? nlohmann::json(nullptr) : nlohmann::json(decision)},
                      {"review_outcome", review.empty() ? nlohmann::json(nullptr) : nlohmann::json(review)}},
                     "case", id});
    }
  }
  std::ranges::sort(out, [](const auto& a, const auto& b) { return a.at > b.at; });
  return out;
}

}  // namespace skillreg
