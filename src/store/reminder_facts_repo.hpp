#pragma once
// Named SQL that gathers the deadlines in force for the reminder rules
// (domain/notifications/reminders.hpp): one ReminderFact per open deadline, each with the region
// whose officials supervise it and the institution concerned.
#include <vector>

#include "core/date.hpp"
#include "domain/notifications/reminders.hpp"
#include "store/database.hpp"

namespace skillreg {

class ReminderFactsRepo {
 public:
  explicit ReminderFactsRepo(Tx& tx) : tx_(tx) {}

  // Every fact whose reminders may be due on or after `as_of` (open deadlines, and unresolved
  // overdue ones). `certificate_report_days` is the policy's reporting deadline (S19(10)).
  std::vector<ReminderFact> facts(Date as_of, int certificate_report_days);

 private:
  Tx& tx_;
};

}  // namespace skillreg
