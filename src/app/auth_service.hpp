#pragma once
// Logging in and out, and turning a session token into an Actor.
//
// Failed logins are counted per username (known or not): after AccountPolicy::slow_after
// failures each further attempt must wait an exponentially growing pause, and after
// lock_after failures the username is locked for lock_for seconds (both answer 429).
#include <optional>
#include <string>

#include "app/context.hpp"
#include "domain/accounts/actor.hpp"
#include "store/user_repo.hpp"

namespace skillreg {

struct LoginResult {
  std::string token;       // give to the client once; only its hash is stored
  std::string csrf_token;  // required in X-CSRF-Token on state changes made with the cookie
  Instant expires_at = 0;
  User user;
};

struct Authenticated {
  Actor actor;
  std::string csrf_token;
};

class AuthService {
 public:
  explicit AuthService(AppContext& ctx) : ctx_(ctx) {}

  Result<LoginResult> login(const std::string& username, const std::string& password);
  Status logout(const std::string& token);
  // The session's actor; unauthenticated when the token is unknown, expired or its user disabled.
  Result<Authenticated> authenticate(const std::string& token);
  // Changes the caller's own password and ends all of their sessions.
  Status change_password(const Actor& actor, const std::string& old_password,
                         const std::string& new_password);

 private:
  AppContext& ctx_;
};

// The password rule of every account (domain/accounts/password_rules.hpp): 422 naming `field`.
Status check_password_strength(const std::string& field, const std::string& password, const std::string& username,
                               const AccountPolicy& policy);

}  // namespace skillreg
