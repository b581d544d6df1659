#include "store/batch_repo.hpp"

#include <array>
#include <random>

#include <spdlog/spdlog.h>

#include "store/identity_columns.hpp"

namespace skillreg {

namespace {

constexpr std::array<std::pair<BatchKind, std::string_view>, 3> kKinds{
    {{BatchKind::candidates, "candidates"}, {BatchKind::scores, "scores"}, {BatchKind::certificates, "certificates"}}};
constexpr std::array<std::pair<BatchFormat, std::string_view>, 2> kFormats{
    {{BatchFormat::csv, "csv"}, {BatchFormat::json, "json"}}};
constexpr std::array<std::pair<BatchStatus, std::string_view>, 8> kStatuses{
    {{BatchStatus::open, "open"}, {BatchStatus::queued, "queued"}, {BatchStatus::processing, "processing"},
     {BatchStatus::applied, "applied"}, {BatchStatus::refused, "refused"}, {BatchStatus::interrupted, "interrupted"},
     {BatchStatus::withdrawn, "withdrawn"}, {BatchStatus::expired, "expired"}}};

template <class E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, std::string_view>, N>& a, std::string_view s) {
  for (const auto& [e, n] : a)
    if (n == s) return e;
  return std::nullopt;
}
template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& a, E v) {
  for (const auto& [e, n] : a)
    if (e == v) return n;
  return a.front().second;
}

// The parts' size in bytes as sent (every add_part and progress poll asks): kept beside each
// part, which is stored sealed (S21(5)), so nothing is read or opened to count it. Between the
// head and the tail stands the errors column: the list reads no row errors (a refused batch's
// errors_json can be large, and the list shows only its error_count), '[]' stands in for it.
constexpr std::string_view kSelectHead =
    "SELECT b.id, b.institution_id, b.plan_id, b.kind, b.format, b.status, b.total_rows, b.processed_rows,"
    " b.error_count, ";
constexpr std::string_view kSelectTail =
    ", b.submitted_by, b.created_at, b.finished_at,"
    " (SELECT COUNT(*) FROM batch_parts p WHERE p.batch_id = b.id),"
    " (SELECT COALESCE(SUM(p.bytes), 0) FROM batch_parts p WHERE p.batch_id = b.id), b.phase, b.progress"
    " FROM batches b";
const std::string kColumns = std::string(kSelectHead) + "b.errors_json" + std::string(kSelectTail);
const std::string kListColumns = std::string(kSelectHead) + "'[]'" + std::string(kSelectTail);
// An official sees the batches of the plans it reads (app/activity_access.cpp): those of the
// institutions it supervises and those held at exam sites in its area (M12 属地化管理).
constexpr const char* kListWhere =
    " WHERE (b.institution_id = :inst OR EXISTS (SELECT 1 FROM plans pl WHERE pl.id = b.plan_id"
    "        AND (:auths LIKE '%,' || pl.authority_code || ',%' OR :sites LIKE '%,' || pl.site_region_code || ',%')))"
    " AND (:st1 = '' OR b.status = :st2) AND (:k1 = '' OR b.kind = :k2)"
    " AND (:of1 = 0 OR b.institution_id = :of2)";
constexpr const char* kInsertPartSqlite =
    "INSERT INTO batch_parts (batch_id, seq, content, bytes) VALUES (:b, :s, CAST(:c AS BLOB), :n)";
constexpr const char* kInsertPartPostgres = "INSERT INTO batch_parts (batch_id, seq, content, bytes) VALUES (:b, :s, :c, :n)";

