#include "support/postgres.hpp"

#include <libpq-fe.h>

#include <cstdlib>
#include <stdexcept>

namespace skillreg::test {

std::string pg_query(const std::string& url, const std::string& sql) {
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("cannot reach the test PostgreSQL server: " + msg);
  }
  PGresult* r = PQexec(c, sql.c_str());
  const auto st = PQresultStatus(r);
  std::string value;
  if (st == PGRES_TUPLES_OK && PQntuples(r) > 0) value = PQgetvalue(r, 0, 0);
  std::string msg = PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw std::runtime_error(sql + ": " + msg);
  return value;
}

std::string pg_base_url() {
  const char* url = std::getenv("SKILLREG_TEST_PG");
  if (url == nullptr || *url == '\0')
    throw std::runtime_error(
        "SKILLREG_TEST_PG is not set: run the tests through `make test` "
        "(scripts/with-postgres.sh starts the PostgreSQL server they need)");
  return url;
}

std::string pg_url_for(const std::string& dbname) {
  std::string base = pg_base_url();
  const auto slash = base.find('/', base.find("://") + 3);
  const auto query = base.find('?');
  std::string tail = query == std::string::npos ? "" : base.substr(query);
  return base.substr(0, slash) + "/" + dbname + tail;
}

void pg_admin(const std::string& sql) { pg_query(pg_base_url(), sql); }
std::string pg_admin_query(const std::string& sql) { return pg_query(pg_base_url(), sql); }

}  // namespace skillreg::test
