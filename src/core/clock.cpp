#include "core/clock.hpp"

#include <chrono>
#include <cstdio>

namespace skillreg {

namespace {
constexpr std::int64_t kCstOffset = 8 * 3600;
}

Instant SystemClock::now() const {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

std::string format_instant(Instant t) {
  using namespace std::chrono;
  const sys_seconds local{seconds{t + kCstOffset}};
  const auto day = floor<days>(local);
  const year_month_day ymd{day};
  const hh_mm_ss hms{local - day};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld+08:00", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), long(hms.hours().count()),
                long(hms.minutes().count()), long(hms.seconds().count()));
  return buf;
}

std::optional<Instant> parse_instant(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS followed by Z or ±HH:MM
  if (s.size() < 20) return std::nullopt;
  auto date = Date::parse(s.substr(0, 10));
  if (!date || s[10] != 'T' || s[13] != ':' || s[16] != ':') return std::nullopt;
  auto num = [&](std::size_t pos) -> int {
    if (pos + 2 > s.size() || s[pos] < '0' || s[pos] > '9' || s[pos + 1] < '0' || s[pos + 1] > '9')
      return -1;
    return (s[pos] - '0') * 10 + (s[pos + 1] - '0');
  };
  const int hh = num(11), mm = num(14), ss = num(17);
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return std::nullopt;
  std::int64_t offset = 0;
  const auto tz = s.substr(19);
  if (tz == "Z") {
    offset = 0;
  } else if (tz.size() == 6 && (tz[0] == '+' || tz[0] == '-') && tz[3] == ':') {
    const int oh = num(20), om = num(23);
    if (oh < 0 || oh > 14 || om < 0 || om > 59) return std::nullopt;
    offset = (oh * 3600 + om * 60) * (tz[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  using namespace std::chrono;
  const sys_days day{year{date->year} / month{unsigned(date->month)} / std::chrono::day{unsigned(date->day)}};
  return day.time_since_epoch().count() * 86400LL + hh * 3600 + mm * 60 + ss - offset;
}

Date local_date(Instant t) {
  using namespace std::chrono;
  const auto day = floor<days>(sys_seconds{seconds{t + kCstOffset}});
  const year_month_day ymd{day};
  return Date{int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}

}  // namespace skillreg

namespace skillreg {

Instant start_of_local_day(Date d) {
  return Instant(d.to_sys_days().time_since_epoch().count()) * 86400 - kCstOffset;
}

}  // namespace skillreg
