#include "app/batch_service.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <charconv>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "app/activity_access.hpp"
#include "app/audit_trail.hpp"
#include "core/csv.hpp"
#include "core/utf8.hpp"
#include "domain/activity/plan_rules.hpp"
#include "store/activity_bulk.hpp"
#include "store/candidate_repo.hpp"
#include "store/plan_repo.hpp"

namespace skillreg {

namespace {

using Values = std::map<std::string, std::string>;

const std::vector<std::string>& columns_of(BatchKind k) {
  static const std::vector<std::string> candidates{"identity_no", "name", "education", "years_in_trade",
                                                   "prior_level", "prior_cert_date", "apprenticeship", "review"};
  static const std::vector<std::string> scores{"identity_no", "part", "score"};
  static const std::vector<std::string> certificates{"identity_no"};
  return k == BatchKind::candidates ? candidates : k == BatchKind::scores ? scores : certificates;
}

struct RowError {
  std::int64_t row;
  std::string field, problem;
};

// Reads the rows of every part in order and calls `on_row(row_number, values)`; stops at the
// first structural problem (bad CSV, wrong header, not a JSON array), reported as a row error.
// `on_row` returns false to stop early.
class RowReader {
 public:
  RowReader(Database& db, const Batch& b) : db_(db), b_(b) {}

  std::optional<RowError> each(const std::function<bool(std::int64_t, Values&)>& on_row) {
    std::int64_t row = 0;
    const auto& columns = columns_of(b_.kind);
    for (std::int64_t seq = 1;; ++seq) {
      auto part = db_.read([&](Tx& tx) -> Result<std::optional<std::string>> { return BatchRepo(tx).part(b_.id, seq); });
      if (!part || !*part) break;
      const std::string& text = **part;
      if (b_.format == BatchFormat::csv) {
        CsvReader reader(text);
        bool header = seq == 1;
        while (auto rec = reader.next()) {
          if (!*rec) {
            const auto& d = rec->error().details;
            return RowError{row + 1, "", d.empty() ? "bad_csv" : d.front().problem};
          }
          auto& fields = (*rec)->fields;
          if (header) {
            if (fields != columns) return RowError{0, "header", "wrong_header"};
            header = false;
            continue;
          }
          ++row;
          if (fields.size() != columns.size()) {
            if (!on_row(row, values_ = {{"", "wrong_field_count"}})) return std::nullopt;
            continue;
          }
          values_.clear();
          for (std::size_t i = 0; i < columns.size(); ++i) values_[columns[i]] = std::move(fields[i]);
          if (!on_row(row, values_)) return std::nullopt;
        }
      } else {
        nlohmann::json arr = nlohmann::json::parse(text, nullptr, false);
        if (arr.is_discarded() || !arr.is_array()) return RowError{row + 1, "", "part_must_be_a_json_array"};
        for (auto& obj : arr) {
          ++row;
          values_.clear();
          if (!obj.is_object()) {
            values_[""] = "must_be_object";
          } else {
            for (auto& [key, v] : obj.items()) {
              if (std::find(columns.begin(), columns.end(), key) == columns.end()) values_[""] = "unknown_field:" + key;
              else if (v.is_string()) values_[key] = v.get<std::string>();
              else if (v.is_number_integer()) values_[key] = std::to_string(v.get<std::int64_t>());
              else if (v.is_number()) values_[key] = v.dump();
              else if (v.is_boolean()) values_[key] = v.get<bool>() ? "true" : "false";
              else if (!v.is_null()) values_[""] = "bad_type:" + key;
            }
          }
          if (!on_row(row, values_)) return std::nullopt;
        }
      }
    }
    return std::nullopt;
  }

