#pragma once
// The monitoring policy 监测规则: the weights of the six dimensions and every threshold and
// tolerance the indicators use (S13, S14). It is a versioned record the province authority edits;
// every score records the version it was computed with, so an edit never silently changes the
// meaning of an old score. The defaults are the ones docs/monitoring.md explains.
#include <array>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "domain/monitoring/indicators.hpp"

namespace skillreg {

// Replaces an indicator's points from the table for this policy.
struct IndicatorOverride {
  double deduction_per_case = 0;
  double max_deduction = 0;
  bool operator==(const IndicatorOverride&) const = default;
};

struct MonitoringPolicy {
  int version = 1;
  // Weight of each dimension in the overall score, in kDimensions order; they add up to 1.
  std::array<double, kDimensionCount> weights{1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6};

  // plan validity 计划制订有效性 (S19(1))
  int publish_days_before = 7;        // published at least this many days before the first session
  int cancel_notice_days = 3;         // a cancellation later than this many days before is late
  double head_count_tolerance = 0.2;  // |admitted − planned| / planned above this is off plan

  // question usage 试题应用规范性 (S19(6), S19(7))
  int paper_window_hours = 24;  // a paper is generated at most this many hours before its session

  // personnel 人员派遣使用 (S19(8))
  int candidates_per_examiner = 15;  // practical: at least 1 examiner per this many candidates
  int min_practical_panel = 3;       // examiners on each practical panel
  int min_internal_supervisors = 1;  // per plan, as the staffing rule counts them (assignment_rules)
  int rotation_limit = 6;            // plans at one institution per examiner per calendar year

  // result authenticity 评价结果真实性 (S18)
  int min_session_minutes = 60;
  double pass_rate_z_threshold = 3.5;  // |robust z| above this is an outlier
  int pass_rate_min_baseline = 5;      // fewer baseline plans: no judgement
  int pass_rate_min_candidates = 10;   // fewer results in the plan: no judgement
  double bunching_band = 3;            // points: the band [pass, pass + band)
  double bunching_min_share = 0.3;     // share of a part's scores in the band
  double bunching_ratio = 3;           // … and at least this times the neighbouring bands' share
  int bunching_min_scores = 10;        // fewer scores in a part: no judgement
  int identical_min_group = 3;         // candidates sharing one score vector
  int identical_min_parts = 2;         // vectors shorter than this are never suspicious

  // traceability 认定过程可追溯性 (S19(9)–(11))
  double video_coverage_min = 0.9;  // share of each session's time covered by recordings
  int results_due_days = 15;        // results published within this many days of the last session
  int certificate_report_days = 30;

  // key sampling 重点抽查 (S14(2)) and star rating 星级评定 (S13)
  double sampling_share = 0.2;         // random share of the plans below sampling_below
  double sampling_below = 70;          // overall score under which a plan may be drawn
  std::array<double, 4> star_thresholds{60, 70, 80, 90};  // mean overall for 2, 3, 4, 5 stars
  int interview_cap_stars = 3;         // S19 约谈 within cap_months
  int notice_cap_stars = 1;            // S20 书面通知 within cap_months
  int cap_months = 12;

  // Per-indicator points replacing the table's (key → points); keys must be indicators.
  std::map<std::string, IndicatorOverride> indicators;

  bool operator==(const MonitoringPolicy&) const = default;

  // The points of `indicator` under this policy: its override, or the table's.
  IndicatorOverride points_of(const Indicator& indicator) const;
};

// Every field, always (the record is self-describing): {"version":1,"weights":{"plan_validity":
// …},"publish_days_before":7,…,"star_thresholds":[60,70,80,90],"indicators":{}}.
nlohmann::json to_json(const MonitoringPolicy& policy);

// Reads a policy. Fields left out keep their defaults, except that `weights`, when given, names
// all six dimensions. Refused (422, invalid()) with every problem: {"<field>", problem} where
// problem is unknown_field, must_be_object, must_be_integer, must_be_number, must_be_array,
// out_of_range, required (a missing weight), weights_must_sum_to_1 (field "weights", sum off by
// more than 0.001), not_increasing (star_thresholds), unknown_indicator
// ("indicators.<key>"), max_below_per_case; the body itself {"policy", "must_be_object"}.
// Indicator keys are checked against `table`.
Result<MonitoringPolicy> policy_from_json(const nlohmann::json& json,
                                          const IndicatorTable& table = IndicatorTable::standard());

}  // namespace skillreg
