#include "domain/accounts/login_throttle.hpp"

#include <algorithm>

namespace skillreg {

std::int64_t login_wait(const LoginThrottle& t, std::int64_t now, const ThrottlePolicy& p) {
  if (t.locked_until > now) return t.locked_until - now;
  if (t.failures < p.slow_after || now - t.last_failure >= p.window) return 0;
  const std::int64_t pause = p.slow_base << std::min(t.failures - p.slow_after, 20);
  return std::max<std::int64_t>(0, t.last_failure + pause - now);
}

LoginThrottle after_failed_login(LoginThrottle t, std::int64_t now, const ThrottlePolicy& p) {
  if (now - t.last_failure >= p.window) t.failures = 0;
  ++t.failures;
  t.last_failure = now;
  if (t.failures >= p.lock_after) t.locked_until = now + p.lock_for;
  return t;
}

}  // namespace skillreg
