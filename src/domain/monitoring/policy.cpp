#include "domain/monitoring/policy.hpp"

#include <cmath>
#include <set>
#include <variant>

namespace skillreg {
namespace {

using Json = nlohmann::json;
constexpr double kWeightSumTolerance = 0.001;

// One scalar field of the record: its JSON name, its member and the inclusive range it may take.
struct ScalarField {
  std::string_view name;
  std::variant<int MonitoringPolicy::*, double MonitoringPolicy::*> member;
  double min, max;
};

const std::array kScalarFields{
    ScalarField{"version", &MonitoringPolicy::version, 1, 1'000'000},
    ScalarField{"publish_days_before", &MonitoringPolicy::publish_days_before, 0, 90},
    ScalarField{"cancel_notice_days", &MonitoringPolicy::cancel_notice_days, 0, 90},
    ScalarField{"head_count_tolerance", &MonitoringPolicy::head_count_tolerance, 0, 1},
    ScalarField{"paper_window_hours", &MonitoringPolicy::paper_window_hours, 1, 720},
    ScalarField{"candidates_per_examiner", &MonitoringPolicy::candidates_per_examiner, 1, 100},
    ScalarField{"min_practical_panel", &MonitoringPolicy::min_practical_panel, 1, 20},
    ScalarField{"min_internal_supervisors", &MonitoringPolicy::min_internal_supervisors, 0, 10},
    ScalarField{"rotation_limit", &MonitoringPolicy::rotation_limit, 1, 366},
    ScalarField{"min_session_minutes", &MonitoringPolicy::min_session_minutes, 1, 720},
    ScalarField{"pass_rate_z_threshold", &MonitoringPolicy::pass_rate_z_threshold, 1, 20},
    ScalarField{"pass_rate_min_baseline", &MonitoringPolicy::pass_rate_min_baseline, 3, 10'000},
    ScalarField{"pass_rate_min_candidates", &MonitoringPolicy::pass_rate_min_candidates, 1, 10'000},
    ScalarField{"bunching_band", &MonitoringPolicy::bunching_band, 0.5, 20},
    ScalarField{"bunching_min_share", &MonitoringPolicy::bunching_min_share, 0, 1},
    ScalarField{"bunching_ratio", &MonitoringPolicy::bunching_ratio, 1, 100},
    ScalarField{"bunching_min_scores", &MonitoringPolicy::bunching_min_scores, 1, 10'000},
    ScalarField{"identical_min_group", &MonitoringPolicy::identical_min_group, 2, 1000},
    ScalarField{"identical_min_parts", &MonitoringPolicy::identical_min_parts, 1, 10},
    ScalarField{"video_coverage_min", &MonitoringPolicy::video_coverage_min, 0, 1},
    ScalarField{"results_due_days", &MonitoringPolicy::results_due_days, 1, 365},
    ScalarField{"certificate_report_days", &MonitoringPolicy::certificate_report_days, 1, 365},
    ScalarField{"sampling_share", &MonitoringPolicy::sampling_share, 0, 1},
    ScalarField{"sampling_below", &MonitoringPolicy::sampling_below, 0, 100},
    ScalarField{"interview_cap_stars", &MonitoringPolicy::interview_cap_stars, 1, 5},
    ScalarField{"notice_cap_stars", &MonitoringPolicy::notice_cap_stars, 1, 5},
    ScalarField{"cap_months", &MonitoringPolicy::cap_months, 1, 120},
};

// An integer that fits the field, or a problem.
bool read_int(const Json& value, double min, double max, int& out, const std::string& field,
              std::vector<FieldProblem>& problems) {
  if (!value.is_number_integer()) {
    problems.push_back({field, "must_be_integer"});
    return false;
  }
  const bool negative = value.is_number_integer() && !value.is_number_unsigned() && value.get<std::int64_t>() < 0;
  const double v = negative ? double(value.get<std::int64_t>()) : double(value.get<std::uint64_t>());
  if (v < min || v > max) {
    problems.push_back({field, "out_of_range"});
    return false;
  }
  out = int(v);
  return true;
}

bool read_number(const Json& value, double min, double max, double& out, const std::string& field,
                 std::vector<FieldProblem>& problems) {
  if (!value.is_number()) {
    problems.push_back({field, "must_be_number"});
    return false;
  }
  const double v = value.get<double>();
  if (!std::isfinite(v) || v < min || v > max) {
    problems.push_back({field, "out_of_range"});
    return false;
  }
  out = v;
  return true;
}

void read_weights(const Json& value, MonitoringPolicy& policy, std::vector<FieldProblem>& problems) {
  if (!value.is_object()) {
    problems.push_back({"weights", "must_be_object"});
    return;
  }
  const std::size_t before = problems.size();
  for (const auto& [key, v] : value.items())
    if (!parse_dimension(key)) problems.push_back({"weights." + key, "unknown_field"});
  double sum = 0;
  for (std::size_t i = 0; i < kDimensionCount; ++i) {
    const std::string name(to_string(kDimensions[i]));
    const auto it = value.find(name);
    if (it == value.end()) {
      problems.push_back({"weights." + name, "required"});
      continue;
    }
    read_number(*it, 0, 1, policy.weights[i], "weights." + name, problems);
    sum += policy.weights[i];
  }
  if (problems.size() == before && std::abs(sum - 1) > kWeightSumTolerance)
    problems.push_back({"weights", "weights_must_sum_to_1"});
}

void read_stars(const Json& value, MonitoringPolicy& policy, std::vector<FieldProblem>& problems) {
  if (!value.is_array() || value.size() != policy.star_thresholds.size()) {
    problems.push_back({"star_thresholds", "must_be_array"});  // of exactly four numbers
    return;
  }
  const std::size_t before = problems.size();
  for (std::size_t i = 0; i < value.size(); ++i)
    read_number(value[i], 0, 100, policy.star_thresholds[i], "star_thresholds[" + std::to_string(i) + "]",
                problems);
  if (problems.size() != before) return;
  for (std::size_t i = 1; i < policy.star_thresholds.size(); ++i)
    if (policy.star_thresholds[i] <= policy.star_thresholds[i - 1]) {
      problems.push_back({"star_thresholds", "not_increasing"});
      return;
    }
}

void read_indicators(const Json& value, const IndicatorTable& table, MonitoringPolicy& policy,
                     std::vector<FieldProblem>& problems) {
  if (!value.is_object()) {
    problems.push_back({"indicators", "must_be_object"});
    return;
  }
  policy.indicators.clear();
  for (const auto& [key, v] : value.items()) {
    const std::string field = "indicators." + key;
    if (table.find(key) == nullptr) {
      problems.push_back({field, "unknown_indicator"});
      continue;
    }
    if (!v.is_object()) {
      problems.push_back({field, "must_be_object"});
      continue;
    }
    const std::size_t before = problems.size();
    IndicatorOverride o;
    for (const auto& [name, x] : v.items())
      if (name != "deduction_per_case" && name != "max_deduction")
        problems.push_back({field + "." + name, "unknown_field"});
    for (auto [name, member] : {std::pair{"deduction_per_case", &IndicatorOverride::deduction_per_case},
                                std::pair{"max_deduction", &IndicatorOverride::max_deduction}}) {
      const auto it = v.find(name);
      if (it == v.end())
        problems.push_back({field + "." + name, "required"});
      else
        read_number(*it, 0, 100, o.*member, field + "." + name, problems);
    }
    if (problems.size() != before) continue;
    if (o.max_deduction < o.deduction_per_case) problems.push_back({field, "max_below_per_case"});
    else policy.indicators[key] = o;
  }
}

}  // namespace

IndicatorOverride MonitoringPolicy::points_of(const Indicator& indicator) const {
  const auto it = indicators.find(indicator.key);
  if (it != indicators.end()) return it->second;
  return {indicator.deduction_per_case, indicator.max_deduction};
}

nlohmann::json to_json(const MonitoringPolicy& policy) {
  Json j = Json::object();
  for (const auto& f : kScalarFields)
    std::visit([&](auto member) { j[std::string(f.name)] = policy.*member; }, f.member);
  Json weights = Json::object();
  for (std::size_t i = 0; i < kDimensionCount; ++i) weights[std::string(to_string(kDimensions[i]))] = policy.weights[i];
  j["weights"] = weights;
  j["star_thresholds"] = policy.star_thresholds;
  Json indicators = Json::object();
  for (const auto& [key, o] : policy.indicators)
    indicators[key] = {{"deduction_per_case", o.deduction_per_case}, {"max_deduction", o.max_deduction}};
  j["indicators"] = indicators;
  return j;
}

Result<MonitoringPolicy> policy_from_json(const nlohmann::json& json, const IndicatorTable& table) {
  if (!json.is_object()) return invalid({{"policy", "must_be_object"}});
  MonitoringPolicy policy;
  std::vector<FieldProblem> problems;
  std::set<std::string> known{"weights", "star_thresholds", "indicators"};
  for (const auto& f : kScalarFields) {
    known.emplace(f.name);
    const auto it = json.find(std::string(f.name));
    if (it == json.end()) continue;
    const std::string field(f.name);
    std::visit(
        [&]<class T>(T MonitoringPolicy::* member) {
          if constexpr (std::is_same_v<T, int>)
            read_int(*it, f.min, f.max, policy.*member, field, problems);
          else
            read_number(*it, f.min, f.max, policy.*member, field, problems);
        },
        f.member);
  }
  for (const auto& [key, value] : json.items())
    if (!known.contains(key)) problems.push_back({key, "unknown_field"});
  if (const auto it = json.find("weights"); it != json.end()) read_weights(*it, policy, problems);
  if (const auto it = json.find("star_thresholds"); it != json.end()) read_stars(*it, policy, problems);
  if (const auto it = json.find("indicators"); it != json.end()) read_indicators(*it, table, policy, problems);
  if (policy.notice_cap_stars > policy.interview_cap_stars)
    problems.push_back({"notice_cap_stars", "out_of_range"});  // a notice is the graver measure
  if (!problems.empty()) return invalid(std::move(problems));
  return policy;
}

}  // namespace skillreg
