// The institution registry end to end: announcements, applications of every kind to approval
// (with public notice and an objection for a social organisation), the directory, renewal inside
// and outside its window, expiry by the daily job, and the audit chain over all of it (M4–M13,
// M23, S21).
#include <cstdlib>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/validators.hpp"
#include "support/fixture.hpp"
#include "support/sql.hpp"

namespace skillreg::test {

namespace {

std::string credit_code(const std::string& org9, const std::string& region = "330106") {
  const std::string first17 = "91" + region + org9;
  return first17 + credit_code_check_char(first17);
}

std::string today() { return local_date(SystemClock{}.now()).to_string(); }
std::string days_from_today(int n) { return local_date(SystemClock{}.now()).add_days(n).to_string(); }

nlohmann::json checklist_for(const std::string& kind) {
  std::vector<std::string> keys{"M7(1)", "M7(2)", "M7(3)", "M7(4)", "M7(5)"};
  if (kind == "employer") keys.insert(keys.end(), {"M8(1)1", "M8(1)2", "M8(1)3"});
  if (kind == "social_organisation" || kind == "branch") keys.insert(keys.end(), {"M8(2)1", "M8(2)2"});
  nlohmann::json out = nlohmann::json::array();
  for (const auto& k : keys) out.push_back({{"key", k}, {"statement", "符合条件，材料见附件"}});
  return out;
}

nlohmann::json findings_for(const std::string& kind, bool met = true) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : checklist_for(kind)) out.push_back({{"key", c["key"]}, {"met", met}});
  return out;
}

}  // namespace

class Registry : public ServerTest {
 protected:
  void SetUp() override {
    // The public notice runs 0 working days here so a test can finish it; the default is 5.
    setenv("SKILLREG_PUBLICITY_WORKING_DAYS", "0", 1);
    ServerTest::SetUp();
  }

