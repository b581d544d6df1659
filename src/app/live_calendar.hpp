#pragma once
// LiveCalendar: the working-day calendar held in memory while the server runs. The province
// authority can replace a year's entries (issue 10 §1) while requests are computing deadlines on
// other threads, so the calendar is an immutable Calendar behind a shared_ptr that is swapped
// whole under a mutex: a reader takes a snapshot and keeps using it even if a new one is
// installed meanwhile. `version` counts the swaps so callers can tell whether to reload.
//
// The forwarding members answer from the current snapshot, so one-shot uses read as before
// (`ctx.calendar.add_working_days(d, 5)`); a computation that asks several questions should take
// snapshot() once so every answer comes from the same calendar.
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "core/calendar.hpp"

namespace skillreg {

class LiveCalendar {
 public:
  LiveCalendar() : current_(std::make_shared<const Calendar>()) {}
  LiveCalendar(Calendar c) : current_(std::make_shared<const Calendar>(std::move(c))) {}  // NOLINT: implicit on purpose
  LiveCalendar(const LiveCalendar&) = delete;
  LiveCalendar& operator=(const LiveCalendar&) = delete;

  std::shared_ptr<const Calendar> snapshot() const {
    std::lock_guard lock(mutex_);
    return current_;
  }
  // Installs `c` unless it has the same entries as the current one; true when it changed.
  bool replace(Calendar c) {
    auto next = std::make_shared<const Calendar>(std::move(c));
    std::lock_guard lock(mutex_);
    if (current_->entries() == next->entries()) return false;
    current_ = std::move(next);
    ++version_;
    return true;
  }
  std::uint64_t version() const {
    std::lock_guard lock(mutex_);
    return version_;
  }

  bool is_working_day(Date d) const { return snapshot()->is_working_day(d); }
  Date add_working_days(Date from, int n) const { return snapshot()->add_working_days(from, n); }
  int working_days_between(Date from, Date to) const { return snapshot()->working_days_between(from, to); }
  Date next_working_day_on_or_after(Date d) const { return snapshot()->next_working_day_on_or_after(d); }
  bool covers(int year) const { return snapshot()->covers(year); }
  bool covers_range(Date from, Date to) const { return snapshot()->covers_range(from, to); }
  std::vector<int> years() const { return snapshot()->years(); }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const Calendar> current_;
  std::uint64_t version_ = 0;
};

}  // namespace skillreg
