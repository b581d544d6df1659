#include "app/monitoring_service.hpp"

#include <algorithm>
#include <random>
#include <set>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/activity_access.hpp"
#include "app/audit_trail.hpp"
#include "domain/activity/execution_rules.hpp"
#include "domain/monitoring/sampling.hpp"
#include "domain/supervision/credit_standing.hpp"
#include "store/archive_repo.hpp"
#include "store/case_repo.hpp"
#include "store/registry_repo.hpp"

namespace skillreg {

namespace {

// S8, S13: the caps the supervision archive puts on the star rating: the credit standing, and
// the interviews (S19) and written notices (S20) in force within the policy's cap_months.
SupervisionRecord supervision_record(const StandingFacts& facts, std::pair<int, int> interviews_notices) {
  const SupervisionPolicy policy;
  const auto standing = credit_standing(facts, policy);
  SupervisionRecord r;
  r.s19_interviews = interviews_notices.first;
  r.s20_notices = interviews_notices.second;
  r.standing = std::string(to_string(standing.level));
  r.standing_cap_stars = star_cap(standing.level, policy);
  return r;
}

bool is_province_authority(const Actor& a) {
  return a.role == Role::province_admin || a.role == Role::eval_center;
}

FactsSettings settings_of(const ActivityPolicy& activity) {
  FactsSettings s;
  s.pass_line = activity.pass_line;
  for (const auto& k : ArchiveCatalogue::required().kinds()) s.archive_required.push_back(k.key);
  return s;
}

StoredScore stored(const SnapshotPlan& plan, const PlanFacts& facts, PlanScore score, const std::string& exam_day,
                   const std::string& as_of, std::optional<std::int64_t> run, Instant now) {
  StoredScore s;
  s.plan_id = plan.id;
  s.institution_id = plan.institution_id;
  s.authority_code = plan.authority_code;
  s.site_region_code = plan.site_region_code;
  s.subject_code = plan.subject_code;
  s.level = plan.level;
  s.exam_day = exam_day;
  s.candidates = facts.admitted_count;
  s.finished = facts.days_since_exam.has_value();
  s.score = std::move(score);
  s.as_of = as_of;
  s.run_id = run;
  s.computed_at = now;
  return s;
}

std::string exam_day_of(const ActivitySnapshot& snap, std::int64_t plan_id) {
  std::optional<Instant> first;
  for (const auto& s : snap.sessions)
    if (s.plan_id == plan_id && (!first || s.starts_at < *first)) first = s.starts_at;
  return first ? local_date(*first).to_string() : "";
}

std::string critical_indicators(const PlanScore& s) {
  std::string out;
  for (const auto& d : s.deductions)
    if (d.critical) out += (out.empty() ? "" : ",") + d.indicator;
  return out;
}

SamplingItem sampling_item(const StoredScore& s, const std::string& reason, std::int64_t run, Instant now) {
  SamplingItem item;
  item.plan_id = s.plan_id;
  item.institution_id = s.institution_id;
  item.authority_code = s.authority_code;
  item.site_region_code = s.site_region_code;
  item.reason = reason;
  item.overall = s.score.overall;
  item.indicators = critical_indicators(s.score);
  item.run_id = run;
  item.created_at = now;
  return item;
}

// The competition rank ("1224") of `id` by overall, highest first, among `rows`.
std::optional<int> rank_of(const std::vector<const InstitutionAggregate*>& rows, std::int64_t id) {
  auto self = std::ranges::find(rows, id, &InstitutionAggregate::institution_id);
  if (self == rows.end()) return std::nullopt;
  int better = 0;
  for (const auto* r : rows)
    if (r->overall > (*self)->overall + 1e-9) ++better;
  return better + 1;
}

}  // namespace

MonitoringService::MonitoringService(AppContext& ctx, ActivityPolicy activity) : ctx_(ctx), activity_(activity) {}

MonitoringService::~MonitoringService() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
  if (recompute_.joinable()) recompute_.join();
}

void MonitoringService::start_worker() {
  // A run a stopped server left running never finishes: say so (its scores were never written).
  auto n = ctx_.db.write([&](Tx& tx) -> Result<int> { return MonitoringRepo(tx).mark_interrupted(ctx_.clock.now()); });
  if (n && *n > 0) spdlog::warn("{} monitoring runs were interrupted by a stop; the scores before them stand", *n);
  if (!worker_.joinable()) worker_ = std::thread([this] { worker(); });
}

