// People and execution records end to end on the demo province: registries of examiners and
// supervisors (M16), assignment checks (M16, S19(8)), the staffing answer with unmet rules and
// rotation flags (S19(8)), papers (S19(6)), video coverage and the archive (M18, S19(11)), and
// that callers outside the plan's scope get 404 everywhere.
#include "core/clock.hpp"
#include "core/validators.hpp"
#include "support/fixture.hpp"
#include "support/values.hpp"

namespace skillreg::test {

namespace {

std::string at_day(int days, int hour) { return local_time_in(days, hour); }

std::string identity(int seq) { return identity_number("33010619800101", seq); }

nlohmann::json person(int seq, const std::string& name, const std::string& subject, int level,
                      const std::string& until = "2030-12-31") {
  return person_body(identity(seq), name, subject, level, "0571-88888888", until);
}

}  // namespace

class Personnel : public DemoProvinceTest {
 protected:
  std::int64_t site(HttpClient& c, const std::string& region) {
    const auto inst = c.get("/api/v1/institutions").json()["items"][0]["id"].get<std::int64_t>();
    auto r =
        c.post_json("/api/v1/institutions/" + std::to_string(inst) + "/exam-sites",
                    {{"name", "考点" + region}, {"address", "某路1号"}, {"region_code", region}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", 0);
  }

  // A plan of `inst` on day `days` (theory 9–11 in room, practical 13–17); returns its path.
  std::string plan(HttpClient& inst, std::int64_t site_id, int days,
                   const std::string& room = "101") {
    nlohmann::json body{{"subject_code", "4-01-02-01"},
                        {"level", 4},
                        {"parts", {"theory", "practical"}},
                        {"exam_site_id", site_id},
                        {"planned_count", 30},
                        {"question_source", "unified_bank"},
                        {"paperless", true},
                        {"fee", 300},
                        {"sessions",
                         {{{"part", "theory"},
                           {"starts_at", at_day(days, 9)},
                           {"ends_at", at_day(days, 11)},
                           {"room", room}},
                          {{"part", "practical"},
                           {"starts_at", at_day(days, 13)},
                           {"ends_at", at_day(days, 17)},
                           {"room", "实操" + room}}}}};
    auto r = inst.post_json("/api/v1/plans", body);
    EXPECT_EQ(r.status, 201) << r.body;
    return "/api/v1/plans/" + std::to_string(r.json().value("id", 0));
  }

  std::vector<std::int64_t> sessions(HttpClient& c, const std::string& path) {
    const auto p = c.get(path).json();
    std::vector<std::int64_t> out;
    for (const auto& s : p["sessions"]) out.push_back(s["id"].get<std::int64_t>());
    return out;
  }

  std::int64_t registered(HttpClient c, const std::string& registry, const nlohmann::json& body) {
    auto r = c.post_json("/api/v1/" + registry, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", 0);
  }
};

TEST_P(Personnel, M16_ExaminersAndSupervisorsAreRegisteredWithQualificationsAndSeenInScope) {
  auto inst = as("inst");
  auto inst2 = as("inst2");
  auto created = inst.post_json("/api/v1/examiners", person(1, "王考评", "4-01-02-01", 3));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto body = created.json();
  EXPECT_EQ(body["kind"], "examiner");
  EXPECT_EQ(body["identity_no"], mask_identity_number(identity(1)));
  EXPECT_EQ(created.body.find(identity(1)), std::string::npos)
      << "the identity number is never shown whole";
  EXPECT_EQ(body["qualifications"][0]["level"], 3);
  const auto e1 = body["id"].get<std::int64_t>();

  EXPECT_EQ(inst.post_json("/api/v1/examiners", person(1, "王考评", "4-01-02-01", 3)).status, 409);
  auto bad_id = person(2, "李", "4-01-02-01", 3);
  bad_id["identity_no"] = "330106198001010020";
  auto refused = inst.post_json("/api/v1/examiners", bad_id);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("identity_no"), std::string::npos);
  auto unknown = inst.post_json("/api/v1/examiners", person(3, "李", "9-99-99-99", 3));
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.body.find("unknown_subject"), std::string::npos) << unknown.body;
  EXPECT_EQ(inst.post_json("/api/v1/examiners", person(4, "李", "4-01-02-01", 7)).status, 422);
  auto extra = person(5, "李", "4-01-02-01", 3);
  extra["salary"] = 1;
  EXPECT_EQ(inst.post_json("/api/v1/examiners", extra).status, 400);
  EXPECT_EQ(as("hangzhou").post_json("/api/v1/examiners", person(6, "李", "4-01-02-01", 3)).status,
            403);

  registered(inst2, "examiners", person(10, "赵甬", "6-31-01-03", 2));
  registered(inst, "supervisors", person(20, "钱内督", "4-01-02-01", 5));
  const auto ext = registered(as("xihu"), "supervisors", person(30, "孙外督", "4-01-02-01", 5));
  EXPECT_EQ(inst.post_json("/api/v1/supervisors",
                           [] {
                             auto b = person(31, "周", "4-01-02-01", 5);
                             b["kind"] = "external_supervisor";
                             return b;
                           }())
                .status,
            403);

  // An institution sees its own people; authorities those of institutions they supervise.
  EXPECT_EQ(inst.get("/api/v1/examiners").json()["total"], 1);
  EXPECT_EQ(inst2.get("/api/v1/examiners").json()["total"], 1);
  EXPECT_EQ(as("hangzhou").get("/api/v1/examiners").json()["total"], 1);
  EXPECT_EQ(as("yinzhou").get("/api/v1/examiners").json()["total"], 1);
  EXPECT_EQ(as("province").get("/api/v1/examiners").json()["total"], 2);
  EXPECT_EQ(as("province").get("/api/v1/examiners?q=%E7%8E%8B").json()["total"], 1);
  EXPECT_EQ(as("province").get("/api/v1/examiners?subject_code=6-31-01-03").json()["total"], 1);
  EXPECT_EQ(as("province").get("/api/v1/examiners?bogus=1").status, 400);
  EXPECT_EQ(inst.get("/api/v1/examiners/" + std::to_string(e1)).status, 200);
  for (const char* who : {"inst2", "ningbo", "yinzhou"})
    EXPECT_EQ(as(who).get("/api/v1/examiners/" + std::to_string(e1)).status, 404) << who;
  EXPECT_EQ(as("xihu").get("/api/v1/supervisors/" + std::to_string(ext)).status, 200);
  EXPECT_EQ(as("ningbo").get("/api/v1/supervisors/" + std::to_string(ext)).status, 404);
  EXPECT_EQ(as("hangzhou").get("/api/v1/supervisors").json()["total"], 2);
  EXPECT_EQ(as("hangzhou").get("/api/v1/supervisors?kind=external_supervisor").json()["total"], 1);
  EXPECT_EQ(as("province").get("/api/v1/audit/verify").json()["valid"], true);
}

TEST_P(Personnel, S19_8_AssignmentsAreCheckedForQualificationDoubleBookingAndAvoidance) {
  auto inst = as("inst");
  auto inst2 = as("inst2");
  const auto home = site(inst, "330106");
  const auto p1 = plan(inst, home, 10, "101");
  const auto p2 = plan(inst, home, 10, "102");  // the same hours in another room
  const auto s1 = sessions(inst, p1), s2 = sessions(inst, p2);
  const auto own = registered(inst, "examiners", person(1, "本机构考评员", "4-01-02-01", 3));
  const auto good = registered(inst2, "examiners", person(2, "外聘考评员", "4-01-02-01", 3));
  const auto low = registered(inst2, "examiners", person(3, "五级考评员", "4-01-02-01", 5));
  const auto expired =
      registered(inst2, "examiners", person(4, "过期考评员", "4-01-02-01", 3, "2020-12-31"));
  const auto internal = registered(inst, "supervisors", person(5, "内督", "4-01-02-01", 5));
  const auto external = registered(as("xihu"), "supervisors", person(6, "外督", "4-01-02-01", 5));

  auto ok = inst.post_json(p1 + "/assignments",
                           {{"session_id", s1[0]}, {"person_id", good}, {"role", "examiner"}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json()["flags"].size(), 0u);
  EXPECT_EQ(inst.post_json(p1 + "/assignments",
                           {{"session_id", s1[0]}, {"person_id", good}, {"role", "examiner"}})
                .status,
            409);

  struct Case {
    const char* name;
    std::string path;
    nlohmann::json body;
    const char* article;
    const char* problem;
  };
  const std::vector<Case> cases{
      {"M16 qualified only for level 5",
       p1,
       {{"session_id", s1[0]}, {"person_id", low}, {"role", "examiner"}},
       "M16",
       "qualified_only_to_level:5"},
      {"M16 qualification expired",
       p1,
       {{"session_id", s1[0]}, {"person_id", expired}, {"role", "examiner"}},
       "M16",
       "qualification_expired:2020-12-31"},
      {"S19(8) examiner of the plan's own institution",
       p1,
       {{"session_id", s1[0]}, {"person_id", own}, {"role", "examiner"}},
       "S19(8)",
       "examiner_employed_by_the_institution"},
      {"S19(8) double-booked across two plans",
       p2,
       {{"session_id", s2[0]}, {"person_id", good}, {"role", "examiner"}},
       "S19(8)",
       "double_booked:plan:"},
      {"role does not match the registry",
       p1,
       {{"session_id", s1[0]}, {"person_id", internal}, {"role", "examiner"}},
       "",
       "person_is:internal_supervisor"},
      {"a session of another plan",
       p1,
       {{"session_id", s2[1]}, {"person_id", good}, {"role", "examiner"}},
       "",
       "not_a_session_of_the_plan"},
      {"unknown person",
       p1,
       {{"session_id", s1[1]}, {"person_id", 999999}, {"role", "examiner"}},
       "",
       "unknown_person"},
  };
  for (const auto& c : cases) {
    auto r = inst.post_json(c.path + "/assignments", c.body);
    EXPECT_EQ(r.status, 422) << c.name << ": " << r.body;
    EXPECT_NE(r.body.find(c.problem), std::string::npos) << c.name << ": " << r.body;
    if (*c.article) {
      EXPECT_EQ(r.json()["error"]["article"], c.article) << c.name;
    }
  }
  EXPECT_EQ(
      inst.post_json(p1 + "/assignments", {{"session_id", s1[0]}, {"role", "examiner"}}).status,
      400);

  // The identity number finds the registered person too; internal supervisors are the
  // institution's.
  auto sup = inst.post_json(
      p1 + "/assignments",
      {{"session_id", s1[0]}, {"identity_no", identity(5)}, {"role", "internal_supervisor"}});
  ASSERT_EQ(sup.status, 201) << sup.body;
  EXPECT_EQ(sup.json()["person_id"], internal);
  // External supervisors are appointed by an authority that may read the plan, not by the
  // institution.
  EXPECT_EQ(inst.post_json(p1 + "/assignments", {{"session_id", s1[1]},
                                                 {"person_id", external},
                                                 {"role", "external_supervisor"}})
                .status,
            403);
  auto ext = as("xihu").post_json(
      p1 + "/assignments",
      {{"session_id", s1[1]}, {"person_id", external}, {"role", "external_supervisor"}});
  ASSERT_EQ(ext.status, 201) << ext.body;

  auto list = inst.get(p1 + "/assignments");
  ASSERT_EQ(list.status, 200);
  const auto items = list.json();
  ASSERT_EQ(items["total"], 3);
  const auto first = std::to_string(items["items"][0]["id"].get<std::int64_t>());
  EXPECT_EQ(as("xihu").request("DELETE", p1 + "/assignments/" + first, "", {}).status, 403);
  EXPECT_EQ(inst.request("DELETE", p1 + "/assignments/" + first, "", {}).status, 204);
  EXPECT_EQ(inst.request("DELETE", p1 + "/assignments/" + first, "", {}).status, 404);
  EXPECT_EQ(inst.get(p1 + "/assignments").json()["total"], 2);

  // Outside the plan's scope: 404 on every path.
  for (const char* who : {"ningbo", "yinzhou", "inst2"}) {
    auto c = as(who);
    EXPECT_EQ(c.get(p1 + "/assignments").status, 404) << who;
    EXPECT_EQ(c.get(p1 + "/staffing").status, 404) << who;
    EXPECT_EQ(c.get(p1 + "/papers").status, 404) << who;
    EXPECT_EQ(c.get(p1 + "/videos").status, 404) << who;
    EXPECT_EQ(c.get(p1 + "/documents").status, 404) << who;
    EXPECT_EQ(c.post_json(p1 + "/assignments",
                          {{"session_id", s1[1]}, {"person_id", good}, {"role", "examiner"}})
                  .status,
              404)
        << who;
    EXPECT_EQ(c.post_json(p1 + "/assignments", {{"session_id", s1[1]},
                                                {"person_id", external},
                                                {"role", "external_supervisor"}})
                  .status,
              404)
        << who;
    EXPECT_EQ(c.request("DELETE", p1 + "/assignments/" + first, "", {}).status, 404) << who;
    EXPECT_EQ(c.post_json(p1 + "/papers", {{"session_id", s1[0]},
                                           {"paper_id", "X"},
                                           {"generated_at", at_day(9, 9)},
                                           {"paperless", true}})
                  .status,
              404)
        << who;
    EXPECT_EQ(c.post_json(p1 + "/videos", {{"session_id", s1[0]},
                                           {"room", "101"},
                                           {"storage_id", "x"},
                                           {"starts_at", at_day(10, 9)},
                                           {"ends_at", at_day(10, 10)},
                                           {"sha256", std::string(64, 'a')}})
                  .status,
              404)
        << who;
    EXPECT_EQ(c.request("POST", p1 + "/documents?key=plan&file_name=a.pdf", "%PDF-1.4 x",
                        {{"Content-Type", "application/pdf"}})
                  .status,
              404)
        << who;
  }
  // A cancelled plan takes no more assignments.
  ASSERT_EQ(inst.post_json(p2 + "/cancel", {{"reason", "合并考试"}}).status, 200);
  EXPECT_EQ(inst.post_json(p2 + "/assignments",
                           {{"session_id", s2[1]}, {"person_id", good}, {"role", "examiner"}})
                .status,
            409);
  EXPECT_EQ(as("province").get("/api/v1/audit/verify").json()["valid"], true);
}

// S19(8) 人员安排: who examines a session is arranged before it and stays on record after it. Once
// a session is over, no one is added to it or taken off it; a session still to come is open.
TEST_P(Personnel, S19_8_AnArrangementIsKeptOnceItsSessionIsOver) {
  auto inst = as("inst");
  auto created = inst.post_json(
      "/api/v1/plans",
      {{"subject_code", "4-01-02-01"}, {"level", 4}, {"parts", {"theory", "practical"}}, {"exam_site_id", site(inst, "330106")},
       {"planned_count", 30}, {"question_source", "unified_bank"}, {"paperless", true}, {"fee", 300},
       {"sessions", {{{"part", "theory"}, {"starts_at", at_day(7, 9)}, {"ends_at", at_day(7, 11)}, {"room", "101"}},
                     // the practical session two days later
                     {{"part", "practical"}, {"starts_at", at_day(9, 13)}, {"ends_at", at_day(9, 17)}, {"room", "实操101"}}}}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto path = "/api/v1/plans/" + std::to_string(created.json()["id"].get<int>());
  ASSERT_EQ(inst.post(path + "/publish", "").status, 200);
  const auto s = sessions(inst, path);
  const auto first = registered(as("inst2"), "examiners", person(2, "外聘考评员", "4-01-02-01", 3));
  const auto second = registered(as("inst2"), "examiners", person(3, "替补考评员", "4-01-02-01", 3));
  auto made = inst.post_json(path + "/assignments", {{"session_id", s[0]}, {"person_id", first}, {"role", "examiner"}});
  ASSERT_EQ(made.status, 201) << made.body;
  const auto assignment = std::to_string(made.json()["id"].get<int>());

  restart_at(8);  // the theory session was yesterday; the practical one is tomorrow
  inst = as("inst");
  auto late = inst.post_json(path + "/assignments", {{"session_id", s[0]}, {"person_id", second}, {"role", "examiner"}});
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(late.json()["error"]["article"], "S19(8)");
  auto removed = inst.request("DELETE", path + "/assignments/" + assignment, "", {});
  EXPECT_EQ(removed.status, 409) << "who examined stays on record";
  EXPECT_EQ(inst.post_json(path + "/assignments", {{"session_id", s[1]}, {"person_id", second}, {"role", "examiner"}}).status,
            201)
      << "the session to come is still arranged";
}

TEST_P(Personnel, S19_8_TheStaffingAnswerListsUnmetRulesAndFlagsRotation) {
  auto inst = as("inst");
  auto inst2 = as("inst2");
  const auto home = site(inst, "330106");
  const auto examiner = registered(inst2, "examiners", person(2, "外聘考评员", "4-01-02-01", 3));
  // Seven plans of one institution in one calendar year (the next January, so the year is fixed).
  const Date today = local_date(SystemClock{}.now());
  const int base = today.days_until(Date{today.year + 1, 1, 5});
  std::vector<std::string> plans;
  for (int i = 0; i < 7; ++i) plans.push_back(plan(inst, home, base + i));
  nlohmann::json last;
  for (const auto& p : plans) {
    auto r = inst.post_json(
        p + "/assignments",
        {{"session_id", sessions(inst, p)[0]}, {"person_id", examiner}, {"role", "examiner"}});
    ASSERT_EQ(r.status, 201) << r.body;
    last = r.json();
  }
  ASSERT_EQ(last["flags"].size(), 1u) << last.dump();
  EXPECT_EQ(last["flags"][0]["rule"], "rotation");
  EXPECT_EQ(last["flags"][0]["plans_at_institution"], 7);
  EXPECT_EQ(last["flags"][0]["limit"], 6);

  auto staffing = as("hangzhou").get(plans.back() + "/staffing");
  ASSERT_EQ(staffing.status, 200) << staffing.body;
  const auto s = staffing.json();
  EXPECT_EQ(s["candidates"], 0);
  EXPECT_EQ(s["complete"], false);
  std::set<std::string> rules;
  for (const auto& u : s["unmet"]) {
    rules.insert(u["rule"].get<std::string>());
    EXPECT_EQ(u["article"], "S19(8)");
    // The numbers behind the words, for the console to say them in zh or en.
    if (u["rule"] == "examiner_required") {
      EXPECT_EQ(u["required"], 1) << u.dump();
      EXPECT_EQ(u["actual"], 0) << u.dump();
    } else if (u["rule"] == "panel_size") {
      EXPECT_EQ(u["required"], 3) << u.dump();
      EXPECT_EQ(u["actual"], 0) << u.dump();
      EXPECT_EQ(u["panel"], "") << u.dump();
    } else if (u["rule"] == "internal_supervisor") {
      EXPECT_EQ(u["required"], 1) << u.dump();
      EXPECT_EQ(u["actual"], 0) << u.dump();
      EXPECT_TRUE(u["session_id"].is_null());
    }
    EXPECT_TRUE(u["candidates"].is_null()) << "only the ratio rule names the candidates";
  }
  EXPECT_EQ(rules,
            (std::set<std::string>{"examiner_required", "panel_size", "internal_supervisor"}));
  ASSERT_EQ(s["sessions"].size(), 2u);
  EXPECT_EQ(s["sessions"][0]["examiners"].size(), 1u);
  ASSERT_EQ(s["flags"].size(), 1u);
  EXPECT_EQ(s["flags"][0]["person_id"], examiner);
  // The first plan's staffing flags the examiner too: the count is over the year.
  EXPECT_EQ(inst.get(plans.front() + "/staffing").json()["flags"].size(), 1u);
}

TEST_P(Personnel, S19_6_PapersAreOnePerSessionAndAPaperReusedByAnotherPlanIsFlagged) {
  auto inst = as("inst");
  const auto home = site(inst, "330106");
  const auto p1 = plan(inst, home, 10), p2 = plan(inst, home, 11);
  const auto s1 = sessions(inst, p1), s2 = sessions(inst, p2);
  auto first = inst.post_json(p1 + "/papers", {{"session_id", s1[0]},
                                               {"paper_id", "ZJ-BANK-2026-0001"},
                                               {"generated_at", at_day(9, 20)},
                                               {"paperless", true}});
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json()["reused_in_plans"].size(), 0u);
  EXPECT_EQ(inst.post_json(p1 + "/papers", {{"session_id", s1[0]},
                                            {"paper_id", "ZJ-BANK-2026-0002"},
                                            {"generated_at", at_day(9, 20)},
                                            {"paperless", true}})
                .status,
            409);
  auto reused = inst.post_json(p2 + "/papers", {{"session_id", s2[0]},
                                                {"paper_id", "ZJ-BANK-2026-0001"},
                                                {"generated_at", at_day(10, 20)},
                                                {"paperless", false}});
  ASSERT_EQ(reused.status, 201) << reused.body;
  EXPECT_EQ(reused.json()["reused_in_plans"].size(), 1u);
  EXPECT_EQ(inst.post_json(p1 + "/papers", {{"session_id", s1[1]},
                                            {"paper_id", "ZJ-BANK-2026-0003"},
                                            {"generated_at", at_day(11, 9)},
                                            {"paperless", true}})
                .status,
            422)
      << "generated after the session ended";
  EXPECT_EQ(inst.post_json(p1 + "/papers", {{"session_id", s1[1]},
                                            {"paper_id", "X"},
                                            {"generated_at", "yesterday"},
                                            {"paperless", true}})
                .status,
            422);
  EXPECT_EQ(
      inst.post_json(p1 + "/papers",
                     {{"session_id", s1[1]}, {"paper_id", "X"}, {"generated_at", at_day(9, 9)}})
          .status,
      400);
  EXPECT_EQ(as("xihu")
                .post_json(p1 + "/papers", {{"session_id", s1[1]},
                                            {"paper_id", "X"},
                                            {"generated_at", at_day(9, 9)},
                                            {"paperless", true}})
                .status,
            403);

  const auto listed = as("hangzhou").get(p1 + "/papers").json();
  ASSERT_EQ(listed["total"], 1);
  const auto p2_id = std::stoll(p2.substr(p2.rfind('/') + 1));
  EXPECT_EQ(listed["items"][0]["reused_in_plans"], nlohmann::json::array({p2_id}));
  EXPECT_EQ(listed["items"][0]["flags"][0]["rule"], "paper_reused");
  EXPECT_EQ(listed["items"][0]["flags"][0]["article"], "S19(6)");
  const auto second = inst.get(p2 + "/papers").json();
  std::set<std::string> flags;
  for (const auto& f : second["items"][0]["flags"]) flags.insert(f["rule"].get<std::string>());
  EXPECT_EQ(flags, (std::set<std::string>{"paper_reused", "not_paperless"}));
}

TEST_P(Personnel, M18_VideoCoverageIsMeasuredAgainstTheSessionPerRoom) {
  auto inst = as("inst");
  const auto home = site(inst, "330106");
  const auto p = plan(inst, home, 10);
  const auto s = sessions(inst, p);
  const std::string hash(64, 'a');
  auto video = [&](const std::string& room, const std::string& storage, int from_h, int from_m,
                   int to_h, int to_m) {
    char a[40], b[40];
    const auto day = at_day(10, 0).substr(0, 10);
    std::snprintf(a, sizeof a, "%sT%02d:%02d:00+08:00", day.c_str(), from_h, from_m);
    std::snprintf(b, sizeof b, "%sT%02d:%02d:00+08:00", day.c_str(), to_h, to_m);
    return nlohmann::json{{"session_id", s[0]}, {"room", room}, {"storage_id", storage},
                          {"starts_at", a},     {"ends_at", b}, {"sha256", hash}};
  };
  ASSERT_EQ(inst.post_json(p + "/videos", video("101", "oss://v/1", 9, 0, 10, 0)).status, 201);
  ASSERT_EQ(inst.post_json(p + "/videos", video("101", "oss://v/2", 9, 30, 10, 30)).status, 201);
  ASSERT_EQ(inst.post_json(p + "/videos", video("101-走廊", "oss://v/3", 8, 0, 12, 0)).status, 201);
  EXPECT_EQ(inst.post_json(p + "/videos", video("101", "oss://v/2", 10, 30, 11, 0)).status, 409);
  auto bad = video("101", "oss://v/9", 9, 0, 10, 0);
  bad["sha256"] = "abc";
  EXPECT_EQ(inst.post_json(p + "/videos", bad).status, 422);
  EXPECT_EQ(inst.post_json(p + "/videos", video("101", "oss://v/8", 10, 0, 9, 0)).status, 422);
  EXPECT_EQ(inst.post_json(p + "/videos", video("101", "oss://v/7", 18, 0, 19, 0)).status, 422)
      << "outside the session";

  auto r = as("xihu").get(p + "/videos");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto body = r.json();
  ASSERT_EQ(body["items"].size(), 2u);
  const auto& theory = body["items"][0];
  EXPECT_EQ(theory["recordings"].size(), 3u);
  ASSERT_EQ(theory["rooms"].size(), 2u);
  EXPECT_EQ(theory["rooms"][0]["room"], "101");
  EXPECT_DOUBLE_EQ(theory["rooms"][0]["coverage"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(theory["rooms"][1]["coverage"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(theory["coverage"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(body["items"][1]["coverage"].get<double>(), 0.0)
      << "the practical session has no recording";
}

TEST_P(Personnel, S19_11_TheArchiveTracksEveryRequiredDocument) {
  auto inst = as("inst");
  const auto home = site(inst, "330106");
  const auto p = plan(inst, home, 10);
  auto empty = inst.get(p + "/documents").json();
  EXPECT_EQ(empty["required"], 8);
  EXPECT_EQ(empty["present"], 0);
  EXPECT_DOUBLE_EQ(empty["completeness"].get<double>(), 0.0);

  const std::string pdf = "%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n";
  auto upload = [&](HttpClient& c, const std::string& query, const std::string& bytes,
                    const std::string& type) {
    return c.request("POST", p + "/documents?" + query, bytes, {{"Content-Type", type}});
  };
  auto put = upload(inst, "key=plan&file_name=plan.pdf", pdf, "application/pdf");
  ASSERT_EQ(put.status, 201) << put.body;
  EXPECT_EQ(put.json()["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(upload(inst, "key=photos&file_name=a.pdf", pdf, "application/pdf").status, 422);
  EXPECT_EQ(upload(inst, "key=score_sheets&file_name=a.txt", "plain text", "text/plain").status,
            422);
  EXPECT_EQ(upload(inst, "file_name=a.pdf", pdf, "application/pdf").status, 400);
  EXPECT_EQ(upload(inst, "key=score_sheets&file_name=..%2Fa.pdf", pdf, "application/pdf").status,
            422);
  auto xihu = as("xihu");
  EXPECT_EQ(upload(xihu, "key=score_sheets&file_name=a.pdf", pdf, "application/pdf").status, 403);
  ASSERT_EQ(upload(inst, "key=score_sheets&file_name=scores.pdf", pdf, "application/pdf").status,
            201);
  ASSERT_EQ(upload(inst, "key=plan&file_name=plan-v2.pdf", pdf + "v2", "application/pdf").status,
            201)
      << "replaces";

  auto r = xihu.get(p + "/documents");
  ASSERT_EQ(r.status, 200);
  const auto body = r.json();
  EXPECT_EQ(body["present"], 2);
  EXPECT_DOUBLE_EQ(body["completeness"].get<double>(), 0.25);
  bool plan_seen = false;
  for (const auto& item : body["items"])
    if (item["key"] == "plan") {
      plan_seen = true;
      EXPECT_EQ(item["present"], true);
      EXPECT_EQ(item["document"]["file_name"], "plan-v2.pdf");
    }
  EXPECT_TRUE(plan_seen);
  EXPECT_EQ(as("province").get("/api/v1/audit/verify").json()["valid"], true);
}

SKILLREG_ON_BOTH_BACKENDS(Personnel);

}  // namespace skillreg::test