struct Row {
  Batch b;
  std::string kind, format, status;
  long long finished = 0;
  soci::indicator fin_ind = soci::i_null;
  Batch finish() {
    b.kind = value_of(kKinds, kind).value_or(BatchKind::candidates);
    b.format = value_of(kFormats, format).value_or(BatchFormat::csv);
    b.status = value_of(kStatuses, status).value_or(BatchStatus::open);
    b.finished_at = opt<Instant>(finished, fin_ind);
    return b;
  }
};
#define SKILLREG_BATCH_INTO(r)                                                                         \
  soci::into((r).b.id), soci::into((r).b.institution_id), soci::into((r).b.plan_id), soci::into((r).kind), \
      soci::into((r).format), soci::into((r).status), soci::into((r).b.total_rows),                    \
      soci::into((r).b.processed_rows), soci::into((r).b.error_count), soci::into((r).b.errors_json),  \
      soci::into((r).b.submitted_by), soci::into((r).b.created_at), soci::into((r).finished, (r).fin_ind), \
      soci::into((r).b.parts), soci::into((r).b.bytes), soci::into((r).b.phase), soci::into((r).b.progress)

}  // namespace

std::optional<BatchKind> parse_batch_kind(std::string_view s) { return value_of(kKinds, s); }
std::string_view to_string(BatchKind k) { return name_of(kKinds, k); }
std::optional<BatchFormat> parse_batch_format(std::string_view s) { return value_of(kFormats, s); }
std::string_view to_string(BatchFormat f) { return name_of(kFormats, f); }
std::optional<BatchStatus> parse_batch_status(std::string_view s) { return value_of(kStatuses, s); }
std::string_view to_string(BatchStatus s) { return name_of(kStatuses, s); }

std::int64_t BatchRepo::insert(const Batch& b) {
  const std::string kind(to_string(b.kind)), format(to_string(b.format)), status(to_string(b.status));
  long long id = 0;
  tx_.sql << "INSERT INTO batches (institution_id, plan_id, kind, format, status, submitted_by, created_at)"
             " VALUES (:i, :p, :k, :f, :s, :by, :t) RETURNING id",
      soci::use(b.institution_id), soci::use(b.plan_id), soci::use(kind), soci::use(format), soci::use(status),
      soci::use(b.submitted_by), soci::use(b.created_at), soci::into(id);
  return id;
}

std::optional<Batch> BatchRepo::find(std::int64_t id) {
  Row row;
  tx_.sql << kColumns + " WHERE b.id = :id", soci::use(id), SKILLREG_BATCH_INTO(row);
  if (!tx_.sql.got_data()) return std::nullopt;
  return row.finish();
}

Page<Batch> BatchRepo::list(const BatchQuery& q) {
  const long long inst = q.institution_id.value_or(0), of = q.of_institution.value_or(0);
  const std::string auths = delimited_set(q.authorities);
  const std::string status(q.status ? to_string(*q.status) : ""), kind(q.kind ? to_string(*q.kind) : "");
  Page<Batch> page{{}, 0, q.page.page, q.page.page_size};
  tx_.sql << std::string("SELECT COUNT(*) FROM batches b") + kListWhere, soci::use(inst, "inst"),
      soci::use(auths, "auths"), soci::use(auths, "sites"), soci::use(status, "st1"), soci::use(status, "st2"), soci::use(kind, "k1"),
      soci::use(kind, "k2"), soci::use(of, "of1"), soci::use(of, "of2"), soci::into(page.total);
  Row row;
  const long long limit = q.page.page_size, offset = q.page.offset();
  soci::statement st = (tx_.sql.prepare << kListColumns + kListWhere + " ORDER BY b.id DESC LIMIT :l OFFSET :o",
                        SKILLREG_BATCH_INTO(row), soci::use(inst, "inst"), soci::use(auths, "auths"), soci::use(auths, "sites"),
                        soci::use(status, "st1"), soci::use(status, "st2"), soci::use(kind, "k1"),
                        soci::use(kind, "k2"), soci::use(of, "of1"), soci::use(of, "of2"), soci::use(limit, "l"),
                        soci::use(offset, "o"));
  st.execute();
  while (st.fetch()) page.items.push_back(row.finish());
  return page;
}

