#include "domain/monitoring/indicators.hpp"

#include <algorithm>
#include <charconv>
#include <set>
#include <stdexcept>

#include "core/csv.hpp"
#include "core/embedded.hpp"

namespace skillreg {
namespace {

constexpr std::string_view kStandardFile = "data/monitoring_indicators.csv";
constexpr std::size_t kMaxKeyLength = 64;

constexpr std::array<std::string_view, kDimensionCount> kDimensionNames{
    "plan_validity",        "qualification_accuracy", "question_usage",
    "personnel_compliance", "result_authenticity",    "traceability"};

bool valid_key(std::string_view key) {
  if (key.empty() || key.size() > kMaxKeyLength) return false;
  return std::ranges::all_of(key, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// "S19(1)", "M18", "S16": a part letter, 1–2 digits, optionally an item "(1)"–"(99)".
bool valid_article(std::string_view a) {
  if (a.size() < 2 || (a[0] != 'S' && a[0] != 'M')) return false;
  std::size_t i = 1;
  const std::size_t digits_start = i;
  while (i < a.size() && is_digit(a[i])) ++i;
  const std::size_t digits = i - digits_start;
  if (digits == 0 || digits > 2 || a[digits_start] == '0') return false;
  if (i == a.size()) return true;
  if (a[i] != '(' || a.back() != ')') return false;
  const std::string_view item = a.substr(i + 1, a.size() - i - 2);
  return !item.empty() && item.size() <= 2 && item[0] != '0' && std::ranges::all_of(item, is_digit);
}

// Plain decimal: digits, optionally '.' and one or two digits; 0–100.
std::optional<double> parse_points(std::string_view text) {
  const auto dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  if (whole.empty() || whole.size() > 3 || !std::ranges::all_of(whole, is_digit)) return std::nullopt;
  if (dot != std::string_view::npos) {
    const std::string_view frac = text.substr(dot + 1);
    if (frac.empty() || frac.size() > 2 || !std::ranges::all_of(frac, is_digit)) return std::nullopt;
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value > 100) return std::nullopt;
  return value;
}

std::string line_field(std::size_t line) { return "line " + std::to_string(line); }

bool parse_indicator(CsvRecord& rec, std::set<std::string>& seen, Indicator& out,
                     std::vector<FieldProblem>& problems) {
  const std::size_t before = problems.size();
  auto& v = rec.values;
  auto add = [&](std::string problem) { problems.push_back({line_field(rec.line), std::move(problem)}); };

  out.key = v["key"];
  if (!valid_key(out.key))
    add("invalid_key");
  else if (!seen.insert(out.key).second)
    add("duplicate_key");

  if (const auto d = parse_dimension(v["dimension"]))
    out.dimension = *d;
  else
    add("invalid_dimension");

  out.article = v["article"];
  if (!valid_article(out.article)) add("invalid_article");

  const auto per_case = parse_points(v["deduction_per_case"]);
  if (per_case && *per_case > 0)
    out.deduction_per_case = *per_case;
  else
    add("invalid_deduction_per_case");
  const auto max = parse_points(v["max_deduction"]);
  if (max && (!per_case || *max >= *per_case))
    out.max_deduction = *max;
  else
    add("invalid_max_deduction");

  const std::string& critical = v["critical"];
  if (critical != "" && critical != "yes") add("invalid_critical");
  out.critical = critical == "yes";

  out.text_zh = std::move(v["text_zh"]);
  out.text_en = std::move(v["text_en"]);
  if (out.text_zh.empty()) add("missing_text_zh");
  if (out.text_en.empty()) add("missing_text_en");
  return problems.size() == before;
}

}  // namespace

std::string_view to_string(Dimension d) { return kDimensionNames[static_cast<std::size_t>(d)]; }

std::optional<Dimension> parse_dimension(std::string_view text) {
  for (std::size_t i = 0; i < kDimensionCount; ++i)
    if (kDimensionNames[i] == text) return kDimensions[i];
  return std::nullopt;
}

Result<IndicatorTable> IndicatorTable::parse(std::string_view csv) {
  auto records = read_csv_records(csv, {"key", "dimension", "article", "deduction_per_case",
                                        "max_deduction", "critical", "text_zh", "text_en"});
  if (!records) return std::unexpected(std::move(records.error()));
  if (records->empty()) return invalid({{"table", "empty"}});

  IndicatorTable table;
  std::vector<FieldProblem> problems;
  std::set<std::string> seen;
  for (auto& rec : *records) {
    Indicator indicator;
    if (parse_indicator(rec, seen, indicator, problems)) table.indicators_.push_back(std::move(indicator));
  }
  if (!problems.empty()) return invalid(std::move(problems));
  return table;
}

const IndicatorTable& IndicatorTable::standard() {
  static const IndicatorTable table = embedded::parse_shipped(kStandardFile, parse);
  return table;
}

const Indicator* IndicatorTable::find(std::string_view key) const {
  const auto it = std::ranges::find(indicators_, key, &Indicator::key);
  return it == indicators_.end() ? nullptr : &*it;
}

}  // namespace skillreg
