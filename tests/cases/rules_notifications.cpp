// Rules of reminders (issue 10 §2) and calendar coverage warnings (issue 10 §1), on the real
// holiday calendar (data/calendar_cn.csv: 2024–2026).
#include <optional>
#include <string>

#include "core/calendar.hpp"
#include "domain/notifications/reminders.hpp"
#include "rules.hpp"

namespace skillreg::cases {

namespace {

Date date_of(const Inputs& in, const std::string& key) {
  auto d = Date::parse(require(in, key));
  if (!d) throw CaseInputError("bad date in '" + key + "'");
  return *d;
}

FactKind fact_of(const std::string& s) {
  static const std::pair<const char*, FactKind> kinds[] = {
      {"institution_validity", FactKind::institution_validity},
      {"application_publicity", FactKind::application_publicity},
      {"results_publicity", FactKind::results_publicity},
      {"case_statement_window", FactKind::case_statement_window},
      {"case_rectification", FactKind::case_rectification},
      {"inspection_rectification", FactKind::inspection_rectification},
      {"certificate_report", FactKind::certificate_report},
      {"complaint_reply", FactKind::complaint_reply},
      {"sampling_item", FactKind::sampling_item},
      {"draw_publication", FactKind::draw_publication},
  };
  for (const auto& [name, kind] : kinds)
    if (s == name) return kind;
  throw CaseInputError("unknown fact '" + s + "'");
}

// The reminders due on `as_of` for one fact with `deadline`: "kind>audience+audience, …" or "none".
std::string reminders(const Inputs& in) {
  ReminderFact f;
  f.fact = fact_of(require(in, "fact"));
  f.object_type = "object";
  f.object_id = "1";
  f.deadline = date_of(in, "deadline");
  f.region_code = "330100";
  f.institution_id = 1;
  std::string out;
  for (const auto& r : due_reminders({f}, real_calendar(), date_of(in, "as_of"))) {
    if (!out.empty()) out += ", ";
    out += std::string(to_string(r.rule->kind)) + ">";
    for (std::size_t i = 0; i < r.rule->audiences.size(); ++i)
      out += (i ? "+" : "") + std::string(to_string(r.rule->audiences[i]));
  }
  return out.empty() ? "none" : out;
}

// The first day a reminder kind is due for a fact's deadline.
std::string starts(const Inputs& in) {
  const auto fact = fact_of(require(in, "fact"));
  const auto kind = parse_reminder_kind(require(in, "kind"));
  if (!kind) throw CaseInputError("unknown kind");
  for (const auto& rule : reminder_rules())
    if (rule.kind == *kind && rule.fact == fact)
      return reminder_starts(rule, date_of(in, "deadline"), real_calendar()).to_string();
  throw CaseInputError("no rule for this kind and fact");
}

// The years a computation over [from, to] touches that the real calendar does not cover.
std::string uncovered(const Inputs& in) {
  std::string out;
  for (int y : uncovered_years(date_of(in, "from"), date_of(in, "to"), real_calendar().years()))
    out += (out.empty() ? "" : ",") + std::to_string(y);
  return out.empty() ? "none" : out;
}

const RuleRegistration kReminders{"notifications.reminders", reminders};
const RuleRegistration kStarts{"notifications.reminder_starts", starts};
const RuleRegistration kUncovered{"notifications.uncovered_years", uncovered};

}  // namespace

}  // namespace skillreg::cases
