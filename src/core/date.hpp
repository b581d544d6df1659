#pragma once
// Date: a calendar day (日期) without time or zone. Dates in skillreg are China Standard Time
// local dates (see core/clock.hpp); arithmetic here is pure proleptic Gregorian.
#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace skillreg {

// An aggregate so callers may write Date{2026, 3, 1}. Every member function other than
// is_valid() requires a real calendar date; Date::parse and the arithmetic only produce those.
struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  auto operator<=>(const Date&) const = default;
  bool operator==(const Date&) const = default;

  // Strict "YYYY-MM-DD": exactly 10 ASCII characters, zero-padded, a real calendar date, year
  // 1900–2200 (wider than any date the regulations can mean, narrower than what typos produce).
  static std::optional<Date> parse(std::string_view text);

  static Date from_sys_days(std::chrono::sys_days d);
  std::chrono::sys_days to_sys_days() const;

  // True when year/month/day name a real Gregorian date (no range limit on the year).
  bool is_valid() const;

  // "2026-03-01"
  std::string to_string() const;

  // ISO weekday: 1 = Monday … 7 = Sunday.
  int weekday() const;

  Date add_days(int n) const;
  // other − *this in days: positive when `other` is later.
  int days_until(Date other) const;
  // Calendar months; the day is clamped to the end of the target month
  // (2026-01-31 + 1 month = 2026-02-28).
  Date add_months(int n) const;
  // Calendar years, clamped the same way (2024-02-29 + 1 year = 2025-02-28).
  Date add_years(int n) const;
};

}  // namespace skillreg
