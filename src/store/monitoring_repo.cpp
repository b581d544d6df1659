#include "store/monitoring_repo.hpp"

namespace skillreg {

namespace {

// monitoring_dirty has no trigger of its own, so an UPSERT is safe (see 0010_monitoring.sql).
constexpr const char* kMarkDirty =
    "INSERT INTO monitoring_dirty (plan_id) VALUES (:p) ON CONFLICT (plan_id) DO NOTHING";
constexpr const char* kPolicyColumns =
    "SELECT version, policy_json, note, COALESCE(created_by, 0), created_at FROM monitoring_policies";

struct PolicyRow {
  long long version = 0, by = 0, at = 0;
  std::string json, note;
  PolicyRecord finish() const {
    PolicyRecord r{int(version), nlohmann::json::parse(json, nullptr, false), note, std::nullopt, at};
    if (by != 0) r.created_by = by;
    return r;
  }
};

constexpr const char* kInsertScore =
    "INSERT INTO plan_scores (plan_id, institution_id, authority_code, site_region_code, subject_code, level,"
    " exam_day, candidates, policy_version, plan_validity, qualification_accuracy, question_usage,"
    " personnel_compliance, result_authenticity, traceability, overall, critical, finished, score_json, as_of,"
    " run_id, computed_at) VALUES (:plan, :inst, :auth, :site, :subject, :level, :day, :cand, :pv, :d0, :d1, :d2,"
    " :d3, :d4, :d5, :overall, :critical, :finished, :json, :as_of, :run, :at)"
    // An upsert: on PostgreSQL a plan's re-score (under its plan lock) and the full daily run
    // (which replaces every score without taking 36,000 locks) may write one plan at once.
    " ON CONFLICT (plan_id) DO UPDATE SET institution_id = excluded.institution_id,"
    " authority_code = excluded.authority_code, site_region_code = excluded.site_region_code,"
    " subject_code = excluded.subject_code, level = excluded.level, exam_day = excluded.exam_day,"
    " candidates = excluded.candidates, policy_version = excluded.policy_version,"
    " plan_validity = excluded.plan_validity, qualification_accuracy = excluded.qualification_accuracy,"
    " question_usage = excluded.question_usage, personnel_compliance = excluded.personnel_compliance,"
    " result_authenticity = excluded.result_authenticity, traceability = excluded.traceability,"
    " overall = excluded.overall, critical = excluded.critical, finished = excluded.finished,"
    " score_json = excluded.score_json, as_of = excluded.as_of, run_id = excluded.run_id,"
    " computed_at = excluded.computed_at";

constexpr const char* kScoreColumns =
    "SELECT plan_id, institution_id, authority_code, site_region_code, subject_code, level, exam_day, candidates,"
    " finished, score_json, as_of, COALESCE(run_id, 0), computed_at FROM plan_scores";

// Reads a stored score's JSON back into a PlanScore (the scores, deductions and notes).
PlanScore score_from_json(const nlohmann::json& j) {
  PlanScore s;
  if (!j.is_object()) return s;
  s.plan_id = j.value("plan_id", std::int64_t{0});
  s.policy_version = j.value("policy_version", 0);
  for (Dimension d : kDimensions) s.dimensions[std::size_t(d)] = j.value(std::string(to_string(d)), 100.0);
  s.overall = j.value("overall", 100.0);
  s.critical = j.value("critical", false);
  for (const auto& x : j.value("deductions", nlohmann::json::array())) {
    Deduction d;
    d.indicator = x.value("indicator", "");
    d.dimension = parse_dimension(x.value("dimension", "")).value_or(Dimension::plan_validity);
    d.article = x.value("article", "");
    d.amount = x.value("amount", 0.0);
    d.count = x.value("count", 0);
    d.critical = x.value("critical", false);
    d.records = x.value("records", std::vector<std::string>{});
    d.explanation = x.value("explanation", "");
    d.explanation_zh = x.value("explanation_zh", "");  // none in scores stored before it was written
    s.deductions.push_back(std::move(d));
  }
  for (const auto& x : j.value("notes", nlohmann::json::array()))
    s.notes.push_back({x.value("indicator", ""), x.value("explanation", ""), x.value("explanation_zh", "")});
  return s;
}

constexpr const char* kRunColumns =
    "SELECT id, kind, status, policy_version, as_of, seed, total, done, stage, sampled, COALESCE(started_by, 0),"
    " started_at, COALESCE(finished_at, -1), error FROM monitoring_runs";

struct RunRow {
  MonitoringRun r;
  long long version = 0, by = 0, finished = -1;
  MonitoringRun finish() {
    r.policy_version = int(version);
    if (by != 0) r.started_by = by;
    if (finished >= 0) r.finished_at = finished;
    return r;
  }
};
#define SKILLREG_RUN_INTO(x)                                                                            \
  soci::into((x).r.id), soci::into((x).r.kind), soci::into((x).r.status), soci::into((x).version),        \
      soci::into((x).r.as_of), soci::into((x).r.seed), soci::into((x).r.total), soci::into((x).r.done),   \
      soci::into((x).r.stage), soci::into((x).r.sampled), soci::into((x).by), soci::into((x).r.started_at), \
      soci::into((x).finished), soci::into((x).r.error)

constexpr const char* kSamplingColumns =
    "SELECT id, plan_id, institution_id, run_id, authority_code, site_region_code, reason, indicators, status,"
    " action, outcome, note, overall, COALESCE(worked_by, 0), COALESCE(worked_at, -1), created_at,"
    " (SELECT i.name FROM institutions i WHERE i.id = sampling_queue.institution_id)"
    " FROM sampling_queue";

struct SamplingRow {
  SamplingItem s;
  long long by = 0, at = -1;
  SamplingItem finish() {
    if (by != 0) s.worked_by = by;
    if (at >= 0) s.worked_at = at;
    return s;
  }
};
#define SKILLREG_SAMPLING_INTO(x)                                                                         \
  soci::into((x).s.id), soci::into((x).s.plan_id), soci::into((x).s.institution_id), soci::into((x).s.run_id), \
      soci::into((x).s.authority_code), soci::into((x).s.site_region_code), soci::into((x).s.reason),       \
      soci::into((x).s.indicators), soci::into((x).s.status), soci::into((x).s.action),                     \
      soci::into((x).s.outcome), soci::into((x).s.note), soci::into((x).s.overall), soci::into((x).by),     \
      soci::into((x).at), soci::into((x).s.created_at), soci::into((x).s.institution_name)

// The scope of a list: the caller's regions match the plan's site region or its authority.
constexpr const char* kSamplingWhere =
    " WHERE (:rg1 LIKE '%,' || site_region_code || ',%' OR :rg2 LIKE '%,' || authority_code || ',%')"
    " AND (:st1 = '' OR status = :st2) AND (:re1 = '' OR reason = :re2)"
    " AND (:in1 = 0 OR institution_id = :in2)";

}  // namespace

std::optional<PolicyRecord> MonitoringRepo::latest_policy() {
  PolicyRow r;
  soci::indicator ind = soci::i_null;
  tx_.sql << std::string(kPolicyColumns) + " ORDER BY version DESC LIMIT 1", soci::into(r.version, ind),
      soci::into(r.json), soci::into(r.note), soci::into(r.by), soci::into(r.at);
  if (!tx_.sql.got_data()) return std::nullopt;
  return r.finish();
}

std::optional<PolicyRecord> MonitoringRepo::policy(int version) {
  PolicyRow r;
  long long v = version;
  tx_.sql << std::string(kPolicyColumns) + " WHERE version = :v", soci::into(r.version), soci::into(r.json),
      soci::into(r.note), soci::into(r.by), soci::into(r.at), soci::use(v);
  if (!tx_.sql.got_data()) return std::nullopt;
  return r.finish();
}

std::vector<PolicyRecord> MonitoringRepo::policies() {
  PolicyRow r;
  soci::statement st = (tx_.sql.prepare << std::string(kPolicyColumns) + " ORDER BY version DESC",
                        soci::into(r.version), soci::into(r.json), soci::into(r.note), soci::into(r.by),
                        soci::into(r.at));
  st.execute();
  std::vector<PolicyRecord> out;
  while (st.fetch()) out.push_back(r.finish());
  return out;
}

void MonitoringRepo::insert_policy(const PolicyRecord& r) {
  long long v = r.version, at = r.created_at, by = r.created_by.value_or(0);
  soci::indicator by_ind = r.created_by ? soci::i_ok : soci::i_null;
  const std::string json = r.policy.dump(), note = r.note;
  tx_.sql << "INSERT INTO monitoring_policies (version, policy_json, note, created_by, created_at)"
             " VALUES (:v, :j, :n, :b, :t)",
      soci::use(v), soci::use(json), soci::use(note), soci::use(by, by_ind), soci::use(at);
}

namespace {

// The bound values of one plan_scores row; one prepared INSERT is executed for every score.
struct ScoreRow {
  long long plan = 0, inst = 0, level = 0, cand = 0, pv = 0, critical = 0, finished = 0, run = 0, at = 0;
  soci::indicator run_ind = soci::i_null;
  std::string authority, site, subject, day, json, as_of;
  std::array<double, kDimensionCount> d{};
  double overall = 0;

