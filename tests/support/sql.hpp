#pragma once
// Direct SQL on a test database, around the server, as an attacker or an operator would.
#include <cstdint>
#include <string>

#include "support/server_process.hpp"

namespace skillreg::test {

// Runs one or more statements; throws on error.
void exec_sql(const ScratchDatabase& db, const std::string& sql);
// The first column of the first row as text ("" when there is no row).
std::string query_text(const ScratchDatabase& db, const std::string& sql);
// Runs statements on the database at `url` ("sqlite:<file>" or a PostgreSQL URL); throws on error.
void exec_sql(const std::string& url, const std::string& sql);

// A valid certificate, issued on 2026-01-05, written straight into the database as an operator
// restoring one would: issuing one through the API needs the results publicity to have run.
struct RestoredCertificate {
  std::string cert_no;
  std::int64_t candidate_id = 0;
  std::int64_t plan_id = 0;
  std::int64_t institution_id = 0;
  std::string name;
  std::string identity_no;
  std::string subject_code;
  int level = 0;
};
void insert_restored_certificate(const ScratchDatabase& db, const RestoredCertificate& c);

}  // namespace skillreg::test
