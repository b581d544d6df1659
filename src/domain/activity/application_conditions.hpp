#pragma once
// Application conditions 申报条件: who may sit the exam of a skill level. S19(2) asks the
// supervisor to re-check the institution's qualification review 资格审核, so the conditions are
// data (data/application_conditions.csv, one row per route) and the check is a pure function of
// them and the candidate's facts.
//
// Levels are the national five: 5 = 五级/初级工 (lowest) … 1 = 一级/高级技师 (highest). A level has
// several routes 途径; a candidate is eligible when every requirement of at least one route is met.
// A required prior certificate "of level k" is met by any certificate of level k or higher, i.e.
// prior_level <= k numerically.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"

namespace skillreg {

// Highest completed education 学历, in increasing order. technical_school (技工学校) is a category
// of its own: a technical_school requirement is met only by technical_school, and technical_school
// does not meet a college (大专) or higher requirement. Every other requirement r is met by any
// education >= r.
enum class Education {
  none,
  junior_high,
  high_school,
  technical_school,
  college,
  bachelor,
  master,
  doctor
};

// "none", "junior_high", …, "doctor"; nullopt for anything else.
std::optional<Education> parse_education(std::string_view text);
std::string_view to_string(Education e);

// Whether `held` satisfies a requirement of `required` (see Education).
bool meets_education(Education held, Education required);

// One route of a level. An empty optional / false means no requirement of that kind.
struct ConditionRoute {
  std::string route;  // e.g. "L4-1"
  int level = 5;
  std::optional<int> min_years_total;        // years in the trade, in total
  std::optional<int> prior_level;            // a certificate of this level or higher
  std::optional<int> min_years_since_prior;  // years in the trade since that certificate
  std::optional<Education> education;
  bool apprenticeship = false;  // 学徒期满
  std::string text_zh, text_en;
};

class ConditionTable {
 public:
  // Parses the CSV text: header exactly
  // route,level,min_years_total,prior_level,min_years_since_prior,education,apprenticeship,text_zh,text_en
  // Every bad row is reported as a validation error detail {"line N", problem}, problem one of
  // missing_route, duplicate_route, invalid_level (not 1–5), invalid_min_years_total,
  // invalid_prior_level (not 1–5 or not below `level`), invalid_min_years_since_prior,
  // years_since_without_prior, invalid_education, invalid_apprenticeship (only "" or "yes"),
  // missing_text_zh, missing_text_en, no_requirement (a route with no requirement at all).
  // Numbers are plain decimal digits, 0–99. CSV-level problems come from read_csv_records.
  static Result<ConditionTable> parse(std::string_view csv);

  // The national table, parsed once from the embedded data/application_conditions.csv.
  // Throws std::logic_error if that file is missing or invalid (a build defect, not user input).
  static const ConditionTable& national();

  // The routes of `level` in table order; empty for a level without routes.
  std::vector<const ConditionRoute*> routes_for(int level) const;
  // nullptr when no route has this id.
  const ConditionRoute* find(std::string_view route) const;
  const std::vector<ConditionRoute>& routes() const { return routes_; }

 private:
  std::vector<ConditionRoute> routes_;
};

// What the qualification review knows about a candidate, as of the first exam day.
struct CandidateFacts {
  Date as_of;  // the first exam day
  Education education = Education::none;
  int years_in_trade = 0;               // whole years in this occupation (工种), in total
  std::optional<int> prior_level;       // the highest skill certificate held, if any
  std::optional<Date> prior_cert_date;  // when that certificate was issued
  bool apprenticeship_completed = false;
};

// One route checked. `unmet` holds short keys in this order: "years_total<N",
// "no_prior_certificate" | "prior_level" (held certificate too low) | "prior_cert_date" (issued
// after as_of, or unknown where years since it are needed), "years_since_prior<N", "education",
// "apprenticeship". Years since a certificate are only judged when the certificate itself is
// acceptable.
struct RouteCheck {
  std::string route;
  bool met = false;
  std::vector<std::string> unmet;
};

struct EligibilityResult {
  bool eligible = false;
  std::optional<std::string> met_route;  // the first met route in table order
  std::vector<RouteCheck> checks;        // every route of the level, in table order
};

// Whole years from `from` to `to` (a year ends on the same calendar day, 29 February counting as
// 28 February in common years); 0 when `to` is before `from`.
int whole_years_between(Date from, Date to);

// Checks every route of `level`. Years since the prior certificate are whole years from
// prior_cert_date to as_of, capped at years_in_trade (nobody has worked longer since a
// certificate than in total). A level without routes is never eligible.
EligibilityResult check_application_conditions(const ConditionTable& table, int level,
                                               const CandidateFacts& facts);

}  // namespace skillreg
