#pragma once
// Named SQL of calendar upkeep (issue 10 §1): a year's entries replaced as a whole, and the
// calendar's revision (migration 0015) that other nodes compare to notice an edit.
#include <cstdint>
#include <vector>

#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "store/database.hpp"

namespace skillreg {

class CalendarRepo {
 public:
  explicit CalendarRepo(Tx& tx) : tx_(tx) {}

  std::vector<CalendarEntry> year(int year);
  void replace_year(int year, const std::vector<CalendarEntry>& entries);
  // Bumps the revision and answers the new one.
  std::int64_t bump_revision(Instant at);
  std::int64_t revision();

 private:
  Tx& tx_;
};

}  // namespace skillreg
