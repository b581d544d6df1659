#pragma once
// Numbered schema migrations, one file per step per backend under src/store/migrations/<backend>/
// (embedded in the binary). Applied in order by `skillreg init` and at start-up; each step runs
// in its own transaction and is recorded in schema_migrations, so a step is applied once.
#include <string>
#include <vector>

#include "store/database.hpp"

namespace skillreg {

struct Migration {
  int version = 0;
  std::string name;
  std::string script;
};

// The migrations shipped for this backend, sorted by version.
std::vector<Migration> shipped_migrations(Backend backend);

// Applies the ones not yet applied; returns the versions it applied. Throws on failure.
std::vector<int> apply_migrations(Database& db);

}  // namespace skillreg
