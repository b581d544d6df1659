#pragma once
// The rule registry of the case driver: a rule name (the `rule:` line of a *.case file) maps to
// a function from the case's inputs to its outcome, written as a string the case can `expect`
// (a date, "accepted", "refused:409", "invalid:length", ...).
//
// Each rules_<area>.cpp registers its rules with static objects:
//
//   namespace {
//   std::string add_working_days(const Inputs& in) { ... }
//   const RuleRegistration kAddWorkingDays{"calendar.add_working_days", add_working_days};
//   }
//
// The registry is a function-local static, so registration order between files does not matter.
// A rule that cannot evaluate its inputs (a missing key, an unparsable value) throws
// CaseInputError; the driver turns that into a failing test, never a skip.
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace skillreg::cases {

using Inputs = std::map<std::string, std::string>;
using RuleFn = std::function<std::string(const Inputs& inputs)>;

class CaseInputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RuleRegistry {
  std::map<std::string, RuleFn, std::less<>> rules;
  std::vector<std::string> duplicates;  // names registered twice; the driver fails on them
};

inline RuleRegistry& rule_registry() {
  static RuleRegistry registry;
  return registry;
}

inline void register_rule(std::string name, RuleFn fn) {
  auto& reg = rule_registry();
  if (!reg.rules.emplace(name, std::move(fn)).second) reg.duplicates.push_back(std::move(name));
}

// nullptr when no rule has this name.
inline const RuleFn* find_rule(std::string_view name) {
  const auto& rules = rule_registry().rules;
  const auto it = rules.find(name);
  return it == rules.end() ? nullptr : &it->second;
}

struct RuleRegistration {
  RuleRegistration(std::string name, RuleFn fn) { register_rule(std::move(name), std::move(fn)); }
};

}  // namespace skillreg::cases

namespace skillreg {
class Calendar;
}

namespace skillreg::cases {

// The calendar the server uses: the embedded data/calendar_cn.csv (rules_core.cpp).
const Calendar& real_calendar();

// The input `key`, or CaseInputError naming it.
inline const std::string& require(const Inputs& inputs, const std::string& key) {
  const auto it = inputs.find(key);
  if (it == inputs.end()) throw CaseInputError("missing input '" + key + "'");
  return it->second;
}

}  // namespace skillreg::cases
