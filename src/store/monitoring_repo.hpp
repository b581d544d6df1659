#pragma once
// Persistence of digital monitoring 数字化监测 (S13, S14): the records a score is computed from
// (as an ActivitySnapshot), the versioned policy, the plans' scores, the runs, the key-sampling
// queue 重点抽查 and the star ratings 星级评定.
#include <cstdint>
#include <array>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/monitoring/activity_snapshot.hpp"
#include "domain/monitoring/scoring.hpp"
#include "store/database.hpp"
#include "store/paging.hpp"

namespace skillreg {

struct PolicyRecord {
  int version = 0;
  nlohmann::json policy;
  std::string note;
  std::optional<std::int64_t> created_by;
  Instant created_at = 0;
};

// A plan's stored score with what it is grouped by.
struct StoredScore {
  std::int64_t plan_id = 0, institution_id = 0;
  std::string authority_code, site_region_code, subject_code;
  int level = 0;
  std::string exam_day;  // "" without sessions
  int candidates = 0;
  bool finished = false;
  PlanScore score;
  std::string as_of;
  std::optional<std::int64_t> run_id;
  Instant computed_at = 0;
};

struct MonitoringRun {
  std::int64_t id = 0;
  std::string kind, status;  // full | plan; running | done | failed
  int policy_version = 0;
  std::string as_of, seed, stage, error;
  std::int64_t total = 0, done = 0, sampled = 0;
  std::optional<std::int64_t> started_by;
  Instant started_at = 0;
  std::optional<Instant> finished_at;
};

struct SamplingItem {
  std::int64_t id = 0, plan_id = 0, institution_id = 0, run_id = 0;
  std::string authority_code, site_region_code, reason, indicators, status, action, outcome, note;
  std::string institution_name;  // read only
  double overall = 0;
  std::optional<std::int64_t> worked_by;
  std::optional<Instant> worked_at;
  Instant created_at = 0;
};

struct SamplingFilter {
  std::vector<std::string> regions;  // the caller's scope: site_region_code or authority_code in it
  std::optional<std::string> status, reason;
  std::optional<std::int64_t> institution_id;
};

struct Rating {
  std::int64_t institution_id = 0;
  std::string period_start, period_end;
  int stars = 1, score_stars = 1;
  std::optional<double> mean_overall;
  int plans = 0, candidates = 0;
  std::string explanation, explanation_zh;
  int policy_version = 0;
  Instant computed_at = 0;
};

// The candidate-weighted means of one institution's plans in a window.
struct InstitutionAggregate {
  std::int64_t institution_id = 0;
  std::string region_code;  // the institution's, for the city rank
  int plans = 0, candidates = 0;
  std::array<double, kDimensionCount> dimensions{};
  double overall = 0;
};

class MonitoringRepo {
 public:
  explicit MonitoringRepo(Tx& tx) : tx_(tx) {}

  // Every published or cancelled plan (target = nullopt), or one plan and the records of the
  // plans that share an identity, a person or a paper with it.
  ActivitySnapshot snapshot(Date as_of, std::optional<std::int64_t> target);

  std::optional<PolicyRecord> latest_policy();
  std::optional<PolicyRecord> policy(int version);
  std::vector<PolicyRecord> policies();
  void insert_policy(const PolicyRecord& r);

