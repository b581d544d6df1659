#include "domain/activity/application_conditions.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <stdexcept>
#include <utility>

#include "core/csv.hpp"
#include "core/embedded.hpp"

namespace skillreg {
namespace {

constexpr std::string_view kNationalFile = "data/application_conditions.csv";
constexpr int kLowestLevel = 5;   // 五级/初级工
constexpr int kHighestLevel = 1;  // 一级/高级技师
constexpr int kMaxYears = 99;

constexpr std::array<std::pair<Education, std::string_view>, 8> kEducationNames{{
    {Education::none, "none"},
    {Education::junior_high, "junior_high"},
    {Education::high_school, "high_school"},
    {Education::technical_school, "technical_school"},
    {Education::college, "college"},
    {Education::bachelor, "bachelor"},
    {Education::master, "master"},
    {Education::doctor, "doctor"},
}};

std::string line_field(std::size_t line) {
  return "line " + std::to_string(line);
}

bool is_level(int level) {
  return level >= kHighestLevel && level <= kLowestLevel;
}

// Plain decimal digits only: no sign, no spaces, no leading '+'.
std::optional<int> parse_small_int(std::string_view text) {
  if (text.empty() || text.size() > 2) return std::nullopt;
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < 0 || value > kMaxYears)
    return std::nullopt;
  return value;
}

// An optional number column: empty = no requirement; otherwise parsed or reported.
std::optional<int> optional_number(const std::string& text, std::size_t line, std::string problem,
                                   std::vector<FieldProblem>& problems) {
  if (text.empty()) return std::nullopt;
  auto n = parse_small_int(text);
  if (!n) problems.push_back({line_field(line), std::move(problem)});
  return n;
}

// Parses one record into `out`; returns false after adding at least one problem.
bool parse_route(CsvRecord& rec, std::set<std::string>& seen, ConditionRoute& out,
                 std::vector<FieldProblem>& problems) {
  const std::size_t before = problems.size();
  const std::size_t line = rec.line;
  auto& v = rec.values;
  auto add = [&](std::string problem) {
    problems.push_back({line_field(line), std::move(problem)});
  };

  out.route = v["route"];
  if (out.route.empty())
    add("missing_route");
  else if (!seen.insert(out.route).second)
    add("duplicate_route");

  const auto level = parse_small_int(v["level"]);
  const bool level_ok = level && is_level(*level);
  if (level_ok)
    out.level = *level;
  else
    add("invalid_level");

  out.min_years_total =
      optional_number(v["min_years_total"], line, "invalid_min_years_total", problems);
  out.prior_level = optional_number(v["prior_level"], line, "invalid_prior_level", problems);
  // The prior certificate is of a lower level than the one applied for (a larger number).
  if (out.prior_level && (!is_level(*out.prior_level) || (level_ok && *out.prior_level <= *level)))
    add("invalid_prior_level");
  out.min_years_since_prior =
      optional_number(v["min_years_since_prior"], line, "invalid_min_years_since_prior", problems);
  if (!v["min_years_since_prior"].empty() && v["prior_level"].empty())
    add("years_since_without_prior");

  if (!v["education"].empty()) {
    out.education = parse_education(v["education"]);
    if (!out.education) add("invalid_education");
  }
  const std::string& apprenticeship = v["apprenticeship"];
  if (apprenticeship != "" && apprenticeship != "yes") add("invalid_apprenticeship");
  out.apprenticeship = apprenticeship == "yes";

  out.text_zh = std::move(v["text_zh"]);
  out.text_en = std::move(v["text_en"]);
  if (out.text_zh.empty()) add("missing_text_zh");
  if (out.text_en.empty()) add("missing_text_en");

  const bool requires_something = !v["min_years_total"].empty() || !v["prior_level"].empty() ||
                                  !v["min_years_since_prior"].empty() || !v["education"].empty() ||
                                  !apprenticeship.empty();
  if (!requires_something) add("no_requirement");
  return problems.size() == before;
}

// Certificate part of a route; appends unmet keys, returns whether years since it may be judged.
bool check_prior_certificate(const ConditionRoute& r, const CandidateFacts& f,
                             std::vector<std::string>& unmet) {
  // 国家职业技能标准 申报条件 四级(1), 三级(1)(3), 二级(1), 一级: "取得…N级证书" — a certificate of
  // that level or higher, held on the first exam day. S19(2) 资格审核.
  if (!f.prior_level) {
    unmet.emplace_back("no_prior_certificate");
    return false;
  }
  if (*f.prior_level > *r.prior_level) {
    unmet.emplace_back("prior_level");
    return false;
  }
  if (f.prior_cert_date && *f.prior_cert_date > f.as_of) {
    unmet.emplace_back("prior_cert_date");  // not yet held when the exam starts
    return false;
  }
  if (!f.prior_cert_date && r.min_years_since_prior) {
    unmet.emplace_back("prior_cert_date");  // the years since it cannot be counted
    return false;
  }
  return true;
}

RouteCheck check_route(const ConditionRoute& r, const CandidateFacts& f) {
  RouteCheck check{r.route, false, {}};
  auto& unmet = check.unmet;
  // 国家职业技能标准 申报条件 五级(1), 四级(2): "累计从事本职业（工种）工作N年（含）以上".
  // S19(2) 资格审核.
  if (r.min_years_total && f.years_in_trade < *r.min_years_total)
    unmet.push_back("years_total<" + std::to_string(*r.min_years_total));
  if (r.prior_level && check_prior_certificate(r, f, unmet) && r.min_years_since_prior) {
    // 国家职业技能标准 申报条件 四级(1), 三级(1)(3), 二级(1), 一级: "取得…证书后，累计从事本职业
    // 工作N年（含）以上" — counted from the certificate, never more than the years in the trade.
    // S19(2) 资格审核.
    const int since = std::min(whole_years_between(*f.prior_cert_date, f.as_of), f.years_in_trade);
    if (since < *r.min_years_since_prior)
      unmet.push_back("years_since_prior<" + std::to_string(*r.min_years_since_prior));
  }
  // 国家职业技能标准 申报条件 四级(3) 技工学校毕业证书, 三级(3) 大专及以上毕业证书. S19(2)
  // 资格审核.
  if (r.education && !meets_education(f.education, *r.education)) unmet.emplace_back("education");
  // 国家职业技能标准 申报条件 五级(2): "本职业（工种）学徒期满". S19(2) 资格审核.
  if (r.apprenticeship && !f.apprenticeship_completed) unmet.emplace_back("apprenticeship");
  check.met = unmet.empty();
  return check;
}

}  // namespace

