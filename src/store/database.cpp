#include "store/database.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <mutex>
#include <stdexcept>

namespace skillreg {

std::string_view to_string(Backend b) { return b == Backend::sqlite ? "sqlite" : "postgresql"; }

namespace {

// SQLite calls this every kProgressSteps steps of a running statement; non-zero interrupts it.
constexpr int kProgressSteps = 4096;
int interrupt_when_stopping(void* flag) {
  return static_cast<const std::atomic<bool>*>(flag)->load(std::memory_order_relaxed) ? 1 : 0;
}

// SOCI rewrites a libpq URI on its way to PQconnectdb, so hand it libpq's keyword form:
// postgresql://user:password@host:port/dbname?k=v → "user=… password=… host=… port=… dbname=… k=v".
std::string pg_keywords(const std::string& url) {
  std::string rest = url.substr(url.find("://") + 3);
  std::string params;
  if (auto q = rest.find('?'); q != std::string::npos) {
    params = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string out;
  auto add = [&](const std::string& k, const std::string& v) {
    if (v.empty()) return;
    std::string quoted;
    for (char c : v) {
      if (c == '\\' || c == '\'') quoted += '\\';
      quoted += c;
    }
    out += k + "='" + quoted + "' ";
  };
  std::string dbname;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    dbname = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    const std::string userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    const auto colon = userinfo.find(':');
    add("user", userinfo.substr(0, colon));
    if (colon != std::string::npos) add("password", userinfo.substr(colon + 1));
  }
  std::string host = rest, port;
  if (auto colon = rest.rfind(':'); colon != std::string::npos && rest.find(']') == std::string::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  add("host", host);
  add("port", port);
  add("dbname", dbname);
  std::size_t pos = 0;
  while (pos < params.size()) {
    const auto amp = params.find('&', pos);
    const std::string kv = params.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
    if (auto eq = kv.find('='); eq != std::string::npos) add(kv.substr(0, eq), kv.substr(eq + 1));
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  return out;
}

}  // namespace

Database::Database(std::string url, Backend backend) : url_(std::move(url)), backend_(backend) {}


std::unique_ptr<Database> Database::open(const std::string& url, std::size_t pool_size) {
  std::unique_ptr<Database> db;
  if (url.starts_with("sqlite:")) {
    // A pooled connection is used by one thread at a time (Lease), so SQLite's own lock around
    // every call on a connection, and the global one around every allocation that keeps the
    // memory statistics, only cost time: a tenth of a bulk batch's writer thread
    // (docs/benchmarks.md). Both settings must precede SQLite's first use in the process; a
    // call after it fails and leaves SQLite as it is, which is still correct.
    static std::once_flag configured;
    std::call_once(configured, [] {
      sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
      sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    });
    db.reset(new Database(url, Backend::sqlite));
    db->target_ = url.substr(7);
    if (db->target_.starts_with("//")) db->target_ = db->target_.substr(2);
  } else if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    db.reset(new Database(url, Backend::postgresql));
    db->target_ = pg_keywords(url);
  } else {
    throw std::runtime_error("database url must start with sqlite: or postgresql://");
  }
  db->max_ = pool_size == 0 ? 1 : pool_size;
  db->release(std::make_unique<Connection>(db->connect()));  // fail now, not on the first request
  return db;
}

std::unique_ptr<soci::session> Database::connect() const {
  if (backend_ == Backend::sqlite) {
    auto s = std::make_unique<soci::session>(soci::sqlite3, "db=\"" + target_ + "\" timeout=10");
    // WAL lets readers run beside the one writer; busy_timeout makes concurrent openers wait
    // instead of failing; foreign keys are off by default in SQLite.
    // A new database is made of 16 KiB pages instead of SQLite's 4 KiB: a batch of a million
    // candidates writes, sorts and commits a quarter of the pages, B-tree levels and WAL frames
    // (the bulk-ingest benchmark: ~10% faster; the same rows in plain SQL: 1.6 s instead of 2.0 s,
    // docs/benchmarks.md). The setting only counts before the first table; an existing file keeps
    // its size (VACUUM with journal_mode=DELETE converts one).
    *s << "PRAGMA page_size=16384";
    *s << "PRAGMA journal_mode=WAL";
    *s << "PRAGMA busy_timeout=10000";
    *s << "PRAGMA foreign_keys=ON";
    *s << "PRAGMA synchronous=NORMAL";
    // Reads map the file instead of copying pages through a 2 MiB cache per connection, and a
    // big batch keeps its pages in memory instead of spilling them (docs/benchmarks.md). The map
    // covers the whole file up to SQLite's own limit (2 GiB less 64 KiB on Linux): pages past it
    // are read with a system call and a copy each, which made the public certificate check of a
    // province of a million certificates (a 900 MiB file) spend a sixth of its time in read().
    *s << "PRAGMA mmap_size=2147418112";
    *s << "PRAGMA cache_size=-16384";
    // interrupt_long_statements(): a statement of a few dozen steps (a key lookup) never asks.
    auto* be = static_cast<soci::sqlite3_session_backend*>(s->get_backend());
    sqlite_api::sqlite3_progress_handler(be->conn_, kProgressSteps, interrupt_when_stopping,
                                         const_cast<std::atomic<bool>*>(&interrupting_));
    return s;
  }
  auto s = std::make_unique<soci::session>(soci::postgresql, target_);
  *s << "SET TIME ZONE 'UTC'";
  return s;
}

Database::Connection::~Connection() {
  // SOCI closes with sqlite3_close, which leaves the database open while statements remain.
  for (auto& [sql, stmt] : statements) sqlite_api::sqlite3_finalize(stmt);
}

Database::StatementUse::~StatementUse() {
  sqlite_api::sqlite3_reset(stmt);
  sqlite_api::sqlite3_clear_bindings(stmt);
}

sqlite_api::sqlite3_stmt* Database::Lease::statement(const char* sql) {
  if (db_.backend_ != Backend::sqlite) throw std::logic_error("kept statements are for SQLite only");
  return conn_->statement(sql);
}

sqlite_api::sqlite3_stmt* Database::Connection::statement(const char* sql) {
  for (const auto& [key, stmt] : statements)
    if (key == sql) return stmt;
  auto* be = static_cast<soci::sqlite3_session_backend*>(session->get_backend());
  sqlite_api::sqlite3_stmt* stmt = nullptr;
  if (sqlite_api::sqlite3_prepare_v3(be->conn_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    std::string msg = sqlite_api::sqlite3_errmsg(be->conn_);
    sqlite_api::sqlite3_finalize(stmt);
    throw std::runtime_error("sqlite prepare failed: " + msg);
  }
  statements.emplace_back(sql, stmt);
  return stmt;
}

std::unique_ptr<Database::Connection> Database::acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !idle_.empty() || open_ < max_; });
  if (!idle_.empty()) {
    auto s = std::move(idle_.back());
    idle_.pop_back();
    return s;
  }
  ++open_;
  lock.unlock();
  try {
    return std::make_unique<Connection>(connect());
  } catch (...) {
    std::lock_guard relock(mu_);
    --open_;
    cv_.notify_one();
    throw;
  }
}

