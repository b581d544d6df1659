// Session expiry and revocation through the app layer on a real database, with a clock the test
// controls (the server uses the system clock, so expiry cannot be waited for there).
#include <gtest/gtest.h>

#include "app/auth_service.hpp"
#include "app/bootstrap.hpp"
#include "support/server_process.hpp"

namespace skillreg::test {

class AuthSessions : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    crypto::init();
    scratch_ = std::make_unique<ScratchDatabase>(GetParam());
    db_ = Database::open(scratch_->url(), 2);
    prepare_database(*db_, clock_);
    load_demo(*db_, clock_, crypto::PasswordCost::interactive());
    ctx_ = make_context(*db_, clock_, AccountPolicy{});
  }
  FixedClock clock_{1'780'000'000};
  std::unique_ptr<ScratchDatabase> scratch_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<AppContext> ctx_;
};

TEST_P(AuthSessions, ASessionEndsAfterItsTimeToLive) {
  AuthService auth(*ctx_);
  auto login = auth.login("xihu", "demo-2026");
  ASSERT_TRUE(login);
  clock_.set(clock_.now() + ctx_->accounts.session_ttl - 1);
  EXPECT_TRUE(auth.authenticate(login->token));
  clock_.set(clock_.now() + 1);
  auto expired = auth.authenticate(login->token);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().kind, ErrorKind::unauthenticated);
}

TEST_P(AuthSessions, TenFailuresLockTheUsernameForFifteenMinutes) {
  AuthService auth(*ctx_);
  for (int i = 0; i < 10; ++i) {
    auto r = auth.login("yinzhou", "wrong-password");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::unauthenticated) << i;
    clock_.set(clock_.now() + 600);  // wait out each pause, inside the 15-minute window
  }
  clock_.set(clock_.now() - 600 + 60);
  auto locked = auth.login("yinzhou", "demo-2026");
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().kind, ErrorKind::rate_limited);
  clock_.set(clock_.now() + 15 * 60);
  EXPECT_TRUE(auth.login("yinzhou", "demo-2026"));
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthSessions, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return std::string(to_string(info.param)); });

}  // namespace skillreg::test
