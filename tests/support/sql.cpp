#include "support/sql.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>
#include <string_view>

#include "support/postgres.hpp"

namespace skillreg::test {

namespace {

std::string run_sqlite(const std::filesystem::path& file, const std::string& sql, bool want_value) {
  sqlite3* h = nullptr;
  if (sqlite3_open(file.c_str(), &h) != SQLITE_OK) throw std::runtime_error("open failed");
  sqlite3_busy_timeout(h, 10000);
  std::string value;
  char* err = nullptr;
  auto cb = [](void* out, int, char** cols, char**) {
    auto* s = static_cast<std::string*>(out);
    if (s->empty() && cols[0] != nullptr) *s = cols[0];
    return 0;
  };
  const int rc = sqlite3_exec(h, sql.c_str(), want_value ? +cb : nullptr, &value, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(h);
  if (rc != SQLITE_OK) throw std::runtime_error(sql + ": " + msg);
  return value;
}

std::string run(const ScratchDatabase& db, const std::string& sql, bool want_value) {
  return db.backend() == Backend::sqlite ? run_sqlite(db.sqlite_file(), sql, want_value) : pg_query(db.url(), sql);
}

}  // namespace

void exec_sql(const ScratchDatabase& db, const std::string& sql) { run(db, sql, false); }
std::string query_text(const ScratchDatabase& db, const std::string& sql) { return run(db, sql, true); }

void exec_sql(const std::string& url, const std::string& sql) {
  constexpr std::string_view sqlite_scheme = "sqlite:";
  if (url.starts_with(sqlite_scheme))
    run_sqlite(url.substr(sqlite_scheme.size()), sql, false);
  else
    pg_query(url, sql);
}

void insert_restored_certificate(const ScratchDatabase& db, const RestoredCertificate& c) {
  exec_sql(db, "INSERT INTO certificates (cert_no, candidate_id, plan_id, institution_id, name, identity_index,"
               " identity_sealed, subject_code, level, issued_on, status, void_reason, created_at) VALUES ('" +
                   c.cert_no + "', " + std::to_string(c.candidate_id) + ", " + std::to_string(c.plan_id) + ", " +
                   std::to_string(c.institution_id) + ", '" + c.name + "', " + identity_sql_values(c.identity_no) +
                   ", '" + c.subject_code + "', " + std::to_string(c.level) + ", '2026-01-05', 'valid', '', 0)");
}

}  // namespace skillreg::test
