#include "store/migrations.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/clock.hpp"
#include "core/embedded.hpp"

namespace skillreg {

namespace {

constexpr const char* kCreateMigrationTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
constexpr const char* kLockMigrations = "SELECT pg_advisory_lock(330000001)";
constexpr const char* kUnlockMigrations = "SELECT pg_advisory_unlock(330000001)";
constexpr const char* kSelectApplied = "SELECT version FROM schema_migrations";
constexpr const char* kInsertApplied =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)";

}  // namespace

std::vector<Migration> shipped_migrations(Backend backend) {
  const std::string prefix =
      std::string("src/store/migrations/") + std::string(to_string(backend)) + "/";
  std::vector<Migration> out;
  for (const auto& f : embedded::under(prefix)) {
    const std::string file(f.name.substr(prefix.size()));  // "0001_foundation.sql"
    Migration m;
    m.version = std::stoi(file.substr(0, file.find('_')));
    m.name = file.substr(0, file.size() - 4);
    m.script = std::string(f.contents);
    out.push_back(std::move(m));
  }
  std::ranges::sort(out, {}, &Migration::version);
  return out;
}

std::vector<int> apply_migrations(Database& db) {
  Database::Lease lease(db);
  auto& sql = lease.sql();
  // Several nodes may start at once against one PostgreSQL: one migrates, the others wait for
  // it and then find nothing left to do. (SQLite serialises through BEGIN IMMEDIATE below.)
  struct AdvisoryLock {
    soci::session& sql;
    bool held;
    ~AdvisoryLock() {
      if (held) sql << kUnlockMigrations;
    }
  } lock{sql, db.backend() == Backend::postgresql};
  if (lock.held) sql << kLockMigrations;
  // The bookkeeping table itself is the one place IF NOT EXISTS is right: it precedes step 1.
  sql << kCreateMigrationTable;
  std::set<int> applied;
  {
    int v = 0;
    soci::statement st = (sql.prepare << kSelectApplied, soci::into(v));
    st.execute();
    while (st.fetch()) applied.insert(v);
  }
  std::vector<int> done;
  for (const auto& m : shipped_migrations(db.backend())) {
    if (applied.contains(m.version)) continue;
    sql << (db.backend() == Backend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    try {
      db.exec_script(sql, m.script);
      const long long now = SystemClock{}.now();
      sql << kInsertApplied, soci::use(m.version), soci::use(m.name), soci::use(now);
      sql << "COMMIT";
    } catch (const std::exception& e) {
      sql << "ROLLBACK";
      throw std::runtime_error("migration " + m.name + " failed: " + e.what());
    }
    spdlog::info("applied migration {}", m.name);
    done.push_back(m.version);
  }
  return done;
}

}  // namespace skillreg