  // The plans re-scored one by one (put_score) since the full run `run_id` was begun: by another
  // process while it was scoring (0027_monitoring_claims.sql).
  std::vector<std::int64_t> rescored_during(std::int64_t run_id);
  // The full run's scores: every score but those rescored_during() it goes, `scores` in their place.
  void replace_scores_of_run(std::int64_t run_id, const std::vector<StoredScore>& scores);
  // Holds the writing of scores to this transaction (PostgreSQL; a no-op on SQLite, which runs one
  // writer at a time). Every transaction that writes scores takes it before anything else:
  // PostgreSQL runs writers side by side, and in two processes (a node's re-scoring of changed
  // plans and the command line's daily full run, or two nodes) the full run (every score, then
  // the marks) and the re-scoring (the marks, then the scores) took rows in opposite orders and
  // deadlocked; two scorings of one plan would also both find no score and both insert one.
  void lock_scores();
  // One plan's score, re-scored (not by a full run).
  void put_score(const StoredScore& s);
  std::optional<StoredScore> score(std::int64_t plan_id);
  // Marks the plan for re-scoring (S14(1)) where no trigger does: inserts of candidates
  // (migration 0017), marked once per call or per plan of a batch.
  void mark_dirty(std::int64_t plan_id);
  // The plans marked for re-scoring, at most `limit`, claimed by this transaction in a way that
  // loses no mark made while they are scored: call release_dirty() with them once their scores
  // are written. On PostgreSQL the marks are removed at once (a change committed while the plan
  // is scored marks it again); on SQLite they are only read here and removed by release_dirty(),
  // so that reading and scoring take no write lock (Database::write_after_reading(), which
  // starts again if anything was committed meanwhile).
  std::vector<std::int64_t> claim_dirty(int limit);
  void release_dirty(const std::vector<std::int64_t>& plans);
  bool any_dirty();
  // A full run's marks (0027_monitoring_claims.sql): claim_for_run() moves every mark to the run
  // before it reads the plans, so that a change made while it scores marks the plan afresh;
  // settle_claims() drops them in the transaction that writes its scores. The claims of a run
  // that never got there are marks to claim_dirty(). Returns how many plans were claimed.
  int claim_for_run(std::int64_t run_id);
  void settle_claims(std::int64_t run_id);

  std::int64_t insert_run(const MonitoringRun& r);
  void update_run(const MonitoringRun& r);
  std::optional<MonitoringRun> run(std::int64_t id);
  std::optional<MonitoringRun> latest_run();
  // Runs a stopped process left running become failed ("interrupted"); returns how many.
  int mark_interrupted(Instant at);

  // Sampling: the plans already queued, those that took part in a random draw, and new rows.
  std::vector<std::int64_t> queued_plans();
  std::vector<std::int64_t> considered_plans();
  void enqueue(const std::vector<SamplingItem>& items);
  void consider(const std::vector<std::pair<std::int64_t, bool>>& plans, std::int64_t run_id);
  Page<SamplingItem> sampling(const SamplingFilter& f, const PageRequest& page);
  std::optional<SamplingItem> sampling_item(std::int64_t id);
  void update_sampling(const SamplingItem& item);

  // Candidate-weighted means over plans whose exam_day is in [from, to], one row per
  // institution (all institutions when `institution_id` is none).
  std::vector<InstitutionAggregate> aggregates(const std::string& from, const std::string& to,
                                               std::optional<std::int64_t> institution_id);
  // Mean overall per month ("YYYY-MM") of one institution's plans in [from, to].
  std::vector<std::pair<std::string, double>> monthly_trend(std::int64_t institution_id, const std::string& from,
                                                            const std::string& to);
  // For measuring detection against a synthetic province's ground truth (docs/monitoring.md):
  // (kind, object id) of every injected irregularity, every stored score's JSON, and the person
  // of every assignment.
  std::vector<std::pair<std::string, std::string>> synthetic_truth();
  std::vector<nlohmann::json> score_documents();
  std::unordered_map<std::int64_t, std::int64_t> assignment_people();

  void put_rating(const Rating& r);
  std::optional<Rating> latest_rating(std::int64_t institution_id);
  // The latest rating of every institution whose region or authority is in `regions`, with the
  // institution's code and name, best first; `stars` filters.
  struct RatedInstitution {
    Rating rating;
    std::string code, name, region_code;
  };
  Page<RatedInstitution> ratings(const std::vector<std::string>& regions, std::optional<int> stars,
                                 const PageRequest& page);
  std::vector<std::int64_t> institution_ids();

 private:
  void delete_dirty(const std::vector<std::int64_t>& plans);
  Tx& tx_;
};

}  // namespace skillreg
