#include "store/activity_bulk.hpp"

#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <stdexcept>

#include "core/validators.hpp"
#include "store/identity_columns.hpp"
#include "store/monitoring_repo.hpp"

namespace skillreg {

namespace {

constexpr const char* kInsertCandidate =
    "INSERT INTO candidates (plan_id, identity_index, identity_sealed, name, birth_date, sex, education,"
    " years_in_trade, prior_level, prior_cert_date, apprenticeship, review, review_note, eligible,"
    " eligibility_id, result, batch_id, created_at) VALUES (:p, :ix, :id, :n, :b, :s, :e, :y, :pl, :pd, :a,"
    " :r, :rn, :el, :ev, :res, :batch, :c) RETURNING id";
constexpr const char* kInsertCandidateSqlite =
    "INSERT INTO candidates (plan_id, identity_index, identity_sealed, name, birth_date, sex, education,"
    " years_in_trade, prior_level, prior_cert_date, apprenticeship, review, review_note, eligible,"
    " eligibility_id, result, batch_id, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";
// The unique index of candidates on (identity_index, plan_id) (migration 0017), as the schema
// holds it.
constexpr const char* kIdentityIndexSql =
    "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'candidates_identity'";
constexpr const char* kDropIdentityIndex = "DROP INDEX candidates_identity";
constexpr const char* kCandidatesBefore = "SELECT COALESCE(MAX(id), 0) FROM candidates";
// The bytes a connection writing a big batch keeps in memory before it spills them to the WAL:
// 256 MiB, given to cache_spill in pages of the file's page size (16 KiB for a new file, 4 KiB for
// one made before).
constexpr long long kBulkSpillBytes = 256LL * 1024 * 1024;
constexpr const char* kSortCache = "PRAGMA cache_size=-4096";  // KiB
// An update, else an insert, not an UPSERT (see CandidateRepo::put_score: the monitoring trigger).
constexpr const char* kUpdateScore =
    "UPDATE scores SET score = :s, recorded_at = :t WHERE candidate_id = :c AND part = :p";
constexpr const char* kInsertScore =
    "INSERT INTO scores (candidate_id, part, score, recorded_at) VALUES (:c, :p, :s, :t)";
constexpr const char* kInsertCertificate =
    "INSERT INTO certificates (cert_no, candidate_id, plan_id, institution_id, name, identity_index,"
    " identity_sealed, identity_masked, subject_code, level, issued_on, status, void_reason, reported_on, created_at)"
    " VALUES (:no, :cand, :plan, :inst, :name, :ix, :id, :mask, :subj, :lvl, :issued, :status, '', :rep, :c)";

}  // namespace

CandidateWriter::CandidateWriter(Tx& tx) : tx_(tx), verdicts_(tx) {
  if (tx.backend != Backend::sqlite) {
    st_.emplace((tx.sql.prepare << kInsertCandidate, soci::use(plan_), soci::use(identity_), soci::use(sealed_), soci::use(name_),
                 soci::use(birth_), soci::use(sex_), soci::use(education_), soci::use(years_),
                 soci::use(prior_level_, pl_ind_), soci::use(prior_date_, pd_ind_), soci::use(apprenticeship_),
                 soci::use(review_), soci::use(note_), soci::use(eligible_), soci::use(eligibility_),
                 soci::use(result_), soci::use(batch_, b_ind_), soci::use(created_), soci::into(id_)));
    return;
  }
  tx.sql << "PRAGMA cache_spill", soci::into(spill_pages_);
  auto* db = static_cast<soci::sqlite3_session_backend*>(tx.sql.get_backend())->conn_;
  if (sqlite_api::sqlite3_prepare_v2(db, kInsertCandidateSqlite, -1, &sqlite_, nullptr) != SQLITE_OK) {
    std::string msg = sqlite_api::sqlite3_errmsg(db);
    sqlite_api::sqlite3_finalize(sqlite_);
    throw std::runtime_error("sqlite prepare failed: " + msg);
  }
  long long page_size = 4096;
  tx.sql << "PRAGMA page_size", soci::into(page_size);
  tx.sql << "PRAGMA cache_spill=" + std::to_string(kBulkSpillBytes / std::max(512LL, page_size));
}

CandidateWriter::~CandidateWriter() {
  if (sqlite_ == nullptr) return;
  sqlite_api::sqlite3_finalize(sqlite_);
  try {
    tx_.sql << "PRAGMA cache_spill=" + std::to_string(spill_pages_);
  } catch (...) {
    // The connection is going away with the failed transaction; nothing to restore.
  }
}

namespace {

void bind_text(sqlite_api::sqlite3_stmt* st, int i, const std::string& s) {
  sqlite_api::sqlite3_bind_text(st, i, s.data(), int(s.size()), SQLITE_STATIC);
}

}  // namespace

void CandidateWriter::defer_identity_index(long long from) {
  if (sqlite_ == nullptr) return;  // PostgreSQL: DROP INDEX would lock the table for the whole batch
  tx_.sql << kCandidatesBefore, soci::into(rows_before_);
  defer_from_ = from;
  defer_ = true;
}

void CandidateWriter::finish() {
  if (dropped_index_sql_.empty()) return;
  // SQLite sorts the keys of a new index in runs the size of the page cache: runs of 4 MiB stay in
  // the processor's caches and sorted a million keys in 60% of the time of the connection's
  // 16 MiB. The batch's written pages stay in memory whatever the cache size (cache_spill).
  long long cache_pages = 0;
  tx_.sql << "PRAGMA cache_size", soci::into(cache_pages);
  tx_.sql << kSortCache;
  try {
    tx_.sql << dropped_index_sql_;
  } catch (...) {
    tx_.sql << "PRAGMA cache_size=" + std::to_string(cache_pages);
    throw;
  }
  tx_.sql << "PRAGMA cache_size=" + std::to_string(cache_pages);
  dropped_index_sql_.clear();
}

std::int64_t CandidateWriter::insert(const Candidate& c, std::optional<std::int64_t> batch_id) {
  return insert(c, stored_identity(tx_, c.identity_no), batch_id);
}

std::int64_t CandidateWriter::insert(const Candidate& c, const StoredIdentity& identity,
                                     std::optional<std::int64_t> batch_id, const std::string* verdict_text) {
  // S14(1): no trigger marks a plan whose candidates were inserted (migration 0017): the writer
  // marks each plan once, with its first row.
  if (c.plan_id != marked_plan_ && marked_plans_.insert(c.plan_id).second)
    MonitoringRepo(tx_).mark_dirty(c.plan_id);
  marked_plan_ = c.plan_id;
  const long long verdict = verdict_text != nullptr ? verdicts_.id_of(verdict_text) : verdicts_.id_of(c.eligibility_json);
  if (defer_ && ++rows_ >= std::max(rows_before_, defer_from_)) {
    defer_ = false;
    soci::indicator ind = soci::i_null;
    tx_.sql << kIdentityIndexSql, soci::into(dropped_index_sql_, ind);
    if (ind == soci::i_ok && !dropped_index_sql_.empty()) tx_.sql << kDropIdentityIndex;
    else dropped_index_sql_.clear();
  }
  if (sqlite_ != nullptr) {
    // The strings bound are c's own, identity's and the two below, all alive until the step is done.
    const std::string birth = c.birth_date.to_string();
    const std::string prior = c.prior_cert_date ? c.prior_cert_date->to_string() : "";
    auto* st = sqlite_;
    sqlite_api::sqlite3_bind_int64(st, 1, c.plan_id);
    bind_text(st, 2, identity.index);
    bind_text(st, 3, identity.sealed);
    bind_text(st, 4, c.name);
    bind_text(st, 5, birth);
    bind_text(st, 6, c.sex);
    bind_text(st, 7, c.education);
    sqlite_api::sqlite3_bind_int(st, 8, c.years_in_trade);
    if (c.prior_level) sqlite_api::sqlite3_bind_int(st, 9, *c.prior_level);
    else sqlite_api::sqlite3_bind_null(st, 9);
    if (c.prior_cert_date) bind_text(st, 10, prior);
    else sqlite_api::sqlite3_bind_null(st, 10);
    sqlite_api::sqlite3_bind_int(st, 11, c.apprenticeship ? 1 : 0);
    const auto review = to_string(c.review), result = to_string(c.result);
    sqlite_api::sqlite3_bind_text(st, 12, review.data(), int(review.size()), SQLITE_STATIC);
    bind_text(st, 13, c.review_note);
    sqlite_api::sqlite3_bind_int(st, 14, c.eligible ? 1 : 0);
    sqlite_api::sqlite3_bind_int64(st, 15, verdict);
    sqlite_api::sqlite3_bind_text(st, 16, result.data(), int(result.size()), SQLITE_STATIC);
    if (batch_id) sqlite_api::sqlite3_bind_int64(st, 17, *batch_id);
    else sqlite_api::sqlite3_bind_null(st, 17);
    sqlite_api::sqlite3_bind_int64(st, 18, c.created_at);
    if (sqlite_api::sqlite3_step(st) != SQLITE_DONE) {
      std::string msg = sqlite_api::sqlite3_errmsg(sqlite_api::sqlite3_db_handle(st));
      sqlite_api::sqlite3_reset(st);
      throw std::runtime_error("sqlite insert of a candidate failed: " + msg);
    }
    sqlite_api::sqlite3_reset(st);
    return sqlite_api::sqlite3_last_insert_rowid(sqlite_api::sqlite3_db_handle(st));
  }
  plan_ = c.plan_id;
  identity_ = identity.index;
  sealed_ = identity.sealed;
  name_ = c.name;
  birth_ = c.birth_date.to_string();
  sex_ = c.sex;
  education_ = c.education;
  years_ = c.years_in_trade;
  prior_level_ = c.prior_level.value_or(0);
  pl_ind_ = c.prior_level ? soci::i_ok : soci::i_null;
  prior_date_ = c.prior_cert_date ? c.prior_cert_date->to_string() : "";
  pd_ind_ = c.prior_cert_date ? soci::i_ok : soci::i_null;
  apprenticeship_ = c.apprenticeship ? 1 : 0;
  review_ = std::string(to_string(c.review));
  note_ = c.review_note;
  eligible_ = c.eligible ? 1 : 0;
  eligibility_ = verdict;
  result_ = std::string(to_string(c.result));
  batch_ = batch_id.value_or(0);
  b_ind_ = batch_id ? soci::i_ok : soci::i_null;
  created_ = c.created_at;
  st_->execute(true);
  return id_;
}

ScoreWriter::ScoreWriter(Tx& tx)
    : update_((tx.sql.prepare << kUpdateScore, soci::use(score_), soci::use(at_), soci::use(candidate_), soci::use(part_))),
      st_((tx.sql.prepare << kInsertScore, soci::use(candidate_), soci::use(part_), soci::use(score_), soci::use(at_))) {}

void ScoreWriter::put(const Score& s) {
  candidate_ = s.candidate_id;
  part_ = std::string(to_string(s.part));
  score_ = s.score;
  at_ = s.recorded_at;
  update_.execute(true);
  if (update_.get_affected_rows() > 0) return;
  st_.execute(true);
}

CertificateWriter::CertificateWriter(Tx& tx)
    : tx_(tx),
      st_((tx.sql.prepare << kInsertCertificate, soci::use(no_), soci::use(candidate_), soci::use(plan_),
           soci::use(inst_), soci::use(name_), soci::use(identity_), soci::use(sealed_), soci::use(masked_), soci::use(subject_), soci::use(level_),
           soci::use(issued_), soci::use(status_), soci::use(reported_, rep_ind_), soci::use(created_))) {}

void CertificateWriter::insert(const Certificate& c) {
  no_ = c.cert_no;
  candidate_ = c.candidate_id;
  plan_ = c.plan_id;
  inst_ = c.institution_id;
  name_ = c.name;
  auto identity = stored_identity(tx_, c.identity_no);
  identity_ = std::move(identity.index);
  sealed_ = std::move(identity.sealed);
  masked_ = mask_identity_number(c.identity_no);
  subject_ = c.subject_code;
  level_ = c.level;
  issued_ = c.issued_on.to_string();
  status_ = std::string(to_string(c.status));
  reported_ = c.reported_on ? c.reported_on->to_string() : "";
  rep_ind_ = c.reported_on ? soci::i_ok : soci::i_null;
  created_ = c.created_at;
  st_.execute(true);
}

}  // namespace skillreg
