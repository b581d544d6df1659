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

namespace skillreg {

enum class Backend { sqlite, postgresql };
std::string_view to_string(Backend b);

// One open transaction on one connection. Repositories take a Tx& and run named SQL on it.
struct Tx {
  soci::session& sql;
  Backend backend;
};

class Database {
 public:
  // url: "sqlite:<path>" or a libpq URI "postgresql://user@host:port/dbname".
  // Throws std::runtime_error when the database cannot be opened (start-up only).
  static std::unique_ptr<Database> open(const std::string& url, std::size_t pool_size);
  ~Database();

  Backend backend() const { return backend_; }
  const std::string& url() const { return url_; }

  template <class F>
  auto write(F&& f) -> std::invoke_result_t<F, Tx&> {
    return run(true, std::forward<F>(f));
  }
  template <class F>
  auto read(F&& f) -> std::invoke_result_t<F, Tx&> {
    return run(false, std::forward<F>(f));
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
    soci::session& sql() { return *session_; }

   private:
    Database& db_;
    std::unique_ptr<soci::session> session_;
  };

 private:
  Database(std::string url, Backend backend);
  std::unique_ptr<soci::session> connect() const;
  std::unique_ptr<soci::session> acquire();
  void release(std::unique_ptr<soci::session> s);
  void begin(soci::session& sql, bool for_write) const;
  static Error driver_error(const std::exception& e);

  template <class F>
  auto run(bool for_write, F&& f) -> std::invoke_result_t<F, Tx&> {
    using R = std::invoke_result_t<F, Tx&>;
    Lease lease(*this);
    auto& sql = lease.sql();
    try {
      begin(sql, for_write);
      Tx tx{sql, backend_};
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
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<soci::session>> idle_;
  std::size_t open_ = 0;
  std::size_t max_ = 1;
};

// Helpers for reading optional columns through soci indicators.
template <class T>
std::optional<T> opt(const T& value, soci::indicator ind) {
  return ind == soci::i_ok ? std::optional<T>(value) : std::nullopt;
}

}  // namespace skillreg
