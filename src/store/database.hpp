#pragma once
// The database: a pool of SOCI sessions on SQLite (default) or PostgreSQL, and the unit of work.
// Every use case runs in exactly one transaction through read() or write(): the function it
// passes gets a Tx, returns a Result, and the transaction commits only if that Result holds a
// value. Exceptions from the driver roll back and become an internal error (logged, never shown).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <vector>

#include <soci/soci.h>

#include "core/error.hpp"
#include "core/identity_vault.hpp"

// SOCI's SQLite backend wraps sqlite3.h in this namespace; only the handle type is needed here.
namespace sqlite_api {
struct sqlite3_stmt;
}

namespace skillreg {

enum class Backend { sqlite, postgresql };
std::string_view to_string(Backend b);

// One open transaction on one connection. Repositories take a Tx& and run named SQL on it.
// `identities` seals and indexes identity numbers (store/identity_columns.hpp); null when the
// database was opened without the identity key, and then any identity column is refused.
struct Tx {
  soci::session& sql;
  Backend backend;
  const IdentityVault* identities;
};

class Database {
  struct Connection;

 public:
  // url: "sqlite:<path>" or a libpq URI "postgresql://user@host:port/dbname".
  // Throws std::runtime_error when the database cannot be opened (start-up only).
  static std::unique_ptr<Database> open(const std::string& url, std::size_t pool_size);
  ~Database();

  Backend backend() const { return backend_; }
  // The identity key every transaction uses (set once at start-up, before any request).
  void set_identities(std::shared_ptr<const IdentityVault> vault) { identities_ = std::move(vault); }
  const IdentityVault* identities() const { return identities_.get(); }
  const std::string& url() const { return url_; }
  // A connection outside the pool, kept by its owner for as long as it likes (a PostgreSQL
  // session that holds an advisory lock for the life of the process, store/batch_repo.hpp).
  std::unique_ptr<soci::session> own_session() const { return connect(); }

  template <class F>
  auto write(F&& f) -> std::invoke_result_t<F, Tx&> {
    return run(Mode::write, std::forward<F>(f));
  }
  template <class F>
  auto read(F&& f) -> std::invoke_result_t<F, Tx&> {
    return run(Mode::read, std::forward<F>(f));
  }
  // A write that mostly reads (re-scoring a plan: seconds of reads for a plan of a million
  // candidates, then a few rows written). On SQLite it takes the write lock only at its first
  // write instead of at the start, so other writers go on while it reads. If one of them
  // committed in the meantime, SQLite refuses to turn the stale read into a write (SQLITE_BUSY)
  // and `f` runs again from the start on fresh data, up to kUpgradeAttempts times, then once as
  // write(), which cannot be refused. `f` must therefore have no effect outside its transaction.
  // On PostgreSQL, whose writers do not lock each other out, this is write().
  template <class F>
  auto write_after_reading(F&& f) -> std::invoke_result_t<F, Tx&> {
    if (backend_ == Backend::sqlite) {
      for (int attempt = 0; attempt < kUpgradeAttempts; ++attempt) {
        bool refused = false;
        auto result = run(Mode::upgrade, f, &refused);
        if (!refused) return result;
      }
    }
    return run(Mode::write, std::forward<F>(f));
  }
  static constexpr int kUpgradeAttempts = 3;

  // Shutdown, once the server has stopped taking requests: from now on a statement that runs
  // long (past a few thousand steps of SQLite's virtual machine) is interrupted and its
  // transaction rolls back, as on any driver error. Background work caught in a long query (a
  // plan of a million candidates being re-scored holds the write transaction for seconds) then
  // ends at once instead of keeping the process alive after SIGTERM, and is done again after the
  // next start: the plan is still marked for re-scoring, a batch is marked interrupted. SQLite
  // only; PostgreSQL statements finish as before.
  void interrupt_long_statements() { interrupting_.store(true, std::memory_order_relaxed); }
  bool interrupting() const { return interrupting_.load(std::memory_order_relaxed); }

  // The hot single-statement reads (the public certificate check, issue 4), SQLite only: `sql`, a
  // named constant whose address identifies it, is prepared once and kept; `f(stmt)` binds, steps
  // and reads it. It runs on this thread's own connection inside a read snapshot kept open between
  // calls: opening and closing a read transaction per request (file locks, a stat, a mutex the
  // threads queue on) cost an eighth of the server's time on the check. A kept snapshot is used
  // again only while this process has committed no write since it began and for at most a second,
  // so a write made here (a certificate voided) is seen by the very next read, and one made by
  // another process (the command line) within a second; a sweeper thread ends idle snapshots so
  // none holds the WAL back from its checkpoint. The statement is reset and its bindings cleared
  // when `f` returns (or throws). Driver errors (thrown by `f` as std::exception, or by preparing)
  // end the snapshot and become an internal error, as in read().
  template <class F>
  auto sqlite_cached(const char* sql, F&& f) -> std::invoke_result_t<F, sqlite_api::sqlite3_stmt*> {
    using R = std::invoke_result_t<F, sqlite_api::sqlite3_stmt*>;
    try {
      auto& reader = snapshot_reader();
      std::lock_guard lock(reader.mu);
      try {
        StatementUse use(enter_snapshot(reader).statement(sql));
        return f(use.stmt);
      } catch (const std::exception&) {
        leave_snapshot(reader, true);
        throw;
      }
    } catch (const std::exception& e) {
      return R(std::unexpect, driver_error(e));
    }
  }

