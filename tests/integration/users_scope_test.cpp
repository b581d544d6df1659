// Accounts and regional scope: what each administrator may see and manage (S5).
#include "support/fixture.hpp"

namespace skillreg::test {

class UsersScope : public ServerTest {
 protected:
  std::int64_t id_of(const std::string& username) {
    auto p = as("province");
    auto j = p.get("/api/v1/users?q=" + username).json();
    for (const auto& u : j["items"])
      if (u["username"] == username) return u["id"].get<std::int64_t>();
    ADD_FAILURE() << "no user " << username;
    return 0;
  }
  static std::set<std::string> usernames(const nlohmann::json& page) {
    std::set<std::string> out;
    for (const auto& u : page["items"]) out.insert(u["username"].get<std::string>());
    return out;
  }
};

TEST_P(UsersScope, ProvinceSeesEveryAccount) {
  auto j = as("province").get("/api/v1/users?page_size=200").json();
  EXPECT_EQ(j["total"], 11);
}

TEST_P(UsersScope, CountyOfficerSeesOnlyItsCounty) {
  auto j = as("xihu").get("/api/v1/users?page_size=200").json();
  EXPECT_EQ(usernames(j), (std::set<std::string>{"xihu", "inst"}));
}

TEST_P(UsersScope, CityOfficerSeesItsCityAndCounties) {
  auto j = as("hangzhou").get("/api/v1/users?page_size=200").json();
  EXPECT_EQ(usernames(j), (std::set<std::string>{"hangzhou", "xihu", "inspector", "inst", "examiner"}));
}

TEST_P(UsersScope, CountyOfficerGets404ForAnotherCountysUser) {
  const auto yinzhou = id_of("yinzhou"), inst2 = id_of("inst2"), inst = id_of("inst");
  auto xihu = as("xihu");
  for (auto id : {yinzhou, inst2}) {
    auto r = xihu.get("/api/v1/users/" + std::to_string(id));
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.json()["error"]["code"], "not_found");
    EXPECT_EQ(xihu.post("/api/v1/users/" + std::to_string(id) + "/disable", "").status, 404);
    EXPECT_EQ(xihu.post_json("/api/v1/users/" + std::to_string(id) + "/password",
                             {{"password", "taken-over-2026"}}).status, 404);
  }
  // The same answer as for an id that does not exist at all: existence is not revealed.
  EXPECT_EQ(xihu.get("/api/v1/users/999999").body, xihu.get("/api/v1/users/" + std::to_string(yinzhou)).body);
  EXPECT_EQ(xihu.get("/api/v1/users/" + std::to_string(inst)).status, 200);
  // And nothing changed: yinzhou still logs in with the demo password.
  EXPECT_EQ(anonymous().post_json("/api/v1/auth/login", {{"username", "yinzhou"}, {"password", "demo-2026"}}).status, 200);
}

