#include "app/batch_service.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "app/activity_access.hpp"
#include "app/batch_pipeline.hpp"
#include "app/audit_trail.hpp"
#include "core/csv.hpp"
#include "core/utf8.hpp"
#include "core/validators.hpp"
#include "domain/activity/plan_rules.hpp"
#include "store/activity_bulk.hpp"
#include "store/candidate_repo.hpp"
#include "store/identity_columns.hpp"
#include "store/plan_repo.hpp"

namespace skillreg {

namespace {

const std::vector<std::string>& columns_of(BatchKind k) {
  static const std::vector<std::string> candidates{"identity_no", "name", "education", "years_in_trade",
                                                   "prior_level", "prior_cert_date", "apprenticeship", "review"};
  static const std::vector<std::string> scores{"identity_no", "part", "score"};
  static const std::vector<std::string> certificates{"identity_no"};
  return k == BatchKind::candidates ? candidates : k == BatchKind::scores ? scores : certificates;
}
// Positions in columns_of(): every kind starts with the identity number.
constexpr std::size_t kIdentity = 0;
enum CandidateColumn : std::size_t { kName = 1, kEducation, kYears, kPriorLevel, kPriorDate, kApprenticeship, kReview };
enum ScoreColumn : std::size_t { kPart = 1, kScore };

struct RowError {
  std::int64_t row;
  std::string field, problem;
};

// One row of a batch: its values by column, in columns_of() order (a field a JSON row leaves out
// is empty), or the problem that makes it no row at all (a wrong field count, not an object, an
// unknown field, a value of the wrong type).
struct BatchRow {
  std::int64_t number = 0;
  std::vector<std::string> values;
  std::string problem;
};

// Reads the rows of every part in order, one at a time, without holding more than one part;
// stops at the first structural problem (bad CSV, wrong header, not a JSON array), kept as a row
// error. Parts come from the loader given to each next() call, so the reading can move from one
// transaction to another between rows.
class RowCursor {
 public:
  using Loader = std::function<std::optional<std::string>(std::int64_t seq)>;
  explicit RowCursor(const Batch& b) : b_(b), columns_(columns_of(b.kind)) {}

  // Fills `row` with the next row and returns true, or returns false at the end.
  bool next(const Loader& load, BatchRow& row) {
    while (!done_) {
      if (!in_part_) {
        before_ += std::exchange(text_, {}).size();  // the part before, read to its end
        auto part = load(++seq_);
        if (!part) break;
        text_ = std::move(*part);
        in_part_ = true;
        if (b_.format == BatchFormat::csv) {
          csv_.emplace(text_);
          header_ = seq_ == 1;
        } else {
          array_ = nlohmann::json::parse(text_, nullptr, false);
          index_ = 0;
          if (array_.is_discarded() || !array_.is_array()) return stop({rows_ + 1, "", "part_must_be_a_json_array"});
        }
      }
      if (b_.format == BatchFormat::csv) {
        auto got = csv_->next_into(record_);
        if (!got) {
          const auto& d = got.error().details;
          return stop({rows_ + 1, "", d.empty() ? "bad_csv" : d.front().problem});
        }
        if (!*got) {
          in_part_ = false;
          continue;
        }
        if (header_) {
          if (record_.fields != columns_) return stop({0, "header", "wrong_header"});
          header_ = false;
          continue;
        }
        begin(row);
        if (record_.fields.size() != columns_.size()) row.problem = "wrong_field_count";
        else
          for (std::size_t i = 0; i < columns_.size(); ++i) std::swap(row.values[i], record_.fields[i]);
        return true;
      }
      if (index_ == array_.size()) {
        in_part_ = false;
        continue;
      }
      const auto& obj = array_[index_++];
      begin(row);
      if (!obj.is_object()) {
        row.problem = "must_be_object";
        return true;
      }
      for (const auto& [key, v] : obj.items()) {
        const auto at = std::find(columns_.begin(), columns_.end(), key);
        if (at == columns_.end()) {
          row.problem = "unknown_field:" + key;
          continue;
        }
        auto& value = row.values[std::size_t(at - columns_.begin())];
        if (v.is_string()) value = v.get<std::string>();
        else if (v.is_number_integer()) value = std::to_string(v.get<std::int64_t>());
        else if (v.is_number()) value = v.dump();
        else if (v.is_boolean()) value = v.get<bool>() ? "true" : "false";
        else if (!v.is_null()) row.problem = "bad_type:" + key;
      }
      return true;
    }
    done_ = true;
    return false;
  }

