// Logging in and out, sessions by bearer token and by cookie with CSRF, throttling, revocation.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "support/fixture.hpp"

namespace skillreg::test {

class Auth : public ServerTest {};

TEST_P(Auth, LoginAnswersTokenUserAndAStrictHttpOnlyCookie) {
  auto c = anonymous();
  auto r = c.post_json("/api/v1/auth/login", {{"username", "xihu"}, {"password", "demo-2026"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["token"].get<std::string>().size(), 64u);
  EXPECT_EQ(j["user"]["role"], "county_officer");
  EXPECT_EQ(j["user"]["region_code"], "330106");
  EXPECT_TRUE(j["user"]["institution_id"].is_null());
  EXPECT_TRUE(j["expires_at"].get<std::string>().ends_with("+08:00"));
  EXPECT_EQ(j["csrf_header"], "X-CSRF-Token");
  const auto cookie = r.header("set-cookie");
  EXPECT_NE(cookie.find("skillreg_session=" + j["token"].get<std::string>()), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(j.dump().find("password"), std::string::npos);
}

TEST_P(Auth, MeWorksWithBearerAndWithCookie) {
  auto c = as("hangzhou");
  auto me = c.get("/api/v1/auth/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["user"]["username"], "hangzhou");

  auto anon = anonymous();
  auto login = anon.post_json("/api/v1/auth/login", {{"username", "hangzhou"}, {"password", "demo-2026"}}).json();
  auto by_cookie = anon.get("/api/v1/auth/me", {{"Cookie", "skillreg_session=" + login["token"].get<std::string>()}});
  ASSERT_EQ(by_cookie.status, 200);
  EXPECT_EQ(by_cookie.json()["csrf_token"], login["csrf_token"]);
}

TEST_P(Auth, MissingForgedOrMalformedTokensAre401) {
  auto c = anonymous();
  for (const auto& headers : std::vector<std::map<std::string, std::string>>{
           {},
           {{"Authorization", "Bearer " + std::string(64, 'a')}},
           {{"Authorization", "Basic eGlodTpkZW1vLTIwMjY="}},
           {{"Cookie", "skillreg_session=forged"}}}) {
    auto r = c.get("/api/v1/auth/me", headers);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.json()["error"]["code"], "unauthenticated");
  }
}

TEST_P(Auth, CookieStateChangeNeedsTheCsrfHeader) {
  auto anon = anonymous();
  auto login = anon.post_json("/api/v1/auth/login", {{"username", "province"}, {"password", "demo-2026"}}).json();
  const std::string cookie = "skillreg_session=" + login["token"].get<std::string>();
  const std::string body = R"({"username":"newcounty","display_name":"新用户","password":"long-enough-1","role":"county_officer","region_code":"330106"})";
  auto without = anon.post("/api/v1/users", body, {{"Cookie", cookie}});
  EXPECT_EQ(without.status, 403);
  EXPECT_EQ(without.json()["error"]["code"], "forbidden");
  auto wrong = anon.post("/api/v1/users", body, {{"Cookie", cookie}, {"X-CSRF-Token", "0123"}});
  EXPECT_EQ(wrong.status, 403);
  auto with = anon.post("/api/v1/users", body,
                        {{"Cookie", cookie}, {"X-CSRF-Token", login["csrf_token"].get<std::string>()}});
  EXPECT_EQ(with.status, 201) << with.body;
  // The refused attempts changed nothing: exactly one account was created.
  auto p = as("province");
  EXPECT_EQ(p.get("/api/v1/users?q=newcounty").json()["total"], 1);
}

TEST_P(Auth, LogoutEndsTheSession) {
  auto c = as("ningbo");
  ASSERT_EQ(c.get("/api/v1/auth/me").status, 200);
  EXPECT_EQ(c.post("/api/v1/auth/logout", "").status, 204);
  EXPECT_EQ(c.get("/api/v1/auth/me").status, 401);
}

// The pause is a minute here, through the configuration file, so a slow machine cannot let the
// next attempt through by taking longer than the default one second between requests.
class AuthSlowed : public ServerTest {
 protected:
  void SetUp() override {
    config_ = std::filesystem::temp_directory_path() / ("skillreg-slowed-" + std::to_string(getpid()) + ".toml");
    std::ofstream(config_) << "[accounts]\nslow_base_seconds = 60\n";
    setenv("SKILLREG_CONFIG", config_.c_str(), 1);
    ServerTest::SetUp();
  }
  void TearDown() override {
    ServerTest::TearDown();
    unsetenv("SKILLREG_CONFIG");
    std::filesystem::remove(config_);
  }
  std::filesystem::path config_;
};

TEST_P(AuthSlowed, RepeatedFailuresAreSlowedThenRefusedEvenWithTheRightPassword) {
  auto c = anonymous();
  const nlohmann::json wrong = {{"username", "yinzhou"}, {"password", "wrong-password"}};
  for (int i = 0; i < 3; ++i) {
    auto r = c.post_json("/api/v1/auth/login", wrong);
    EXPECT_EQ(r.status, 401) << "attempt " << i;
    EXPECT_EQ(r.json()["error"]["code"], "unauthenticated");
  }
  auto slowed = c.post_json("/api/v1/auth/login", {{"username", "yinzhou"}, {"password", "demo-2026"}});
  EXPECT_EQ(slowed.status, 429);
  EXPECT_EQ(slowed.json()["error"]["code"], "rate_limited");
  EXPECT_FALSE(slowed.header("retry-after").empty());
  // Another account is not affected.
  EXPECT_EQ(c.post_json("/api/v1/auth/login", {{"username", "xihu"}, {"password", "demo-2026"}}).status, 200);
}

TEST_P(Auth, UnknownUsernamesAnswerLikeWrongPasswords) {
  auto c = anonymous();
  auto unknown = c.post_json("/api/v1/auth/login", {{"username", "nobody"}, {"password", "whatever1"}});
  auto wrong = c.post_json("/api/v1/auth/login", {{"username", "center"}, {"password", "whatever1"}});
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.body, wrong.body);
}

TEST_P(Auth, ChangingThePasswordRevokesEverySession) {
  auto first = as("examiner");
  auto second = as("examiner");
  auto r = first.post_json("/api/v1/auth/password", {{"old_password", "demo-2026"}, {"new_password", "a-new-secret-2027"}});
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(first.get("/api/v1/auth/me").status, 401);
  EXPECT_EQ(second.get("/api/v1/auth/me").status, 401);
  auto c = anonymous();
  EXPECT_EQ(c.post_json("/api/v1/auth/login", {{"username", "examiner"}, {"password", "demo-2026"}}).status, 401);
  EXPECT_EQ(c.post_json("/api/v1/auth/login", {{"username", "examiner"}, {"password", "a-new-secret-2027"}}).status, 200);
}

TEST_P(Auth, ChangingThePasswordNeedsTheOldOne) {
  auto c = as("examiner");
  auto r = c.post_json("/api/v1/auth/password", {{"old_password", "not-it-at-all"}, {"new_password", "a-new-secret-2027"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.json()["error"]["details"][0]["field"], "old_password");
  EXPECT_EQ(c.get("/api/v1/auth/me").status, 200);
}

SKILLREG_ON_BOTH_BACKENDS(Auth);
SKILLREG_ON_BOTH_BACKENDS(AuthSlowed);

}  // namespace skillreg::test
