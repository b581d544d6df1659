#pragma once
// Throttling of failed logins, per username (known or not, so answers never reveal which exist):
// after `slow_after` failures each further attempt must wait base·2^(n−slow_after) seconds since
// the last failure; after `lock_after` failures the username is locked for `lock_for`; failures
// older than `window` are forgotten. Pure: the caller passes `now`.
#include <cstdint>

namespace skillreg {

struct ThrottlePolicy {
  int slow_after = 3;
  std::int64_t slow_base = 1;
  int lock_after = 10;
  std::int64_t lock_for = 15 * 60;
  std::int64_t window = 15 * 60;
};

struct LoginThrottle {
  int failures = 0;
  std::int64_t last_failure = 0;
  std::int64_t locked_until = 0;
};

// Seconds the caller must still wait before an attempt is considered; 0 when it may try now.
std::int64_t login_wait(const LoginThrottle& t, std::int64_t now, const ThrottlePolicy& p);

// The state after one more failure at `now`.
LoginThrottle after_failed_login(LoginThrottle t, std::int64_t now, const ThrottlePolicy& p);

}  // namespace skillreg
