#include "domain/monitoring/scoring.hpp"

#include <algorithm>
#include <cmath>

#include "domain/monitoring/findings.hpp"

namespace skillreg {
namespace {

double round2(double x) { return std::round(x * 100) / 100; }

}  // namespace

PlanScore score_plan(const PlanFacts& facts, const MonitoringPolicy& policy, const IndicatorTable& table) {
  monitoring::Findings findings;
  monitoring::find_plan_validity(facts, policy, findings);
  monitoring::find_qualification_accuracy(facts, policy, findings);
  monitoring::find_question_usage(facts, policy, findings);
  monitoring::find_personnel_compliance(facts, policy, findings);
  monitoring::find_result_authenticity(facts, policy, findings);
  monitoring::find_traceability(facts, policy, findings);

  PlanScore score;
  score.plan_id = facts.plan_id;
  score.policy_version = policy.version;
  std::array<double, kDimensionCount> lost{};
  // Table order, so a plan's deductions always read in the same order.
  for (const Indicator& indicator : table.indicators()) {
    for (auto& finding : findings.found) {
      if (finding.indicator != indicator.key || finding.count <= 0) continue;
      const IndicatorOverride points = policy.points_of(indicator);
      Deduction d;
      d.indicator = indicator.key;
      d.dimension = indicator.dimension;
      d.article = indicator.article;
      d.count = finding.count;
      d.amount = std::min(finding.count * points.deduction_per_case, points.max_deduction);
      d.critical = indicator.critical;
      d.records = std::move(finding.records);
      d.explanation = std::move(finding.explanation.en);
      d.explanation_zh = std::move(finding.explanation.zh);
      lost[static_cast<std::size_t>(d.dimension)] += d.amount;
      score.critical = score.critical || (d.critical && d.amount > 0);
      score.deductions.push_back(std::move(d));
    }
    for (auto& note : findings.notes)
      if (note.indicator == indicator.key) score.notes.push_back(std::move(note));
  }
  double weighted = 0, weights = 0;
  for (std::size_t i = 0; i < kDimensionCount; ++i) {
    score.dimensions[i] = std::max(0.0, 100 - lost[i]);
    weighted += policy.weights[i] * score.dimensions[i];
    weights += policy.weights[i];
  }
  score.overall = weights > 0 ? weighted / weights : 0;
  return score;
}

nlohmann::json to_json(const PlanScore& score) {
  nlohmann::json j = {{"plan_id", score.plan_id}, {"policy_version", score.policy_version}};
  for (std::size_t i = 0; i < kDimensionCount; ++i)
    j[std::string(to_string(kDimensions[i]))] = round2(score.dimensions[i]);
  j["overall"] = round2(score.overall);
  j["critical"] = score.critical;
  j["deductions"] = nlohmann::json::array();
  for (const auto& d : score.deductions)
    j["deductions"].push_back({{"indicator", d.indicator},
                               {"dimension", std::string(to_string(d.dimension))},
                               {"article", d.article},
                               {"amount", round2(d.amount)},
                               {"count", d.count},
                               {"critical", d.critical},
                               {"records", d.records},
                               {"explanation", d.explanation},
                               {"explanation_zh", d.explanation_zh}});
  j["notes"] = nlohmann::json::array();
  for (const auto& n : score.notes)
    j["notes"].push_back(
        {{"indicator", n.indicator}, {"explanation", n.explanation}, {"explanation_zh", n.explanation_zh}});
  return j;
}

}  // namespace skillreg