 private:
  Database& db_;
  const Batch& b_;
  Values values_;
};

std::optional<int> small_int(const std::string& s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.size() > 4) return std::nullopt;
  return v;
}

std::optional<bool> flag(const std::string& s) {
  if (s.empty() || s == "0" || s == "false" || s == "no" || s == "否") return false;
  if (s == "1" || s == "true" || s == "yes" || s == "是") return true;
  return std::nullopt;
}

// A candidate row as the single-candidate use case takes it; problems for fields that are not
// even numbers are added to `errors`.
CandidateInput candidate_input(Values& v, std::int64_t row, std::vector<RowError>& errors) {
  CandidateInput in;
  in.identity_no = std::move(v["identity_no"]);
  in.name = std::move(v["name"]);
  in.education = std::move(v["education"]);
  if (auto y = small_int(v["years_in_trade"])) in.years_in_trade = *y;
  else errors.push_back({row, "years_in_trade", "must_be_integer"});
  if (!v["prior_level"].empty()) {
    if (auto l = small_int(v["prior_level"])) in.prior_level = *l;
    else errors.push_back({row, "prior_level", "must_be_integer"});
  }
  in.prior_cert_date = std::move(v["prior_cert_date"]);
  if (auto a = flag(v["apprenticeship"])) in.apprenticeship = *a;
  else errors.push_back({row, "apprenticeship", "must_be_yes_or_no"});
  in.review = v["review"].empty() ? std::optional<std::string>("admitted") : std::optional<std::string>(v["review"]);
  return in;
}

// The first 17 digits of an identity number identify the person (the 18th is their check).
std::uint64_t person_key(const std::string& identity_no) {
  std::uint64_t k = 0;
  for (std::size_t i = 0; i < 17 && i < identity_no.size(); ++i) k = k * 10 + std::uint64_t(identity_no[i] - '0');
  return k;
}

}  // namespace

BatchService::BatchService(AppContext& ctx, CandidateService& candidates, CertificateService& certificates,
                           ActivityPolicy policy, BatchPolicy limits)
    : ctx_(ctx),
      candidates_(candidates),
      certificates_(certificates),
      policy_(policy),
      limits_(limits),
      worker_([this] { run(); }) {}

BatchService::~BatchService() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

int BatchService::recover() {
  auto n = ctx_.db.write([](Tx& tx) -> Result<int> { return BatchRepo(tx).mark_interrupted(); });
  if (n && *n > 0) spdlog::warn("{} batches were interrupted by a stop; nothing of them was applied", *n);
  return n.value_or(0);
}

void BatchService::drain() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return queue_.empty() && !busy_; });
}

Result<Batch> BatchService::load(Tx& tx, const Actor& actor, std::int64_t id, bool for_report) {
  auto b = BatchRepo(tx).find(id);
  if (!b) return not_found("batch");
  auto plan = for_report ? load_plan_for_report(tx, ctx_, actor, b->plan_id) : load_plan_for_read(tx, ctx_, actor, b->plan_id);
  if (!plan) return std::unexpected(plan.error().kind == ErrorKind::forbidden ? plan.error() : not_found("batch").error());
  return *b;
}

Result<BatchView> BatchService::create(const Actor& actor, const std::string& kind, std::int64_t plan_id,
                                       const std::string& format) {
  auto k = parse_batch_kind(kind);
  auto f = parse_batch_format(format);
  std::vector<FieldProblem> problems;
  if (!k) problems.push_back({"kind", "must_be_candidates_scores_or_certificates"});
  if (!f) problems.push_back({"format", "must_be_csv_or_json"});
  if (!problems.empty()) return invalid(problems);
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<BatchView> {
    auto plan = load_plan_for_report(tx, ctx_, actor, plan_id);
    if (!plan) return std::unexpected(plan.error());
    if (plan->status == PlanStatus::cancelled)
      return std::unexpected(conflict("计划已取消", "The plan is cancelled").error());
    Batch b;
    b.institution_id = plan->institution_id;
    b.plan_id = plan_id;
    b.kind = *k;
    b.format = *f;
    b.submitted_by = actor.user_id;
    b.created_at = now;
    b.id = BatchRepo(tx).insert(b);
    return BatchView{b, ""};
  });
}

Result<BatchView> BatchService::add_part(const Actor& actor, std::int64_t id, const std::string& content, bool commit_now) {
  if (content.empty()) return invalid({{"body", "empty_part"}});
  if (content.size() > limits_.max_part_bytes) {
    auto e = fail(ErrorKind::payload_too_large, "分片过大", "A part is larger than the limit");
    e.error().details.push_back({"max_part_bytes", std::to_string(limits_.max_part_bytes)});
    return e;
  }
  // Text only, as UTF-8: a bad byte is named by its line, before anything is stored.
  if (!is_valid_utf8(content) || content.find('\0') != std::string::npos) {
    std::size_t line = 1, start = 0;
    for (std::size_t i = 0; i < content.size(); ++i) {
      if (content[i] != '\n') continue;
      if (!is_valid_utf8(std::string_view(content).substr(start, i - start)) ||
          std::string_view(content).substr(start, i - start).find('\0') != std::string_view::npos)
        break;
      ++line;
      start = i + 1;
    }
    return invalid({{"body", "invalid_utf8_at_line:" + std::to_string(line)}});
  }
  auto added = ctx_.db.write([&](Tx& tx) -> Result<BatchView> {
    auto b = load(tx, actor, id, true);
    if (!b) return std::unexpected(b.error());
    if (b->status != BatchStatus::open)
      return std::unexpected(conflict("批次已提交，不能再追加", "The batch is committed; no more parts").error());
    BatchRepo repo(tx);
    const auto count = repo.part_count(id);
    if (count >= limits_.max_parts) {
      auto e = fail(ErrorKind::payload_too_large, "批次分片数超过上限", "The batch has the most parts allowed");
      e.error().details.push_back({"max_parts", std::to_string(limits_.max_parts)});
      return std::unexpected(e.error());
    }
    if (b->format == BatchFormat::csv && content.back() != '\n' && content.back() != '\r')
      return invalid({{"body", "part_must_end_at_a_line_end"}});
    repo.add_part(id, count + 1, content);
    b->parts = count + 1;
    b->bytes += std::int64_t(content.size());
    return BatchView{*b, ""};
  });
  if (!added || !commit_now) return added;
  return commit(actor, id);
}

