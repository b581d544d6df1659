#pragma once
// Prepared-once writers for the high-volume activity tables (candidates, scores, certificates,
// sessions' papers and videos), used by bulk batches and by the synthetic province. Each writer
// prepares its statement once per transaction and binds its own fields, so a million rows cost
// a million executions, not a million parses.
#include <optional>
#include <string>

#include <soci/soci.h>

#include "domain/activity/records.hpp"
#include "store/database.hpp"

namespace skillreg {

// On SQLite the candidate insert binds the record's own fields straight to a sqlite3 statement
// (SOCI copies every string it binds, on every execution), and the connection's page cache is
// raised while the writer lives, so a million random identity numbers in the two indexes of
// candidates stay in memory instead of spilling to the WAL and being read back.
class CandidateWriter {
 public:
  explicit CandidateWriter(Tx& tx);
  ~CandidateWriter();
  CandidateWriter(const CandidateWriter&) = delete;
  CandidateWriter& operator=(const CandidateWriter&) = delete;
  std::int64_t insert(const Candidate& c, std::optional<std::int64_t> batch_id = std::nullopt);

 private:
  Tx& tx_;
  long long plan_ = 0, id_ = 0, batch_ = 0, created_ = 0;
  std::string identity_, sealed_, name_, birth_, sex_, education_, prior_date_, review_, note_, eligibility_,
      result_;  // identity_: the blind index
  int years_ = 0, prior_level_ = 0, apprenticeship_ = 0, eligible_ = 0;
  soci::indicator pl_ind_ = soci::i_null, pd_ind_ = soci::i_null, b_ind_ = soci::i_null;
  std::optional<soci::statement> st_;             // PostgreSQL
  sqlite_api::sqlite3_stmt* sqlite_ = nullptr;  // SQLite
  long long cache_pages_ = 0;                    // SQLite: the cache_size to restore
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
  std::string no_, name_, identity_, sealed_, subject_, issued_, status_, reported_;  // identity_: the blind index
  long long candidate_ = 0, plan_ = 0, inst_ = 0, created_ = 0;
  int level_ = 0;
  soci::indicator rep_ind_ = soci::i_null;
  soci::statement st_;
};

}  // namespace skillreg