  std::int64_t announce(HttpClient& c, nlohmann::json kinds, const std::string& opens, const std::string& closes) {
    auto r = c.post_json("/api/v1/announcements",
                         {{"title", "2026年职业技能等级认定机构遴选公告"}, {"kinds", kinds},
                          {"opens_on", opens}, {"closes_on", closes}, {"conditions", "符合第七条、第八条"},
                          {"assessment", "现场评估"}, {"methods", {"听汇报", "现场察看", "资料审核"}}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", 0);
  }

  HttpClient applicant(const std::string& username, const std::string& region) {
    auto p = as("province");
    auto r = p.post_json("/api/v1/users", {{"username", username}, {"display_name", username},
                                           {"password", "apply-as-2026"}, {"role", "institution_admin"},
                                           {"region_code", region}});
    EXPECT_EQ(r.status, 201) << r.body;
    HttpClient c(server_->port());
    c.set_token(login(c, username, "apply-as-2026"));
    return c;
  }

  nlohmann::json draft(const std::string& kind, std::int64_t announcement, const std::string& cc,
                       const std::string& name, const std::string& region, nlohmann::json scope) {
    nlohmann::json d = {{"kind", kind}, {"credit_code", cc}, {"name", name},
                        {"address", "浙江省杭州市西湖区文三路1号"}, {"region_code", region},
                        {"contact", "张三"}, {"phone", "0571-88880000"}, {"scope", scope},
                        {"checklist", checklist_for(kind)}};
    if (announcement) d["announcement_id"] = announcement;
    return d;
  }

  // Submit, review (all met) and approve; returns the receipt.
  nlohmann::json walk_to_approval(HttpClient& applicant, HttpClient& authority, std::int64_t id, const std::string& kind) {
    const auto base = "/api/v1/applications/" + std::to_string(id);
    auto submitted = applicant.post(base + "/submit", "");
    EXPECT_EQ(submitted.status, 200) << submitted.body;
    auto reviewed = authority.post_json(base + "/reviews", {{"findings", findings_for(kind)}, {"pass", true}, {"comment", "符合"}});
    EXPECT_EQ(reviewed.status, 200) << reviewed.body;
    EXPECT_EQ(reviewed.json()["status"], "under_review");
    auto approved = authority.post(base + "/approve", "");
    EXPECT_EQ(approved.status, 200) << approved.body;
    return approved.json();
  }
};

TEST_P(Registry, M9_EveryKindWalksFromApplicationToTheDirectory) {
  auto province = as("province");
  const auto ann = announce(province, {"employer", "social_organisation", "special_ability", "branch"},
                            days_from_today(-1), days_from_today(30));
  ASSERT_EQ(province.post_json("/api/v1/special-ability-specs", {{"code", "ZJ-ZX-0001"}, {"name", "龙井茶炒制"}}).status, 201);

  // Employer (用人单位), in 西湖区, recognising a non-catalogue occupation.
  auto a1 = applicant("employer1", "330106");
  auto r1 = a1.post_json("/api/v1/applications",
                         draft("employer", ann, credit_code("MA27XY1A1"), "杭州某电气集团有限公司", "330106",
                               {{{"subject_code", "6-31-01-03"}, {"levels", {5, 4, 3}}}}));
  ASSERT_EQ(r1.status, 201) << r1.body;
  EXPECT_EQ(r1.json()["status"], "draft");
  auto receipt1 = walk_to_approval(a1, province, r1.json()["id"], "employer");
  const std::string code1 = receipt1["receipt"]["institution_code"];
  EXPECT_EQ(code1.size(), 13u);
  EXPECT_EQ(code1.substr(0, 7), "Y000033");
  EXPECT_TRUE(check_institution_code(code1).has_value());
  EXPECT_EQ(receipt1["receipt"]["authority"], "浙江省");
  EXPECT_EQ(receipt1["receipt"]["valid_until"], local_date(SystemClock{}.now()).add_years(3).to_string());

  // Special-ability (专项职业能力考核机构), assessing a published specification.
  auto a2 = applicant("special1", "330106");
  auto r2 = a2.post_json("/api/v1/applications",
                         draft("special_ability", ann, credit_code("MA27XY2B2"), "西湖龙井茶职业技能培训学校", "330106",
                               {{{"subject_code", "ZJ-ZX-0001"}, {"levels", nlohmann::json::array()}}}));
  ASSERT_EQ(r2.status, 201) << r2.body;
  auto receipt2 = walk_to_approval(a2, province, r2.json()["id"], "special_ability");
  EXPECT_EQ(receipt2["receipt"]["institution_code"].get<std::string>()[0], 'Z');

  // Branch of a ministry-selected institution (M13), with its ministry code.
  auto a3 = applicant("branch1", "330100");
  auto d3 = draft("branch", ann, credit_code("MA27XY3C3", "330100"), "某行业评价机构浙江分中心", "330102",
                  {{{"subject_code", "4-04-05-03"}, {"levels", {4, 3}}}});
  d3["ministry_code"] = "1201";
  auto r3 = a3.post_json("/api/v1/applications", d3);
  ASSERT_EQ(r3.status, 201) << r3.body;
  auto receipt3 = walk_to_approval(a3, province, r3.json()["id"], "branch");
  EXPECT_EQ(receipt3["receipt"]["institution_code"].get<std::string>().substr(0, 7), "S120133");

  // Social organisation (社会评价组织): review, public notice, an objection, resolution, approval.
  auto a4 = applicant("social1", "330106");
  auto r4 = a4.post_json("/api/v1/applications",
                         draft("social_organisation", ann, credit_code("MA27XY4D4"), "浙江某职业技能培训评价中心", "330106",
                               {{{"subject_code", "4-01-02-01"}, {"levels", {5, 4}}}}));
  ASSERT_EQ(r4.status, 201) << r4.body;
  const auto base4 = "/api/v1/applications/" + std::to_string(r4.json()["id"].get<int>());
  ASSERT_EQ(a4.post(base4 + "/submit", "").status, 200);
  ASSERT_EQ(province.post_json(base4 + "/reviews", {{"findings", findings_for("social_organisation")}, {"pass", true}}).status, 200);
  EXPECT_EQ(province.post(base4 + "/approve", "").status, 409) << "M9(2): no approval before the public notice";
  auto notice = province.post(base4 + "/publicity", "");
  ASSERT_EQ(notice.status, 200) << notice.body;
  EXPECT_EQ(notice.json()["status"], "publicity");
  auto objection = anonymous().post_json(base4 + "/objections", {{"content", "该机构培训场地不足"}, {"contact", "匿名"}});
  ASSERT_EQ(objection.status, 201) << objection.body;
  auto blocked = province.post(base4 + "/approve", "");
  EXPECT_EQ(blocked.status, 409);
  EXPECT_EQ(blocked.json()["error"]["article"], "M9(2)");
  const auto oid = std::to_string(objection.json()["id"].get<int>());
  ASSERT_EQ(province.post_json(base4 + "/objections/" + oid + "/resolve", {{"resolution", "经现场核查，场地符合要求"}}).status, 204);
  auto receipt4 = province.post(base4 + "/approve", "");
  ASSERT_EQ(receipt4.status, 200) << receipt4.body;
  EXPECT_EQ(receipt4.json()["receipt"]["institution_code"].get<std::string>()[0], 'S');
  auto view4 = a4.get(base4).json();
  EXPECT_EQ(view4["status"], "approved");
  EXPECT_EQ(view4["objections"][0]["resolution"], "经现场核查，场地符合要求");

  // Appraisal (职业技能考核鉴定机构): filed by the qualification department with a city (M9(1)).
  auto qual = as("qualdept");
  auto d5 = draft("appraisal", 0, credit_code("MA27XY5E5"), "杭州某焊接技术鉴定站", "330106",
                  {{{"subject_code", "6-18-02-04"}, {"levels", {5, 4, 3}}}});
  d5["authority_code"] = "330100";
  auto r5 = qual.post_json("/api/v1/applications", d5);
  ASSERT_EQ(r5.status, 201) << r5.body;
  const auto base5 = "/api/v1/applications/" + std::to_string(r5.json()["id"].get<int>());
  ASSERT_EQ(qual.post(base5 + "/submit", "").status, 200);
  auto hangzhou = as("hangzhou");
  auto filed = hangzhou.post(base5 + "/approve", "");
  ASSERT_EQ(filed.status, 200) << filed.body;
  EXPECT_EQ(filed.json()["receipt"]["institution_code"].get<std::string>()[0], 'J');
  EXPECT_EQ(qual.get(base5).json()["status"], "filed");

  // Codes are unique and sequential across the province.
  std::set<std::string> codes{code1, receipt2["receipt"]["institution_code"], receipt3["receipt"]["institution_code"],
                              receipt4.json()["receipt"]["institution_code"], filed.json()["receipt"]["institution_code"]};
  EXPECT_EQ(codes.size(), 5u);

  // The public directory (M10): search by Chinese substring, kind, city (with its counties), scope.
  auto pub = anonymous();
  auto all = pub.get("/api/v1/public/institutions?page_size=50").json();
  EXPECT_EQ(all["total"], 5);
  EXPECT_FALSE(all["items"][0].contains("credit_code")) << "the directory shows public facts only";
  auto by_name = pub.get("/api/v1/public/institutions?q=%E9%BE%99%E4%BA%95").json();  // 龙井
  ASSERT_EQ(by_name["total"], 1);
  EXPECT_EQ(by_name["items"][0]["kind"], "special_ability");
  EXPECT_EQ(pub.get("/api/v1/public/institutions?region=330100").json()["total"], 5);
  EXPECT_EQ(pub.get("/api/v1/public/institutions?region=330200").json()["total"], 0);
  EXPECT_EQ(pub.get("/api/v1/public/institutions?kind=employer").json()["total"], 1);
  EXPECT_EQ(pub.get("/api/v1/public/institutions?occupation=6-18-02-04&level=3").json()["total"], 1);
  EXPECT_EQ(pub.get("/api/v1/public/institutions?occupation=6-18-02-04&level=1").json()["total"], 0);
  auto entry = pub.get("/api/v1/public/institutions/" + code1);
  ASSERT_EQ(entry.status, 200);
  EXPECT_EQ(entry.json()["scope"][0]["levels"], nlohmann::json({5, 4, 3}));
  EXPECT_EQ(pub.get("/api/v1/public/institutions?q=" + code1).json()["total"], 1);

  // Every step is in the audit log and the chain verifies.
  auto audit = province.get("/api/v1/audit?action=application.approve").json();
  EXPECT_EQ(audit["total"], 5);
  EXPECT_EQ(province.get("/api/v1/audit/verify").json()["valid"], true);
}

TEST_P(Registry, S5_ACountyOfficerOfAnotherCountyGets404ForTheInstitution) {
  auto province = as("province");
  const auto ann = announce(province, {"employer"}, days_from_today(-1), days_from_today(30));
  auto a = applicant("employer2", "330106");
  auto r = a.post_json("/api/v1/applications", draft("employer", ann, credit_code("MA28AB1C1"), "西湖某企业", "330106",
                                                     {{{"subject_code", "6-31-01-03"}, {"levels", {5}}}}));
  ASSERT_EQ(r.status, 201);
  auto receipt = walk_to_approval(a, province, r.json()["id"], "employer");
  const auto id = std::to_string(receipt["institution"]["id"].get<int>());
  EXPECT_EQ(as("hangzhou").get("/api/v1/institutions/" + id).status, 404) << "received by the province, not the city";
  EXPECT_EQ(as("yinzhou").get("/api/v1/institutions/" + id).status, 404);
  EXPECT_EQ(as("yinzhou").get("/api/v1/applications/" + std::to_string(r.json()["id"].get<int>())).status, 404);
  EXPECT_EQ(as("inst2").get("/api/v1/institutions/" + id).status, 404);
  EXPECT_EQ(as("province").get("/api/v1/institutions/" + id).status, 200);
  auto own = a.get("/api/v1/institutions/" + id);
  EXPECT_EQ(own.status, 200) << "the applicant's account now belongs to its institution";
  EXPECT_EQ(as("yinzhou").get("/api/v1/institutions").json()["total"], 0);
}

TEST_P(Registry, M23_S15_RenewalOnlyInsideTheWindowAfterAPassedPeriodicEvaluationAndExpiryByTheDailyJob) {
  auto province = as("province");
  const auto ann = announce(province, {"employer"}, days_from_today(-1), days_from_today(30));
  auto a = applicant("employer3", "330106");
  auto r = a.post_json("/api/v1/applications", draft("employer", ann, credit_code("MA28AB2D2"), "西湖续期企业", "330106",
                                                     {{{"subject_code", "6-31-01-03"}, {"levels", {5}}}}));
  ASSERT_EQ(r.status, 201);
  auto receipt = walk_to_approval(a, province, r.json()["id"], "employer");
  const auto id = std::to_string(receipt["institution"]["id"].get<int>());
  const std::string code = receipt["receipt"]["institution_code"];

  auto early = a.post("/api/v1/institutions/" + id + "/renewals", "");
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(early.json()["error"]["article"], "M23");

  // As if approved long ago: validity ends in 60 days, inside the 3-month window.
  const auto ends = days_from_today(60);
  exec_sql(*db_, "UPDATE institutions SET valid_until = '" + ends + "' WHERE id = " + id);
  auto requested = a.post("/api/v1/institutions/" + id + "/renewals", "");
  ASSERT_EQ(requested.status, 201) << requested.body;
  EXPECT_EQ(a.post("/api/v1/institutions/" + id + "/renewals", "").status, 409) << "one pending renewal at a time";

  // S15: the request opened a periodic evaluation; renewal waits until it is passed.
  auto waiting = province.post("/api/v1/institutions/" + id + "/renewals/approve", "");
  EXPECT_EQ(waiting.status, 409);
  EXPECT_EQ(waiting.json()["error"]["article"], "S15");
  auto evaluations = a.get("/api/v1/inspections?kind=periodic_evaluation&institution_id=" + id);
  ASSERT_EQ(evaluations.status, 200) << evaluations.body;
  const auto listed = evaluations.json();
  ASSERT_EQ(listed["total"], 1);
  const auto evaluation = "/api/v1/inspections/" + std::to_string(listed["items"][0]["id"].get<int>());
  ASSERT_EQ(a.post_json(evaluation + "/self-evaluation", {{"text", "本机构三年来依规开展评价。"}}).status, 200);
  ASSERT_EQ(province.post(evaluation + "/start", "").status, 200);
  nlohmann::json items = nlohmann::json::array();
  const auto evaluation_json = province.get(evaluation).json();
  for (const auto& item : evaluation_json["checklist"])
    items.push_back({{"code", item["code"]}, {"finding", "compliant"}});
  ASSERT_EQ(province.put_json(evaluation + "/findings", {{"items", items}}).status, 200);
  auto passed = province.post_json(evaluation + "/complete", {{"outcome", "pass"}, {"report", "定期评估合格"}});
  ASSERT_EQ(passed.status, 200) << passed.body;

  auto renewed = province.post("/api/v1/institutions/" + id + "/renewals/approve", "");
  ASSERT_EQ(renewed.status, 200) << renewed.body;
  EXPECT_EQ(renewed.json()["valid_until"], Date::parse(ends)->add_years(3).to_string());

  // Validity ended yesterday and nobody renewed: the daily job expires it, the directory drops it.
  exec_sql(*db_, "UPDATE institutions SET valid_until = '" + days_from_today(-1) + "' WHERE id = " + id);
  EXPECT_EQ(anonymous().get("/api/v1/public/institutions/" + code).status, 200);
  // The server's scheduler already ran today's jobs at start-up (nothing was due then); the
  // operator's --force runs them again, and a second run finds nothing left to do.
  auto unforced = run_skillreg({"daily", "--as-of", today()}, db_->url());
  EXPECT_NE(unforced.output.find("had already run"), std::string::npos) << unforced.output;
  auto job = run_skillreg({"daily", "--as-of", today(), "--force"}, db_->url());
  ASSERT_EQ(job.exit_code, 0) << job.output;
  EXPECT_NE(job.output.find("1 institutions expired"), std::string::npos) << job.output;
  auto again = run_skillreg({"daily", "--as-of", today(), "--force"}, db_->url());
  EXPECT_NE(again.output.find("0 institutions expired"), std::string::npos) << again.output;
  EXPECT_EQ(anonymous().get("/api/v1/public/institutions/" + code).status, 404);
  EXPECT_EQ(province.get("/api/v1/institutions/" + id).json()["status"], "expired");
  EXPECT_EQ(a.post("/api/v1/institutions/" + id + "/renewals", "").status, 409);
  EXPECT_EQ(province.get("/api/v1/audit?action=institution.expire").json()["total"], 1);
  EXPECT_EQ(province.get("/api/v1/audit/verify").json()["valid"], true);
}

TEST_P(Registry, BadApplicationsAreRefusedWithTheRuleNamed) {
  auto province = as("province");
  const auto ann = announce(province, {"employer", "social_organisation"}, days_from_today(-1), days_from_today(30));
  const auto closed = announce(province, {"employer"}, days_from_today(-30), days_from_today(-10));
  auto a = applicant("employer4", "330106");
  struct Case {
    const char* name;
    nlohmann::json body;
    int status;
    const char* field;
    const char* article;
  };
  auto d = [&](const std::string& kind, std::int64_t announcement, const std::string& cc, nlohmann::json scope) {
    return draft(kind, announcement, cc, "某机构", "330106", scope);
  };
  const nlohmann::json ok_scope = {{{"subject_code", "6-31-01-03"}, {"levels", {5}}}};
  const std::vector<Case> cases{
      {"bad credit code", d("employer", ann, "91330106MA27XY1A10", ok_scope), 422, "credit_code", ""},
      {"unknown occupation", d("employer", ann, credit_code("MA29AA1A1"), {{{"subject_code", "9-99-99-99"}, {"levels", {5}}}}), 422, "scope[0].subject_code", ""},
      {"level six", d("employer", ann, credit_code("MA29AA1A1"), {{{"subject_code", "6-31-01-03"}, {"levels", {6}}}}), 422, "scope[0].levels", ""},
      {"catalogue occupation for level recognition", d("employer", ann, credit_code("MA29AA1A1"), {{{"subject_code", "6-18-02-04"}, {"levels", {5}}}}), 422, "scope[0]", "M6"},
      {"kind not in the announcement", d("special_ability", ann, credit_code("MA29AA1A1"), ok_scope), 422, "kind", ""},
      {"missing checklist", [&] { auto x = d("employer", ann, credit_code("MA29AA1A1"), ok_scope); x["checklist"] = nlohmann::json::array(); return x; }(), 422, "checklist.M7(1)", ""},
      {"subsidiaries for a social organisation", [&] { auto x = d("social_organisation", ann, credit_code("MA29AA1A1"), {{{"subject_code", "4-01-02-01"}, {"levels", {5}}}}); x["subsidiaries"] = {"子公司"}; return x; }(), 422, "subsidiaries", ""},
      {"institution outside the authority", [&] { auto x = d("employer", ann, credit_code("MA29AA1A1"), ok_scope); x["region_code"] = "999999"; return x; }(), 422, "region_code", ""},
      {"scope as a string", [&] { auto x = d("employer", ann, credit_code("MA29AA1A1"), ok_scope); x["scope"] = "all"; return x; }(), 400, "scope", ""},
  };
  for (const auto& c : cases) {
    auto r = a.post_json("/api/v1/applications", c.body);
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r.body;
    auto j = r.json();
    bool named = false;
    for (const auto& det : j["error"]["details"]) named |= det["field"] == c.field;
    EXPECT_TRUE(named) << c.name << ": " << r.body;
    if (*c.article) {
      EXPECT_EQ(j["error"]["article"], c.article) << c.name;
    }
  }
  EXPECT_EQ(a.get("/api/v1/applications").json()["total"], 0) << "nothing half-written";

  // Outside the window (409); then a second open application for the same credit code (409).
  auto late = a.post_json("/api/v1/applications", d("employer", closed, credit_code("MA29AA2B2"), ok_scope));
  ASSERT_EQ(late.status, 201);
  auto refused = a.post("/api/v1/applications/" + std::to_string(late.json()["id"].get<int>()) + "/submit", "");
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.json()["error"]["article"], "M9(2)");
  EXPECT_EQ(a.post_json("/api/v1/applications", d("employer", ann, credit_code("MA29AA2B2"), ok_scope)).status, 409);

  // A county cannot announce a selection of social organisations (M9: city or above).
  auto county = as("xihu").post_json("/api/v1/announcements",
                                     {{"title", "x"}, {"kinds", {"social_organisation"}}, {"opens_on", today()},
                                      {"closes_on", today()}, {"conditions", "x"}, {"assessment", "x"}, {"methods", {"听汇报"}}});
  EXPECT_EQ(county.status, 422);
  EXPECT_EQ(county.json()["error"]["article"], "M9");
  // Only applicants apply and only authorities review.
  EXPECT_EQ(as("examiner").post_json("/api/v1/applications", d("employer", ann, credit_code("MA29AA3C3"), ok_scope)).status, 403);
}

TEST_P(Registry, S21_ARevokedInstitutionsCreditCodeIsRefused) {
  auto province = as("province");
  const auto ann = announce(province, {"employer"}, days_from_today(-1), days_from_today(30));
  auto a = applicant("employer5", "330106");
  const auto cc = credit_code("MA30AA1A1");
  auto r = a.post_json("/api/v1/applications", draft("employer", ann, cc, "被取消资格的企业", "330106",
                                                     {{{"subject_code", "6-31-01-03"}, {"levels", {5}}}}));
  auto receipt = walk_to_approval(a, province, r.json()["id"], "employer");
  // Revocation itself is the enforcement issue's; here the registry only has to honour it.
  exec_sql(*db_, "UPDATE institutions SET status = 'revoked' WHERE id = " +
                     std::to_string(receipt["institution"]["id"].get<int>()));
  auto again = applicant("employer6", "330106").post_json(
      "/api/v1/applications", draft("employer", ann, cc, "换个名字的同一企业", "330106",
                                    {{{"subject_code", "6-31-01-03"}, {"levels", {5}}}}));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json()["error"]["article"], "S21");
  EXPECT_EQ(anonymous().get("/api/v1/public/institutions/" + receipt["receipt"]["institution_code"].get<std::string>()).status, 404);
}