// The rows hold identity numbers in the clear until they are applied: sealed at rest (S21(5)).
void BatchRepo::add_part(std::int64_t batch_id, std::int64_t seq, const std::string& content) {
  const std::string sealed = sealed_text(tx_, content);
  const long long bytes = static_cast<long long>(content.size());
  tx_.sql << (tx_.backend == Backend::sqlite ? kInsertPartSqlite : kInsertPartPostgres), soci::use(batch_id), soci::use(seq), soci::use(sealed), soci::use(bytes);
}

std::int64_t BatchRepo::part_count(std::int64_t batch_id) {
  long long n = 0;
  tx_.sql << "SELECT COUNT(*) FROM batch_parts WHERE batch_id = :b", soci::use(batch_id), soci::into(n);
  return n;
}

std::optional<std::string> BatchRepo::stored_part(std::int64_t batch_id, std::int64_t seq) {
  std::string content;
  tx_.sql << "SELECT content FROM batch_parts WHERE batch_id = :b AND seq = :s", soci::use(batch_id), soci::use(seq),
      soci::into(content);
  if (!tx_.sql.got_data()) return std::nullopt;
  return content;
}

std::optional<std::string> BatchRepo::part(std::int64_t batch_id, std::int64_t seq) {
  auto stored = stored_part(batch_id, seq);
  if (!stored) return std::nullopt;
  return opened_text(tx_, std::move(*stored));
}

void BatchRepo::update_status(const Batch& b) {
  const std::string status(to_string(b.status));
  long long finished = b.finished_at.value_or(0);
  soci::indicator ind = b.finished_at ? soci::i_ok : soci::i_null;
  tx_.sql << "UPDATE batches SET status = :s, total_rows = :t, processed_rows = :p, error_count = :e,"
             " errors_json = :j, finished_at = :f WHERE id = :id",
      soci::use(status), soci::use(b.total_rows), soci::use(b.processed_rows), soci::use(b.error_count),
      soci::use(b.errors_json), soci::use(finished, ind), soci::use(b.id);
}

void BatchRepo::drop_parts(std::int64_t batch_id) {
  tx_.sql << "DELETE FROM batch_parts WHERE batch_id = :b", soci::use(batch_id);
}

std::vector<BatchRepo::Expired> BatchRepo::expire_open(Instant cutoff, Instant now) {
  std::vector<Expired> out;
  Expired e;
  soci::statement st = (tx_.sql.prepare << "SELECT b.id, b.institution_id, p.authority_code FROM batches b"
                                           " JOIN plans p ON p.id = b.plan_id WHERE b.status = 'open' AND b.created_at < :c",
                        soci::use(cutoff), soci::into(e.id), soci::into(e.institution_id), soci::into(e.authority_code));
  st.execute();
  while (st.fetch()) out.push_back(e);
  if (out.empty()) return out;
  tx_.sql << "DELETE FROM batch_parts WHERE batch_id IN (SELECT id FROM batches WHERE status = 'open' AND created_at < :c)",
      soci::use(cutoff);
  tx_.sql << "UPDATE batches SET status = 'expired', finished_at = :now WHERE status = 'open' AND created_at < :c",
      soci::use(now), soci::use(cutoff);
  return out;
}

void BatchRepo::interrupt(std::int64_t batch_id) {
  tx_.sql << "UPDATE batches SET status = 'interrupted' WHERE id = :id AND status IN ('queued', 'processing')",
      soci::use(batch_id);
  tx_.sql << "DELETE FROM batch_parts WHERE batch_id = :b", soci::use(batch_id);
}

namespace {
// The first key of the two-key advisory locks of batch workers ("SRBW").
constexpr int kWorkerLockSpace = 0x53524257;
}  // namespace

BatchWorkers::BatchWorkers(const Database& db) : db_(db) {
  if (db.backend() != Backend::postgresql) return;
  session_ = db.own_session();
  take_a_number();
}

void BatchWorkers::take_a_number() {
  std::random_device random;
  do number_ = 1 + std::int64_t(random() % 2147483646u);
  while (!try_lock(number_));  // another live worker drew the same number: draw again
}

