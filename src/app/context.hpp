#pragma once
// What every use case needs: the database, the reference data held in memory, the clock and
// the policy numbers for accounts. Built once at start-up; immutable afterwards, except the
// calendar, which the province authority edits (LiveCalendar swaps it safely).
#include <chrono>
#include <memory>
#include <string>

#include "app/live_calendar.hpp"
#include "app/webhook_policy.hpp"
#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "domain/accounts/login_throttle.hpp"
#include "domain/reference/region_tree.hpp"
#include "store/database.hpp"
#include "store/reference_repo.hpp"

namespace skillreg {

struct AccountPolicy {
  Instant session_ttl = 8 * 3600;  // a session lasts a working day
  ThrottlePolicy throttle;         // failed logins: slowed after 3, locked after 10
  crypto::PasswordCost password_cost = crypto::PasswordCost::interactive();
};

struct AppContext {
  Database& db;
  const Clock& clock;
  RegionTree regions;
  LiveCalendar calendar;
  std::vector<SkillLevel> levels;
  AccountPolicy accounts;
  WebhookPolicy webhooks;  // set from the configuration after make_context
};

// Loads the in-memory reference data (regions, calendar, levels) from the database.
std::unique_ptr<AppContext> make_context(Database& db, const Clock& clock, AccountPolicy policy);

// Re-reads the calendar from the database and installs it when it differs (another node, or
// `skillreg` on the command line, may have edited it); true when it changed.
bool reload_calendar(AppContext& ctx);

}  // namespace skillreg