// S14(1) 实时监测: plans whose records changed are re-scored within about a second.
void MonitoringService::worker() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stop_; });
      if (stop_) return;
    }
    auto n = rescore_dirty();
    if (n) continue;
    // Cut short by a stop (Database::interrupt_long_statements): the plans stay marked and are
    // re-scored after the next start.
    if (ctx_.db.interrupting()) {
      spdlog::info("monitoring: re-scoring stopped by the shutdown; done again at the next start");
      return;
    }
    spdlog::warn("monitoring: re-scoring changed plans failed: {}", n.error().message_en);
  }
}

MonitoringPolicy MonitoringService::active_policy(Tx& tx) {
  if (auto r = MonitoringRepo(tx).latest_policy())
    if (auto p = policy_from_json(r->policy, table())) {
      p->version = r->version;
      return *p;
    }
  return MonitoringPolicy{};  // version 1, the defaults of docs/monitoring.md
}

Result<PolicyRecord> MonitoringService::policy(const Actor& actor, std::optional<int> version) {
  if (!is_authority(actor.role)) return forbidden();
  return ctx_.db.read([&](Tx& tx) -> Result<PolicyRecord> {
    MonitoringRepo repo(tx);
    if (version) {
      if (auto r = repo.policy(*version)) return *r;
      if (*version != 1) return not_found("policy");
    } else if (auto r = repo.latest_policy()) {
      return *r;
    }
    return PolicyRecord{1, to_json(MonitoringPolicy{}), "default", std::nullopt, 0};
  });
}

Result<std::vector<PolicyRecord>> MonitoringService::policies(const Actor& actor) {
  if (!is_authority(actor.role)) return forbidden();
  return ctx_.db.read([&](Tx& tx) -> Result<std::vector<PolicyRecord>> {
    auto out = MonitoringRepo(tx).policies();
    // Version 1, the built-in defaults, is the first of every history.
    if (out.empty() || out.back().version != 1) out.push_back({1, to_json(MonitoringPolicy{}), "default", std::nullopt, 0});
    return out;
  });
}

// S13, S14: the province authority edits the policy; every edit is a new version and old scores
// keep the version they were computed with until a recompute is asked for.
Result<PolicyRecord> MonitoringService::put_policy(const Actor& actor, const nlohmann::json& body) {
  if (!is_province_authority(actor)) return forbidden();
  if (!body.is_object() || !body.contains("policy")) return invalid({{"policy", "required"}});
  std::string note;
  if (body.contains("note")) {
    if (!body["note"].is_string()) return invalid({{"note", "must_be_string"}});
    note = body["note"].get<std::string>();
    if (note.size() > 2000) return invalid({{"note", "too_long"}});
  }
  nlohmann::json input = body["policy"];
  if (input.is_object()) input.erase("version");  // the system numbers versions
  auto parsed = policy_from_json(input, table());
  if (!parsed) return std::unexpected(parsed.error());
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<PolicyRecord> {
    MonitoringRepo repo(tx);
    const auto latest = repo.latest_policy();
    const int version = latest ? latest->version + 1 : 2;  // version 1 is the built-in default
    parsed->version = version;
    PolicyRecord r{version, to_json(*parsed), note, actor.user_id, now};
    repo.insert_policy(r);
    record_change(tx, actor, now, {"monitoring.policy", "monitoring_policy", std::to_string(version),
                                   actor.region_code, std::nullopt,
                                   latest ? latest->policy : to_json(MonitoringPolicy{}), r.policy});
    return r;
  });
}

Result<StoredScore> MonitoringService::score_of(Tx& tx, std::int64_t plan_id, const MonitoringPolicy& policy) {
  const Instant now = ctx_.clock.now();
  const Date as_of = local_date(now);
  MonitoringRepo repo(tx);
  auto snap = repo.snapshot(as_of, plan_id);
  if (snap.targets.empty()) return not_found("plan");
  auto facts = build_plan_facts(snap, settings_of(activity_));
  const auto& plan = *std::ranges::find(snap.plans, plan_id, &SnapshotPlan::id);
  return stored(plan, facts.front(), score_plan(facts.front(), policy, table()), exam_day_of(snap, plan_id),
                as_of.to_string(), std::nullopt, now);
}

void MonitoringService::save_score(Tx& tx, const StoredScore& s, const MonitoringPolicy& policy) {
  MonitoringRepo repo(tx);
  repo.put_score(s);
  // S14(2): a critical anomaly enters the sampling queue at once; the random share is drawn by
  // the daily full run.
  if (s.score.critical) {
    const auto queued = repo.queued_plans();
    if (std::ranges::find(queued, s.plan_id) == queued.end())
      repo.enqueue({sampling_item(s, "critical", 0, s.computed_at)});
  }
  rate_institution(tx, s.institution_id, policy, local_date(s.computed_at));
}

