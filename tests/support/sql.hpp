#pragma once
// Direct SQL on a test database, around the server, as an attacker or an operator would.
#include <string>

#include "support/server_process.hpp"

namespace skillreg::test {

// Runs one or more statements; throws on error.
void exec_sql(const ScratchDatabase& db, const std::string& sql);
// The first column of the first row as text ("" when there is no row).
std::string query_text(const ScratchDatabase& db, const std::string& sql);

}  // namespace skillreg::test