  const std::optional<RowError>& structural() const { return structural_; }
  std::int64_t rows() const { return rows_; }
  // The bytes of the parts read so far: the parts before this one, and this one's rows read.
  std::uint64_t bytes_read() const {
    if (!in_part_) return before_;
    if (csv_) return before_ + csv_->consumed();
    return before_ + (array_.empty() ? 0 : text_.size() * index_ / array_.size());
  }

 private:
  bool stop(RowError e) {
    structural_ = std::move(e);
    done_ = true;
    return false;
  }
  void begin(BatchRow& row) {
    row.number = ++rows_;
    row.problem.clear();
    row.values.resize(columns_.size());
    if (b_.format == BatchFormat::json)
      for (auto& v : row.values) v.clear();
  }

  const Batch& b_;
  const std::vector<std::string>& columns_;
  std::int64_t seq_ = 0, rows_ = 0;
  bool done_ = false, in_part_ = false, header_ = false;
  std::uint64_t before_ = 0;
  std::string text_;
  std::optional<CsvReader> csv_;
  CsvRow record_;
  nlohmann::json array_;
  std::size_t index_ = 0;
  std::optional<RowError> structural_;
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

// The words an institution's staff write in a spreadsheet for the coded columns, taken as the
// codes (docs/batches.md): the console shows these words, so a file typed from it is understood.
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kEducationWords{{
    {"无", "none"}, {"初中", "junior_high"}, {"高中", "high_school"}, {"中专", "high_school"},
    {"高中/中专", "high_school"}, {"技工学校", "technical_school"}, {"技校", "technical_school"}, {"大专", "college"},
    {"本科", "bachelor"}, {"硕士", "master"}, {"硕士研究生", "master"}, {"博士", "doctor"}}};
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kReviewWords{{
    {"通过", "admitted"}, {"审核通过", "admitted"}, {"不通过", "refused"}, {"未通过", "refused"}, {"待审核", "pending"}}};

template <std::size_t N>
std::string coded(std::string text, const std::array<std::pair<std::string_view, std::string_view>, N>& words) {
  for (const auto& [word, code] : words)
    if (text == word) return std::string(code);
  return text;
}

// A candidate row as the single-candidate use case takes it (its strings moved out of `v`);
// problems for fields that are not even numbers are added to `errors`.
CandidateInput candidate_input(std::vector<std::string>& v, std::int64_t row, std::vector<RowError>& errors) {
  CandidateInput in;
  in.identity_no = std::move(v[kIdentity]);
  in.name = std::move(v[kName]);
  in.education = coded(std::move(v[kEducation]), kEducationWords);
  if (auto y = small_int(v[kYears])) in.years_in_trade = *y;
  else errors.push_back({row, "years_in_trade", "must_be_integer"});
  if (!v[kPriorLevel].empty()) {
    if (auto l = small_int(v[kPriorLevel])) in.prior_level = *l;
    else errors.push_back({row, "prior_level", "must_be_integer"});
  }
  in.prior_cert_date = std::move(v[kPriorDate]);
  if (auto a = flag(v[kApprenticeship])) in.apprenticeship = *a;
  else errors.push_back({row, "apprenticeship", "must_be_yes_or_no"});
  // S19(2) 资格审核: the review is the institution's act; an empty cell admits no one, the row
  // waits for the review as a candidate added by hand does.
  in.review = v[kReview].empty() ? std::optional<std::string>("pending")
                                 : std::optional<std::string>(coded(std::move(v[kReview]), kReviewWords));
  return in;
}

// The people (or person and part) a batch has named so far: open addressing over a power-of-two
// table of keys, since a million rows in a node-based set cost a million allocations.
class KeySet {
 public:
  // False when the key was already there.
  bool insert(std::uint64_t key) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    if (place(key + 1)) {
      ++size_;
      return true;
    }
    return false;
  }

