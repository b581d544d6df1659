#include "domain/supervision/credit_standing.hpp"

#include <functional>

namespace skillreg {

namespace {

struct Row {
  Standing level;
  const char* rule;
  const char* article;
  std::function<bool(const StandingFacts&, const SupervisionPolicy&)> holds;
};

const std::vector<Row>& rows() {
  static const std::vector<Row> table{
      // S8: 对有不良信用记录的评价机构实施重点监管.
      {Standing::key, "failed_inspection_24m", "S8", [](const auto& f, const auto&) { return f.failed_inspections_24m > 0; }},
      {Standing::key, "sanction_24m", "S8", [](const auto& f, const auto&) { return f.sanctions_24m > 0; }},
      {Standing::key, "overdue_rectification", "S8", [](const auto& f, const auto&) { return f.overdue_rectifications > 0; }},
      {Standing::key, "substantiated_complaints_12m", "S17",
       [](const auto& f, const auto&) { return f.substantiated_complaints_12m >= 2; }},
      {Standing::key, "monitoring_score_low", "S14",
       [](const auto& f, const auto& p) { return f.monitoring_12m && *f.monitoring_12m < p.key_score_below; }},
      {Standing::watch, "issues_found_12m", "S13", [](const auto& f, const auto&) { return f.issues_inspections_12m > 0; }},
      {Standing::watch, "substantiated_complaint_12m", "S17",
       [](const auto& f, const auto&) { return f.substantiated_complaints_12m == 1; }},
      {Standing::watch, "sampling_issues_12m", "S14(2)", [](const auto& f, const auto&) { return f.sampling_issues_12m > 0; }},
      {Standing::watch, "monitoring_score_watch", "S14",
       [](const auto& f, const auto& p) {
         return f.monitoring_12m && *f.monitoring_12m >= p.key_score_below && *f.monitoring_12m < p.watch_score_below;
       }},
  };
  return table;
}

}  // namespace

std::string_view to_string(Standing s) {
  switch (s) {
    case Standing::good: return "good";
    case Standing::watch: return "watch";
    case Standing::key: return "key";
  }
  return "good";
}

std::optional<Standing> parse_standing(std::string_view s) {
  for (auto v : {Standing::good, Standing::watch, Standing::key})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

CreditStanding credit_standing(const StandingFacts& f, const SupervisionPolicy& policy) {
  CreditStanding out;
  for (const auto& row : rows()) {
    if (!row.holds(f, policy)) continue;
    out.reasons.push_back({row.rule, row.article, row.level});
    if (row.level > out.level) out.level = row.level;
  }
  return out;
}

int draw_weight(Standing s, int watch_weight, int key_weight) {
  switch (s) {
    case Standing::good: return 1;
    case Standing::watch: return watch_weight;
    case Standing::key: return key_weight;
  }
  return 1;
}

int star_cap(Standing s, const SupervisionPolicy& policy) {
  switch (s) {
    case Standing::good: return 5;
    case Standing::watch: return policy.watch_star_cap;
    case Standing::key: return policy.key_star_cap;
  }
  return 5;
}

}  // namespace skillreg