  void set(const StoredScore& s) {
    plan = s.plan_id, inst = s.institution_id, level = s.level, cand = s.candidates;
    pv = s.score.policy_version, critical = s.score.critical, finished = s.finished;
    run = s.run_id.value_or(0), run_ind = s.run_id ? soci::i_ok : soci::i_null, at = s.computed_at;
    authority = s.authority_code, site = s.site_region_code, subject = s.subject_code, day = s.exam_day;
    json = to_json(s.score).dump(), as_of = s.as_of;
    d = s.score.dimensions, overall = s.score.overall;
  }
  soci::statement prepare(soci::session& sql) {
    return (sql.prepare << kInsertScore, soci::use(plan), soci::use(inst), soci::use(authority), soci::use(site),
            soci::use(subject), soci::use(level), soci::use(day), soci::use(cand), soci::use(pv), soci::use(d[0]),
            soci::use(d[1]), soci::use(d[2]), soci::use(d[3]), soci::use(d[4]), soci::use(d[5]), soci::use(overall),
            soci::use(critical), soci::use(finished), soci::use(json), soci::use(as_of), soci::use(run, run_ind),
            soci::use(at));
  }
};

}  // namespace

std::vector<std::int64_t> MonitoringRepo::rescored_during(std::int64_t run_id) {
  std::vector<std::int64_t> out;
  long long id = 0, run = run_id;
  soci::statement st = (tx_.sql.prepare << "SELECT plan_id FROM plan_scores WHERE rescored_after_run >= :r",
                        soci::into(id), soci::use(run));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

void MonitoringRepo::replace_scores_of_run(std::int64_t run_id, const std::vector<StoredScore>& scores) {
  long long run = run_id;
  tx_.sql << "DELETE FROM plan_scores WHERE rescored_after_run < :r", soci::use(run);
  ScoreRow row;
  soci::statement insert = row.prepare(tx_.sql);
  for (const auto& s : scores) {
    row.set(s);
    insert.execute(true);
  }
}

void MonitoringRepo::lock_scores() {
  if (tx_.backend == Backend::postgresql) tx_.sql << "SELECT pg_advisory_xact_lock(330000002)";
}

void MonitoringRepo::put_score(const StoredScore& s) {
  ScoreRow row;
  row.set(s);
  row.prepare(tx_.sql).execute(true);
  long long plan = s.plan_id;
  tx_.sql << "UPDATE plan_scores SET rescored_after_run = (SELECT COALESCE(MAX(id), 0) FROM monitoring_runs)"
             " WHERE plan_id = :p",
      soci::use(plan);
}

std::optional<StoredScore> MonitoringRepo::score(std::int64_t plan_id) {
  StoredScore s;
  long long plan = plan_id, level = 0, cand = 0, finished = 0, run = 0;
  std::string json;
  tx_.sql << std::string(kScoreColumns) + " WHERE plan_id = :p", soci::into(s.plan_id), soci::into(s.institution_id),
      soci::into(s.authority_code), soci::into(s.site_region_code), soci::into(s.subject_code), soci::into(level),
      soci::into(s.exam_day), soci::into(cand), soci::into(finished), soci::into(json), soci::into(s.as_of),
      soci::into(run), soci::into(s.computed_at), soci::use(plan);
  if (!tx_.sql.got_data()) return std::nullopt;
  s.level = int(level);
  s.candidates = int(cand);
  s.finished = finished != 0;
  if (run != 0) s.run_id = run;
  s.score = score_from_json(nlohmann::json::parse(json, nullptr, false));
  return s;
}

void MonitoringRepo::mark_dirty(std::int64_t plan_id) {
  long long p = plan_id;
  tx_.sql << kMarkDirty, soci::use(p);
}

std::vector<std::int64_t> MonitoringRepo::claim_dirty(int limit) {
  std::vector<std::int64_t> out;
  long long id = 0, n = limit;
  // A full run's claims are marks too: those of a run that was stopped before it wrote its scores.
  soci::statement st = (tx_.sql.prepare << "SELECT plan_id FROM monitoring_dirty UNION"
                                           " SELECT plan_id FROM monitoring_claims ORDER BY plan_id LIMIT :n",
                        soci::into(id), soci::use(n));
  st.execute();
  while (st.fetch()) out.push_back(id);
  if (tx_.backend == Backend::postgresql) delete_dirty(out);
  return out;
}

void MonitoringRepo::release_dirty(const std::vector<std::int64_t>& plans) {
  if (tx_.backend != Backend::postgresql) delete_dirty(plans);
}

void MonitoringRepo::delete_dirty(const std::vector<std::int64_t>& plans) {
  for (auto p : plans) {
    long long x = p;
    tx_.sql << "DELETE FROM monitoring_dirty WHERE plan_id = :p", soci::use(x);
    tx_.sql << "DELETE FROM monitoring_claims WHERE plan_id = :p", soci::use(x);
  }
}

bool MonitoringRepo::any_dirty() {
  long long one = 0;
  tx_.sql << "SELECT 1 FROM monitoring_dirty UNION ALL SELECT 1 FROM monitoring_claims LIMIT 1", soci::into(one);
  return tx_.sql.got_data();
}

int MonitoringRepo::claim_for_run(std::int64_t run_id) {
  std::vector<std::int64_t> plans;
  long long id = 0, run = run_id;
  soci::statement st = (tx_.sql.prepare << "SELECT plan_id FROM monitoring_dirty", soci::into(id));
  st.execute();
  while (st.fetch()) plans.push_back(id);
  // One by one, as claim_dirty: on PostgreSQL a mark committed after the SELECT stays.
  for (auto p : plans) {
    id = p;
    tx_.sql << "DELETE FROM monitoring_dirty WHERE plan_id = :p", soci::use(id);
    tx_.sql << "INSERT INTO monitoring_claims (run_id, plan_id) VALUES (:r, :p) ON CONFLICT DO NOTHING",
        soci::use(run), soci::use(id);
  }
  return int(plans.size());
}

void MonitoringRepo::settle_claims(std::int64_t run_id) {
  long long run = run_id;
  tx_.sql << "DELETE FROM monitoring_claims WHERE run_id = :r", soci::use(run);
}

std::int64_t MonitoringRepo::insert_run(const MonitoringRun& r) {
  long long id = 0, pv = r.policy_version, by = r.started_by.value_or(0), at = r.started_at, total = r.total;
  soci::indicator by_ind = r.started_by ? soci::i_ok : soci::i_null;
  tx_.sql << "INSERT INTO monitoring_runs (kind, status, policy_version, as_of, seed, total, done, stage, sampled,"
             " started_by, started_at) VALUES (:k, :s, :pv, :a, :seed, :total, 0, :stage, 0, :by, :at) RETURNING id",
      soci::use(r.kind), soci::use(r.status), soci::use(pv), soci::use(r.as_of), soci::use(r.seed), soci::use(total),
      soci::use(r.stage), soci::use(by, by_ind), soci::use(at), soci::into(id);
  return id;
}

void MonitoringRepo::update_run(const MonitoringRun& r) {
  long long id = r.id, total = r.total, done = r.done, sampled = r.sampled, fin = r.finished_at.value_or(0);
  soci::indicator fin_ind = r.finished_at ? soci::i_ok : soci::i_null;
  tx_.sql << "UPDATE monitoring_runs SET status = :s, total = :t, done = :d, stage = :st, sampled = :sa,"
             " finished_at = :f, error = :e, seed = :seed WHERE id = :id",
      soci::use(r.status), soci::use(total), soci::use(done), soci::use(r.stage), soci::use(sampled),
      soci::use(fin, fin_ind), soci::use(r.error), soci::use(r.seed), soci::use(id);
}

std::optional<MonitoringRun> MonitoringRepo::run(std::int64_t id) {
  RunRow x;
  long long i = id;
  tx_.sql << std::string(kRunColumns) + " WHERE id = :id", SKILLREG_RUN_INTO(x), soci::use(i);
  if (!tx_.sql.got_data()) return std::nullopt;
  return x.finish();
}

int MonitoringRepo::mark_interrupted(Instant at) {
  long long t = at;
  soci::statement st = (tx_.sql.prepare << "UPDATE monitoring_runs SET status = 'failed', error = 'interrupted',"
                                           " finished_at = :t WHERE status = 'running'",
                        soci::use(t));
  st.execute(true);
  return int(st.get_affected_rows());
}

std::optional<MonitoringRun> MonitoringRepo::latest_run() {
  RunRow x;
  tx_.sql << std::string(kRunColumns) + " WHERE kind = 'full' ORDER BY id DESC LIMIT 1", SKILLREG_RUN_INTO(x);
  if (!tx_.sql.got_data()) return std::nullopt;
  return x.finish();
}

namespace {
std::vector<std::int64_t> ids_of(Tx& tx, const char* q) {
  std::vector<std::int64_t> out;
  long long id = 0;
  soci::statement st = (tx.sql.prepare << q, soci::into(id));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}
}  // namespace

std::vector<std::int64_t> MonitoringRepo::queued_plans() { return ids_of(tx_, "SELECT plan_id FROM sampling_queue"); }
std::vector<std::int64_t> MonitoringRepo::considered_plans() {
  return ids_of(tx_, "SELECT plan_id FROM sampling_considered");
}

void MonitoringRepo::enqueue(const std::vector<SamplingItem>& items) {
  SamplingItem s;
  long long plan = 0, inst = 0, run = 0, at = 0;
  double overall = 0;
  soci::statement st =
      (tx_.sql.prepare << "INSERT INTO sampling_queue (plan_id, institution_id, authority_code, site_region_code,"
                          " reason, overall, indicators, run_id, status, created_at)"
                          " VALUES (:p, :i, :a, :s, :r, :o, :ind, :run, 'open', :t)",
       soci::use(plan), soci::use(inst), soci::use(s.authority_code), soci::use(s.site_region_code),
       soci::use(s.reason), soci::use(overall), soci::use(s.indicators), soci::use(run), soci::use(at));
  for (const auto& item : items) {
    s = item;
    plan = s.plan_id, inst = s.institution_id, run = s.run_id, at = s.created_at, overall = s.overall;
    st.execute(true);
  }
}

void MonitoringRepo::consider(const std::vector<std::pair<std::int64_t, bool>>& plans, std::int64_t run_id) {
  long long p = 0, r = run_id, d = 0;
  soci::statement st = (tx_.sql.prepare << "INSERT INTO sampling_considered (plan_id, run_id, drawn) VALUES (:p, :r, :d)",
                        soci::use(p), soci::use(r), soci::use(d));
  for (const auto& [plan, drawn] : plans) {
    p = plan;
    d = drawn;
    st.execute(true);
  }
}

Page<SamplingItem> MonitoringRepo::sampling(const SamplingFilter& f, const PageRequest& page) {
  const std::string regions = delimited_set(f.regions), status = f.status.value_or(""), reason = f.reason.value_or("");
  long long inst = f.institution_id.value_or(0), limit = page.page_size, offset = page.offset();
  Page<SamplingItem> out{{}, 0, page.page, page.page_size};
  tx_.sql << std::string("SELECT COUNT(*) FROM sampling_queue") + kSamplingWhere, soci::into(out.total),
      soci::use(regions, "rg1"), soci::use(regions, "rg2"), soci::use(status, "st1"), soci::use(status, "st2"),
      soci::use(reason, "re1"), soci::use(reason, "re2"), soci::use(inst, "in1"), soci::use(inst, "in2");
  SamplingRow x;
  soci::statement st =
      (tx_.sql.prepare << std::string(kSamplingColumns) + kSamplingWhere +
                              " ORDER BY CASE status WHEN 'open' THEN 0 ELSE 1 END, CASE reason WHEN 'critical'"
                              " THEN 0 ELSE 1 END, overall, id LIMIT :limit OFFSET :offset",
       SKILLREG_SAMPLING_INTO(x), soci::use(regions, "rg1"), soci::use(regions, "rg2"),
       soci::use(status, "st1"), soci::use(status, "st2"), soci::use(reason, "re1"), soci::use(reason, "re2"),
       soci::use(inst, "in1"), soci::use(inst, "in2"), soci::use(limit, "limit"), soci::use(offset, "offset"));
  st.execute();
  while (st.fetch()) out.items.push_back(x.finish());
  return out;
}

std::optional<SamplingItem> MonitoringRepo::sampling_item(std::int64_t id) {
  SamplingRow x;
  long long i = id;
  tx_.sql << std::string(kSamplingColumns) + " WHERE id = :id", SKILLREG_SAMPLING_INTO(x), soci::use(i);
  if (!tx_.sql.got_data()) return std::nullopt;
  return x.finish();
}

void MonitoringRepo::update_sampling(const SamplingItem& s) {
  long long id = s.id, by = s.worked_by.value_or(0), at = s.worked_at.value_or(0);
  tx_.sql << "UPDATE sampling_queue SET status = :s, action = :a, outcome = :o, note = :n, worked_by = :b,"
             " worked_at = :t WHERE id = :id",
      soci::use(s.status), soci::use(s.action), soci::use(s.outcome), soci::use(s.note), soci::use(by), soci::use(at),
      soci::use(id);
}

std::vector<InstitutionAggregate> MonitoringRepo::aggregates(const std::string& from, const std::string& to,
                                                             std::optional<std::int64_t> institution_id) {
  // Weighted by admitted candidates; a plan without candidates still counts once.
  const std::string q =
      "SELECT s.institution_id, i.region_code, COUNT(*), SUM(s.candidates),"
      " SUM(s.plan_validity * (CASE WHEN s.candidates > 0 THEN s.candidates ELSE 1 END)),"
      " SUM(s.qualification_accuracy * (CASE WHEN s.candidates > 0 THEN s.candidates ELSE 1 END)),"
      " SUM(s.question_usage * (CASE WHEN s.candidates > 0 THEN s.candidates ELSE 1 END)),"
      " SUM(s.personnel_compliance * (CASE WHEN s.candidates > 0 THEN s.candidates ELSE 1 END)),"
      " SUM(s.result_authenticity * (CASE WHEN s.candidates > 0 THEN s.candidates ELSE 1 END)),"
      " SUM(s.traceability * (CASE WHEN s.candidates > 0 THEN s.candidates ELSE 1 END)),"
      " SUM(s.overall * (CASE WHEN s.candidates > 0 THEN s.candidates ELSE 1 END)),"
      " SUM(CASE WHEN s.candidates > 0 THEN s.candidates ELSE 1 END)"
      " FROM plan_scores s JOIN institutions i ON i.id = s.institution_id"
      " WHERE s.exam_day >= :from AND s.exam_day <= :to AND (:in1 = 0 OR s.institution_id = :in2)"
      " GROUP BY s.institution_id, i.region_code ORDER BY s.institution_id";
  long long inst = institution_id.value_or(0), id = 0, plans = 0, cands = 0;
  std::string region;
  std::array<double, kDimensionCount> sums{};
  double overall = 0, weight = 0;
  soci::statement st = (tx_.sql.prepare << q, soci::into(id), soci::into(region), soci::into(plans), soci::into(cands),
                        soci::into(sums[0]), soci::into(sums[1]), soci::into(sums[2]), soci::into(sums[3]),
                        soci::into(sums[4]), soci::into(sums[5]), soci::into(overall), soci::into(weight),
                        soci::use(from, "from"), soci::use(to, "to"), soci::use(inst, "in1"),
                        soci::use(inst, "in2"));
  st.execute();
  std::vector<InstitutionAggregate> out;
  while (st.fetch()) {
    InstitutionAggregate a{id, region, int(plans), int(cands), {}, 0};
    for (std::size_t i = 0; i < kDimensionCount; ++i) a.dimensions[i] = sums[i] / weight;
    a.overall = overall / weight;
    out.push_back(a);
  }
  return out;
}

std::vector<std::pair<std::string, double>> MonitoringRepo::monthly_trend(std::int64_t institution_id,
                                                                          const std::string& from,
                                                                          const std::string& to) {
  long long inst = institution_id;
  std::string month;
  double mean = 0;
  soci::statement st =
      (tx_.sql.prepare << "SELECT SUBSTR(exam_day, 1, 7) AS m,"
                          " SUM(overall * (CASE WHEN candidates > 0 THEN candidates ELSE 1 END)) /"
                          " SUM(CASE WHEN candidates > 0 THEN candidates ELSE 1 END)"
                          " FROM plan_scores WHERE institution_id = :inst AND exam_day >= :from AND exam_day <= :to"
                          " GROUP BY SUBSTR(exam_day, 1, 7) ORDER BY m",
       soci::into(month), soci::into(mean), soci::use(inst, "inst"), soci::use(from, "from"), soci::use(to, "to"));
  st.execute();
  std::vector<std::pair<std::string, double>> out;
  while (st.fetch()) out.emplace_back(month, mean);
  return out;
}

void MonitoringRepo::put_rating(const Rating& r) {
  long long inst = r.institution_id, stars = r.stars, score_stars = r.score_stars, plans = r.plans,
            cands = r.candidates, pv = r.policy_version, at = r.computed_at;
  double mean = r.mean_overall.value_or(0);
  soci::indicator mean_ind = r.mean_overall ? soci::i_ok : soci::i_null;
  tx_.sql << "DELETE FROM institution_ratings WHERE institution_id = :i AND period_end = :e", soci::use(inst),
      soci::use(r.period_end);
  tx_.sql << "INSERT INTO institution_ratings (institution_id, period_start, period_end, stars, score_stars,"
             " mean_overall, plans, candidates, explanation, explanation_zh, policy_version, computed_at)"
             " VALUES (:i, :s, :e, :st, :ss, :m, :p, :c, :x, :xz, :v, :t)",
      soci::use(inst), soci::use(r.period_start), soci::use(r.period_end), soci::use(stars), soci::use(score_stars),
      soci::use(mean, mean_ind), soci::use(plans), soci::use(cands), soci::use(r.explanation),
      soci::use(r.explanation_zh), soci::use(pv), soci::use(at);
}

std::optional<Rating> MonitoringRepo::latest_rating(std::int64_t institution_id) {
  Rating r;
  long long inst = institution_id, stars = 0, score_stars = 0, plans = 0, cands = 0, pv = 0;
  double mean = 0;
  soci::indicator mean_ind = soci::i_null;
  tx_.sql << "SELECT institution_id, period_start, period_end, stars, score_stars, mean_overall, plans, candidates,"
             " explanation, explanation_zh, policy_version, computed_at FROM institution_ratings WHERE institution_id = :i"
             " ORDER BY period_end DESC, computed_at DESC LIMIT 1",
      soci::into(r.institution_id), soci::into(r.period_start), soci::into(r.period_end), soci::into(stars),
      soci::into(score_stars), soci::into(mean, mean_ind), soci::into(plans), soci::into(cands),
      soci::into(r.explanation), soci::into(r.explanation_zh), soci::into(pv), soci::into(r.computed_at),
      soci::use(inst);
  if (!tx_.sql.got_data()) return std::nullopt;
  r.stars = int(stars);
  r.score_stars = int(score_stars);
  r.mean_overall = opt(mean, mean_ind);
  r.plans = int(plans);
  r.candidates = int(cands);
  r.policy_version = int(pv);
  return r;
}

std::vector<std::int64_t> MonitoringRepo::institution_ids() {
  return ids_of(tx_, "SELECT id FROM institutions ORDER BY id");
}

std::vector<std::pair<std::string, std::string>> MonitoringRepo::synthetic_truth() {
  std::vector<std::pair<std::string, std::string>> out;
  std::string kind, object;
  soci::statement st = (tx_.sql.prepare << "SELECT kind, object_id FROM synthetic_truth ORDER BY id", soci::into(kind),
                        soci::into(object));
  st.execute();
  while (st.fetch()) out.emplace_back(kind, object);
  return out;
}

std::vector<nlohmann::json> MonitoringRepo::score_documents() {
  std::vector<nlohmann::json> out;
  std::string json;
  soci::statement st = (tx_.sql.prepare << "SELECT score_json FROM plan_scores ORDER BY plan_id", soci::into(json));
  st.execute();
  while (st.fetch()) out.push_back(nlohmann::json::parse(json, nullptr, false));
  return out;
}

std::unordered_map<std::int64_t, std::int64_t> MonitoringRepo::assignment_people() {
  std::unordered_map<std::int64_t, std::int64_t> out;
  long long id = 0, person = 0;
  soci::statement st = (tx_.sql.prepare << "SELECT id, person_id FROM assignments", soci::into(id), soci::into(person));
  st.execute();
  while (st.fetch()) out[id] = person;
  return out;
}

Page<MonitoringRepo::RatedInstitution> MonitoringRepo::ratings(const std::vector<std::string>& regions,
                                                              std::optional<int> stars, const PageRequest& page) {
  const std::string set = delimited_set(regions);
  long long want = stars.value_or(0), limit = page.page_size, offset = page.offset();
  const std::string where =
      " FROM institution_ratings r JOIN institutions i ON i.id = r.institution_id"
      " WHERE r.period_end = (SELECT MAX(x.period_end) FROM institution_ratings x WHERE x.institution_id ="
      " r.institution_id) AND (:rg1 LIKE '%,' || i.region_code || ',%' OR :rg2 LIKE '%,' || i.authority_code || ',%')"
      " AND (:s1 = 0 OR r.stars = :s2)";
  Page<RatedInstitution> out{{}, 0, page.page, page.page_size};
  tx_.sql << "SELECT COUNT(*)" + where, soci::into(out.total), soci::use(set, "rg1"), soci::use(set, "rg2"),
      soci::use(want, "s1"), soci::use(want, "s2");
  RatedInstitution x;
  long long st_ = 0, ss = 0, plans = 0, cands = 0, pv = 0;
  double mean = 0;
  soci::indicator mean_ind = soci::i_null;
  soci::statement st =
      (tx_.sql.prepare << "SELECT r.institution_id, r.period_start, r.period_end, r.stars, r.score_stars,"
                          " r.mean_overall, r.plans, r.candidates, r.explanation, r.explanation_zh, r.policy_version,"
                          " r.computed_at,"
                          " i.code, i.name, i.region_code" +
                              where + " ORDER BY r.stars DESC, r.mean_overall DESC, i.code LIMIT :limit OFFSET :offset",
       soci::into(x.rating.institution_id), soci::into(x.rating.period_start), soci::into(x.rating.period_end),
       soci::into(st_), soci::into(ss), soci::into(mean, mean_ind), soci::into(plans), soci::into(cands),
       soci::into(x.rating.explanation), soci::into(x.rating.explanation_zh), soci::into(pv), soci::into(x.rating.computed_at), soci::into(x.code),
       soci::into(x.name), soci::into(x.region_code), soci::use(set, "rg1"), soci::use(set, "rg2"),
       soci::use(want, "s1"), soci::use(want, "s2"), soci::use(limit, "limit"), soci::use(offset, "offset"));
  st.execute();
  while (st.fetch()) {
    x.rating.stars = int(st_);
    x.rating.score_stars = int(ss);
    x.rating.mean_overall = opt(mean, mean_ind);
    x.rating.plans = int(plans);
    x.rating.candidates = int(cands);
    x.rating.policy_version = int(pv);
    out.items.push_back(x);
  }
  return out;
}

}  // namespace skillreg