 private:
  bool place(std::uint64_t stored) {  // 0 marks an empty slot, so keys are stored plus one
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = std::size_t((stored * 0x9E3779B97F4A7C15ULL) >> 20) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == stored) return false;
      if (slots_[i] == 0) {
        slots_[i] = stored;
        return true;
      }
    }
  }
  void grow() {
    std::vector<std::uint64_t> old(std::max<std::size_t>(1024, slots_.size() * 2), 0);
    old.swap(slots_);
    for (const auto k : old)
      if (k != 0) place(k);
  }
  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
};

// A person is known by the blind index of their identity number (store/identity_columns.hpp):
// its first 60 bits, so that a score row's key * 4 + part still fits. Two people of one plan
// share a key with a chance of about n² / 2^61 — for a million rows, under one in a million.
std::uint64_t person_key(std::string_view identity_index) {
  std::uint64_t k = 0;
  for (std::size_t i = 0; i < 15 && i < identity_index.size(); ++i) {
    const char c = identity_index[i];
    k = k * 16 + std::uint64_t(c <= '9' ? c - '0' : c - 'a' + 10);
  }
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
      workers_(ctx.db),
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
  // One process serves a SQLite file: whatever was queued or processing was this one's before a stop.
  auto n = ctx_.db.backend() == Backend::sqlite
               ? ctx_.db.write([](Tx& tx) -> Result<int> { return BatchRepo(tx).mark_interrupted(); })
               : Result<int>(interrupt_orphans());
  if (n && *n > 0) spdlog::warn("{} batches were interrupted by a stop; nothing of them was applied", *n);
  expire_stale();
  return n.value_or(0);
}

int BatchService::interrupt_orphans() {
  // Called while this worker is idle: if its lock had been lost, a batch of its own still marked
  // processing failed with the database and will never finish.
  const bool regained = workers_.keep();
  const std::int64_t own = workers_.number();
  auto n = ctx_.db.write([&](Tx& tx) -> Result<int> {
    BatchRepo repo(tx);
    int count = 0;
    for (const auto worker : repo.unfinished_workers())
      if (worker == own ? regained : workers_.gone(worker)) count += repo.mark_interrupted(worker);
    return count;
  });
  return n.value_or(0);
}

int BatchService::expire_stale() {
  const Instant now = ctx_.clock.now();
  auto n = ctx_.db.write([&](Tx& tx) -> Result<int> {
    const auto expired = BatchRepo(tx).expire_open(now - Instant(limits_.open_days) * 86400, now);
    for (const auto& e : expired)
      record_change(tx, system_actor(), now, {"batch.expire", "batch", std::to_string(e.id), e.authority_code,
                                              e.institution_id, nullptr, {{"open_days", limits_.open_days}}});
    return int(expired.size());
  });
  if (n && *n > 0) spdlog::info("{} batches left open for over {} days expired", *n, limits_.open_days);
  return n.value_or(0);
}

void BatchService::drain() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return queue_.empty() && !busy_; });
}

