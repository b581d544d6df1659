#pragma once
// Calendar: the working-day calendar (工作日历) used for every deadline stated in working days
// (工作日). Weekends are rest days and Monday–Friday working days, except where the State Council's
// yearly holiday notice (国务院办公厅关于部分节假日安排的通知) says otherwise: a `holiday` entry
// makes any day a rest day, a `workday` entry (调休上班) makes a weekend day a working day.
//
// The notices are published one year at a time. For a year without entries the calendar still
// answers (Monday–Friday), but that answer ignores the holidays: callers that compute a deadline
// must check covers(year) for every year the computation touches, and tell the user when not.
// Entries are filed under the year of their date, but a notice can reach back into the last days
// of the previous December (元旦 arrangements such as 2018-12-29/31 in the 2019 notice), so a
// computation that ends in late December should also check the following year.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"

namespace skillreg {

enum class DayKind {
  holiday,  // 放假: a rest day inside a holiday period, weekends within the period included
  workday,  // 调休上班: an adjusted working day on a Saturday or Sunday
};

struct CalendarEntry {
  Date date;
  DayKind kind = DayKind::holiday;
  std::string name;  // the notice item, e.g. 春节, 国庆节
  bool operator==(const CalendarEntry&) const = default;
};

class Calendar {
 public:
  // An empty calendar: Monday–Friday working, covers no year.
  Calendar() = default;

  // Parses data/calendar_cn.csv: header `date,kind,name`, dates YYYY-MM-DD, kind holiday|workday,
  // name non-empty. Every bad row is reported as {"line N", problem} with problem one of
  // invalid_date, invalid_kind, missing_name, duplicate_date, workday_not_weekend (a `workday`
  // entry on Monday–Friday means the data is wrong, not that the day is special); CSV-level
  // problems come from read_csv_records (core/csv.hpp).
  static Result<Calendar> from_csv(std::string_view text);

  // Trusted entries (tests, already validated data), in any order. When two entries share a
  // date the later one in the vector wins.
  static Calendar from_entries(std::vector<CalendarEntry> entries);

  bool is_working_day(Date d) const;

  // n > 0: the n-th working day after `from` (from itself never counts); n < 0: the |n|-th
  // working day before `from`; n == 0: `from`, even if it is a rest day. Walks day by day, so n
  // is meant to be a deadline's size (tens or hundreds), not an arbitrary integer.
  Date add_working_days(Date from, int n) const;

  // The number of working days d with from < d <= to; 0 when to <= from.
  int working_days_between(Date from, Date to) const;

  // `d` if it is a working day, else the first working day after it (a deadline that falls on a
  // rest day moves to the next working day).
  Date next_working_day_on_or_after(Date d) const;

  // True when the calendar has at least one entry in `year`, i.e. that year's notice is loaded.
  bool covers(int year) const;
  // True when covers(y) for every year y between from.year and to.year inclusive (either order).
  bool covers_range(Date from, Date to) const;
  // The covered years, ascending.
  std::vector<int> years() const;

  // All entries sorted by date, one per date.
  const std::vector<CalendarEntry>& entries() const { return entries_; }

  // The entry for `d`, if any (holiday or workday).
  std::optional<CalendarEntry> entry(Date d) const;
  // The holiday's name when `d` is a `holiday` entry; nullopt for ordinary days and for
  // 调休 workdays (which carry the name of the holiday they serve, see entry()).
  std::optional<std::string> holiday_name(Date d) const;

 private:
  const CalendarEntry* find(Date d) const;

  std::vector<CalendarEntry> entries_;  // sorted by date, unique dates
  std::vector<int> years_;              // sorted, unique
};

}  // namespace skillreg
