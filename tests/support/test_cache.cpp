#include "support/test_cache.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/bootstrap.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "support/postgres.hpp"
#include "support/server_process.hpp"
#include "support/sql.hpp"

extern char** environ;

namespace skillreg::test {

namespace fs = std::filesystem;

namespace {

std::mutex lock_mutex;
int lock_fd = -1;
int lock_depth = 0;

// A file's path, size and time of change: enough to tell one build of it from the next.
std::string build_stamp(const fs::path& file) {
  std::error_code ec;
  return file.string() + "|" + std::to_string(fs::file_size(file, ec)) + "|" +
         std::to_string(fs::last_write_time(file, ec).time_since_epoch().count());
}

// What the template depends on: the skillreg binary and the test binary (which finishes the
// template), today's date in the province, the variant and every SKILLREG_ variable the command
// inherits (the test server's URL aside: a PostgreSQL template lives in that server anyway).
std::string template_key(bool sample_registry) {
  std::string what = build_stamp(SKILLREG_BINARY);
  what += "|" + build_stamp(fs::read_symlink("/proc/self/exe"));
  what += "|" + local_date(SystemClock{}.now()).to_string();
  what += sample_registry ? "|sample-registry" : "|accounts-only";
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    if (entry.starts_with("SKILLREG_") && !entry.starts_with("SKILLREG_TEST_PG=")) env.push_back(entry);
  }
  std::ranges::sort(env);
  for (const auto& e : env) what += "|" + e;
  return crypto::sha256_hex(what).substr(0, 16);
}

void run_demo(const std::string& url, bool sample_registry) {
  const auto r = run_skillreg(sample_registry ? std::vector<std::string>{"demo"}
                                              : std::vector<std::string>{"demo", "--accounts-only"},
                              url);
  if (r.exit_code != 0) throw std::runtime_error("skillreg demo failed: " + r.output);
}

// Every account of a template is a demo account with the demo password; this hashes it again at
// libsodium's lowest argon2id cost. The server reads the cost from each stored hash, so a login
// runs the same code, without the 64 MiB and the fraction of a second that made logins a third
// of the integration tests' CPU. Accounts that tests create keep the production cost.
void cheapen_demo_passwords(const std::string& url) {
  crypto::init();
  static const std::string hash = crypto::hash_password(
      kDemoPassword, {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN});
  exec_sql(url, "UPDATE users SET password_hash = '" + hash + "'");
}

// The demo database of a template: the command's, with the cheaper password hashes.
void make_template(const std::string& url, bool sample_registry) {
  run_demo(url, sample_registry);
  cheapen_demo_passwords(url);
}

// Templates of other binaries or days, a day old, are of no more use.
void remove_stale_templates() {
  const auto day_ago = fs::file_time_type::clock::now() - std::chrono::hours(24);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(test_cache_dir(), ec))
    if (entry.path().filename().string().starts_with("demo-") && entry.last_write_time(ec) < day_ago)
      fs::remove(entry.path(), ec);
}

bool copy_sqlite(const ScratchDatabase& db, const std::string& key, bool sample_registry) {
  if (fs::exists(db.sqlite_file())) return false;
  const auto tpl = test_cache_dir() / ("demo-" + key + ".db");
  {
    TestCacheLock lock;
    if (!fs::exists(tpl)) {
      remove_stale_templates();
      const auto building = test_cache_dir() / ("building-" + std::to_string(getpid()) + ".db");
      fs::remove(building);
      make_template("sqlite:" + building.string(), sample_registry);
      // The command closed its database: everything is in the one file.
      if (std::error_code ec; fs::file_size(building.string() + "-wal", ec) > 0 && !ec)
        throw std::runtime_error("skillreg demo left a write-ahead log behind: " + building.string());
      fs::rename(building, tpl);
    }
  }
  fs::copy_file(tpl, db.sqlite_file());
  return true;
}

bool copy_postgres(const ScratchDatabase& db, const std::string& key, bool sample_registry) {
  if (query_text(db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'") != "0")
    return false;
  const std::string tpl = "skillreg_tpl_" + key;
  {
    TestCacheLock lock;
    if (pg_admin_query("SELECT 1 FROM pg_database WHERE datname = '" + tpl + "'").empty()) {
      const std::string building = "skillreg_tpl_building_" + std::to_string(getpid());
      pg_admin("DROP DATABASE IF EXISTS " + building);
      pg_admin("CREATE DATABASE " + building);
      make_template(pg_url_for(building), sample_registry);
      pg_admin("ALTER DATABASE " + building + " RENAME TO " + tpl);
    }
  }
  pg_admin("DROP DATABASE " + db.pg_name() + " WITH (FORCE)");
  pg_admin("CREATE DATABASE " + db.pg_name() + " TEMPLATE " + tpl);
  return true;
}

}  // namespace

const fs::path& test_cache_dir() {
  static const fs::path dir = [] {
    fs::path d = SKILLREG_TEST_CACHE_DIR;
    fs::create_directories(d);
    return d;
  }();
  return dir;
}

TestCacheLock::TestCacheLock() {
  std::lock_guard guard(lock_mutex);
  if (lock_depth++ > 0) return;
  lock_fd = ::open((test_cache_dir() / "lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd < 0 || ::flock(lock_fd, LOCK_EX) != 0) {
    --lock_depth;
    throw std::runtime_error("cannot lock " + (test_cache_dir() / "lock").string());
  }
}

TestCacheLock::~TestCacheLock() {
  std::lock_guard guard(lock_mutex);
  if (--lock_depth > 0) return;
  ::close(lock_fd);  // releases the lock
  lock_fd = -1;
}

void load_demo(const ScratchDatabase& db, bool sample_registry) {
  const char* config = std::getenv("SKILLREG_CONFIG");
  if (config == nullptr || *config == '\0') {
    const auto key = template_key(sample_registry);
    if (db.backend() == Backend::sqlite ? copy_sqlite(db, key, sample_registry)
                                        : copy_postgres(db, key, sample_registry))
      return;
  }
  run_demo(db.url(), sample_registry);
}

}  // namespace skillreg::test
