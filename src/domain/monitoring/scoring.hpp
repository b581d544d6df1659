#pragma once
// The score of one plan in digital monitoring 数字化监测 (S13, S14(1)): each of the six dimensions
// 0–100, the overall weighted mean, and every deduction with the records that caused it, so an
// official can see exactly why a score is what it is.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/monitoring/indicators.hpp"
#include "domain/monitoring/plan_facts.hpp"
#include "domain/monitoring/policy.hpp"

namespace skillreg {

// Points lost on one indicator. `records` are typed ids: "plan:1", "candidate:5", "session:11",
// "assignment:3", "person:7", "certificate:<no>". `explanation` states the numbers, e.g.
// "pass rate 98% vs province median 71% (robust z 4.2, threshold 3.5)".
struct Deduction {
  std::string indicator;
  Dimension dimension = Dimension::plan_validity;
  std::string article;
  double amount = 0;  // min(count × per case, the indicator's max)
  int count = 0;
  bool critical = false;
  std::vector<std::string> records;
  std::string explanation;     // English
  std::string explanation_zh;  // the same in Chinese
};

// Why an indicator was not judged (too small a baseline, MAD 0, too few scores).
struct ScoringNote {
  std::string indicator;
  std::string explanation;     // English
  std::string explanation_zh;  // the same in Chinese
};

struct PlanScore {
  std::int64_t plan_id = 0;
  int policy_version = 0;
  std::array<double, kDimensionCount> dimensions{100, 100, 100, 100, 100, 100};  // kDimensions order
  double overall = 100;
  std::vector<Deduction> deductions;  // in the table's indicator order
  std::vector<ScoringNote> notes;
  bool critical = false;  // a critical indicator deducted: the plan enters key sampling (S14(2))

  double dimension(Dimension d) const { return dimensions[static_cast<std::size_t>(d)]; }
};

// Judges every indicator of `table` on the facts under the policy's thresholds and points. Each
// dimension is 100 − Σ its deductions, never below 0; overall is Σ weight·dimension / Σ weight.
// An indicator the table does not hold is not scored.
PlanScore score_plan(const PlanFacts& facts, const MonitoringPolicy& policy, const IndicatorTable& table);

// {"plan_id":1,"policy_version":1,"plan_validity":80,…,"traceability":100,"overall":96.67,
//  "critical":false,"deductions":[{"indicator":…,"dimension":…,"article":…,"amount":…,"count":…,
//  "critical":…,"records":[…],"explanation":…,"explanation_zh":…}],"notes":[{"indicator":…,
//  "explanation":…,"explanation_zh":…}]}
// (API.md "Fixed names"); scores rounded to two decimals.
nlohmann::json to_json(const PlanScore& score);

}  // namespace skillreg