Result<BatchView> BatchService::commit(const Actor& actor, std::int64_t id) {
  const Instant now = ctx_.clock.now();
  auto queued = ctx_.db.write([&](Tx& tx) -> Result<BatchView> {
    auto b = load(tx, actor, id, true);
    if (!b) return std::unexpected(b.error());
    if (b->status != BatchStatus::open) return std::unexpected(conflict("批次已提交", "The batch is already committed").error());
    if (b->parts == 0) return invalid({{"parts", "no_part_uploaded"}});
    b->status = BatchStatus::queued;
    BatchRepo(tx).update_status(*b);
    record_change(tx, actor, now, {"batch.commit", "batch", std::to_string(id), "", b->institution_id, nullptr,
                                   {{"plan_id", b->plan_id}, {"kind", to_string(b->kind)}, {"parts", b->parts},
                                    {"bytes", b->bytes}}});
    return BatchView{*b, "queued"};
  });
  if (!queued) return queued;
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(id);
  }
  wake_.notify_one();
  return queued;
}

Result<BatchView> BatchService::batch(const Actor& actor, std::int64_t id) {
  auto b = ctx_.db.read([&](Tx& tx) { return load(tx, actor, id, false); });
  if (!b) return std::unexpected(b.error());
  BatchView v{*b, ""};
  std::lock_guard lock(mutex_);
  if (auto it = progress_.find(id); it != progress_.end()) {
    v.phase = it->second.first;
    v.batch.processed_rows = it->second.second;
  }
  return v;
}

Result<Page<Batch>> BatchService::list(const Actor& actor, const PageRequest& page) {
  std::optional<std::int64_t> inst;
  std::vector<std::string> authorities;
  if (is_institution_role(actor.role) && actor.institution_id) inst = actor.institution_id;
  else if (is_authority(actor.role)) authorities = ctx_.regions.subtree(actor.region_code);
  else return forbidden();
  return ctx_.db.read([&](Tx& tx) -> Result<Page<Batch>> { return BatchRepo(tx).list(inst, authorities, page); });
}

void BatchService::run() {
  for (;;) {
    std::int64_t id = 0;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      id = queue_.front();
      queue_.pop_front();
      busy_ = true;
    }
    try {
      process(id);
    } catch (const std::exception& e) {
      spdlog::error("batch {} failed: {}", id, e.what());
    }
    {
      std::lock_guard lock(mutex_);
      progress_.erase(id);
      busy_ = false;
    }
    idle_.notify_all();
  }
}