Result<Batch> BatchService::load(Tx& tx, const Actor& actor, std::int64_t id, bool for_report, std::string* authority) {
  auto b = BatchRepo(tx).find(id);
  if (!b) return not_found("batch");
  auto plan = for_report ? load_plan_for_report(tx, ctx_, actor, b->plan_id) : load_plan_for_read(tx, ctx_, actor, b->plan_id);
  if (!plan) return std::unexpected(plan.error().kind == ErrorKind::forbidden ? plan.error() : not_found("batch").error());
  if (authority) *authority = plan->authority_code;
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
    if (b->status != BatchStatus::open) {
      auto e = conflict("批次已提交、撤回或过期，不能再追加", "The batch is committed, withdrawn or expired; no more parts");
      e.error().details.push_back({"status", std::string(to_string(b->status))});
      return std::unexpected(e.error());
    }
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
  workers_.keep();  // the number the batch will carry is held by this node's lock
  auto queued = ctx_.db.write([&](Tx& tx) -> Result<BatchView> {
    std::string authority;
    auto b = load(tx, actor, id, true, &authority);
    if (!b) return std::unexpected(b.error());
    if (b->status != BatchStatus::open) {
      auto e = conflict("批次已提交、撤回或过期", "The batch is already committed, withdrawn or expired");
      e.error().details.push_back({"status", std::string(to_string(b->status))});
      return std::unexpected(e.error());
    }
    if (b->parts == 0) return invalid({{"parts", "no_part_uploaded"}});
    b->status = BatchStatus::queued;
    BatchRepo(tx).update_status(*b);
    BatchRepo(tx).set_worker(id, workers_.number());  // this node's queue holds it
    record_change(tx, actor, now, {"batch.commit", "batch", std::to_string(id), authority, b->institution_id, nullptr,
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

Result<BatchView> BatchService::withdraw(const Actor& actor, std::int64_t id) {
  const Instant now = ctx_.clock.now();
  return ctx_.db.write([&](Tx& tx) -> Result<BatchView> {
    std::string authority;
    auto b = load(tx, actor, id, true, &authority);
    if (!b) return std::unexpected(b.error());
    if (b->status != BatchStatus::open)
      return std::unexpected(conflict("只有未提交的批次可以撤回", "Only an open batch can be withdrawn").error());
    BatchRepo repo(tx);
    b->status = BatchStatus::withdrawn;
    b->finished_at = now;
    repo.update_status(*b);
    repo.drop_parts(id);
    record_change(tx, actor, now, {"batch.withdraw", "batch", std::to_string(id), authority, b->institution_id, nullptr,
                                   {{"plan_id", b->plan_id}, {"kind", to_string(b->kind)}, {"parts", b->parts}}});
    b->parts = 0;
    b->bytes = 0;
    return BatchView{*b, ""};
  });
}

Result<BatchView> BatchService::batch(const Actor& actor, std::int64_t id) {
  auto b = ctx_.db.read([&](Tx& tx) { return load(tx, actor, id, false); });
  if (!b) return std::unexpected(b.error());
  // Processing: as far as the node doing the work last published (several nodes); this node's
  // own worker knows better, below.
  BatchView v{*b, "", b->total_rows > 0 ? double(b->processed_rows) / double(b->total_rows) : 0.0};
  if (b->status == BatchStatus::processing) {
    v.phase = b->phase;
    v.progress = b->progress;
  }
  std::lock_guard lock(mutex_);
  if (auto it = progress_.find(id); it != progress_.end()) {
    v.phase = it->second.phase;
    v.batch.processed_rows = it->second.rows;
    v.progress = it->second.share;
  }
  return v;
}

Result<Page<Batch>> BatchService::list(const Actor& actor, BatchQuery filter) {
  filter.institution_id.reset();
  filter.authorities.clear();
  if (is_institution_role(actor.role) && actor.institution_id) filter.institution_id = actor.institution_id;
  else if (is_authority(actor.role)) filter.authorities = ctx_.regions.subtree(actor.region_code);
  else return forbidden();
  return ctx_.db.read([&](Tx& tx) -> Result<Page<Batch>> { return BatchRepo(tx).list(filter); });
}

void BatchService::run() {
  for (;;) {
    std::int64_t id = 0;
    {
      std::unique_lock lock(mutex_);
      // Idle for a minute: on PostgreSQL, batches left by a node that died (and was not started
      // again) are marked interrupted by whichever node notices first; open batches left too
      // long expire.
      if (!wake_.wait_for(lock, std::chrono::minutes(1), [this] { return stop_ || !queue_.empty(); })) {
        lock.unlock();
        if (ctx_.db.backend() == Backend::postgresql && interrupt_orphans() > 0)
          spdlog::warn("batches of a node that stopped were marked interrupted; nothing of them was applied");
        expire_stale();
        continue;
      }
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
  // Rows name candidates by identity number; stored candidates are known by its blind index.
  const auto identity_index = [vault = ctx_.db.identities()](const std::string& number) {
    return skillreg::identity_index(vault, normalize_identity_number(number));
  };
  // Progress is the share of the parts' bytes the rows checked so far came from. Other nodes
  // read it from the batch's row, published every half second or so (PostgreSQL).
  auto published = std::chrono::steady_clock::now();
  auto set_progress = [&](const char* phase, std::int64_t rows, std::uint64_t bytes_read) {
    const double share = b.bytes > 0 ? std::min(1.0, double(bytes_read) / double(b.bytes)) : 0.0;
    {
      std::lock_guard lock(mutex_);
      progress_[id] = {phase, rows, share};
    }
    if (const auto t = std::chrono::steady_clock::now(); t - published >= std::chrono::milliseconds(500)) {
      published = t;
      workers_.publish_progress(id, phase, rows, share);
    }
  };
  auto stopping = [&] {
    std::lock_guard lock(mutex_);
    return stop_;
  };

  // What the plan already holds: candidates for a candidate batch (no duplicates), admitted
  // candidates for a score batch (the rows name them by identity number).
  auto existing = ctx_.db.read([&](Tx& tx) -> Result<std::unordered_map<std::uint64_t, std::int64_t>> {
    std::unordered_map<std::uint64_t, std::int64_t> out;
    CandidateRepo(tx).each_on_plan(b.plan_id, [&](const PlanCandidateKey& c) {
      // A certificate batch names admitted candidates who passed and hold no certificate yet (S19(2),
      // S19(9)); a score batch admitted candidates whose result is not void (S18).
      const bool admitted = c.review == "admitted";
      const bool eligible = b.kind == BatchKind::candidates || (b.kind == BatchKind::scores && admitted && c.result != "voided") ||
                            (b.kind == BatchKind::certificates && admitted && c.result == "passed" && !c.certified);
      if (eligible) out[person_key(c.identity_index)] = c.id;
    });
    return out;
  });
  if (!existing) return;
  auto& known = *existing;

  // Problems of the whole batch, known before any row is read: such a batch is refused whatever
  // its rows hold, so its rows are only checked, never written.
  const bool cancelled = b.kind == BatchKind::candidates && plan.status == PlanStatus::cancelled;
  const bool scores_closed =
      b.kind == BatchKind::scores && !(plan.status == PlanStatus::published && !plan.results_published_on);
  std::optional<RowError> not_allowed;  // the institution or the plan cannot do what the batch asks
  std::optional<Institution> institution;
  if (b.kind != BatchKind::scores) {
    // An institution that may evaluate (S20 暂停评价活动, S21, M23, M24) admits candidates and
    // issues certificates; a certificate also needs the conditions of issue for the whole plan
    // (S20(2), S19(9)). Scores of an exam held are reported whatever came after (S14(1)).
    auto inst = ctx_.db.read([&](Tx& tx) { return reporting_institution(tx, system_actor(), plan.institution_id); });
    Status ok = !inst ? Status(std::unexpected(inst.error()))
                : b.kind == BatchKind::certificates ? certificates_.issue_preconditions(plan, *inst, local_date(ctx_.clock.now()))
                                                    : Status{};
    if (!ok) {
      // A code, whatever the language asked: the article, then what stops it ("S20 status:suspended").
      const auto& e = ok.error();
      const auto& d = e.details;
      const std::string code = d.empty()                      ? "not_issuable"
                               : d.front().field == "plan_id" ? d.front().problem
                                                              : d.front().field + ":" + d.front().problem;
      not_allowed = RowError{0, "plan_id", (e.article.empty() ? "" : e.article + " ") + code};
    } else {
      institution = *inst;
    }
  }
  const Instant now = ctx_.clock.now();
  // S19(2): registration closes when the exam begins.
  const bool registration_closed = b.kind == BatchKind::candidates && exam_has_begun(plan, now);
  const bool doomed = cancelled || scores_closed || not_allowed || registration_closed;

  // Each row is checked once; the first errors are kept, all are counted. While no row has
  // failed, each checked row is also written, in one transaction with the batch's new status,
  // so the batch is applied whole in one pass; the first failing row rolls that transaction back
  // and the remaining rows are only checked, to report all their errors.
  std::vector<RowError> errors;
  std::int64_t error_count = 0;
  KeySet seen;
  std::vector<RowError> found;
  EligibilityCache eligibility;
  RowCursor cursor(b);
  BatchRow row;
  struct Valid {
    std::optional<Candidate> candidate;  // a candidate batch's row
    std::int64_t candidate_id = 0;       // the candidate a score or certificate row names
    Part part = Part::theory;
    double score = 0;
    std::string index;  // a candidate row's identity number's blind index
  } valid;
  // Checks the cursor's current row; true when it holds no error.
  auto check = [&]() {
    const std::int64_t n = row.number;
    valid.candidate.reset();
    if (!row.problem.empty()) {
      found.push_back({n, "", row.problem});
    } else if (b.kind == BatchKind::candidates) {
      auto input = candidate_input(row.values, n, found);
      if (found.empty()) {
        auto c = candidates_.build(plan, input, "", &eligibility);
        if (!c) {
          for (const auto& d : c.error().details) found.push_back({n, d.field, d.problem});
        } else {
          auto index = identity_index(c->identity_no);
          const auto key = person_key(index);
          if (known.contains(key)) found.push_back({n, "identity_no", "already_on_the_plan"});
          else if (!seen.insert(key)) found.push_back({n, "identity_no", "duplicate_in_batch"});
          else {
            valid.candidate = std::move(*c);
            valid.index = std::move(index);
          }
        }
      }
    } else if (b.kind == BatchKind::certificates) {
      const auto identity = normalize_identity_number(row.values[kIdentity]);  // as a candidate row's
      const auto it = known.find(person_key(identity_index(identity)));
      if (it == known.end() || identity.size() != 18)
        found.push_back({n, "identity_no", "not_a_passed_candidate_without_certificate"});
      else if (!seen.insert(it->first)) found.push_back({n, "identity_no", "duplicate_in_batch"});
      else valid.candidate_id = it->second;
    } else {
      const auto identity = normalize_identity_number(row.values[kIdentity]);  // as a candidate row's
      auto part = parse_part(row.values[kPart]);
      double score = -1;
      const auto& text = row.values[kScore];
      auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), score);
      const auto it = known.find(person_key(identity_index(identity)));
      if (it == known.end() || identity.size() != 18) found.push_back({n, "identity_no", "not_an_admitted_candidate"});
      if (!part || std::ranges::find(plan.parts, *part) == plan.parts.end()) found.push_back({n, "part", "not_a_part_of_the_plan"});
      else if (!part_has_begun(plan, *part, now)) found.push_back({n, "part", "not_yet_examined"});  // S14(1)
      if (ec != std::errc() || p != text.data() + text.size() || !valid_score(score))
        found.push_back({n, "score", "must_be_0_to_100_one_decimal"});
      if (found.empty() && !seen.insert(it->first * 4 + std::uint64_t(*part)))
        found.push_back({n, "part", "duplicate_in_batch"});
      if (found.empty()) valid = {std::nullopt, it->second, *part, score, {}};
    }
    const bool ok = found.empty();
    error_count += std::int64_t(found.size());
    for (auto& e : found)
      if (errors.size() < limits_.max_errors_kept) errors.push_back(std::move(e));
    found.clear();
    return ok;
  };
  // Every 10,000 rows: the progress shown, and whether the server is stopping.
  auto keep_going = [&](const char* phase) {
    if (row.number % 10000 != 0) return true;
    set_progress(phase, row.number, cursor.bytes_read());
    return !stopping();
  };

  // Nothing of it was or will be applied, for the server's reasons or another node's: marked
  // interrupted, to be sent again, rather than left processing for ever.
  const auto interrupt = [&](const std::string& why) {
    spdlog::warn("batch {} not applied: {}", id, why);
    (void)ctx_.db.write([&](Tx& tx) -> Status {
      BatchRepo(tx).interrupt(id);
      return {};
    });
  };
  bool stopped = false, applied = false;
  std::atomic<std::uint64_t> bytes_checked{0};  // the reader's cursor.bytes_read(), for the writer's progress
  // The reader thread of the pipeline: checks every row while none has failed, and hands over
  // each good row with its identity number's index, and sealed too when the writer is behind
  // (the seal is the costly part of a row; the writer seals the rest).
  auto read_rows = [&](BatchPipeline& pipe) {
    try {
      IdentitySealer sealer(ctx_.db.identities());
      const auto seal = [&](BatchPipeline::Chunk& rows) {
        for (auto& r : rows)
          r.identity = sealer.seal(r.candidate->identity_no, std::move(r.identity.index));
      };
      const RowCursor::Loader load = [&](std::int64_t seq) -> std::optional<std::string> {
        auto part = pipe.part(seq);
        if (!part || !*part) return std::nullopt;
        return opened_text(ctx_.db.identities(), std::move(**part));  // on this thread, not the writer's
      };
      BatchPipeline::Chunk chunk = pipe.spare();
      while (cursor.next(load, row)) {
        if (!check()) return pipe.finish(false);
        auto& out = chunk.emplace_back();
        if (b.kind == BatchKind::candidates) {
          valid.candidate->created_at = now;
          out.identity.index = std::move(valid.index);
          out.candidate = std::move(valid.candidate);
          out.verdict = eligibility.last_text();
        } else {
          out.candidate_id = valid.candidate_id;
          out.part = valid.part;
          out.score = valid.score;
        }
        if (chunk.size() < BatchPipeline::kChunkRows) continue;
        bytes_checked.store(cursor.bytes_read(), std::memory_order_relaxed);
        if (b.kind == BatchKind::candidates && pipe.behind()) seal(chunk);
        if (!pipe.push(std::exchange(chunk, pipe.spare()))) return;
      }
      if (!chunk.empty() && !pipe.push(std::move(chunk))) return;
      pipe.finish(!cursor.structural() && cursor.rows() > 0);
    } catch (...) {
      pipe.finish(false, std::current_exception());
    }
  };
  if (!doomed) {
    auto written = ctx_.db.write([&](Tx& tx) -> Status {
      std::optional<CandidateWriter> cw;
      std::optional<ScoreWriter> sw;
      if (b.kind == BatchKind::candidates) {
        cw.emplace(tx);
        cw->defer_identity_index();
      }
      if (b.kind == BatchKind::scores) sw.emplace(tx);
      IdentitySealer sealer(ctx_.db.identities());
      BatchPipeline pipe;
      std::thread reader([&] { read_rows(pipe); });
      const struct Joined {
        BatchPipeline& pipe;
        std::thread& reader;
        ~Joined() {
          pipe.stop();
          reader.join();
        }
      } joined{pipe, reader};
      std::int64_t written_rows = 0;
      struct {
        std::int64_t count = 0;
        std::string first, last;
      } issued;  // a certificate batch's numbers, audited as the console's issue is
      for (;;) {
        auto work = pipe.next();
        if (work.part_wanted) {
          // Parts are read through this transaction's own connection (SQLite sees one writer).
          auto stored = BatchRepo(tx).stored_part(id, *work.part_wanted);
          // A part the batch had when it was taken up is gone: another node took it for an orphan
          // (this node's lock had been lost) and interrupted it. Nothing of it may be applied.
          if (!stored && *work.part_wanted <= b.parts)
            throw std::runtime_error("part " + std::to_string(*work.part_wanted) + " is gone: interrupted elsewhere");
          pipe.answer(std::move(stored));
          continue;
        }
        if (work.finished) break;
        for (auto& r : *work.chunk) {
          if (b.kind == BatchKind::candidates) {
            if (r.identity.sealed.empty())  // the reader was the slower: sealed here
              r.identity = sealer.seal(r.candidate->identity_no, std::move(r.identity.index));
            cw->insert(*r.candidate, r.identity, id, r.verdict);
          } else if (b.kind == BatchKind::certificates) {
            auto c = CandidateRepo(tx).find(r.candidate_id);
            auto cert = certificates_.issue_one(tx, plan, *institution, *c, now);
            if (issued.count++ == 0) issued.first = cert.cert_no;
            issued.last = std::move(cert.cert_no);
          } else {
            sw->put({r.candidate_id, r.part, r.score, now});
          }
          // Every 10,000 rows: the progress shown, and whether the server is stopping.
          if (++written_rows % 10000 != 0) continue;
          set_progress("validating", written_rows, bytes_checked.load(std::memory_order_relaxed));
          if (stopping()) {
            stopped = true;
            return fail(ErrorKind::internal, "服务停止", "The server is stopping");
          }
        }
        pipe.recycle(std::move(*work.chunk));
      }
      if (auto e = pipe.error()) std::rethrow_exception(e);
      if (!pipe.clean()) return fail(ErrorKind::validation_failed, "批次被拒绝", "The batch is refused");
      set_progress("applying", cursor.rows(), b.bytes);
      if (cw) cw->finish();
      if (b.kind == BatchKind::scores) {
        // Each touched candidate's result follows from all its scores (pass line per part).
        CandidateRepo repo(tx);
        for (const auto& [cid, scores] : repo.scores_of_plan(b.plan_id))
          repo.set_result(cid, result_of(plan.parts, scores, policy_.pass_line));
      }
      b.status = BatchStatus::applied;
      b.total_rows = cursor.rows();
      b.processed_rows = cursor.rows();
      b.error_count = 0;
      b.errors_json = "[]";
      b.finished_at = ctx_.clock.now();
      BatchRepo repo(tx);
      repo.update_status(b);
      repo.drop_parts(id);
      record_change(tx, system_actor(), now, {"batch.apply", "batch", std::to_string(id), plan.authority_code,
                                              plan.institution_id, nullptr,
                                              {{"plan_id", b.plan_id}, {"kind", to_string(b.kind)}, {"rows", cursor.rows()}}});
      if (b.kind == BatchKind::certificates)
        record_change(tx, system_actor(), now, {"certificate.issue", "plan", std::to_string(b.plan_id), plan.authority_code,
                                                plan.institution_id, nullptr,
                                                {{"count", issued.count}, {"first", issued.first}, {"last", issued.last},
                                                 {"batch_id", id}}});
      applied = true;
      return {};
    });
    if (written) return;
    if (stopped) return;  // left processing; marked interrupted at the next start
    if (applied || written.error().kind != ErrorKind::validation_failed) {
      // Not its rows but the server (the database went away…).
      interrupt(written.error().message_en);
      return;
    }
  }

  // Refused: the rest of the rows are checked for their errors, the parts read one at a time.
  // A part it had that cannot be read (gone because another node took the batch for an orphan
  // while this node's lock was lost, or the database failing) would leave a partial list of errors.
  bool lost = false;
  const RowCursor::Loader load = [&](std::int64_t seq) -> std::optional<std::string> {
    auto part = ctx_.db.read([&](Tx& tx) -> Result<std::optional<std::string>> { return BatchRepo(tx).part(id, seq); });
    if (part && *part) return std::move(*part);
    lost = !part || seq <= b.parts;
    return std::nullopt;
  };
  while (cursor.next(load, row)) {
    check();
    if (!keep_going("validating")) return;  // left processing; marked interrupted at the next start
  }
  if (lost) return interrupt("a part could not be read while its errors were listed");
  const std::int64_t rows = cursor.rows();
  const auto& structural = cursor.structural();
  if (structural) {
    ++error_count;
    errors.insert(errors.begin(), *structural);
  }
  if (registration_closed) errors.insert(errors.begin(), {0, "plan_id", "S19(2) exam_begun"}), ++error_count;
  if (cancelled) errors.insert(errors.begin(), {0, "plan_id", "plan_cancelled"}), ++error_count;
  if (not_allowed) errors.insert(errors.begin(), *not_allowed), ++error_count;
  if (scores_closed)
    errors.insert(errors.begin(), {0, "plan_id", "scores_only_for_a_published_plan_before_results"}), ++error_count;
  if (rows == 0 && !structural) errors.insert(errors.begin(), {0, "", "no_rows"}), ++error_count;
  if (stopping()) return;  // left processing; marked interrupted at the next start

  nlohmann::json list = nlohmann::json::array();
  for (const auto& e : errors) list.push_back({{"row", e.row}, {"field", e.field}, {"problem", e.problem}});
  b.status = BatchStatus::refused;
  b.total_rows = rows;
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
}

}  // namespace skillreg
