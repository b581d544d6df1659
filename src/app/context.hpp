#pragma once
// What every use case needs: the database, the reference data held in memory, the clock and
// the policy numbers for accounts. Built once at start-up; immutable afterwards, except the
// calendar, which the province authority edits (LiveCalendar swaps it safely).
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "app/live_calendar.hpp"
#include "app/webhook_policy.hpp"
#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "domain/accounts/login_throttle.hpp"
#include "domain/accounts/password_rules.hpp"
#include "domain/reference/region_tree.hpp"
#include "store/database.hpp"
#include "store/reference_repo.hpp"

namespace skillreg {

// The word list a new password is checked against (dictionary words, NIST SP 800-63B
// §5.1.1.2): Debian's cracklib-runtime installs it.
inline constexpr const char* kDefaultPasswordWords = "/usr/share/dict/cracklib-small";

// The words of a word list, one per line; an empty list (and a warning in the log) when the
// file cannot be read, so that a machine without it still starts.
std::shared_ptr<const CommonWords> load_common_words(const std::string& path);

// A word list read from its file when the first password is checked, not at every start (its
// 50,000 words took 0.1-0.4 s of the sanitizer build's start, which the tests pay hundreds of
// times). A file that is missing or empty is warned about when this is made.
class PasswordWords {
 public:
  explicit PasswordWords(std::string path);
  const CommonWords& words() const;  // safe from any thread

 private:
  std::string path_;
  mutable std::once_flag read_;
  mutable std::shared_ptr<const CommonWords> words_;
};

struct AccountPolicy {
  Instant session_ttl = 8 * 3600;  // a session lasts a working day
  ThrottlePolicy throttle;         // failed logins: slowed after 3, locked after 10
  crypto::PasswordCost password_cost = crypto::PasswordCost::interactive();
  std::string password_words_file = kDefaultPasswordWords;  // "" for no dictionary check
  std::shared_ptr<const PasswordWords> password_words;      // of the file, set by make_context
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
