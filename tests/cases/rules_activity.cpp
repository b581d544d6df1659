// Rules of the evaluation activity (S19(2) 资格审核) for the case tables: the application
// conditions 申报条件 of the national table, checked for one candidate.
#include <set>
#include <string>

#include "core/date.hpp"
#include "domain/activity/application_conditions.hpp"
#include "rules.hpp"

namespace skillreg::cases {
namespace {

int int_of(const Inputs& in, const std::string& key) {
  const std::string& text = require(in, key);
  try {
    std::size_t used = 0;
    const int n = std::stoi(text, &used);
    if (used == text.size()) return n;
  } catch (const std::exception&) {
  }
  throw CaseInputError("bad number in " + key + ": " + text);
}

std::optional<Date> optional_date_of(const Inputs& in, const std::string& key) {
  const std::string& text = require(in, key);
  if (text == "none") return std::nullopt;
  auto d = Date::parse(text);
  if (!d) throw CaseInputError("bad date in " + key + ": " + text);
  return d;
}

// Every input must be one the rule reads: a misspelt key must not silently become a default.
void only_known_inputs(const Inputs& in, const std::set<std::string>& known) {
  for (const auto& [key, value] : in)
    if (!known.contains(key)) throw CaseInputError("unknown input '" + key + "'");
}

CandidateFacts facts_of(const Inputs& in) {
  CandidateFacts f;
  const auto as_of = Date::parse(require(in, "as_of"));
  if (!as_of) throw CaseInputError("bad date in as_of");
  f.as_of = *as_of;
  const auto education = parse_education(require(in, "education"));
  if (!education) throw CaseInputError("unknown education " + require(in, "education"));
  f.education = *education;
  f.years_in_trade = int_of(in, "years_in_trade");
  if (require(in, "prior_level") != "none") f.prior_level = int_of(in, "prior_level");
  f.prior_cert_date = optional_date_of(in, "prior_cert_date");
  if (f.prior_cert_date && !f.prior_level)
    throw CaseInputError("prior_cert_date without prior_level");
  const std::string& apprenticeship = require(in, "apprenticeship");
  if (apprenticeship != "yes" && apprenticeship != "no")
    throw CaseInputError("apprenticeship must be yes or no");
  f.apprenticeship_completed = apprenticeship == "yes";
  return f;
}

// S19(2): "eligible:<first met route>" or "ineligible:<route>=<unmet,...>;..." over every route.
std::string application_conditions(const Inputs& in) {
  only_known_inputs(in, {"level", "education", "years_in_trade", "prior_level", "prior_cert_date",
                         "apprenticeship", "as_of"});
  const auto result =
      check_application_conditions(ConditionTable::national(), int_of(in, "level"), facts_of(in));
  if (result.eligible) return "eligible:" + *result.met_route;
  std::string out = "ineligible:";
  for (std::size_t i = 0; i < result.checks.size(); ++i) {
    const auto& c = result.checks[i];
    out += (i == 0 ? "" : ";") + c.route + "=";
    for (std::size_t j = 0; j < c.unmet.size(); ++j) out += (j == 0 ? "" : ",") + c.unmet[j];
  }
  return out;
}

// The embedded national table parses; "<level>:<route ids>" for one level, or every level
// from 5 down to 1 joined by ';' when level is "all".
std::string conditions_table(const Inputs& in) {
  only_known_inputs(in, {"level"});
  const auto& table = ConditionTable::national();
  auto ids = [&](int level) {
    std::string out = std::to_string(level) + ":";
    const auto routes = table.routes_for(level);
    for (std::size_t i = 0; i < routes.size(); ++i) out += (i == 0 ? "" : ",") + routes[i]->route;
    return out;
  };
  if (require(in, "level") != "all") return ids(int_of(in, "level"));
  std::string out;
  for (int level = 5; level >= 1; --level) out += (level == 5 ? "" : ";") + ids(level);
  return out;
}

const RuleRegistration kApplicationConditions{"activity.application_conditions",
                                              application_conditions};
const RuleRegistration kConditionsTable{"activity.conditions_table", conditions_table};

}  // namespace
}  // namespace skillreg::cases
