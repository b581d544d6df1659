#pragma once
// The daily jobs: time-driven rules applied once per calendar day (China Standard Time), by
// one node even when several serve the same database.
//   - M23: institutions whose validity ended without renewal become expired and leave the
//     directory;
//   - S13, S14: every plan re-scored, the key-sampling share drawn and the stars rated;
//   - M27 一公开: draws whose results are due for publication are published;
//   - S20(3), S20(4), S20(6), S21(6), S21(7): cases opened for what the law makes due;
//   - reminders (issue 10 §2) for the deadlines in force, and a warning to the province when a
//     deadline reaches a year the holiday calendar does not cover (issue 10 §1).
// The calendar is re-read from the database first, so an edit made on another node counts.
#include <atomic>
#include <optional>
#include <string>
#include <thread>

#include "app/enforcement_service.hpp"
#include "app/monitoring_service.hpp"
#include "app/notification_service.hpp"
#include "app/registry_service.hpp"
#include "app/supervision_service.hpp"

namespace skillreg {

struct DailyReport {
  bool ran = false;  // false: this date's jobs had already run
  int expired = 0;
  std::int64_t scored = 0;  // plans scored by the full monitoring run (0 without one)
  int published_draws = 0;
  int opened_cases = 0;
  int reminders = 0;                  // notifications written
  std::vector<int> uncovered_years;   // years without a holiday calendar that deadlines reach
};

// The services whose daily work runs when given.
struct DailyJobs {
  MonitoringService* monitoring = nullptr;
  SupervisionService* supervision = nullptr;
  EnforcementService* enforcement = nullptr;
  NotificationService* notifications = nullptr;
};

// Runs the jobs for `as_of` unless they already ran for that date; `force` runs them again (every
// job is idempotent: it only moves what is due and not yet moved).
Result<DailyReport> run_daily_jobs(AppContext& ctx, RegistryService& registry, Date as_of,
                                   bool force = false, DailyJobs jobs = {});

// Checks every few minutes whether today's jobs have run, and runs them if not.
class DailyScheduler {
 public:
  DailyScheduler(AppContext& ctx, RegistryService& registry, DailyJobs jobs = {});
  ~DailyScheduler();
  DailyScheduler(const DailyScheduler&) = delete;
  DailyScheduler& operator=(const DailyScheduler&) = delete;

 private:
  void loop();
  AppContext& ctx_;
  RegistryService& registry_;
  DailyJobs jobs_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace skillreg