  // Runs a multi-statement SQL script outside any transaction wrapper (migrations).
  void exec_script(soci::session& sql, std::string_view script) const;

  // A pooled connection held for the lifetime of the object.
  class Lease {
   public:
    Lease(Database& db);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    soci::session& sql() { return *conn_->session; }
    // The connection's kept statement for `sql` (SQLite only), prepared on first use.
    sqlite_api::sqlite3_stmt* statement(const char* sql);

   private:
    Database& db_;
    std::unique_ptr<Connection> conn_;
  };

 private:
  // A pooled connection and the statements kept on it (finalized before it closes).
  struct Connection {
    std::unique_ptr<soci::session> session;
    std::vector<std::pair<const char*, sqlite_api::sqlite3_stmt*>> statements;
    explicit Connection(std::unique_ptr<soci::session> s) : session(std::move(s)) {}
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    // The kept statement for `sql` (SQLite only), prepared on first use.
    sqlite_api::sqlite3_stmt* statement(const char* sql);
  };
  // One thread's connection for sqlite_cached() and the read snapshot it keeps open (guarded by
  // `mu`: the thread that owns it, or the sweeper ending it).
  struct SnapshotReader {
    std::mutex mu;
    std::unique_ptr<Connection> conn;
    bool open = false;
    std::uint64_t writes = 0;  // writes_ when the snapshot began
    std::chrono::steady_clock::time_point began;
  };
  SnapshotReader& snapshot_reader();
  Connection& enter_snapshot(SnapshotReader& r);
  static void leave_snapshot(SnapshotReader& r, bool discard) noexcept;
  void sweep_snapshots();
  static std::uint64_t next_serial();
  // Resets a kept statement and clears its bindings at the end of its use.
  struct StatementUse {
    sqlite_api::sqlite3_stmt* stmt;
    explicit StatementUse(sqlite_api::sqlite3_stmt* s) : stmt(s) {}
    ~StatementUse();
    StatementUse(const StatementUse&) = delete;
    StatementUse& operator=(const StatementUse&) = delete;
  };

  Database(std::string url, Backend backend);
  std::unique_ptr<soci::session> connect() const;
  std::unique_ptr<Connection> acquire();
  void release(std::unique_ptr<Connection> c);
  // read: a snapshot; write: the write lock from the start (SQLite: BEGIN IMMEDIATE); upgrade:
  // a snapshot that takes the write lock at its first write (SQLite: a deferred BEGIN).
  enum class Mode { read, write, upgrade };
  void begin(soci::session& sql, Mode mode) const;
  static Error driver_error(const std::exception& e);
  // Whether `e`, thrown inside an upgrade transaction on `sql`, is SQLite refusing the write lock
  // to a stale snapshot (SQLITE_BUSY), which is no fault to log.
  bool upgrade_refused(soci::session& sql, const std::exception& e) const;

  template <class F>
  auto run(Mode mode, F&& f, bool* refused = nullptr) -> std::invoke_result_t<F, Tx&> {
    using R = std::invoke_result_t<F, Tx&>;
    Lease lease(*this);
    auto& sql = lease.sql();
    try {
      begin(sql, mode);
      Tx tx{sql, backend_, identities_.get()};
      R result = f(tx);
      if (result.has_value()) sql << "COMMIT";
      else sql << "ROLLBACK";
      if (mode != Mode::read) writes_.fetch_add(1, std::memory_order_release);
      return result;
    } catch (const std::exception& e) {
      const bool lost = mode == Mode::upgrade && refused != nullptr && upgrade_refused(sql, e);
      try {
        sql << "ROLLBACK";
      } catch (...) {
        // The connection may be gone; the pool reconnects it on next use.
      }
      if (lost) {
        *refused = true;
        return R(std::unexpect, Error{ErrorKind::internal, "", "stale snapshot", {}, {}});
      }
      return R(std::unexpect, driver_error(e));
    }
  }

  std::string url_;
  std::string target_;  // the path or connection string after the scheme
  Backend backend_;
  std::shared_ptr<const IdentityVault> identities_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;
  std::size_t max_ = 1;
  // Snapshot reads: write transactions ended in this process, the readers of every thread that
  // made one, and the sweeper (started with the first reader, stopped by the destructor).
  std::atomic<std::uint64_t> writes_{0};
  std::atomic<bool> interrupting_{false};  // interrupt_long_statements()
  const std::uint64_t serial_ = next_serial();  // tells this database apart in a thread's readers
  std::mutex readers_mu_;
  std::condition_variable sweeper_cv_;
  bool stopping_ = false;
  std::vector<std::unique_ptr<SnapshotReader>> readers_;
  std::thread sweeper_;
};

// Helpers for reading optional columns through soci indicators.
template <class T>
std::optional<T> opt(const T& value, soci::indicator ind) {
  return ind == soci::i_ok ? std::optional<T>(value) : std::nullopt;
}

}  // namespace skillreg
