// Rules over core/: the working-day calendar and the identity and credit-code checks.
#include <algorithm>
#include <charconv>
#include <string>

#include "core/calendar.hpp"
#include "core/embedded.hpp"
#include "core/validators.hpp"
#include "rules.hpp"

namespace skillreg::cases {

// The calendar the server uses: the embedded data/calendar_cn.csv.
const Calendar& real_calendar() {
  static const Calendar calendar = [] {
    const auto text = embedded::find("data/calendar_cn.csv");
    if (!text) throw CaseInputError("data/calendar_cn.csv is not embedded");
    auto parsed = Calendar::from_csv(*text);
    if (!parsed) throw CaseInputError("data/calendar_cn.csv does not load");
    return std::move(*parsed);
  }();
  return calendar;
}


namespace {

Date date_input(const Inputs& in, const std::string& key) {
  const auto d = Date::parse(require(in, key));
  if (!d) throw CaseInputError("input '" + key + "' is not a YYYY-MM-DD date");
  return *d;
}

int int_input(const Inputs& in, const std::string& key) {
  const std::string& s = require(in, key);
  int value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc{} || end != s.data() + s.size() || s.empty())
    throw CaseInputError("input '" + key + "' is not an integer");
  return value;
}

// "uncovered:YYYY" for the first year between a and b that has no holiday notice loaded: the
// calendar's answer there would ignore holidays, and a case must not pretend otherwise.
std::string uncovered(const Calendar& cal, Date a, Date b) {
  const int lo = std::min(a.year, b.year);
  const int hi = std::max(a.year, b.year);
  for (int y = lo; y <= hi; ++y)
    if (!cal.covers(y)) return "uncovered:" + std::to_string(y);
  return {};
}

// inputs: date, n → the n-th working day after date (before it when n < 0).
std::string add_working_days(const Inputs& in) {
  const auto& cal = real_calendar();
  const Date from = date_input(in, "date");
  const Date result = cal.add_working_days(from, int_input(in, "n"));
  if (auto u = uncovered(cal, from, result); !u.empty()) return u;
  return result.to_string();
}

// inputs: date → working | rest
std::string is_working_day(const Inputs& in) {
  const auto& cal = real_calendar();
  const Date d = date_input(in, "date");
  if (auto u = uncovered(cal, d, d); !u.empty()) return u;
  return cal.is_working_day(d) ? "working" : "rest";
}

// inputs: number → valid:<birth date>:<M|F> | invalid:<problem>
std::string identity_check(const Inputs& in) {
  const auto info = check_identity_number(require(in, "number"));
  if (!info) return "invalid:" + info.error().details.at(0).problem;
  return "valid:" + info->birth_date.to_string() + ":" + info->sex;
}

// inputs: code → valid | invalid:<problem>
std::string credit_code_check(const Inputs& in) {
  const auto status = check_credit_code(require(in, "code"));
  if (!status) return "invalid:" + status.error().details.at(0).problem;
  return "valid";
}

const RuleRegistration kAddWorkingDays{"calendar.add_working_days", add_working_days};
const RuleRegistration kIsWorkingDay{"calendar.is_working_day", is_working_day};
const RuleRegistration kIdentityCheck{"identity.check", identity_check};
const RuleRegistration kCreditCodeCheck{"credit_code.check", credit_code_check};

}  // namespace

}  // namespace skillreg::cases
