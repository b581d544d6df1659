#pragma once
#include <chrono>
// The real `skillreg` binary, started for a test on a free loopback port with a fresh database:
// a new SQLite file in a temp folder, or a new database on the PostgreSQL server that
// scripts/with-postgres.sh started (its URL in SKILLREG_TEST_PG). Stopped with SIGTERM at the end.
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace skillreg::test {

// A fresh, empty database for one test; dropped (PostgreSQL) or deleted (SQLite) at the end.
class ScratchDatabase {
 public:
  explicit ScratchDatabase(Backend backend);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const std::string& url() const { return url_; }
  Backend backend() const { return backend_; }
  const std::filesystem::path& dir() const { return dir_; }
  // The SQLite file (SQLite only).
  std::filesystem::path sqlite_file() const { return dir_ / "skillreg.db"; }
  // The database's name (PostgreSQL only).
  const std::string& pg_name() const { return pg_name_; }

 private:
  Backend backend_;
  std::filesystem::path dir_;
  std::string url_;
  std::string pg_name_;
};

// The identity key every skillreg the tests start uses (SKILLREG_IDENTITY_KEY_FILE, set for the
// whole test process on first use), and the vault it opens, for tests that write or read identity
// columns directly.
const std::filesystem::path& test_identity_key_file();
const IdentityVault& test_identity_vault();
// Every valid identity number (GB 11643, check digit and birth date) standing alone in `text`.
std::vector<std::string> identity_numbers_in(std::string_view text);
// "'<index>', '<sealed>'": an identity number's two stored columns as SQL literals.
std::string identity_sql_values(const std::string& identity_no);

// Runs `skillreg <args…> --database <url>` to completion; returns its exit code and output.
struct CommandResult {
  int exit_code = -1;
  std::string output;
};
CommandResult run_skillreg(const std::vector<std::string>& args, const std::string& database_url,
                           const std::vector<std::string>& env = {});
// Runs `skillreg --database URL ARGS…` and kills it with SIGKILL after `delay` (if still running);
// true when it was killed (false: it had finished first).
bool run_skillreg_killed_after(const std::vector<std::string>& args, const std::string& database_url,
                               std::chrono::milliseconds delay);

class ServerProcess {
 public:
  // Loads the demo accounts (without the sample registry, unless `sample_registry`) into `db`
  // unless `demo` is false, and starts `skillreg serve`.
  // `env` holds extra NAME=value pairs for the server (e.g. SKILLREG_CLOCK_OFFSET_DAYS=10); the
  // certificate signing key always lives in the database's scratch directory.
  explicit ServerProcess(const ScratchDatabase& db, bool demo = true,
                         std::vector<std::string> serve_args = {}, bool sample_registry = false,
                         std::vector<std::string> env = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::string log() const;  // what the server wrote so far
  bool alive() const;
  void stop();
  // SIGKILL now, as a power cut would: no shutdown code runs.
  void crash();

 private:
  bool start_once();
  const ScratchDatabase& db_;
  std::vector<std::string> serve_args_;
  std::vector<std::string> env_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
  std::filesystem::path log_;
};

// Both backends, for INSTANTIATE_TEST_SUITE_P.
std::vector<Backend> all_backends();

}  // namespace skillreg::test
