#pragma once
// Calendar upkeep 工作日历维护 (issue 10 §1): the province authority enters a year's holidays and
// adjusted working days when the State Council publishes its notice, replacing that year's entries
// as a whole. The entries are checked with the rules of data/calendar_cn.csv (Calendar::from_csv),
// the change is audited with the year's entries before and after, and the in-memory calendar is
// swapped once the transaction commits (other nodes reload it, see reload_calendar).
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/accounts/actor.hpp"

namespace skillreg {

// One entry as sent: text, checked by replace_year.
struct CalendarEntryInput {
  std::string date;
  std::string kind;
  std::string name;
};

struct CalendarYear {
  int year = 0;
  std::vector<CalendarEntry> entries;
  std::vector<int> covered;  // every covered year after the change
  std::int64_t revision = 0;
};

class CalendarService {
 public:
  explicit CalendarService(AppContext& ctx) : ctx_(ctx) {}

  // province_admin only (403 otherwise). 422 with one detail per bad entry, the field naming it
  // ("entries[3]") and the problem one of invalid_date, invalid_kind, missing_name,
  // duplicate_date, workday_not_weekend, outside_year, too_long.
  Result<CalendarYear> replace_year(const Actor& actor, int year, const std::vector<CalendarEntryInput>& entries);

 private:
  AppContext& ctx_;
};

// The checks of Calendar::from_csv over entries sent as JSON; details name "entries[i]".
Result<std::vector<CalendarEntry>> check_calendar_entries(int year, const std::vector<CalendarEntryInput>& entries);

}  // namespace skillreg
