#pragma once
// Setting up a database: schema, reference data, the first administrator, the demo province.
#include <string>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "domain/accounts/password_rules.hpp"
#include "store/database.hpp"

namespace skillreg {

// Applies pending migrations and loads the reference data shipped in data/ if the database has
// none yet. Safe to run on every start.
void prepare_database(Database& db, const Clock& clock);

// Production set-up: one province administrator whose password the operator chose.
// Fails (conflict) when the username exists.
Status create_first_admin(Database& db, const Clock& clock, const std::string& username,
                          const std::string& password, const CommonWords& words);

struct DemoAccount {
  const char* username;
  const char* display_name;
  const char* role;
  const char* region_code;
};
// The demo accounts of API.md's table; every password is kDemoPassword.
const std::vector<DemoAccount>& demo_accounts();
inline constexpr const char* kDemoPassword = "demo-2026";

// Demo mode: the demo accounts (skipping any that exist). Returns how many it created.
int load_demo(Database& db, const Clock& clock, crypto::PasswordCost cost);

}  // namespace skillreg