SKILLREG_ON_BOTH_BACKENDS(Registry);

}  // namespace skillreg::test

namespace skillreg::test {

class RegistryChanges : public Registry {};

TEST_P(RegistryChanges, M21_BasicInformationChangesAreAppliedWithHistoryAndM24_TerminationLeavesTheDirectory) {
  auto province = as("province");
  const auto ann = announce(province, {"employer"}, days_from_today(-1), days_from_today(30));
  auto a = applicant("employer7", "330106");
  auto r = a.post_json("/api/v1/applications", draft("employer", ann, credit_code("MA31AA1A1"), "原名称有限公司", "330106",
                                                     {{{"subject_code", "6-31-01-03"}, {"levels", {5}}}}));
  ASSERT_EQ(r.status, 201);
  auto receipt = walk_to_approval(a, province, r.json()["id"], "employer");
  const auto id = std::to_string(receipt["institution"]["id"].get<int>());
  const std::string code = receipt["receipt"]["institution_code"];

  auto changed = a.post_json("/api/v1/institutions/" + id + "/changes",
                             {{"name", "新名称集团有限公司"}, {"public_phone", "0571-12345678"}, {"fees", "初级 300 元/人"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["name"], "新名称集团有限公司");
  auto entry = anonymous().get("/api/v1/public/institutions/" + code).json();
  EXPECT_EQ(entry["name"], "新名称集团有限公司");
  EXPECT_EQ(entry["public_phone"], "0571-12345678");
  EXPECT_EQ(entry["fees"], "初级 300 元/人");
  auto history = province.get("/api/v1/institutions/" + id + "/changes").json();
  ASSERT_EQ(history["total"], 1);
  EXPECT_EQ(history["items"][0]["before"]["name"], "原名称有限公司");
  EXPECT_EQ(history["items"][0]["after"]["name"], "新名称集团有限公司");
  EXPECT_EQ(a.post_json("/api/v1/institutions/" + id + "/changes", {{"name", ""}}).status, 422);
  EXPECT_EQ(province.post_json("/api/v1/institutions/" + id + "/changes", {{"name", "x"}}).status, 403);
  EXPECT_EQ(as("yinzhou").get("/api/v1/institutions/" + id + "/changes").status, 404);

  EXPECT_EQ(a.post_json("/api/v1/institutions/" + id + "/termination", nlohmann::json::object()).status, 400);
  auto ended = a.post_json("/api/v1/institutions/" + id + "/termination", {{"reason", "企业转型，不再开展评价"}});
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(ended.json()["status"], "terminated");
  EXPECT_EQ(anonymous().get("/api/v1/public/institutions/" + code).status, 404);
  auto twice = a.post_json("/api/v1/institutions/" + id + "/termination", {{"reason", "再次"}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.json()["error"]["article"], "M24");
}

SKILLREG_ON_BOTH_BACKENDS(RegistryChanges);

}  // namespace skillreg::test

namespace skillreg::test {

class RegistryScopeChanges : public Registry {};

TEST_P(RegistryScopeChanges, M22_AScopeChangeIsReviewedLikeAnApplicationAndReplacesTheScopeOnApproval) {
  auto province = as("province");
  const auto ann = announce(province, {"employer"}, days_from_today(-1), days_from_today(30));
  auto a = applicant("employer8", "330106");
  auto d = draft("employer", ann, credit_code("MA32AA1A1"), "某电器集团有限公司", "330106",
                 {{{"subject_code", "6-31-01-03"}, {"levels", {5}}}});
  d["subsidiaries"] = {"某电器（杭州）有限公司"};
  auto r = a.post_json("/api/v1/applications", d);
  ASSERT_EQ(r.status, 201) << r.body;
  auto receipt = walk_to_approval(a, province, r.json()["id"], "employer");
  const auto id = std::to_string(receipt["institution"]["id"].get<int>());
  const std::string code = receipt["receipt"]["institution_code"];
  const auto base = "/api/v1/institutions/" + id;
  auto subs = province.get(base + "/subsidiaries").json();
  ASSERT_EQ(subs["total"], 1);  // M11: kept from the application
  EXPECT_EQ(subs["items"][0], "某电器（杭州）有限公司");

  const nlohmann::json wider = {{{"subject_code", "6-31-01-03"}, {"levels", {5, 4, 3}}}};
  auto change_body = [&](nlohmann::json scope) {
    return nlohmann::json{{"scope", scope}, {"checklist", checklist_for("employer")}, {"reason", "新增四级、三级"},
                          {"subsidiaries", {"某电器（杭州）有限公司", "某电器（宁波）有限公司"}}};
  };
  // Refused: a catalogue occupation is outside level recognition (M6), and only the institution asks.
  auto bad = a.post_json(base + "/scope", change_body({{{"subject_code", "6-18-02-04"}, {"levels", {5}}}}));
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json()["error"]["article"], "M6");
  EXPECT_EQ(province.post_json(base + "/scope", change_body(wider)).status, 403);
  EXPECT_EQ(as("inst2").post_json(base + "/scope", change_body(wider)).status, 404);
  auto no_reason = change_body(wider);
  no_reason.erase("reason");
  EXPECT_EQ(a.post_json(base + "/scope", no_reason).status, 400);

  auto asked = a.post_json(base + "/scope", change_body(wider));
  ASSERT_EQ(asked.status, 201) << asked.body;
  EXPECT_EQ(asked.json()["purpose"], "scope_change");
  EXPECT_EQ(asked.json()["status"], "draft");
  EXPECT_EQ(a.post_json(base + "/scope", change_body(wider)).status, 409) << "one open application at a time";
  // Until approved, the old scope stands.
  EXPECT_EQ(province.get(base + "/scope").json()["scope"][0]["levels"], nlohmann::json({5}));
  walk_to_approval(a, province, asked.json()["id"], "employer");

  auto scope = province.get(base + "/scope").json()["scope"];
  EXPECT_EQ(scope[0]["levels"], nlohmann::json({5, 4, 3}));
  EXPECT_EQ(province.get(base + "/subsidiaries").json()["total"], 2);
  auto entry = anonymous().get("/api/v1/public/institutions/" + code).json();
  EXPECT_EQ(entry["scope"][0]["levels"], nlohmann::json({5, 4, 3}));
  EXPECT_EQ(entry["code"], code) << "the code does not change with the scope";
  auto audit = province.get("/api/v1/audit?action=institution.change_scope").json();
  ASSERT_EQ(audit["total"], 1) << audit.dump();
  EXPECT_EQ(province.get("/api/v1/audit/verify").json()["valid"], true);
}

SKILLREG_ON_BOTH_BACKENDS(RegistryScopeChanges);

}  // namespace skillreg::test

namespace skillreg::test {

class RegistryExamSites : public Registry {};

TEST_P(RegistryExamSites, M12_SitesOutsideTheHomeAreaNeedTheSiteAuthoritysConfirmation) {
  auto province = as("province");
  const auto ann = announce(province, {"social_organisation"}, days_from_today(-1), days_from_today(30));
  auto a = applicant("social9", "330106");
  auto r = a.post_json("/api/v1/applications", draft("social_organisation", ann, credit_code("MA32AA1A1"), "西湖考点测试中心", "330106",
                                                     {{{"subject_code", "4-01-02-01"}, {"levels", {5}}}}));
  ASSERT_EQ(r.status, 201);
  const auto base = "/api/v1/applications/" + std::to_string(r.json()["id"].get<int>());
  ASSERT_EQ(a.post(base + "/submit", "").status, 200);
  ASSERT_EQ(province.post_json(base + "/reviews", {{"findings", findings_for("social_organisation")}, {"pass", true}}).status, 200);
  ASSERT_EQ(province.post(base + "/publicity", "").status, 200);
  auto approved = province.post(base + "/approve", "");
  ASSERT_EQ(approved.status, 200) << approved.body;
  const auto id = std::to_string(approved.json()["institution"]["id"].get<int>());
  const auto sites = "/api/v1/institutions/" + id + "/exam-sites";

  auto home = a.post_json(sites, {{"name", "西湖本部考点"}, {"address", "文三路1号"}, {"region_code", "330106"}});
  ASSERT_EQ(home.status, 201) << home.body;
  EXPECT_EQ(home.json()["status"], "confirmed");
  auto away = a.post_json(sites, {{"name", "鄞州考点"}, {"address", "鄞州大道1号"}, {"region_code", "330212"}});
  ASSERT_EQ(away.status, 201);
  EXPECT_EQ(away.json()["status"], "pending");
  const auto away_id = std::to_string(away.json()["id"].get<int>());

  // Neither the institution's own county nor an unrelated one decides; the site's county does.
  EXPECT_EQ(as("xihu").post(sites + "/" + away_id + "/confirm", "").status, 404);
  EXPECT_EQ(as("hangzhou").post(sites + "/" + away_id + "/confirm", "").status, 404);
  auto yinzhou = as("yinzhou");
  EXPECT_EQ(yinzhou.get(sites).json()["total"], 1) << "the site authority sees the sites in its area only";
  EXPECT_EQ(yinzhou.post_json(sites + "/" + away_id + "/refuse", nlohmann::json::object()).status, 400);
  auto confirmed = yinzhou.post(sites + "/" + away_id + "/confirm", "");
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(confirmed.json()["status"], "confirmed");
  EXPECT_EQ(yinzhou.post(sites + "/" + away_id + "/confirm", "").status, 409);
  EXPECT_EQ(a.get(sites).json()["total"], 2);
  EXPECT_EQ(a.post_json(sites, {{"name", "x"}, {"address", "y"}, {"region_code", "330200"}}).status, 422);
}

SKILLREG_ON_BOTH_BACKENDS(RegistryExamSites);

}  // namespace skillreg::test

namespace skillreg::test {

class RegistryEvidence : public Registry {};

TEST_P(RegistryEvidence, M7_EvidenceFilesAreCheckedHashedAndKept) {
  auto province = as("province");
  const auto ann = announce(province, {"employer"}, days_from_today(-1), days_from_today(30));
  auto a = applicant("employer8", "330106");
  auto r = a.post_json("/api/v1/applications", draft("employer", ann, credit_code("MA33AA1A1"), "证明材料测试企业", "330106",
                                                     {{{"subject_code", "6-31-01-03"}, {"levels", {5}}}}));
  ASSERT_EQ(r.status, 201);
  const auto base = "/api/v1/applications/" + std::to_string(r.json()["id"].get<int>());
  const std::string pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
  auto upload = [&](const std::string& query, const std::string& type, const std::string& bytes) {
    return a.request("POST", base + "/evidence?" + query, bytes, {{"Content-Type", type}});
  };
  auto ok = upload("item=M7(3)&file_name=%E5%9C%BA%E5%9C%B0.pdf", "application/pdf", pdf);  // 场地.pdf
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json()["sha256"], crypto::sha256_hex(pdf));
  EXPECT_EQ(ok.json()["file_name"], "场地.pdf");

  struct Bad {
    const char* name;
    std::string query, type, bytes;
    int status;
    const char* field;
  };
  const std::vector<Bad> bad{
      {"executable content", "item=M7(3)&file_name=a.pdf", "application/pdf", "MZ\x90\x00 not a pdf", 422, "body"},
      {"declared type disagrees", "item=M7(3)&file_name=a.png", "image/png", pdf, 422, "content_type"},
      {"path in the name", "item=M7(3)&file_name=..%2F..%2Fetc%2Fpasswd", "application/pdf", pdf, 422, "file_name"},
      {"empty file", "item=M7(3)&file_name=a.pdf", "application/pdf", "", 422, "body"},
      {"unknown item", "item=M9(9)&file_name=a.pdf", "application/pdf", pdf, 422, "item"},
      {"too large", "item=M7(3)&file_name=big.pdf", "application/pdf", "%PDF-" + std::string(5 * 1024 * 1024, 'x'), 413, "body"},
  };
  for (const auto& b : bad) {
    auto res = upload(b.query, b.type, b.bytes);
    EXPECT_EQ(res.status, b.status) << b.name << ": " << res.body;
    EXPECT_EQ(res.json()["error"]["details"][0]["field"], b.field) << b.name << ": " << res.body;
  }
  auto view = a.get(base).json();
  ASSERT_EQ(view["evidence"].size(), 1u) << "only the good file was kept";
  const auto eid = std::to_string(view["evidence"][0]["id"].get<int>());

  // The receiving authority reads it back byte for byte; another county cannot.
  auto back = province.get(base + "/evidence/" + eid);
  ASSERT_EQ(back.status, 200);
  EXPECT_EQ(back.body, pdf);
  EXPECT_EQ(back.header("content-type"), "application/pdf");
  EXPECT_EQ(as("yinzhou").get(base + "/evidence/" + eid).status, 404);

  // After submission the material is fixed.
  ASSERT_EQ(a.post(base + "/submit", "").status, 200);
  EXPECT_EQ(upload("item=M7(1)&file_name=late.pdf", "application/pdf", pdf).status, 409);
}

SKILLREG_ON_BOTH_BACKENDS(RegistryEvidence);

}  // namespace skillreg::test

namespace skillreg::test {

class RegistryScope : public Registry {};

// S5: every registry action on an object outside the caller's region or institution answers
// 404, exactly as for an object that does not exist, and changes nothing.
TEST_P(RegistryScope, S5_EveryActionOutsideTheCallersScopeIs404) {
  auto hangzhou = as("hangzhou");
  const auto ann = announce(hangzhou, {"employer", "social_organisation"}, days_from_today(-1), days_from_today(30));
  auto a = applicant("employer10", "330106");
  auto pending = a.post_json("/api/v1/applications", draft("employer", ann, credit_code("MA34AA1A1"), "待审企业", "330106",
                                                           {{{"subject_code", "6-31-01-03"}, {"levels", {5}}}}));
  ASSERT_EQ(pending.status, 201);
  const auto app = "/api/v1/applications/" + std::to_string(pending.json()["id"].get<int>());
  ASSERT_EQ(a.post(app + "/submit", "").status, 200);
  auto b = applicant("employer11", "330106");
  auto done = b.post_json("/api/v1/applications", draft("employer", ann, credit_code("MA34AA2B2"), "已批企业", "330106",
                                                        {{{"subject_code", "6-31-01-03"}, {"levels", {5}}}}));
  auto receipt = walk_to_approval(b, hangzhou, done.json()["id"], "employer");
  const auto inst = "/api/v1/institutions/" + std::to_string(receipt["institution"]["id"].get<int>());

  struct Call {
    const char* method;
    std::string target;
    nlohmann::json body;
  };
  const std::vector<Call> calls{
      {"GET", app, nullptr},
      {"POST", app + "/return", {{"reasons", "x"}}},
      {"POST", app + "/reviews", {{"findings", findings_for("employer")}, {"pass", true}}},
      {"POST", app + "/approve", nlohmann::json::object()},
      {"POST", app + "/reject", {{"reasons", "x"}}},
      {"POST", app + "/objections/1/resolve", {{"resolution", "x"}}},
      {"GET", app + "/evidence/1", nullptr},
      {"GET", inst, nullptr},
      {"GET", inst + "/changes", nullptr},
      {"POST", inst + "/changes", {{"phone", "0571-12345678"}}},
      {"GET", inst + "/exam-sites", nullptr},
      {"POST", inst + "/exam-sites", {{"name", "x"}, {"address", "y"}, {"region_code", "330106"}}},
      {"POST", inst + "/renewals", nlohmann::json::object()},
      {"POST", inst + "/renewals/approve", nlohmann::json::object()},
      {"POST", inst + "/termination", {{"reason", "x"}}},
  };
  // Another city's and another county's officers, and another institution's administrator.
  for (const auto* who : {"ningbo", "yinzhou", "inst2"}) {
    auto c = as(who);
    for (const auto& call : calls) {
      auto r = c.request(call.method, call.target, call.body.is_null() ? "" : call.body.dump(), {});
      EXPECT_EQ(r.status, 404) << who << " " << call.method << " " << call.target << ": " << r.body;
    }
  }
  auto still = hangzhou.get(app).json();
  EXPECT_EQ(still["status"], "submitted");
  EXPECT_EQ(hangzhou.get(inst).json()["status"], "active");
}

SKILLREG_ON_BOTH_BACKENDS(RegistryScope);

}  // namespace skillreg::test
