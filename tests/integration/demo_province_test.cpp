// `skillreg demo` builds a demo province through the real use cases: the demo accounts of
// API.md, institutions of every kind, and applications still in the workflow.
#include "support/fixture.hpp"

namespace skillreg::test {

class DemoProvince : public ::testing::TestWithParam<Backend> {};

TEST_P(DemoProvince, HasInstitutionsOfEveryKindAndTheInstitutionAccountsBelongToThem) {
  ScratchDatabase db(GetParam());
  auto first = run_skillreg({"demo"}, db.url());
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("7 new institutions"), std::string::npos) << first.output;
  auto second = run_skillreg({"demo"}, db.url());
  EXPECT_NE(second.output.find("0 new demo accounts, 0 new institutions"), std::string::npos) << second.output;
  ServerProcess server(db, false);
  HttpClient c(server.port());
  auto dir = c.get("/api/v1/public/institutions?page_size=50").json();
  EXPECT_EQ(dir["total"], 7);
  std::set<std::string> kinds;
  for (const auto& i : dir["items"]) kinds.insert(i["kind"].get<std::string>());
  EXPECT_EQ(kinds, (std::set<std::string>{"employer", "social_organisation", "special_ability", "branch"}));

  // API.md: inst is an active social organisation in 西湖区, inst2 an active employer in 鄞州区.
  for (const auto& [user, kind, region] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"inst", "social_organisation", "330106"}, {"inst2", "employer", "330212"}}) {
    HttpClient u(server.port());
    u.set_token(login(u, user));
    auto me = u.get("/api/v1/auth/me").json();
    ASSERT_TRUE(me["user"]["institution_id"].is_number()) << user;
    auto own = u.get("/api/v1/institutions/" + std::to_string(me["user"]["institution_id"].get<int>())).json();
    EXPECT_EQ(own["kind"], kind) << user;
    EXPECT_EQ(own["region_code"], region) << user;
    EXPECT_EQ(own["status"], "active") << user;
  }
  HttpClient hz(server.port());
  hz.set_token(login(hz, "hangzhou"));
  auto waiting = hz.get("/api/v1/applications?status=submitted").json();
  EXPECT_EQ(waiting["total"], 1);
  auto noticed = hz.get("/api/v1/applications?status=publicity").json();
  ASSERT_EQ(noticed["total"], 1);
  auto view = hz.get("/api/v1/applications/" + std::to_string(noticed["items"][0]["id"].get<int>())).json();
  EXPECT_EQ(view["objections"].size(), 1u);
  HttpClient p(server.port());
  p.set_token(login(p, "province"));
  EXPECT_EQ(p.get("/api/v1/audit/verify").json()["valid"], true);
}

INSTANTIATE_TEST_SUITE_P(Backends, DemoProvince, ::testing::ValuesIn(all_backends()),
                         [](const auto& info) { return std::string(to_string(info.param)); });

}  // namespace skillreg::test
