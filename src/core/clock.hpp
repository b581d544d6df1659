#pragma once
// Time: instants are whole seconds since the Unix epoch (UTC); the province's local time is
// China Standard Time, UTC+08:00 all year (no daylight saving), used for dates and display.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"

namespace skillreg {

using Instant = std::int64_t;  // seconds since 1970-01-01T00:00:00Z

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override;
};

// The system clock shifted by a fixed number of seconds. Only `serve` uses it, when the operator
// sets SKILLREG_CLOCK_OFFSET_DAYS for a rehearsal or a test of deadlines; it says so at start-up.
class OffsetClock final : public Clock {
 public:
  explicit OffsetClock(Instant offset) : offset_(offset) {}
  Instant now() const override { return SystemClock{}.now() + offset_; }

 private:
  Instant offset_;
};

// A clock that says what it is told to, for tests.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Instant t) : t_(t) {}
  Instant now() const override { return t_; }
  void set(Instant t) { t_ = t; }

 private:
  Instant t_;
};

// "2026-03-01T09:30:00+08:00"
std::string format_instant(Instant t);
std::optional<Instant> parse_instant(std::string_view iso);
// The calendar date in China Standard Time at instant t.
Date local_date(Instant t);
// The first instant of day d in China Standard Time.
Instant start_of_local_day(Date d);

}  // namespace skillreg
