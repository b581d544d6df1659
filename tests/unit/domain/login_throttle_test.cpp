// Failed logins are slowed, then locked, then forgotten: a table over time.
#include <gtest/gtest.h>

#include "domain/accounts/login_throttle.hpp"

namespace skillreg {
namespace {

const ThrottlePolicy kPolicy{};  // slowed after 3 (1 s, 2 s, 4 s …), locked after 10 for 15 min

LoginThrottle failures(int n, std::int64_t last) { return LoginThrottle{n, last, 0}; }

TEST(LoginThrottle, WaitGrowsAfterTheThirdFailure) {
  struct Row {
    const char* name;
    LoginThrottle state;
    std::int64_t now;
    std::int64_t wait;
  };
  const Row rows[] = {
      {"no failures", {}, 1000, 0},
      {"two failures: no pause yet", failures(2, 1000), 1000, 0},
      {"three failures: 1 s pause", failures(3, 1000), 1000, 1},
      {"three failures, a second later", failures(3, 1000), 1001, 0},
      {"five failures: 4 s pause", failures(5, 1000), 1001, 3},
      {"nine failures: 64 s pause", failures(9, 1000), 1000, 64},
      {"old failures are forgotten", failures(9, 1000), 1000 + 15 * 60, 0},
      {"locked", LoginThrottle{10, 1000, 1000 + 900}, 1100, 800},
  };
  for (const auto& r : rows) EXPECT_EQ(login_wait(r.state, r.now, kPolicy), r.wait) << r.name;
}

TEST(LoginThrottle, TheTenthFailureLocksForFifteenMinutes) {
  LoginThrottle t;
  std::int64_t now = 10'000;
  for (int i = 1; i <= 9; ++i) t = after_failed_login(t, now += 100, kPolicy);
  EXPECT_EQ(t.failures, 9);
  EXPECT_EQ(t.locked_until, 0);
  t = after_failed_login(t, now += 100, kPolicy);
  EXPECT_EQ(t.locked_until, now + 15 * 60);
  EXPECT_EQ(login_wait(t, now + 60, kPolicy), 15 * 60 - 60);
}

TEST(LoginThrottle, AFailureAfterTheWindowStartsCountingAgain) {
  auto t = after_failed_login(failures(8, 1000), 1000 + 16 * 60, kPolicy);
  EXPECT_EQ(t.failures, 1);
}

}  // namespace
}  // namespace skillreg
