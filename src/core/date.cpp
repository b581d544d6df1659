#include "core/date.hpp"

#include <cstdio>

namespace skillreg {

namespace {

using std::chrono::year_month_day;

year_month_day to_ymd(const Date& d) {
  return year_month_day{std::chrono::year{d.year}, std::chrono::month{unsigned(d.month)},
                        std::chrono::day{unsigned(d.day)}};
}

Date from_ymd(year_month_day ymd) {
  return Date{int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}

// Parses exactly `len` ASCII digits at s[pos..], or -1.
int digits(std::string_view s, std::size_t pos, std::size_t len) {
  int v = 0;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2200;

}  // namespace

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int y = digits(text, 0, 4);
  const int m = digits(text, 5, 2);
  const int d = digits(text, 8, 2);
  if (y < kMinYear || y > kMaxYear || m < 0 || d < 0) return std::nullopt;
  const Date date{y, m, d};
  if (!date.is_valid()) return std::nullopt;
  return date;
}

Date Date::from_sys_days(std::chrono::sys_days d) {
  return from_ymd(year_month_day{d});
}

std::chrono::sys_days Date::to_sys_days() const {
  return std::chrono::sys_days{to_ymd(*this)};
}

bool Date::is_valid() const {
  // year_month_day stores the year as a short; keep out-of-range ints from wrapping.
  if (year < -32767 || year > 32767 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  return to_ymd(*this).ok();
}

std::string Date::to_string() const {
  // By hand in the usual range: a bulk batch formats a million dates, and snprintf spent more
  // time parsing its format than writing them (docs/benchmarks.md, "Where the time goes").
  if (year >= 0 && year <= 9999 && month >= 0 && month <= 99 && day >= 0 && day <= 99) {
    std::string s = "0000-00-00";
    s[0] = char('0' + year / 1000);
    s[1] = char('0' + year / 100 % 10);
    s[2] = char('0' + year / 10 % 10);
    s[3] = char('0' + year % 10);
    s[5] = char('0' + month / 10);
    s[6] = char('0' + month % 10);
    s[8] = char('0' + day / 10);
    s[9] = char('0' + day % 10);
    return s;
  }
  char buf[48];  // room for any int, so -Wformat-truncation stays quiet
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

int Date::weekday() const {
  return int(std::chrono::weekday{to_sys_days()}.iso_encoding());
}

Date Date::add_days(int n) const {
  return from_sys_days(to_sys_days() + std::chrono::days{n});
}

int Date::days_until(Date other) const {
  return int((other.to_sys_days() - to_sys_days()).count());
}

Date Date::add_months(int n) const {
  auto ymd = to_ymd(*this) + std::chrono::months{n};
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / std::chrono::last;  // clamp 31st → month end
  return from_ymd(ymd);
}

Date Date::add_years(int n) const {
  auto ymd = to_ymd(*this) + std::chrono::years{n};
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / std::chrono::last;  // 02-29 → 02-28
  return from_ymd(ymd);
}

}  // namespace skillreg
