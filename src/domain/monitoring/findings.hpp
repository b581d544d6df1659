#pragma once
// The detectors behind score_plan: each dimension's indicators judged on the facts under the
// policy, as findings (indicator key, case count, records, explanation) that scoring.cpp turns
// into deductions with the indicator table's points. Internal to the monitoring scorer.
#include <string>
#include <vector>

#include "domain/monitoring/plan_facts.hpp"
#include "domain/monitoring/policy.hpp"
#include "domain/monitoring/scoring.hpp"

namespace skillreg::monitoring {

// What a finding or note says, in English and in Chinese: officials read the console in Chinese.
struct Explanation {
  std::string en, zh;
};

struct Finding {
  std::string indicator;
  int count = 0;
  std::vector<std::string> records;
  Explanation explanation;
};

struct Findings {
  std::vector<Finding> found;
  std::vector<ScoringNote> notes;
  void add(std::string indicator, int count, std::vector<std::string> records, Explanation explanation) {
    found.push_back({std::move(indicator), count, std::move(records), std::move(explanation)});
  }
  void note(std::string indicator, Explanation explanation) {
    notes.push_back({std::move(indicator), std::move(explanation.en), std::move(explanation.zh)});
  }
};

void find_plan_validity(const PlanFacts& f, const MonitoringPolicy& p, Findings& out);
void find_qualification_accuracy(const PlanFacts& f, const MonitoringPolicy& p, Findings& out);
void find_question_usage(const PlanFacts& f, const MonitoringPolicy& p, Findings& out);
void find_personnel_compliance(const PlanFacts& f, const MonitoringPolicy& p, Findings& out);
void find_result_authenticity(const PlanFacts& f, const MonitoringPolicy& p, Findings& out);
void find_traceability(const PlanFacts& f, const MonitoringPolicy& p, Findings& out);

// Helpers shared by the detectors.
std::string number(double value);   // at most 2 decimals, trailing zeros dropped: 4.2, 60, 0.25
std::string percent(double share);  // whole percent: 0.983 → "98%"
std::vector<std::string> typed_ids(std::string_view type, const std::vector<std::int64_t>& ids);
std::string plural(int n, std::string_view one, std::string_view many);
std::string join(const std::vector<std::string>& parts, std::string_view sep = "; ");

}  // namespace skillreg::monitoring
