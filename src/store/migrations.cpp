#include "store/migrations.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string_view>

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
// A SQLite step that rebuilds a table other tables refer to (SQLite's procedure for a change
// ALTER TABLE cannot make, https://www.sqlite.org/lang_altertable.html) starts with this line. It
// runs with the foreign key checks off, which SQLite allows only outside a transaction, and is
// rolled back if it leaves more broken references than there were before it.
constexpr std::string_view kForeignKeysOff = "-- migrate: foreign_keys=off";
constexpr const char* kCountBrokenReferences = "SELECT COUNT(*) FROM pragma_foreign_key_check";

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
    const bool checks_off = db.backend() == Backend::sqlite && m.script.starts_with(kForeignKeysOff);
    if (checks_off) sql << "PRAGMA foreign_keys=OFF";
    sql << (db.backend() == Backend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    try {
      long long broken_before = 0, broken_after = 0;
      if (checks_off) sql << kCountBrokenReferences, soci::into(broken_before);
      db.exec_script(sql, m.script);
      if (checks_off) sql << kCountBrokenReferences, soci::into(broken_after);
      if (broken_after > broken_before)
        throw std::runtime_error(std::to_string(broken_after - broken_before) + " references broken");
      const long long now = SystemClock{}.now();
      sql << kInsertApplied, soci::use(m.version), soci::use(m.name), soci::use(now);
      sql << "COMMIT";
    } catch (const std::exception& e) {
      sql << "ROLLBACK";
      if (checks_off) sql << "PRAGMA foreign_keys=ON";
      throw std::runtime_error("migration " + m.name + " failed: " + e.what());
    }
    if (checks_off) sql << "PRAGMA foreign_keys=ON";
    spdlog::info("applied migration {}", m.name);
    done.push_back(m.version);
  }
  return done;
}

}  // namespace skillreg