std::optional<Education> parse_education(std::string_view text) {
  for (const auto& [e, name] : kEducationNames)
    if (name == text) return e;
  return std::nullopt;
}

std::string_view to_string(Education e) {
  for (const auto& [value, name] : kEducationNames)
    if (value == e) return name;
  return "none";
}

bool meets_education(Education held, Education required) {
  // 四级(3) names 技工学校 only; "大专及以上" (三级(3)) does not include it, which the order gives.
  if (required == Education::technical_school) return held == Education::technical_school;
  return held >= required;
}

Result<ConditionTable> ConditionTable::parse(std::string_view csv) {
  auto records = read_csv_records(
      csv, {"route", "level", "min_years_total", "prior_level", "min_years_since_prior",
            "education", "apprenticeship", "text_zh", "text_en"});
  if (!records) return std::unexpected(std::move(records.error()));

  ConditionTable table;
  std::vector<FieldProblem> problems;
  std::set<std::string> seen;
  for (auto& rec : *records) {
    ConditionRoute route;
    if (parse_route(rec, seen, route, problems)) table.routes_.push_back(std::move(route));
  }
  if (!problems.empty()) return invalid(std::move(problems));
  return table;
}

const ConditionTable& ConditionTable::national() {
  static const ConditionTable table = [] {
    const auto text = embedded::find(kNationalFile);
    if (!text) throw std::logic_error("missing embedded file " + std::string(kNationalFile));
    auto parsed = parse(*text);
    if (!parsed) {
      std::string what = std::string(kNationalFile) + " is invalid";
      for (const auto& d : parsed.error().details) what += "; " + d.field + ": " + d.problem;
      throw std::logic_error(what);
    }
    return *std::move(parsed);
  }();
  return table;
}

std::vector<const ConditionRoute*> ConditionTable::routes_for(int level) const {
  std::vector<const ConditionRoute*> out;
  for (const auto& r : routes_)
    if (r.level == level) out.push_back(&r);
  return out;
}

const ConditionRoute* ConditionTable::find(std::string_view route) const {
  const auto it = std::ranges::find(routes_, route, &ConditionRoute::route);
  return it == routes_.end() ? nullptr : &*it;
}

int whole_years_between(Date from, Date to) {
  if (to < from) return 0;
  int years = to.year - from.year;
  if (from.add_years(years) > to) --years;
  return years;
}

EligibilityResult check_application_conditions(const ConditionTable& table, int level,
                                               const CandidateFacts& facts) {
  EligibilityResult result;
  for (const ConditionRoute* r : table.routes_for(level)) {
    result.checks.push_back(check_route(*r, facts));
    if (result.checks.back().met && !result.met_route) result.met_route = r->route;
  }
  result.eligible = result.met_route.has_value();
  return result;
}

}  // namespace skillreg