TEST_P(UsersScope, CityOfficerCreatesCountyAccountsOnlyInItsCity) {
  auto hz = as("hangzhou");
  auto ok = hz.post_json("/api/v1/users", {{"username", "gongshu"}, {"display_name", "拱墅区人社局"},
                                           {"password", "gs-district-2026!"}, {"role", "county_officer"},
                                           {"region_code", "330105"}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json()["region_code"], "330105");
  auto outside = hz.post_json("/api/v1/users", {{"username", "haishu"}, {"display_name", "海曙区"},
                                                {"password", "hs-district-2026!"}, {"role", "county_officer"},
                                                {"region_code", "330203"}});
  EXPECT_EQ(outside.status, 422);
  EXPECT_EQ(outside.json()["error"]["details"][0]["field"], "region_code");
  auto peer = hz.post_json("/api/v1/users", {{"username", "another"}, {"display_name", "市级"},
                                             {"password", "peer-city-2026!"}, {"role", "city_officer"},
                                             {"region_code", "330100"}});
  EXPECT_EQ(peer.status, 403);
  auto misplaced = hz.post_json("/api/v1/users", {{"username", "misplaced"}, {"display_name", "错位"},
                                                  {"password", "wrong-place-2026"}, {"role", "county_officer"},
                                                  {"region_code", "330100"}});
  EXPECT_EQ(misplaced.status, 422);
  // The new account logs in and sees only its own county.
  HttpClient gongshu(server_->port());
  gongshu.set_token(login(gongshu, "gongshu", "gs-district-2026!"));
  EXPECT_EQ(usernames(gongshu.get("/api/v1/users").json()), (std::set<std::string>{"gongshu"}));
}

TEST_P(UsersScope, RolesWithoutAccountRightsAreForbidden) {
  for (const auto* who : {"inspector", "examiner", "qualdept"}) {
    auto r = as(who).post_json("/api/v1/users", {{"username", "someone"}, {"display_name", "x"},
                                                 {"password", "one-person-2026"}, {"role", "examiner"},
                                                 {"region_code", "330100"}});
    EXPECT_EQ(r.status, 403) << who;
  }
  auto self_only = as("examiner").get("/api/v1/users").json();
  EXPECT_EQ(usernames(self_only), (std::set<std::string>{"examiner"}));
}

TEST_P(UsersScope, DisablingAnAccountEndsItsSessionsAndLogins) {
  const auto id = id_of("inspector");
  auto victim = as("inspector");
  auto hz = as("hangzhou");
  auto r = hz.post("/api/v1/users/" + std::to_string(id) + "/disable", "");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["disabled"], true);
  EXPECT_EQ(victim.get("/api/v1/auth/me").status, 401);
  EXPECT_EQ(anonymous().post_json("/api/v1/auth/login", {{"username", "inspector"}, {"password", "demo-2026"}}).status, 401);
  EXPECT_EQ(hz.post("/api/v1/users/" + std::to_string(id) + "/enable", "").status, 200);
  EXPECT_EQ(anonymous().post_json("/api/v1/auth/login", {{"username", "inspector"}, {"password", "demo-2026"}}).status, 200);
}

TEST_P(UsersScope, NobodyChangesTheirOwnAccountThroughAdministration) {
  auto p = as("province");
  const auto self = id_of("province");
  EXPECT_EQ(p.post("/api/v1/users/" + std::to_string(self) + "/disable", "").status, 403);
}

// Security (NIST SP 800-63B §5.1.1.2): no account gets a password an attacker tries first, whether
// it is created, reset by an official or changed by its holder. The audit created a city account
// with 12345678.
TEST_P(UsersScope, Security_APredictablePasswordIsRefusedForEveryAccount) {
  auto p = as("province");
  auto create = [&](const std::string& username, const std::string& password) {
    return p.post_json("/api/v1/users", {{"username", username}, {"display_name", "市局工作人员"}, {"password", password},
                                         {"role", "city_officer"}, {"region_code", "330100"}});
  };
  const auto problem = [](const HttpResponse& r) { return r.json()["error"]["details"][0]; };
  auto common = create("hz_staff01", "12345678");
  ASSERT_EQ(common.status, 422) << common.body;
  EXPECT_EQ(problem(common), nlohmann::json({{"field", "password"}, {"problem", "too_common"}}));
  auto named = create("hz_staff01", "HZ_Staff01-2026");
  ASSERT_EQ(named.status, 422) << named.body;
  EXPECT_EQ(problem(named), nlohmann::json({{"field", "password"}, {"problem", "contains_username"}}));
  EXPECT_EQ(usernames(p.get("/api/v1/users?page_size=100").json()).count("hz_staff01"), 0u) << "nothing created";

  const auto id = id_of("xihu");
  auto reset = p.post_json("/api/v1/users/" + std::to_string(id) + "/password", {{"password", "qwertyuiop"}});
  ASSERT_EQ(reset.status, 422) << reset.body;
  EXPECT_EQ(problem(reset)["problem"], "too_common");
  auto self = as("hangzhou");
  auto changed = self.post_json("/api/v1/auth/password", {{"old_password", "demo-2026"}, {"new_password", "Password1!"}});
  ASSERT_EQ(changed.status, 422) << changed.body;
  EXPECT_EQ(problem(changed), nlohmann::json({{"field", "new_password"}, {"problem", "too_common"}}));
  EXPECT_EQ(anonymous().post_json("/api/v1/auth/login", {{"username", "hangzhou"}, {"password", "demo-2026"}}).status, 200)
      << "the old password still works";
  EXPECT_EQ(create("hz_staff01", "Qiantang-tide-2026").status, 201) << "an ordinary one is fine";
}

