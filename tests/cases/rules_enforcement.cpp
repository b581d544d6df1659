// Rules of enforcement: the consequence class of every catalogue item (S18–S21), escalation
// (S20(1), S21(1)), the items the daily job finds due (S20(3), S20(4), S20(6), S21(6), S21(7)),
// the steps of due process, its windows and the measure a decision or review may impose (S23, S24),
// the suspension of a notice (S20).
#include <sstream>

#include "core/calendar.hpp"
#include "domain/enforcement/catalogue.hpp"
#include "domain/enforcement/due_process.hpp"
#include "domain/enforcement/escalation.hpp"
#include "domain/enforcement/suspension.hpp"
#include "rules.hpp"

namespace skillreg::cases {

namespace {

std::vector<std::string> list_of(const Inputs& in, const std::string& key) {
  std::vector<std::string> out;
  const auto it = in.find(key);
  if (it == in.end()) return out;
  std::istringstream s(it->second);
  for (std::string item; std::getline(s, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

int count_of(const Inputs& in, const std::string& key) { return in.contains(key) ? std::stoi(in.at(key)) : 0; }

std::optional<Date> optional_day(const Inputs& in, const std::string& key) {
  if (!in.contains(key)) return std::nullopt;
  auto d = Date::parse(in.at(key));
  if (!d) throw CaseInputError("input '" + key + "' is not a date");
  return d;
}

Date day_of(const Inputs& in, const std::string& key) {
  auto d = optional_day(in, key);
  if (!d) throw CaseInputError("missing date '" + key + "'");
  return *d;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out.empty() ? "none" : out;
}

// S18–S21: the consequence class of a catalogue item.
std::string catalogue_class(const Inputs& in) {
  const auto* v = ViolationCatalogue::standard().find(require(in, "code"));
  if (!v) return "not_in_the_catalogue";
  return std::string(to_string(v->measure));
}

// S20(1), S21(1): "<measure>:<items>[:voids]".
std::string escalation(const Inputs& in) {
  CaseFacts f{list_of(in, "items"), require(in, "serious") == "yes", count_of(in, "prior_interviews"),
              count_of(in, "prior_notices")};
  auto p = propose_measure(f, ViolationCatalogue::standard());
  if (!p) return "invalid:" + p.error().details.front().field + ":" + p.error().details.front().problem;
  return std::string(to_string(p->measure)) + ":" + join(p->items) + (p->voids_results ? ":voids" : "");
}

std::string due(const Inputs& in) {
  DueFacts f;
  f.approved_on = day_of(in, "approved_on");
  f.last_evaluation = optional_day(in, "last_evaluation");
  f.expired_without_renewal = in.contains("expired");
  f.failed_periodic_evaluation = in.contains("failed_periodic");
  f.failed_annual_assessment = in.contains("failed_annual");
  f.refused_inspection = in.contains("refused_inspection");
  f.overdue_rectification = in.contains("overdue_rectification");
  f.overdue_hardware_rectification = in.contains("overdue_hardware");
  return join(due_items(f, day_of(in, "today")));
}

CaseStep step_of(const Inputs& in) {
  const std::string name = require(in, "step");
  for (auto s : {CaseStep::propose, CaseStep::serve, CaseStep::state, CaseStep::decide, CaseStep::request_review,
                 CaseStep::decide_review, CaseStep::close, CaseStep::drop})
    if (to_string(s) == name) return s;
  throw CaseInputError("unknown step " + name);
}

MeasureClass measure_of(const Inputs& in, const std::string& key) {
  auto m = parse_measure_class(require(in, key));
  if (!m) throw CaseInputError("input '" + key + "' is not a measure");
  return *m;
}

std::string step(const Inputs& in) {
  auto from = parse_case_status(require(in, "from"));
  if (!from) throw CaseInputError("bad status");
  auto to = next_case_status(*from, step_of(in));
  return to ? std::string(to_string(*to)) : "refused:409";
}

// S23, S24: whether a decision or a review may impose `to` instead of `from`.
std::string measure_change(const Inputs& in) {
  return may_change_measure(step_of(in), measure_of(in, "from"), measure_of(in, "to")) ? "allowed" : "refused";
}

// S24: the last day of the statement window; "decide:yes|no" on `today` with or without a statement.
std::string statement_window(const Inputs& in) {
  const Date due = statement_due(day_of(in, "served_on"), real_calendar(), DueProcessPolicy{});
  if (!in.contains("today")) return due.to_string();
  return std::string("decide:") + (may_decide(day_of(in, "today"), due, in.contains("statement")) ? "yes" : "no");
}

// S20: the institution's status with a notice in force awaiting its rectification (yes) or none (no).
std::string suspension(const Inputs& in) {
  auto status = parse_institution_status(require(in, "status"));
  if (!status) throw CaseInputError("bad status");
  const std::string& awaiting = require(in, "awaiting");
  if (awaiting != "yes" && awaiting != "no") throw CaseInputError("awaiting is yes or no");
  return std::string(to_string(status_under_notices(*status, awaiting == "yes")));
}

const RuleRegistration kCatalogue{"enforcement.catalogue_class", catalogue_class};
const RuleRegistration kEscalation{"enforcement.escalation", escalation};
const RuleRegistration kDue{"enforcement.due_items", due};
const RuleRegistration kStep{"enforcement.due_process_step", step};
const RuleRegistration kWindow{"enforcement.statement_window", statement_window};
const RuleRegistration kMeasureChange{"enforcement.measure_change", measure_change};
const RuleRegistration kSuspension{"enforcement.status_under_notices", suspension};

}  // namespace

}  // namespace skillreg::cases
