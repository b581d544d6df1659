#pragma once
// Persistence of certificates: issued numbers (never reused), national reporting (S19(10)),
// voiding (S18), and the public check's single lookup.
#include <optional>
#include <string>
#include <vector>

#include "domain/activity/records.hpp"
#include "store/database.hpp"
#include "store/paging.hpp"

namespace skillreg {

struct CertificateQuery {
  std::vector<std::string> authorities;       // supervising authorities in scope (empty: any)
  std::vector<std::string> site_regions;      // and the certificates of plans at exam sites in these regions
  std::optional<std::int64_t> institution_id;  // an institution's own
  std::optional<std::int64_t> plan_id;
  std::optional<CertificateStatus> status;
  std::optional<bool> reported;
  std::string due_before;  // unreported and issued on or before this date (overdue reports)
  PageRequest page;
};

class CertificateRepo {
 public:
  explicit CertificateRepo(Tx& tx) : tx_(tx) {}

  // The next serial for (institution, year, level), starting at 1; never the same twice.
  int next_serial(std::int64_t institution_id, int year, int level);
  void insert(const Certificate& c);
  std::optional<Certificate> find(const std::string& cert_no);
  bool candidate_has_certificate(std::int64_t candidate_id);
  std::optional<std::string> certificate_of_candidate(std::int64_t candidate_id);
  Page<Certificate> list(const CertificateQuery& q);
  void set_reported(const std::string& cert_no, Date on);
  void void_certificate(const std::string& cert_no, const std::string& reason, Instant at);
  // A review that overturns the voiding decision (S24) makes the certificate valid again.
  void restore_certificate(const std::string& cert_no);

  // The public check: one indexed lookup with the institution's and the subject's names.
  std::optional<PublicCertificate> public_lookup(const std::string& cert_no);

 private:
  Tx& tx_;
};

// The public check's lookup as a use case runs it, outside any unit of work: on SQLite one kept
// statement in the thread's kept read snapshot (Database::sqlite_cached; the busiest public path,
// issue 4), on PostgreSQL CertificateRepo::public_lookup in a read transaction. The same answer
// either way.
Result<std::optional<PublicCertificate>> lookup_public_certificate(Database& db, const std::string& cert_no);

}  // namespace skillreg