// S13 星级评定: the candidate-weighted mean overall of the 12 months to `as_of`, capped by the
// supervision record: the credit standing of the supervision archive (S8), and the interviews
// (S19) and written notices (S20) of enforcement cases (issue 7; none until cases exist).
void MonitoringService::rate_institution(Tx& tx, std::int64_t institution_id, const MonitoringPolicy& policy,
                                         Date as_of) {
  MonitoringRepo repo(tx);
  const std::string from = as_of.add_months(-12).add_days(1).to_string(), to = as_of.to_string();
  auto rows = repo.aggregates(from, to, institution_id);
  if (rows.empty()) return;
  const auto& a = rows.front();
  auto facts = ArchiveRepo(tx).facts({institution_id}, ctx_.clock.now(), as_of);
  auto measures = CaseRepo(tx).interviews_and_notices_since(as_of.add_months(-policy.cap_months).to_string());
  const auto r = rating_of(a.overall, supervision_record(facts[institution_id], measures[institution_id]), policy);
  repo.put_rating({institution_id, from, to, r.stars, r.score_stars, a.overall, a.plans, a.candidates,
                   r.explanation, r.explanation_zh, policy.version, ctx_.clock.now()});
}

Result<StoredScore> MonitoringService::rescore(std::int64_t plan_id) {
  return ctx_.db.write_after_reading([&](Tx& tx) -> Result<StoredScore> {
    MonitoringRepo(tx).lock_scores();
    const auto policy = active_policy(tx);
    auto s = score_of(tx, plan_id, policy);
    if (s) save_score(tx, *s, policy);
    return s;
  });
}

Result<int> MonitoringService::rescore_dirty(int limit) {
  std::unique_lock running(run_mutex_, std::try_to_lock);
  if (!running) return 0;  // a full run is scoring everything anyway
  // Most of the time nothing changed: look with a read before taking the write lock.
  auto any = ctx_.db.read([](Tx& tx) -> Result<bool> { return MonitoringRepo(tx).any_dirty(); });
  if (!any) return std::unexpected(any.error());
  if (!*any) return 0;
  // S14(1): the plans are read and scored before anything is written, so that on SQLite other
  // writers are not held up for the seconds a plan of a million candidates takes to read.
  return ctx_.db.write_after_reading([&](Tx& tx) -> Result<int> {
    MonitoringRepo repo(tx);
    repo.lock_scores();
    const auto plans = repo.claim_dirty(limit);
    if (plans.empty()) return 0;
    const auto policy = active_policy(tx);
    std::vector<StoredScore> scores;
    for (auto id : plans)
      if (auto s = score_of(tx, id, policy)) scores.push_back(std::move(*s));  // a draft plan is skipped
    repo.release_dirty(plans);
    for (const auto& s : scores) save_score(tx, s, policy);
    return int(scores.size());
  });
}

Result<PlanScoreView> MonitoringService::plan_score(const Actor& actor, std::int64_t plan_id) {
  auto found = ctx_.db.read([&](Tx& tx) -> Result<std::optional<StoredScore>> {
    auto plan = load_plan_for_read(tx, ctx_, actor, plan_id);
    if (!plan) return std::unexpected(plan.error());
    if (plan->status == PlanStatus::draft)
      return std::unexpected(conflict("计划尚未公布，未纳入监测", "The plan is not published; it is not monitored").error());
    return MonitoringRepo(tx).score(plan_id);
  });
  if (!found) return std::unexpected(found.error());
  if (*found) return PlanScoreView{**found, &table()};
  // Not scored yet (published a moment ago): score it now.
  auto s = rescore(plan_id);
  if (!s) return std::unexpected(s.error());
  return PlanScoreView{*s, &table()};
}

