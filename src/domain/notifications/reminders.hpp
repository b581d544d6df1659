#pragma once
// Reminders 提醒 (issue 10 §2): which reminders are due on `as_of` for the deadlines in force.
// Pure: the daily job loads the facts (one per deadline: an institution's validity, a case's
// statement window, a complaint's reply date…), asks due_reminders(), and delivers what it
// answers once each (the store's dedupe key). The rules are the table in reminders.cpp, one row
// per reminder kind with its article; docs/notifications.md lists them for people.
//
// A rule says: for facts of one kind, the reminder is due from `lead` before the deadline
// (calendar months, calendar days or working days on the holiday calendar) up to the deadline
// (`window`), or on any day after it (overdue), or from the deadline on (a waiting item).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.hpp"
#include "core/date.hpp"

namespace skillreg {

// What a deadline belongs to.
enum class FactKind {
  institution_validity,     // institutions.valid_until (first day no longer valid)
  application_publicity,    // applications.publicity_ends (公示 last day)
  results_publicity,        // plans.results_publicity_ends (first day certificates may be issued)
  case_statement_window,    // cases.statement_due (陈述申辩 last day)
  case_rectification,       // cases.rectification_due (责令整改 deadline)
  inspection_rectification, // rectifications.due_on (整改 required by an inspection)
  certificate_report,       // a plan's certificates unreported; deadline issued_on + policy days
  complaint_reply,          // complaints.reply_due
  sampling_item,            // sampling_queue: the day the item entered the queue
  draw_publication,         // draws.publish_due (一公开)
};

enum class ReminderKind {
  renewal_window_opened,
  expiry_in_30_days,
  application_publicity_ending,
  results_publicity_ending,
  statement_window_closing,
  rectification_due,
  rectification_overdue,
  certificate_reports_overdue,
  complaint_reply_due,
  complaint_reply_overdue,
  sampling_waiting,
  draw_publication_due,
  calendar_uncovered,  // not from the table: see uncovered_years()
};
std::string_view to_string(ReminderKind k);
std::optional<ReminderKind> parse_reminder_kind(std::string_view s);

// Who receives it: the institution's own staff, or the officials of the authority that
// supervises the object (the nearest authority at or above the fact's region that has officials).
enum class Audience { institution, authority };
std::string_view to_string(Audience a);

enum class LeadUnit { months, days, working_days };
enum class Window {
  before_exclusive,  // lead <= as_of < deadline
  before_inclusive,  // lead <= as_of <= deadline
  overdue,           // as_of > deadline
  waiting,           // as_of >= deadline
};

struct ReminderRule {
  ReminderKind kind;
  FactKind fact;
  LeadUnit unit;
  int lead;  // how far before the deadline the reminder starts (0 for overdue / waiting)
  Window window;
  std::vector<Audience> audiences;
  std::string_view article;
  std::string_view title_zh;
  std::string_view title_en;
};

// The table, in the order reminders are listed.
const std::vector<ReminderRule>& reminder_rules();
const ReminderRule& rule_of(ReminderKind k);

struct ReminderFact {
  FactKind fact = FactKind::institution_validity;
  std::string object_type;  // "institution", "application", "plan", "case", "rectification", …
  std::string object_id;
  std::string link;  // the object's API path
  Date deadline;
  std::string region_code;  // where the supervising officials sit
  std::optional<std::int64_t> institution_id;
  int count = 1;  // e.g. the number of unreported certificates
};

struct DueReminder {
  const ReminderRule* rule = nullptr;
  ReminderFact fact;
  Date starts_on;  // the first day this reminder was due (part of its identity)
};

// The first day a rule's reminder is due for a deadline.
Date reminder_starts(const ReminderRule& rule, Date deadline, const Calendar& calendar);

// Every reminder due on `as_of` for `facts`, in table order then fact order.
std::vector<DueReminder> due_reminders(const std::vector<ReminderFact>& facts, const Calendar& calendar,
                                       Date as_of);

// The years a working-day computation over [from, to] (either order) touches that the calendar
// does not cover, ascending. A span ending after 24 December also touches the next year: the next
// notice can move days at the very end of December (元旦 arrangements).
std::vector<int> uncovered_years(Date from, Date to, const std::vector<int>& covered_years);

}  // namespace skillreg