void BatchService::process(std::int64_t id) {
  auto loaded = ctx_.db.write([&](Tx& tx) -> Result<std::pair<Batch, Plan>> {
    BatchRepo repo(tx);
    auto b = repo.find(id);
    if (!b || b->status != BatchStatus::queued) return not_found("batch");
    b->status = BatchStatus::processing;
    repo.update_status(*b);
    auto p = PlanRepo(tx).find(b->plan_id);
    if (!p) return not_found("plan");
    return std::pair{*b, *p};
  });
  if (!loaded) return;
  auto [b, plan] = *loaded;
  auto set_progress = [&](const char* phase, std::int64_t rows) {
    std::lock_guard lock(mutex_);
    progress_[id] = {phase, rows};
  };
  auto stopping = [&] {
    std::lock_guard lock(mutex_);
    return stop_;
  };

  // What the plan already holds: candidates for a candidate batch (no duplicates), admitted
  // candidates for a score batch (the rows name them by identity number).
  auto existing = ctx_.db.read([&](Tx& tx) -> Result<std::unordered_map<std::uint64_t, std::int64_t>> {
    std::unordered_map<std::uint64_t, std::int64_t> out;
    std::string identity, review;
    long long cid = 0;
    std::string result;
    int certified = 0;
    soci::statement st = (tx.sql.prepare << "SELECT c.id, c.identity_no, c.review, c.result,"
                                            " (SELECT COUNT(*) FROM certificates x WHERE x.candidate_id = c.id)"
                                            " FROM candidates c WHERE c.plan_id = :p",
                          soci::use(b.plan_id), soci::into(cid), soci::into(identity), soci::into(review),
                          soci::into(result), soci::into(certified));
    st.execute();
    while (st.fetch()) {
      // A certificate batch names candidates who passed and hold no certificate yet.
      const bool eligible = b.kind == BatchKind::candidates || (b.kind == BatchKind::scores && review == "admitted") ||
                            (b.kind == BatchKind::certificates && result == "passed" && certified == 0);
      if (eligible) out[person_key(identity)] = cid;
    }
    return out;
  });
  if (!existing) return;
  auto& known = *existing;

  // Pass 1: validate every row; keep the first errors, count them all.
  std::vector<RowError> errors;
  std::int64_t error_count = 0, rows = 0;
  std::unordered_set<std::uint64_t> seen;
  auto note = [&](std::vector<RowError>& found) {
    error_count += std::int64_t(found.size());
    for (auto& e : found)
      if (errors.size() < limits_.max_errors_kept) errors.push_back(std::move(e));
    found.clear();
  };
  std::vector<RowError> found;
  const bool scores_open = plan.status == PlanStatus::published && !plan.results_published_on;
  RowReader reader(ctx_.db, b);
  auto structural = reader.each([&](std::int64_t row, Values& v) {
    rows = row;
    if (auto it = v.find(""); it != v.end()) {
      found.push_back({row, "", it->second});
    } else if (b.kind == BatchKind::candidates) {
      auto input = candidate_input(v, row, found);
      if (found.empty()) {
        auto c = candidates_.build(plan, input, "");
        if (!c) {
          for (const auto& d : c.error().details) found.push_back({row, d.field, d.problem});
        } else {
          const auto key = person_key(c->identity_no);
          if (known.contains(key)) found.push_back({row, "identity_no", "already_on_the_plan"});
          else if (!seen.insert(key).second) found.push_back({row, "identity_no", "duplicate_in_batch"});
        }
      }
    } else if (b.kind == BatchKind::certificates) {
      const auto& identity = v["identity_no"];
      if (!known.contains(person_key(identity)) || identity.size() != 18)
        found.push_back({row, "identity_no", "not_a_passed_candidate_without_certificate"});
      else if (!seen.insert(person_key(identity)).second) found.push_back({row, "identity_no", "duplicate_in_batch"});
    } else {
      const auto& identity = v["identity_no"];
      auto part = parse_part(v["part"]);
      double score = -1;
      const auto& text = v["score"];
      auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), score);
      if (!known.contains(person_key(identity)) || identity.size() != 18) found.push_back({row, "identity_no", "not_an_admitted_candidate"});
      if (!part || std::ranges::find(plan.parts, *part) == plan.parts.end()) found.push_back({row, "part", "not_a_part_of_the_plan"});
      if (ec != std::errc() || p != text.data() + text.size() || !valid_score(score))
        found.push_back({row, "score", "must_be_0_to_100_one_decimal"});
      if (found.empty() && !seen.insert(person_key(identity) * 4 + std::uint64_t(*part)).second)
        found.push_back({row, "part", "duplicate_in_batch"});
    }
    note(found);
    if (row % 10000 == 0) set_progress("validating", row);
    return !stopping();
  });
  if (structural) {
    ++error_count;
    errors.insert(errors.begin(), *structural);
  }
  if (b.kind == BatchKind::candidates && plan.status == PlanStatus::cancelled)
    errors.insert(errors.begin(), {0, "plan_id", "plan_cancelled"}), ++error_count;
  std::optional<Institution> institution;
  if (b.kind == BatchKind::certificates) {
    // The conditions of issue for the whole plan (S20(2), S19(9)), and an institution that may evaluate.
    auto inst = ctx_.db.read([&](Tx& tx) { return reporting_institution(tx, system_actor(), plan.institution_id); });
    Status ok = inst ? certificates_.issue_preconditions(plan, *inst, local_date(ctx_.clock.now()))
                     : Status(std::unexpected(inst.error()));
    if (!ok) {
      const auto& e = ok.error();
      errors.insert(errors.begin(), {0, "plan_id", (e.article.empty() ? "" : e.article + " ") +
                                                       (e.details.empty() ? e.message_en : e.details.front().problem)});
      ++error_count;
    } else {
      institution = *inst;
    }
  }
  if (b.kind == BatchKind::scores && !scores_open)
    errors.insert(errors.begin(), {0, "plan_id", "scores_only_for_a_published_plan_before_results"}), ++error_count;
  if (rows == 0 && !structural) errors.insert(errors.begin(), {0, "", "no_rows"}), ++error_count;
  if (stopping()) return;  // left processing; marked interrupted at the next start

  const Instant now = ctx_.clock.now();
  b.total_rows = rows;
  if (error_count > 0) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : errors) list.push_back({{"row", e.row}, {"field", e.field}, {"problem", e.problem}});
    b.status = BatchStatus::refused;
    b.processed_rows = rows;
    b.error_count = error_count;
    b.errors_json = list.dump();
    b.finished_at = now;
    (void)ctx_.db.write([&](Tx& tx) -> Status {
      BatchRepo repo(tx);
      repo.update_status(b);
      repo.drop_parts(id);
      record_change(tx, system_actor(), now, {"batch.refuse", "batch", std::to_string(id), plan.authority_code,
                                              plan.institution_id, nullptr, {{"rows", rows}, {"errors", error_count}}});
      return {};
    });
    return;
  }

  // Pass 2: apply every row in one transaction, or nothing.
  auto applied = ctx_.db.write([&](Tx& tx) -> Status {
    CandidateWriter cw(tx);
    ScoreWriter sw(tx);
    std::int64_t done = 0;
    std::vector<RowError> ignored;
    bool stopped = false;
    // Parts are read through this transaction's own connection so SQLite sees one writer.
    for (std::int64_t seq = 1;; ++seq) {
      auto part = BatchRepo(tx).part(id, seq);
      if (!part) break;
      const auto& columns = columns_of(b.kind);
      auto handle = [&](Values& v) {
        if (b.kind == BatchKind::candidates) {
          auto c = candidates_.build(plan, candidate_input(v, 0, ignored), "");
          c->created_at = now;
          cw.insert(*c, id);
        } else if (b.kind == BatchKind::certificates) {
          auto c = CandidateRepo(tx).find(known.at(person_key(v["identity_no"])));
          certificates_.issue_one(tx, plan, *institution, *c, now);
        } else {
          auto part_of = parse_part(v["part"]);
          sw.put({known.at(person_key(v["identity_no"])), *part_of, std::stod(v["score"]), now});
        }
        if (++done % 10000 == 0) {
          set_progress("applying", done);
          stopped = stopping();
        }
      };
      Values v;
      if (b.format == BatchFormat::csv) {
        CsvReader reader(*part);
        bool header = seq == 1;
        while (auto rec = reader.next()) {
          if (header) {
            header = false;
            continue;
          }
          auto& fields = (**rec).fields;
          v.clear();
          for (std::size_t i = 0; i < columns.size(); ++i) v[columns[i]] = std::move(fields[i]);
          handle(v);
          if (stopped) return fail(ErrorKind::internal, "服务停止", "The server is stopping");
        }
      } else {
        for (auto& obj : nlohmann::json::parse(*part)) {
          v.clear();
          for (auto& [key, val] : obj.items())
            v[key] = val.is_string() ? val.get<std::string>() : val.is_boolean() ? (val.get<bool>() ? "true" : "false") : val.dump();
          handle(v);
          if (stopped) return fail(ErrorKind::internal, "服务停止", "The server is stopping");
        }
      }
    }
    if (b.kind == BatchKind::scores) {
      // Each touched candidate's result follows from all its scores (pass line per part).
      CandidateRepo repo(tx);
      for (const auto& [cid, scores] : repo.scores_of_plan(b.plan_id))
        repo.set_result(cid, result_of(plan.parts, scores, policy_.pass_line));
    }
    b.status = BatchStatus::applied;
    b.processed_rows = done;
    b.error_count = 0;
    b.errors_json = "[]";
    b.finished_at = ctx_.clock.now();
    BatchRepo repo(tx);
    repo.update_status(b);
    repo.drop_parts(id);
    record_change(tx, system_actor(), now, {"batch.apply", "batch", std::to_string(id), plan.authority_code,
                                            plan.institution_id, nullptr,
                                            {{"plan_id", b.plan_id}, {"kind", to_string(b.kind)}, {"rows", done}}});
    return {};
  });
  if (!applied) spdlog::warn("batch {} not applied: {}", id, applied.error().message_en);
}

}  // namespace skillreg