Result<InstitutionScoreView> MonitoringService::institution_score(const Actor& actor, std::int64_t institution_id) {
  return ctx_.db.read([&](Tx& tx) -> Result<InstitutionScoreView> {
    auto inst = RegistryRepo(tx).institution(institution_id);
    if (!inst) return not_found("institution");
    const bool own = is_institution_role(actor.role) && actor.institution_id == inst->id;
    const bool supervises = is_authority(actor.role) && (ctx_.regions.contains(actor.region_code, inst->authority_code) ||
                                                         ctx_.regions.contains(actor.region_code, inst->region_code));
    if (!own && !supervises) return not_found("institution");
    MonitoringRepo repo(tx);
    const Date as_of = local_date(ctx_.clock.now());
    InstitutionScoreView v;
    v.institution_id = inst->id;
    v.period_start = as_of.add_months(-12).add_days(1).to_string();
    v.period_end = as_of.to_string();
    v.summary_only = !supervises;
    v.rating = repo.latest_rating(inst->id);
    const auto all = repo.aggregates(v.period_start, v.period_end, std::nullopt);
    auto self = std::ranges::find(all, inst->id, &InstitutionAggregate::institution_id);
    if (self != all.end()) v.aggregate = *self;
    if (v.summary_only) return v;
    v.trend = repo.monthly_trend(inst->id, v.period_start, v.period_end);
    auto city_of = [&](const std::string& code) {
      const Region* r = ctx_.regions.find(code);
      while (r && r->level == RegionLevel::county) r = ctx_.regions.find(r->parent_code);
      return r ? r->code : code;
    };
    std::vector<const InstitutionAggregate*> province, city;
    const std::string own_city = city_of(inst->region_code);
    for (const auto& a : all) {
      province.push_back(&a);
      if (city_of(a.region_code) == own_city) city.push_back(&a);
    }
    v.rank_province = rank_of(province, inst->id);
    v.rank_city = rank_of(city, inst->id);
    v.ranked_province = int(province.size());
    v.ranked_city = int(city.size());
    return v;
  });
}

Result<MonitoringRun> MonitoringService::start_recompute(const Actor& actor) {
  if (!is_province_authority(actor)) return forbidden();
  bool expected = false;
  if (!recomputing_.compare_exchange_strong(expected, true))
    return std::unexpected(conflict("已有全量重算正在进行", "A full recompute is already running").error());
  const Instant now = ctx_.clock.now();
  auto created = ctx_.db.write([&](Tx& tx) -> Result<MonitoringRun> {
    MonitoringRun r;
    r.kind = "full";
    r.status = "running";
    r.policy_version = active_policy(tx).version;
    r.as_of = local_date(now).to_string();
    r.stage = "queued";
    r.started_by = actor.user_id;
    r.started_at = now;
    r.id = MonitoringRepo(tx).insert_run(r);
    record_change(tx, actor, now, {"monitoring.recompute", "monitoring_run", std::to_string(r.id),
                                   actor.region_code, std::nullopt, nullptr, {{"policy_version", r.policy_version}}});
    return r;
  });
  if (!created) {
    recomputing_ = false;
    return created;
  }
  if (recompute_.joinable()) recompute_.join();
  recompute_ = std::thread([this, id = created->id, by = actor.user_id] {
    auto r = recompute_all(by, id);
    if (!r) spdlog::error("monitoring: full recompute {} failed: {}", id, r.error().message_en);
    recomputing_ = false;
  });
  return created;
}

// A run covers the whole province: its progress is for the province authorities who start runs.
Result<MonitoringRun> MonitoringService::run(const Actor& actor, std::int64_t id) {
  if (!is_province_authority(actor)) return forbidden();
  return ctx_.db.read([&](Tx& tx) -> Result<MonitoringRun> {
    if (auto r = MonitoringRepo(tx).run(id)) return *r;
    return not_found("run");
  });
}

