#pragma once
// Prepared-once writers for the high-volume activity tables (candidates, scores, certificates,
// sessions' papers and videos), used by bulk batches and by the synthetic province. Each writer
// prepares its statement once per transaction and binds its own fields, so a million rows cost
// a million executions, not a million parses.
#include <optional>
#include <string>
#include <unordered_set>

#include <soci/soci.h>

#include "domain/activity/records.hpp"
#include "store/database.hpp"
#include "store/eligibility_verdicts.hpp"
#include "store/identity_columns.hpp"

namespace skillreg {

// Each plan written to is marked for re-scoring once (S14(1); no per-row trigger since migration
// 0017), and each distinct eligibility verdict is looked up or stored once.
//
// On SQLite the candidate insert binds the record's own fields straight to a sqlite3 statement
// (SOCI copies every string it binds, on every execution), and while the writer lives the
// connection keeps up to 256 MiB of written pages in memory (cache_spill) instead of spilling
// them to the WAL and reading them back. Its page cache itself stays small, and is smaller still
// while finish() builds an index: SQLite sorts the keys in runs the size of the page cache, and
// runs that fit the processor's caches sort faster than one run of the whole index.
class CandidateWriter {
 public:
  explicit CandidateWriter(Tx& tx);
  ~CandidateWriter();
  CandidateWriter(const CandidateWriter&) = delete;
  CandidateWriter& operator=(const CandidateWriter&) = delete;
  std::int64_t insert(const Candidate& c, std::optional<std::int64_t> batch_id = std::nullopt);
  // With the identity number already in its stored form (a batch's pipeline seals it), and
  // optionally the eligibility verdict's text at an address that holds it unchanged while this
  // writer lives (EligibilityCache::last_text()), used instead of c.eligibility_json.
  std::int64_t insert(const Candidate& c, const StoredIdentity& identity, std::optional<std::int64_t> batch_id,
                      const std::string* verdict = nullptr);

  // SQLite, for a batch that may be large: once this writer has added as many rows as the table
  // held before it (and at least kDeferIndexFrom), the unique index of identity_index and
  // plan_id is dropped and finish() builds it again in one sort, cheaper than a random insert
  // per row for the rest; only the index of plan_id, whose keys a batch appends, is kept up row
  // by row. Building the index again checks the uniqueness of every row (it fails on a
  // duplicate), so the caller checks duplicates first (in the batch and on the plan), as a batch
  // does for its error report. The caller must call finish() before committing; a rollback
  // restores the index by itself.
  void defer_identity_index(long long from = kDeferIndexFrom);
  void finish();
  static constexpr long long kDeferIndexFrom = 50000;

 private:
  Tx& tx_;
  bool defer_ = false;
  long long rows_ = 0, rows_before_ = 0, defer_from_ = 0;
  std::string dropped_index_sql_;  // the CREATE INDEX to run again in finish(), once dropped
  long long plan_ = 0, id_ = 0, batch_ = 0, created_ = 0;
  std::string identity_, sealed_, name_, birth_, sex_, education_, prior_date_, review_, note_,
      result_;  // identity_: the blind index
  long long eligibility_ = 0;  // the verdict's id
  int years_ = 0, prior_level_ = 0, apprenticeship_ = 0, eligible_ = 0;
  EligibilityVerdicts verdicts_;
  std::unordered_set<std::int64_t> marked_plans_;  // marked for re-scoring by this writer
  std::int64_t marked_plan_ = 0;                   // the last of them
  soci::indicator pl_ind_ = soci::i_null, pd_ind_ = soci::i_null, b_ind_ = soci::i_null;
  std::optional<soci::statement> st_;             // PostgreSQL
  sqlite_api::sqlite3_stmt* sqlite_ = nullptr;  // SQLite
  long long spill_pages_ = 0;                   // SQLite: the cache_spill to restore
};

class ScoreWriter {
 public:
  explicit ScoreWriter(Tx& tx);
  void put(const Score& s);

 private:
  long long candidate_ = 0, at_ = 0;
  std::string part_;
  double score_ = 0;
  soci::statement update_, st_;
};

class CertificateWriter {
 public:
  explicit CertificateWriter(Tx& tx);
  void insert(const Certificate& c);

 private:
  Tx& tx_;
  std::string no_, name_, identity_, sealed_, masked_, subject_, issued_, status_, reported_;  // identity_: the blind index
  long long candidate_ = 0, plan_ = 0, inst_ = 0, created_ = 0;
  int level_ = 0;
  soci::indicator rep_ind_ = soci::i_null;
  soci::statement st_;
};

}  // namespace skillreg
