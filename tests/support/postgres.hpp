#pragma once
// The PostgreSQL server of the test run (scripts/with-postgres.sh), as its administrator.
#include <string>

namespace skillreg::test {

// SKILLREG_TEST_PG: the server's URL, for its `postgres` database.
std::string pg_base_url();
// The same URL for the database `dbname`.
std::string pg_url_for(const std::string& dbname);
// Runs `sql` on the database at `url`: the first column of its first row ("" without a row);
// throws when the server cannot be reached or the statement fails.
std::string pg_query(const std::string& url, const std::string& sql);
// Runs one command on the `postgres` database; throws on error.
void pg_admin(const std::string& sql);
// The first column of the first row of a query on the `postgres` database ("" without a row).
std::string pg_admin_query(const std::string& sql);

}  // namespace skillreg::test