// The full recompute (S14(1)): read every plan's records in one read transaction, score them,
// and write the whole new set, the sampling draw and the ratings in one write transaction, so a
// run killed at any point leaves the previous complete set in place.
Result<MonitoringRun> MonitoringService::recompute_all(std::optional<std::int64_t> started_by,
                                                       std::optional<std::int64_t> run_id) {
  std::lock_guard one_at_a_time(run_mutex_);
  const Instant started = ctx_.clock.now();
  const Date as_of = local_date(started);
  std::random_device rd;
  const std::uint64_t seed = (std::uint64_t(rd()) << 32) ^ rd();
  MonitoringRun run;
  auto progress = [&](const std::string& stage, std::int64_t done) {
    const bool next_stage = run.stage != stage;
    run.stage = stage;
    run.done = done;
    auto written = ctx_.db.write([&](Tx& tx) -> Status {
      MonitoringRepo(tx).update_run(run);
      return {};
    });
    if (next_stage && stage_observer_) stage_observer_(stage);
    return written;
  };
  auto created = ctx_.db.write([&](Tx& tx) -> Result<MonitoringRun> {
    MonitoringRepo repo(tx);
    if (run_id) {
      if (auto r = repo.run(*run_id)) return *r;
      return not_found("run");
    }
    MonitoringRun r;
    r.kind = "full";
    r.status = "running";
    r.policy_version = active_policy(tx).version;
    r.as_of = as_of.to_string();
    r.started_by = started_by;
    r.started_at = started;
    r.id = repo.insert_run(r);
    return r;
  });
  if (!created) return created;
  run = *created;
  run.seed = fmt::format("{:016x}", seed);

  struct Loaded {
    ActivitySnapshot snap;
    MonitoringPolicy policy;
  };
  auto fail = [&](const Error& e) -> Result<MonitoringRun> {
    run.status = "failed";
    run.error = e.message_en;
    run.finished_at = ctx_.clock.now();
    progress(run.stage, run.done);
    return std::unexpected(e);  // its claims stay marks (claim_dirty)
  };
  progress("loading", 0);
  // The marks are taken before the plans are read: a change committed from here on marks its
  // plan again, and the re-scorer scores it after this run (0027_monitoring_claims.sql).
  auto claimed = ctx_.db.write([&](Tx& tx) -> Status {
    MonitoringRepo repo(tx);
    repo.lock_scores();
    repo.claim_for_run(run.id);
    return {};
  });
  if (!claimed) return fail(claimed.error());
  auto loaded = ctx_.db.read([&](Tx& tx) -> Result<Loaded> {
    MonitoringRepo repo(tx);
    return Loaded{repo.snapshot(as_of, std::nullopt), active_policy(tx)};
  });
  if (!loaded) return fail(loaded.error());
  run.policy_version = loaded->policy.version;
  run.total = std::int64_t(loaded->snap.targets.size());
  progress("scoring", 0);
  const auto facts = build_plan_facts(loaded->snap, settings_of(activity_));
  std::unordered_map<std::int64_t, Instant> first_start;
  for (const auto& s : loaded->snap.sessions) {
    auto [it, fresh] = first_start.emplace(s.plan_id, s.starts_at);
    if (!fresh) it->second = std::min(it->second, s.starts_at);
  }
  std::vector<StoredScore> scores;
  scores.reserve(facts.size());
  const std::string as_of_text = as_of.to_string();
  for (std::size_t i = 0; i < facts.size(); ++i) {
    const auto& plan = loaded->snap.plans[i];  // targets are every loaded plan, in order
    auto fs = first_start.find(plan.id);
    scores.push_back(stored(plan, facts[i], score_plan(facts[i], loaded->policy, table()),
                            fs == first_start.end() ? "" : local_date(fs->second).to_string(), as_of_text, run.id,
                            started));
    if ((i + 1) % 10000 == 0) progress("scoring", std::int64_t(i + 1));
  }
  progress("saving", run.total);
  auto saved = ctx_.db.write([&](Tx& tx) -> Status {
    MonitoringRepo repo(tx);
    repo.lock_scores();
    // A plan another process re-scored since this run began keeps that score, which may have read
    // a change this run's read does not hold; it is marked again, so it is scored once more.
    const auto rescored_v = repo.rescored_during(run.id);
    const std::set<std::int64_t> rescored(rescored_v.begin(), rescored_v.end());
    std::vector<StoredScore> written;
    written.reserve(scores.size());
    for (const auto& s : scores)
      if (!rescored.contains(s.plan_id)) written.push_back(s);
    repo.replace_scores_of_run(run.id, written);
    repo.settle_claims(run.id);
    for (auto plan : rescored) repo.mark_dirty(plan);
    // S14(2) key sampling.
    const auto queued_v = repo.queued_plans(), considered_v = repo.considered_plans();
    const std::set<std::int64_t> queued(queued_v.begin(), queued_v.end()),
        considered(considered_v.begin(), considered_v.end());
    std::vector<SamplingCandidate> candidates;
    std::unordered_map<std::int64_t, const StoredScore*> by_plan;
    for (const auto& s : scores) {
      candidates.push_back({s.plan_id, s.score.overall, s.score.critical, s.finished});
      by_plan[s.plan_id] = &s;
    }
    const auto draw = draw_sampling(candidates, queued, considered, loaded->policy, seed);
    repo.consider(draw.considered, run.id);
    std::vector<SamplingItem> entering;
    for (const auto& e : draw.enqueue) entering.push_back(sampling_item(*by_plan[e.plan_id], e.reason, run.id, started));
    repo.enqueue(entering);
    run.sampled = std::int64_t(draw.enqueue.size());
    // S13 star ratings of every institution with scored plans in the period.
    const std::string from = as_of.add_months(-12).add_days(1).to_string();
    const auto facts = ArchiveRepo(tx).facts({}, started, as_of);
    auto measures =
        CaseRepo(tx).interviews_and_notices_since(as_of.add_months(-loaded->policy.cap_months).to_string());
    for (const auto& a : repo.aggregates(from, as_of_text, std::nullopt)) {
      const auto f = facts.find(a.institution_id);
      const auto r = rating_of(a.overall,
                               supervision_record(f == facts.end() ? StandingFacts{} : f->second, measures[a.institution_id]),
                               loaded->policy);
      repo.put_rating({a.institution_id, from, as_of_text, r.stars, r.score_stars, a.overall, a.plans, a.candidates,
                       r.explanation, r.explanation_zh, loaded->policy.version, started});
    }
    return {};
  });
  if (!saved) return fail(saved.error());
  run.status = "done";
  run.finished_at = ctx_.clock.now();
  progress("done", run.total);
  spdlog::info("monitoring: scored {} plans with policy {} ({} entered key sampling)", run.total,
               run.policy_version, run.sampled);
  return run;
}

