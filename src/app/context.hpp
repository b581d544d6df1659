#pragma once
// What every use case needs: the database, the reference data held in memory, the clock and
// the policy numbers for accounts. Built once at start-up; immutable afterwards.
#include <chrono>
#include <memory>
#include <string>

#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "domain/reference/region_tree.hpp"
#include "store/database.hpp"
#include "store/reference_repo.hpp"

namespace skillreg {

struct AccountPolicy {
  Instant session_ttl = 8 * 3600;  // a session lasts a working day
  int slow_after = 3;              // failures after which each attempt must wait
  Instant slow_base = 1;           // seconds: 1, 2, 4, 8 … after the 3rd, 4th, 5th … failure
  int lock_after = 10;             // failures that lock the username
  Instant lock_for = 15 * 60;      // how long the lock lasts
  Instant failure_window = 15 * 60;  // failures older than this are forgotten
  crypto::PasswordCost password_cost = crypto::PasswordCost::interactive();
};

struct AppContext {
  Database& db;
  const Clock& clock;
  RegionTree regions;
  Calendar calendar;
  std::vector<SkillLevel> levels;
  AccountPolicy accounts;
};

// Loads the in-memory reference data (regions, calendar, levels) from the database.
std::unique_ptr<AppContext> make_context(Database& db, const Clock& clock, AccountPolicy policy);

}  // namespace skillreg