bool BatchWorkers::keep() {
  if (!session_) return false;
  std::lock_guard lock(mutex_);
  try {
    int held = 0;
    const int space = kWorkerLockSpace, n = static_cast<int>(number_);
    *session_ << "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = :space AND objid = :n"
                 " AND pid = pg_backend_pid() AND granted",
        soci::use(space), soci::use(n), soci::into(held);
    if (held > 0) return false;
  } catch (const std::exception& e) {
    spdlog::warn("the batch worker's database session was lost ({}); opening it again", e.what());
  }
  try {
    session_ = db_.own_session();
    if (!try_lock(number_)) take_a_number();
  } catch (const std::exception& e) {  // the database is still away: the next call tries again
    spdlog::warn("the batch worker could not take its lock again yet: {}", e.what());
    return false;
  }
  spdlog::info("the batch worker holds its lock again as {}", number_);
  return true;
}

void BatchWorkers::publish_progress(std::int64_t batch_id, const std::string& phase, std::int64_t rows, double share) {
  if (!session_) return;
  std::lock_guard lock(mutex_);
  try {
    *session_ << "UPDATE batches SET phase = :ph, processed_rows = :r, progress = :p WHERE id = :id AND status = 'processing'",
        soci::use(phase), soci::use(rows), soci::use(share), soci::use(batch_id);
  } catch (const std::exception& e) {
    spdlog::debug("batch {}: progress not published: {}", batch_id, e.what());
  }
}

bool BatchWorkers::try_lock(std::int64_t worker) {
  int taken = 0;
  const int space = kWorkerLockSpace, n = static_cast<int>(worker);
  *session_ << "SELECT CASE WHEN pg_try_advisory_lock(:space, :n) THEN 1 ELSE 0 END", soci::use(space), soci::use(n),
      soci::into(taken);
  return taken == 1;
}

BatchWorkers::~BatchWorkers() = default;  // closing the session releases the lock

bool BatchWorkers::gone(std::int64_t worker) {
  if (worker == 0 || !session_) return true;
  std::lock_guard lock(mutex_);
  if (!try_lock(worker)) return false;
  const int space = kWorkerLockSpace, n = static_cast<int>(worker);
  *session_ << "SELECT pg_advisory_unlock(:space, :n)", soci::use(space), soci::use(n);
  return true;
}

void BatchRepo::set_worker(std::int64_t batch_id, std::int64_t worker) {
  tx_.sql << "UPDATE batches SET worker = :w WHERE id = :id", soci::use(worker), soci::use(batch_id);
}

std::vector<std::int64_t> BatchRepo::unfinished_workers() {
  std::vector<std::int64_t> out;
  long long w = 0;
  soci::statement st = (tx_.sql.prepare << "SELECT DISTINCT worker FROM batches WHERE status IN ('queued', 'processing')",
                        soci::into(w));
  st.execute();
  while (st.fetch()) out.push_back(w);
  return out;
}

int BatchRepo::mark_interrupted(std::int64_t worker) {
  long long n = 0;
  tx_.sql << "SELECT COUNT(*) FROM batches WHERE status IN ('queued', 'processing') AND worker = :w", soci::use(worker),
      soci::into(n);
  tx_.sql << "UPDATE batches SET status = 'interrupted' WHERE status IN ('queued', 'processing') AND worker = :w",
      soci::use(worker);
  tx_.sql << "DELETE FROM batch_parts WHERE batch_id IN (SELECT id FROM batches WHERE status = 'interrupted')";
  return int(n);
}

int BatchRepo::mark_interrupted() {
  long long n = 0;
  tx_.sql << "SELECT COUNT(*) FROM batches WHERE status IN ('queued', 'processing')", soci::into(n);
  tx_.sql << "UPDATE batches SET status = 'interrupted' WHERE status IN ('queued', 'processing')";
  // An interrupted batch is never applied: its rows need not be kept.
  tx_.sql << "DELETE FROM batch_parts WHERE batch_id IN (SELECT id FROM batches WHERE status = 'interrupted')";
  return int(n);
}

}  // namespace skillreg
