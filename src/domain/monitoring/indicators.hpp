#pragma once
// Indicators of digital monitoring 数字化监测 (S14(1)): the six dimensions the province scores
// every plan in, and the named indicators whose deductions make a dimension's score. The
// indicators are data (data/monitoring_indicators.csv, one row each) so the article, the points
// and the texts can be read and checked without the code.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace skillreg {

// The six dimensions of S14(1), in the order of the article (API.md "Fixed names" keys):
// 计划制订有效性, 资格审核准确性, 试题应用规范性, 考评人员和内部质量督导人员派遣使用合规性,
// 评价结果真实性, 认定过程可追溯性.
enum class Dimension {
  plan_validity,
  qualification_accuracy,
  question_usage,
  personnel_compliance,
  result_authenticity,
  traceability
};
inline constexpr std::size_t kDimensionCount = 6;
inline constexpr std::array<Dimension, kDimensionCount> kDimensions{
    Dimension::plan_validity,        Dimension::qualification_accuracy,
    Dimension::question_usage,       Dimension::personnel_compliance,
    Dimension::result_authenticity,  Dimension::traceability};

std::string_view to_string(Dimension d);
// The API key ("plan_validity", …); nullopt for anything else.
std::optional<Dimension> parse_dimension(std::string_view text);

// One indicator. A plan's finding counts cases (days short, candidates, sessions, …); the
// deduction is min(count × deduction_per_case, max_deduction). A critical indicator puts the plan
// in the key-sampling queue whenever it deducts (S14(2) 异常情况).
struct Indicator {
  std::string key;  // lower-case [a-z0-9_], e.g. "late_publication"
  Dimension dimension = Dimension::plan_validity;
  std::string article;  // e.g. "S19(1)"
  double deduction_per_case = 0;
  double max_deduction = 0;
  bool critical = false;
  std::string text_zh, text_en;
};

class IndicatorTable {
 public:
  // Parses the CSV text: header exactly
  // key,dimension,article,deduction_per_case,max_deduction,critical,text_zh,text_en
  // Every bad row is reported as a validation error detail {"line N", problem}, problem one of
  // invalid_key (not [a-z0-9_]{1,64}), duplicate_key, invalid_dimension, invalid_article (not
  // like "S19(1)", "M18" or "S16"), invalid_deduction_per_case, invalid_max_deduction (numbers
  // 0–100 with at most two decimals; max at least the per-case deduction, per case above 0),
  // invalid_critical (only "" or "yes"), missing_text_zh, missing_text_en. An empty table is
  // {"table", "empty"}. CSV-level problems come from read_csv_records.
  static Result<IndicatorTable> parse(std::string_view csv);

  // The standard table, parsed once from the embedded data/monitoring_indicators.csv.
  // Throws std::logic_error if that file is missing or invalid (a build defect, not user input).
  static const IndicatorTable& standard();

  // nullptr when no indicator has this key.
  const Indicator* find(std::string_view key) const;
  const std::vector<Indicator>& indicators() const { return indicators_; }

 private:
  std::vector<Indicator> indicators_;
};

}  // namespace skillreg