Result<Page<SamplingItem>> MonitoringService::sampling(const Actor& actor, SamplingFilter filter,
                                                       const PageRequest& page) {
  if (!is_authority(actor.role)) return forbidden();
  filter.regions = ctx_.regions.subtree(actor.region_code);
  return ctx_.db.read([&](Tx& tx) -> Result<Page<SamplingItem>> { return MonitoringRepo(tx).sampling(filter, page); });
}

// S14(2): the authorities of the plan's area work the queue and record what they found.
Result<SamplingItem> MonitoringService::work_sampling(const Actor& actor, std::int64_t id, const SamplingWork& work) {
  if (!is_authority(actor.role)) return forbidden();
  std::vector<FieldProblem> problems;
  if (work.action != "recheck" && work.action != "question" && work.action != "visit")
    problems.push_back({"action", "must_be_one_of:recheck,question,visit"});
  if (work.outcome != "confirmed" && work.outcome != "cleared")
    problems.push_back({"outcome", "must_be_one_of:confirmed,cleared"});
  if (work.note.empty()) problems.push_back({"note", "required"});
  else if (work.note.size() > 4000) problems.push_back({"note", "too_long"});
  if (!problems.empty()) return invalid(problems);
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<SamplingItem> {
    MonitoringRepo repo(tx);
    auto item = repo.sampling_item(id);
    if (!item || !(ctx_.regions.contains(actor.region_code, item->site_region_code) ||
                   ctx_.regions.contains(actor.region_code, item->authority_code)))
      return not_found("sampling item");
    if (item->status == "done")
      return std::unexpected(conflict("该抽查已办结", "This sampling item is already done").error());
    const SamplingItem before = *item;
    item->status = "done";
    item->action = work.action;
    item->outcome = work.outcome;
    item->note = work.note;
    item->worked_by = actor.user_id;
    item->worked_at = now;
    repo.update_sampling(*item);
    record_change(tx, actor, now, {"monitoring.sampling", "sampling_item", std::to_string(id), item->site_region_code,
                                   item->institution_id, {{"status", before.status}},
                                   {{"status", "done"}, {"plan_id", item->plan_id}, {"action", work.action},
                                    {"outcome", work.outcome}, {"note", work.note}}});
    return *item;
  });
}

Result<std::map<std::int64_t, Rating>> MonitoringService::public_ratings(const std::vector<std::int64_t>& ids) {
  return ctx_.db.read([&](Tx& tx) -> Result<std::map<std::int64_t, Rating>> {
    MonitoringRepo repo(tx);
    std::map<std::int64_t, Rating> out;
    for (auto id : ids)
      if (auto r = repo.latest_rating(id)) out.emplace(id, *r);
    return out;
  });
}

Result<Page<MonitoringRepo::RatedInstitution>> MonitoringService::ratings(const Actor& actor, std::optional<int> stars,
                                                                          const PageRequest& page) {
  if (!is_authority(actor.role)) return forbidden();
  const auto regions = ctx_.regions.subtree(actor.region_code);
  return ctx_.db.read([&](Tx& tx) -> Result<Page<MonitoringRepo::RatedInstitution>> {
    return MonitoringRepo(tx).ratings(regions, stars, page);
  });
}

}  // namespace skillreg