void Database::release(std::unique_ptr<Connection> c) {
  {
    std::lock_guard lock(mu_);
    if (c) {
      idle_.push_back(std::move(c));
    } else {
      --open_;
    }
    if (open_ < idle_.size()) open_ = idle_.size();
  }
  cv_.notify_one();
}

Database::Lease::Lease(Database& db) : db_(db), conn_(db.acquire()) {}

Database::Lease::~Lease() {
  // A PostgreSQL connection that dropped is discarded, and a fresh one opens on next use.
  if (db_.backend_ == Backend::postgresql) {
    auto* be = static_cast<soci::postgresql_session_backend*>(conn_->session->get_backend());
    if (be == nullptr || PQstatus(be->conn_) != CONNECTION_OK) conn_.reset();
  }
  db_.release(std::move(conn_));
}

void Database::begin(soci::session& sql, Mode mode) const {
  if (backend_ == Backend::sqlite) {
    // IMMEDIATE takes the write lock up front, so two writers queue on busy_timeout instead of
    // one failing at its first write (a deferred transaction cannot wait to upgrade: that is
    // what write_after_reading() retries).
    sql << (mode == Mode::write ? "BEGIN IMMEDIATE" : "BEGIN");
  } else {
    // A read sees one snapshot, as on SQLite: under PostgreSQL's default (READ COMMITTED) each
    // statement sees the commits made before it, and a read of several statements (the audit
    // chain and its head, a monitoring snapshot) could mix two states. A read-only transaction
    // never fails for it.
    sql << (mode == Mode::read ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
  }
}

bool Database::upgrade_refused(soci::session& sql, const std::exception& e) const {
  if (backend_ != Backend::sqlite) return false;
  if (const auto* se = dynamic_cast<const soci::sqlite3_soci_error*>(&e); se != nullptr && (se->result() & 0xff) == SQLITE_BUSY)
    return true;
  // Errors raised around SOCI (a statement run through the sqlite3 API) leave the code on the handle.
  auto* be = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
  return be != nullptr && (sqlite_api::sqlite3_extended_errcode(be->conn_) & 0xff) == SQLITE_BUSY;
}

Error Database::driver_error(const std::exception& e) {
  spdlog::error("database error: {}", e.what());
  return Error{ErrorKind::internal, "服务器内部错误，请稍后重试", "Internal error, please retry later",
               {}, {}};
}

void Database::exec_script(soci::session& sql, std::string_view script) const {
  const std::string text(script);
  if (backend_ == Backend::sqlite) {
    auto* be = static_cast<soci::sqlite3_session_backend*>(sql.get_backend());
    char* err = nullptr;
    if (sqlite_api::sqlite3_exec(be->conn_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite_api::sqlite3_free(err);
      throw std::runtime_error("sqlite script failed: " + msg);
    }
    return;
  }
  auto* be = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  PGresult* res = PQexec(be->conn_, text.c_str());
  const auto status = PQresultStatus(res);
  std::string msg = PQresultErrorMessage(res);
  PQclear(res);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    throw std::runtime_error("postgresql script failed: " + msg);
}

}  // namespace skillreg
