// `skillreg init`: a production database with one province administrator whose password the
// operator sets (docs/operations.md), never a guessable one (NIST SP 800-63B §5.1.1.2).
#include "support/fixture.hpp"

namespace skillreg::test {

class Init : public ::testing::TestWithParam<Backend> {};

TEST_P(Init, Security_InitCreatesTheProvinceAdministratorOnlyWithAPasswordNobodyGuesses) {
  ScratchDatabase db(GetParam());
  auto init = [&](const std::string& password) {
    return run_skillreg({"init", "--admin", "admin"}, db.url(), {"SKILLREG_ADMIN_PASSWORD=" + password});
  };
  for (const auto& [password, problem] : std::vector<std::pair<std::string, std::string>>{
           {"short-pw-26", "too_short"},          // 11 characters: at least 12 here
           {"111111111111", "too_common"},
           {"Password2026!", "too_common"},
           {"admin-westlake-26", "contains_username"}}) {
    auto refused = init(password);
    EXPECT_EQ(refused.exit_code, 1) << password << ": " << refused.output;
    EXPECT_NE(refused.output.find("password: " + problem), std::string::npos) << password << ": " << refused.output;
  }
  auto created = init("Westlake-lotus-2026");
  ASSERT_EQ(created.exit_code, 0) << created.output;

  ServerProcess server(db, false);
  HttpClient c(server.port());
  auto refused = c.post_json("/api/v1/auth/login", {{"username", "admin"}, {"password", "Password2026!"}});
  EXPECT_EQ(refused.status, 401);
  c.set_token(login(c, "admin", "Westlake-lotus-2026"));
  auto me = c.get("/api/v1/auth/me").json();
  EXPECT_EQ(me["user"]["role"], "province_admin");
  EXPECT_EQ(me["user"]["region_code"], "330000");
  EXPECT_EQ(c.get("/api/v1/users").json()["total"], 1) << "one account, no demo ones";
}

SKILLREG_ON_BOTH_BACKENDS(Init);

}  // namespace skillreg::test
