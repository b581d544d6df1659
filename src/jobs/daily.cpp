#include "jobs/daily.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "store/registry_repo.hpp"

namespace skillreg {

Result<DailyReport> run_daily_jobs(AppContext& ctx, RegistryService& registry, Date as_of, bool force,
                                   DailyJobs jobs) {
  auto claimed = ctx.db.write([&](Tx& tx) -> Result<bool> {
    return RegistryRepo(tx).claim_job_run("daily", as_of, ctx.clock.now(), "started");
  });
  if (!claimed) return std::unexpected(claimed.error());
  if (!*claimed && !force) return DailyReport{};
  reload_calendar(ctx);
  DailyReport report;
  report.ran = true;
  auto expired = registry.expire_institutions(as_of);  // M23
  if (!expired) return std::unexpected(expired.error());
  report.expired = *expired;
  if (jobs.monitoring) {  // S14(1): the daily full recompute
    auto run = jobs.monitoring->recompute_all(std::nullopt);
    if (!run) return std::unexpected(run.error());
    report.scored = run->total;
  }
  if (jobs.supervision) {  // M27 一公开
    auto published = jobs.supervision->publish_due_draws(as_of);
    if (!published) return std::unexpected(published.error());
    report.published_draws = *published;
  }
  if (jobs.enforcement) {  // S20, S21: the system proposes, an officer decides
    auto opened = jobs.enforcement->open_due_cases(as_of);
    if (!opened) return std::unexpected(opened.error());
    report.opened_cases = *opened;
  }
  if (jobs.notifications) {  // issue 10: reminders and calendar warnings, last (after what moved)
    auto run = jobs.notifications->run_reminders(as_of);
    if (!run) return std::unexpected(run.error());
    report.reminders = run->created;
    report.uncovered_years = run->uncovered_years;
  }
  spdlog::info("daily jobs for {}: {} institutions expired", as_of.to_string(), report.expired);
  return report;
}

DailyScheduler::DailyScheduler(AppContext& ctx, RegistryService& registry, DailyJobs jobs)
    : ctx_(ctx), registry_(registry), jobs_(jobs), thread_([this] { loop(); }) {}

DailyScheduler::~DailyScheduler() {
  stop_ = true;
  thread_.join();
}

void DailyScheduler::loop() {
  using namespace std::chrono_literals;
  while (!stop_) {
    // Another node (or the command line) may have edited the calendar.
    if (reload_calendar(ctx_)) spdlog::info("working-day calendar reloaded");
    if (auto r = run_daily_jobs(ctx_, registry_, local_date(ctx_.clock.now()), false, jobs_); !r)
      spdlog::error("daily jobs failed: {}", r.error().message_en);
    for (int i = 0; i < 600 && !stop_; ++i) std::this_thread::sleep_for(500ms);  // 5 minutes
  }
}

}  // namespace skillreg