// Security (NIST SP 800-63B §5.1.1.2, "dictionary words"): one word of the system's word list
// (Debian's cracklib-small, read by the server at start) with digits or symbols around it is
// refused for every account; two words are a passphrase, and fine.
TEST_P(UsersScope, Security_ADictionaryWordWithDigitsOrSymbolsAroundItIsRefused) {
  auto p = as("province");
  auto create = [&](const std::string& username, const std::string& password) {
    return p.post_json("/api/v1/users", {{"username", username}, {"display_name", "市局工作人员"}, {"password", password},
                                         {"role", "city_officer"}, {"region_code", "330100"}});
  };
  for (const char* word : {"Sunshine2026", "2026-inspect!", "f00tball!"}) {
    auto r = create("hz_staff02", word);
    ASSERT_EQ(r.status, 422) << word << ": " << r.body;
    EXPECT_EQ(r.json()["error"]["details"][0], nlohmann::json({{"field", "password"}, {"problem", "dictionary_word"}})) << word;
  }
  auto self = as("hangzhou");
  auto changed = self.post_json("/api/v1/auth/password", {{"old_password", "demo-2026"}, {"new_password", "Dolphin#2026"}});
  ASSERT_EQ(changed.status, 422) << changed.body;
  EXPECT_EQ(changed.json()["error"]["details"][0]["problem"], "dictionary_word");
  EXPECT_EQ(create("hz_staff02", "sunshine-inspector-x-2026").status, 201) << "two words are a passphrase";
}

TEST_P(UsersScope, ResetPasswordWorksWithinScope) {
  const auto id = id_of("xihu");
  auto hz = as("hangzhou");
  ASSERT_EQ(hz.post_json("/api/v1/users/" + std::to_string(id) + "/password", {{"password", "reset-by-city-1"}}).status, 204);
  auto c = anonymous();
  EXPECT_EQ(c.post_json("/api/v1/auth/login", {{"username", "xihu"}, {"password", "reset-by-city-1"}}).status, 200);
  EXPECT_EQ(hz.post_json("/api/v1/users/" + std::to_string(id) + "/password", {{"password", "short"}}).status, 422);
}

TEST_P(UsersScope, BadAccountInputIsRefusedAndNothingIsWritten) {
  auto p = as("province");
  const auto before = p.get("/api/v1/users").json()["total"];
  struct Bad {
    std::string body;
    int status;
  };
  const std::vector<Bad> cases{
      {R"({"username":"ab","display_name":"x","password":"long-enough-1","role":"examiner","region_code":"330100"})", 422},
      {R"({"username":"okname","display_name":"x","password":"long-enough-1","role":"emperor","region_code":"330100"})", 422},
      {R"({"username":"okname","display_name":"x","password":"long-enough-1","role":"examiner","region_code":"999999"})", 422},
      {R"({"username":"okname","display_name":"x","password":"long-enough-1","role":"examiner"})", 400},
      {R"({"username":"okname","display_name":"x","password":"long-enough-1","role":"examiner","region_code":330100})", 400},
      {R"({"username":"okname","display_name":"x","password":"long-enough-1","role":"examiner","region_code":"330100","admin":true})", 400},
      {R"({"username":"province","display_name":"x","password":"long-enough-1","role":"examiner","region_code":"330100"})", 409},
      {R"({"username":"okname","display_name":"x","password":"long-enough-1","role":"examiner","region_code":"330100","institution_id":"7"})", 400},
  };
  for (const auto& c : cases) {
    auto r = p.post("/api/v1/users", c.body);
    EXPECT_EQ(r.status, c.status) << c.body << " → " << r.body;
    EXPECT_FALSE(r.json()["error"]["details"].empty()) << c.body;
  }
  EXPECT_EQ(p.get("/api/v1/users").json()["total"], before);
}

