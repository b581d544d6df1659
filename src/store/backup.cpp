#include "store/backup.hpp"

#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <filesystem>
#include <memory>
#include <vector>

extern char** environ;

namespace skillreg {

namespace {

std::unexpected<Error> backup_failed(const std::string& what) {
  return fail(ErrorKind::internal, "备份或恢复失败：" + what, "Backup or restore failed: " + what);
}

std::string sqlite_path(const std::string& url) {
  std::string path = url.substr(std::string("sqlite:").size());
  if (path.starts_with("//")) path = path.substr(2);
  return path;
}

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Handle = std::unique_ptr<sqlite3, Closer>;

Result<Handle> open(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Handle h(raw);
  if (rc != SQLITE_OK) return backup_failed(path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  sqlite3_busy_timeout(raw, 10000);
  return h;
}

// Copies `from` into `to` with the online backup API, a hundred pages at a time, so writers
// between steps are not held up long.
Status copy(sqlite3* from, sqlite3* to) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (!b) return backup_failed(sqlite3_errmsg(to));
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(b, 100);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return backup_failed(sqlite3_errstr(rc));
  return {};
}

// Runs a program without a shell (the URL and the file are arguments, never parsed by sh).
Status run(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0)
    return backup_failed(argv[0] + " could not be started (is postgresql-client installed?)");
  int status = 0;
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return backup_failed(argv[0] + " exited with an error");
  return {};
}

}  // namespace

Status backup_database(const std::string& url, const std::string& file) {
  if (url.starts_with("postgresql://"))
    return run({"pg_dump", "--format=custom", "--no-owner", "--file=" + file, "--dbname=" + url});
  if (!url.starts_with("sqlite:")) return backup_failed("unknown database URL");
  if (std::filesystem::exists(file)) return backup_failed(file + " exists; a backup never overwrites a file");
  auto from = open(sqlite_path(url), SQLITE_OPEN_READONLY);
  if (!from) return std::unexpected(from.error());
  auto to = open(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!to) return std::unexpected(to.error());
  return copy(from->get(), to->get());
}

Status restore_database(const std::string& url, const std::string& file) {
  if (!std::filesystem::exists(file)) return backup_failed(file + " does not exist");
  if (url.starts_with("postgresql://"))
    return run({"pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname=" + url, file});
  if (!url.starts_with("sqlite:")) return backup_failed("unknown database URL");
  auto from = open(file, SQLITE_OPEN_READONLY);
  if (!from) return std::unexpected(from.error());
  auto to = open(sqlite_path(url), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!to) return std::unexpected(to.error());
  return copy(from->get(), to->get());
}

}  // namespace skillreg
