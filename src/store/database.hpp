#pragma once
// The database: a pool of SOCI sessions on SQLite (default) or PostgreSQL, and the unit of work.
// Every use case runs in exactly one transaction through read() or write(): the function it
// passes gets a Tx, returns a Result, and the transaction commits only if that Result holds a
// value. Exceptions from the driver roll back and become an internal error (logged, never shown).
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
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

  template <class F>
  auto write(F&& f) -> std::invoke_result_t<F, Tx&> {
    return run(true, std::forward<F>(f));
  }
  template <class F>
  auto read(F&& f) -> std::invoke_result_t<F, Tx&> {
    return run(false, std::forward<F>(f));
  }

  // The hot single-statement reads (the public certificate check, issue 4), SQLite only: `sql`, a
  // named constant whose address identifies it, is prepared once per pooled connection and kept;
  // `f(stmt)` binds, steps and reads it. No BEGIN/COMMIT around it: one SELECT reads one
  // consistent snapshot by itself. The statement is reset and its bindings cleared when `f`
  // returns (or throws), so no read stays open between calls. Driver errors (thrown by `f` as
  // std::exception, or by preparing) become an internal error, as in read().
  template <class F>
  auto sqlite_cached(const char* sql, F&& f) -> std::invoke_result_t<F, sqlite_api::sqlite3_stmt*> {
    using R = std::invoke_result_t<F, sqlite_api::sqlite3_stmt*>;
    Lease lease(*this);
    try {
      StatementUse use(lease.statement(sql));
      return f(use.stmt);
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
  };
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
  void begin(soci::session& sql, bool for_write) const;
  static Error driver_error(const std::exception& e);

  template <class F>
  auto run(bool for_write, F&& f) -> std::invoke_result_t<F, Tx&> {
    using R = std::invoke_result_t<F, Tx&>;
    Lease lease(*this);
    auto& sql = lease.sql();
    try {
      begin(sql, for_write);
      Tx tx{sql, backend_, identities_.get()};
      R result = f(tx);
      if (result.has_value()) sql << "COMMIT";
      else sql << "ROLLBACK";
      return result;
    } catch (const std::exception& e) {
      try {
        sql << "ROLLBACK";
      } catch (...) {
        // The connection may be gone; the pool reconnects it on next use.
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
};

// Helpers for reading optional columns through soci indicators.
template <class T>
std::optional<T> opt(const T& value, soci::indicator ind) {
  return ind == soci::i_ok ? std::optional<T>(value) : std::nullopt;
}

}  // namespace skillreg