SKILLREG_ON_BOTH_BACKENDS(UsersScope);

// The same rules with the demo province's institutions registered.
class InstitutionAccounts : public DemoProvinceTest {};

// S5 谁备案(遴选)、谁监管: an institution's accounts are made and managed by the authority it is
// registered with and those above it. A county officer made an administrator of another city's
// institution, or reset the password of one its city supervises, and acted as the institution.
TEST_P(InstitutionAccounts, S5_AnInstitutionsAccountsAreMadeAndManagedByTheAuthorityThatSupervisesIt) {
  auto p = as("province");
  nlohmann::json home, other;  // inst's institution (西湖区, supervised by 杭州市) and inst2's (鄞州区)
  for (const auto& i : p.get("/api/v1/institutions?page_size=100").json()["items"]) {
    if (i["region_code"] == "330106" && i["authority_code"] == "330100") home = i;
    if (i["region_code"] == "330212" && i["authority_code"] == "330212") other = i;
  }
  ASSERT_FALSE(home.is_null());
  ASSERT_FALSE(other.is_null());
  const auto admin_of = [](const nlohmann::json& inst, const std::string& username, const std::string& region) {
    return nlohmann::json{{"username", username}, {"display_name", username}, {"password", "inst-admin-2026x"},
                          {"role", "institution_admin"}, {"region_code", region}, {"institution_id", inst["id"]}};
  };
  auto xihu = as("xihu");
  auto taken = xihu.post_json("/api/v1/users", admin_of(other, "takeover", "330106"));
  EXPECT_EQ(taken.status, 422) << taken.body;
  EXPECT_EQ(taken.json()["error"]["details"][0]["field"], "institution_id");
  EXPECT_EQ(taken.json()["error"]["details"][0]["problem"], "outside_your_scope");
  auto local = xihu.post_json("/api/v1/users", admin_of(home, "localadmin", "330106"));
  EXPECT_EQ(local.status, 422) << "西湖区 is where it sits, 杭州市 supervises it: " << local.body;
  auto elsewhere = p.post_json("/api/v1/users", admin_of(other, "elsewhere", "330106"));
  EXPECT_EQ(elsewhere.status, 422);
  EXPECT_EQ(elsewhere.json()["error"]["details"][0]["problem"], "must_match_institution");
  auto made = as("yinzhou").post_json("/api/v1/users", admin_of(other, "yzadmin", "330212"));
  EXPECT_EQ(made.status, 201) << made.body;
  auto missing = p.post_json("/api/v1/users", admin_of(nlohmann::json{{"id", 999999}}, "nobody", "330106"));
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.json()["error"]["details"][0]["problem"], "not_found");

  // 西湖区 still sees the accounts of the institution in its county, but manages none of them.
  std::string inst;
  for (const auto& u : p.get("/api/v1/users?q=inst&page_size=100").json()["items"])
    if (u["username"] == "inst") inst = std::to_string(u["id"].get<std::int64_t>());
  ASSERT_FALSE(inst.empty());
  EXPECT_EQ(xihu.get("/api/v1/users/" + inst).status, 200);
  EXPECT_EQ(xihu.post_json("/api/v1/users/" + inst + "/password", {{"password", "taken-over-2026"}}).status, 403);
  EXPECT_EQ(xihu.post("/api/v1/users/" + inst + "/disable", "").status, 403);
  EXPECT_EQ(anonymous().post_json("/api/v1/auth/login", {{"username", "inst"}, {"password", "demo-2026"}}).status, 200);
  EXPECT_EQ(as("hangzhou").post_json("/api/v1/users/" + inst + "/password", {{"password", "reset-by-city-2026"}}).status,
            204);
}

SKILLREG_ON_BOTH_BACKENDS(InstitutionAccounts);

}  // namespace skillreg::test
