#pragma once
// Use cases of digital monitoring 数字化监测 (S13, S14):
//   - the policy 监测规则: read by every authority, a new version written by the province
//     (province_admin, eval_center); an invalid policy is refused and the one in force stays;
//   - plan scores: every plan scored on its records with the policy in force, each deduction
//     naming its records; re-scored promptly after any write to its records (the tables mark the
//     plan dirty; a worker re-scores it), and all plans on demand or daily (`skillreg monitor
//     --all`), in one transaction with progress, so an interrupted run leaves the old set;
//   - institution scores: the rolling 12 months, weighted by candidates, trend by month and rank
//     in the province and the city, for the supervising authorities; a summary for the
//     institution itself;
//   - key sampling 重点抽查 (S14(2)): the queue, worked by the authorities of the plan's area;
//   - star ratings 星级评定 (S13), per institution per 12-month period.
#include <atomic>
#include <map>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "app/context.hpp"
#include "domain/accounts/actor.hpp"
#include "domain/activity/activity_policy.hpp"
#include "domain/monitoring/rating.hpp"
#include "store/monitoring_repo.hpp"

namespace skillreg {

struct PlanScoreView {
  StoredScore stored;
  const IndicatorTable* table = nullptr;
};

struct InstitutionScoreView {
  std::int64_t institution_id = 0;
  std::string period_start, period_end;
  std::optional<InstitutionAggregate> aggregate;  // none without scored plans in the period
  std::vector<std::pair<std::string, double>> trend;
  std::optional<int> rank_province, rank_city;
  int ranked_province = 0, ranked_city = 0;
  std::optional<Rating> rating;
  bool summary_only = false;  // the institution's own staff see the summary (S13)
};

struct SamplingWork {
  std::string action, outcome, note;  // recheck|question|visit; confirmed|cleared
};

class MonitoringService {
 public:
  MonitoringService(AppContext& ctx, ActivityPolicy activity);
  ~MonitoringService();
  MonitoringService(const MonitoringService&) = delete;
  MonitoringService& operator=(const MonitoringService&) = delete;

  // Starts the worker that re-scores dirty plans (serve only).
  void start_worker();

  Result<PolicyRecord> policy(const Actor& actor, std::optional<int> version);
  Result<std::vector<PolicyRecord>> policies(const Actor& actor);
  Result<PolicyRecord> put_policy(const Actor& actor, const nlohmann::json& body);

  Result<PlanScoreView> plan_score(const Actor& actor, std::int64_t plan_id);
  Result<InstitutionScoreView> institution_score(const Actor& actor, std::int64_t institution_id);

  // A full recompute in the background (province authorities); 409 while one runs.
  Result<MonitoringRun> start_recompute(const Actor& actor);
  Result<MonitoringRun> run(const Actor& actor, std::int64_t id);
  // The full recompute itself, in the caller's thread (daily job, CLI, demo). `progress` is called
  // after each stage.
  Result<MonitoringRun> recompute_all(std::optional<std::int64_t> started_by, std::optional<std::int64_t> run_id = {});

  // Called as a full run enters each stage (loading, scoring, saving, done), in its thread: the
  // tests change records between the run's read and its write.
  void observe_stages(std::function<void(const std::string&)> observer) { stage_observer_ = std::move(observer); }

  // Re-scores one plan now with the policy in force (the system acting; no actor).
  Result<StoredScore> rescore(std::int64_t plan_id);

  // Re-scores the plans marked dirty; returns how many.
  Result<int> rescore_dirty(int limit = 200);

  Result<Page<SamplingItem>> sampling(const Actor& actor, SamplingFilter filter, const PageRequest& page);
  Result<SamplingItem> work_sampling(const Actor& actor, std::int64_t id, const SamplingWork& work);

  // S13: the stars shown in the public directory, by institution id (those rated only).
  Result<std::map<std::int64_t, Rating>> public_ratings(const std::vector<std::int64_t>& institution_ids);
  // The latest ratings of the institutions the authority supervises.
  Result<Page<MonitoringRepo::RatedInstitution>> ratings(const Actor& actor, std::optional<int> stars,
                                                         const PageRequest& page);

  const IndicatorTable& table() const { return IndicatorTable::standard(); }

 private:
  MonitoringPolicy active_policy(Tx& tx);
  // A plan's score from the data (reads only), then stored with what follows from it.
  Result<StoredScore> score_of(Tx& tx, std::int64_t plan_id, const MonitoringPolicy& policy);
  void save_score(Tx& tx, const StoredScore& s, const MonitoringPolicy& policy);
  void rate_institution(Tx& tx, std::int64_t institution_id, const MonitoringPolicy& policy, Date as_of);
  void worker();

  AppContext& ctx_;
  ActivityPolicy activity_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::atomic<bool> recomputing_{false};  // a run started through the API is under way
  std::mutex run_mutex_;                    // one full run at a time; the re-scorer waits for it
  std::thread worker_, recompute_;
  std::function<void(const std::string&)> stage_observer_;
};

}  // namespace skillreg
