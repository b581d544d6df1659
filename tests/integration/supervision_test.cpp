// Supervision (issue 6) end to end on the demo province, in 宁波市 (whose roster the demo leaves
// empty, so the test controls it): a supervision plan, a committed draw whose seed is revealed
// only with the results, `draw verify` confirming it and failing once the stored snapshot is
// altered, covert inspections by the drawn inspectors only, a public complaint tracked to a
// special inspection and a reply, results on the portal, and the archive showing all of it.
#include <fstream>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "support/fixture.hpp"
#include "support/sql.hpp"

namespace skillreg::test {

namespace {

std::string today_plus(int days) { return local_date(SystemClock{}.now()).add_days(days).to_string(); }

bool contains_id(const nlohmann::json& ids, std::int64_t id) {
  for (const auto& x : ids)
    if (x.get<std::int64_t>() == id) return true;
  return false;
}

}  // namespace

class Supervision : public DemoProvinceTest {
 protected:
  HttpClient new_inspector(const std::string& username) {
    auto r = as("province").post_json("/api/v1/users", {{"username", username}, {"display_name", username},
                                                        {"password", "inspector-x-2026"}, {"role", "inspector"},
                                                        {"region_code", "330200"}});
    EXPECT_EQ(r.status, 201) << r.body;
    user_ids_[username] = r.json()["id"].get<std::int64_t>();
    HttpClient c(server_->port());
    c.set_token(login(c, username, "inspector-x-2026"));
    return c;
  }
  std::int64_t institution_of(const std::string& username) {
    const auto me = as(username).get("/api/v1/auth/me").json();
    return me["user"]["institution_id"].get<std::int64_t>();
  }
  // Works an inspection in progress to its end: every item compliant except `deficient`, which is
  // recorded with what was found unless `note` is empty.
  HttpResponse finish(HttpClient& who, const std::string& ins, const std::string& deficient, const std::string& outcome,
                      const std::string& note = "考务台账缺少两场考试的签到记录") {
    nlohmann::json items = nlohmann::json::array();
    const auto current = who.get(ins).json();
    for (const auto& item : current["checklist"])
      items.push_back({{"code", item["code"]},
                       {"finding", item["code"] == deficient ? "deficient" : "compliant"},
                       {"note", item["code"] == deficient ? note : ""}});
    EXPECT_EQ(who.put_json(ins + "/findings", {{"items", items}}).status, 200);
    nlohmann::json body = {{"outcome", outcome}, {"report", "检查报告：" + outcome}};
    if (outcome == "issues_found")
      body["rectifications"] = {{{"requirement", "30日内完善考务台账"}, {"due_on", today_plus(30)}}};
    return who.post_json(ins + "/complete", body);
  }
  std::map<std::string, std::int64_t> user_ids_;
};

TEST_P(Supervision, M27_S10_S15_S17_AYearOfSupervisionFromPlanToPublishedResults) {
  auto ningbo = as("ningbo");
  const auto inst2 = institution_of("inst2");  // 宁波鄞州 employer, supervised by 鄞州区
  const std::string inst2_code = ningbo.get("/api/v1/institutions/" + std::to_string(inst2)).json()["code"];

  // The roster 执法检查人员名录库: three inspectors with accounts, one employed by inst2 (a tie).
  auto a = new_inspector("nbinsp_a");
  auto b = new_inspector("nbinsp_b");
  auto c = new_inspector("nbinsp_c");
  std::map<std::int64_t, HttpClient*> by_roster_id;
  for (auto [name, client] : {std::pair{"nbinsp_a", &a}, {"nbinsp_b", &b}, {"nbinsp_c", &c}}) {
    auto r = ningbo.post_json("/api/v1/supervision/inspectors", {{"name", name}, {"user_id", user_ids_[name]}});
    ASSERT_EQ(r.status, 201) << r.body;
    by_roster_id[r.json()["id"].get<std::int64_t>()] = client;
  }
  auto tied = ningbo.post_json("/api/v1/supervision/inspectors", {{"name", "鄞州员工"}, {"employer_institution_id", inst2}});
  ASSERT_EQ(tied.status, 201) << tied.body;
  const auto tied_id = tied.json()["id"].get<std::int64_t>();

  // S12: the year's plan — every institution drawn, covert visits.
  auto plan = ningbo.post_json("/api/v1/supervision/plans",
                               {{"year", local_date(SystemClock{}.now()).year}, {"title", "宁波市评价机构双随机抽查"},
                                {"content", "考务组织与试题保密"}, {"sampling_share", 100}, {"inspectors_per_target", 2},
                                {"inspection_mode", "onsite_covert"}});
  ASSERT_EQ(plan.status, 201) << plan.body;

  // M27: commit. The public sees the commitment and the snapshot, not the seed nor the result.
  auto committed = ningbo.post_json("/api/v1/supervision/draws", {{"plan_id", plan.json()["id"]}});
  ASSERT_EQ(committed.status, 201) << committed.body;
  const auto draw_id = committed.json()["id"].get<std::int64_t>();
  const std::string draw = "/api/v1/supervision/draws/" + std::to_string(draw_id);
  const std::string public_draw = "/api/v1/public/draws/" + std::to_string(draw_id);
  auto before = anonymous().get(public_draw).json();
  const std::string commitment = before["commitment"];
  EXPECT_EQ(commitment.size(), 64u);
  EXPECT_TRUE(before["seed"].is_null());
  EXPECT_TRUE(before["result"].is_null());
  EXPECT_EQ(before["snapshot"]["pool"].size(), 2u) << "鄞州 employer and 海曙 centre";
  EXPECT_EQ(crypto::sha256_hex(before["snapshot"].dump()), before["snapshot_sha256"].get<std::string>());

  // The draw: a covert inspection per target, by the drawn inspectors, the tied one never at inst2.
  auto drawn = ningbo.post(draw + "/execute", "");
  ASSERT_EQ(drawn.status, 200) << drawn.body;
  EXPECT_TRUE(drawn.json()["seed"].is_null()) << "the seed stays secret until publication";
  EXPECT_EQ(ningbo.post(draw + "/execute", "").status, 409);
  const auto targets = drawn.json()["result"]["targets"];
  ASSERT_EQ(targets.size(), 2u);
  nlohmann::json inst2_target;
  for (const auto& t : targets) {
    EXPECT_EQ(t["inspector_ids"].size(), 2u);
    if (t["institution_id"] == inst2) inst2_target = t;
  }
  ASSERT_FALSE(inst2_target.is_null());
  EXPECT_FALSE(contains_id(inst2_target["inspector_ids"], tied_id)) << "M27 avoidance: the inst2 employee";
  auto verify = ningbo.get(draw + "/verify");
  ASSERT_EQ(verify.status, 200);
  EXPECT_EQ(verify.json()["verified"], true) << verify.body;

  auto inspections = ningbo.get("/api/v1/inspections?draw_id=" + std::to_string(draw_id)).json();
  ASSERT_EQ(inspections["total"], 2);
  std::string at_inst2, at_other;
  for (const auto& i : inspections["items"]) {
    EXPECT_EQ(i["mode"], "onsite_covert");
    (i["institution_id"] == inst2 ? at_inst2 : at_other) = "/api/v1/inspections/" + std::to_string(i["id"].get<int>());
  }
  // S10(2) 暗访: hidden from the institution while under way.
  auto inst2_client = as("inst2");
  EXPECT_EQ(inst2_client.get("/api/v1/inspections").json()["total"], 0);
  EXPECT_EQ(inst2_client.get(at_inst2).status, 404);

  // S10: only the drawn inspectors work it; another inspector gets 404.
  HttpClient* drawn_inspector = nullptr;
  HttpClient* other_inspector = nullptr;
  for (auto& [roster_id, client] : by_roster_id) {
    if (contains_id(inst2_target["inspector_ids"], roster_id)) drawn_inspector = client;
    else other_inspector = client;
  }
  ASSERT_NE(drawn_inspector, nullptr);
  ASSERT_NE(other_inspector, nullptr);
  EXPECT_EQ(other_inspector->get(at_inst2).status, 404);
  EXPECT_EQ(other_inspector->post(at_inst2 + "/start", "").status, 404);
  ASSERT_EQ(drawn_inspector->post(at_inst2 + "/start", "").status, 200);
  const std::string png("\x89PNG\r\n\x1a\n-evidence-", 19);
  auto evidence = drawn_inspector->post(at_inst2 + "/evidence?file_name=site.png", png, {{"Content-Type", "image/png"}});
  ASSERT_EQ(evidence.status, 201) << evidence.body;
  EXPECT_EQ(evidence.json()["sha256"], crypto::sha256_hex(png));
  auto fetched = ningbo.get(at_inst2 + "/evidence/" + std::to_string(evidence.json()["id"].get<int>()));
  EXPECT_EQ(fetched.body, png);
  EXPECT_EQ(ningbo.post(draw + "/publish", "").status, 409) << "not every inspection is completed";
  // S10(4), S11: a deficiency is recorded with what was found.
  auto unexplained = finish(*drawn_inspector, at_inst2, "S9(3)-2", "issues_found", "");
  EXPECT_EQ(unexplained.status, 422) << unexplained.body;
  EXPECT_NE(unexplained.body.find("note_required_when_deficient"), std::string::npos) << unexplained.body;
  auto done = finish(*drawn_inspector, at_inst2, "S9(3)-2", "issues_found");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["rectifications"].size(), 1u);

  // Completed, the covert visit and its report reach the institution.
  auto seen = inst2_client.get(at_inst2);
  ASSERT_EQ(seen.status, 200);
  EXPECT_EQ(seen.json()["outcome"], "issues_found");
  EXPECT_EQ(inst2_client.post(at_inst2 + "/start", "").status, 403);

  ASSERT_EQ(ningbo.post(at_other + "/start", "").status, 200);
  ASSERT_EQ(finish(ningbo, at_other, "", "pass").status, 200);

  // M27 一公开: due 20 working days after the last completion; the daily job publishes on the day.
  auto completed = ningbo.get(draw).json();
  ASSERT_TRUE(completed["publish_due"].is_string()) << completed.dump();
  const std::string due = completed["publish_due"];
  EXPECT_GT(due, std::string(completed["completed_on"]));
  const auto day_before = Date::parse(due)->add_days(-1).to_string();
  ASSERT_EQ(run_skillreg({"daily", "--as-of", day_before, "--force"}, db_->url()).exit_code, 0);
  EXPECT_TRUE(anonymous().get(public_draw).json()["seed"].is_null()) << "not yet due";
  auto daily = run_skillreg({"daily", "--as-of", due, "--force"}, db_->url());
  ASSERT_EQ(daily.exit_code, 0) << daily.output;
  auto published = anonymous().get(public_draw).json();
  ASSERT_EQ(published["status"], "published") << published.dump();
  const std::string seed = published["seed"];
  EXPECT_EQ(crypto::sha256_hex(seed), commitment) << "the revealed seed is the committed one";
  EXPECT_EQ(published["result"], drawn.json()["result"]);
  auto results = anonymous().get("/api/v1/public/inspection-results?institution_code=" + inst2_code).json();
  ASSERT_EQ(results["total"], 1);
  EXPECT_EQ(results["items"][0]["outcome"], "issues_found");

  // Anyone can re-run it: from the database, and from the public JSON alone.
  auto cli = run_skillreg({"draw", "verify", std::to_string(draw_id)}, db_->url());
  EXPECT_EQ(cli.exit_code, 0) << cli.output;
  EXPECT_NE(cli.output.find("draw verified"), std::string::npos);
  const auto file = std::filesystem::temp_directory_path() / ("draw-" + std::to_string(::getpid()) + ".json");
  std::ofstream(file) << anonymous().get(public_draw).body;
  auto from_file = run_skillreg({"draw", "verify", "--file", file.string()}, db_->url());
  EXPECT_EQ(from_file.exit_code, 0) << from_file.output;
  std::filesystem::remove(file);

  // Altering the stored snapshot (an inspector quietly removed from a tie) is caught.
  exec_sql(*db_, "UPDATE draws SET snapshot_json = REPLACE(snapshot_json, '\"tied\":[\"" + inst2_code +
                     "\"]', '\"tied\":[]') WHERE id = " + std::to_string(draw_id));
  auto tampered = ningbo.get(draw + "/verify").json();
  EXPECT_EQ(tampered["verified"], false);
  EXPECT_EQ(tampered["snapshot_matches"], false);
  EXPECT_NE(run_skillreg({"draw", "verify", std::to_string(draw_id)}, db_->url()).exit_code, 0);

  // M28, S17: an anonymous complaint, tracked, routed to 鄞州区 (and 宁波市 above it), not 杭州市.
  const std::string hostile = "考务混乱，监考缺席。<script>alert('x')</script>";
  auto filed = anonymous().post_json("/api/v1/public/complaints",
                                     {{"institution_code", inst2_code}, {"category", "exam_conduct"}, {"content", hostile}});
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string tracking = "/api/v1/public/complaints/" + filed.json()["tracking_no"].get<std::string>();
  EXPECT_EQ(anonymous().get(tracking).json()["status"], "received");
  auto routed = as("yinzhou").get("/api/v1/complaints").json();
  ASSERT_EQ(routed["total"], 1);
  const std::string complaint = "/api/v1/complaints/" + std::to_string(routed["items"][0]["id"].get<int>());
  EXPECT_EQ(routed["items"][0]["content"], hostile) << "kept as the text it is, shown as text";
  EXPECT_TRUE(routed["items"][0]["anonymous"].get<bool>());
  EXPECT_EQ(as("hangzhou").get(complaint).status, 404);
  EXPECT_EQ(ningbo.post(complaint + "/reply", R"({"substantiated":true,"reply":"x"})").status, 409)
      << "accepted first";
  ASSERT_EQ(ningbo.post(complaint + "/accept", "").status, 200);
  auto opened = ningbo.post_json(complaint + "/inspection", {{"mode", "onsite_overt"}, {"scheduled_on", today_plus(3)},
                                                             {"inspector_ids", {by_roster_id.begin()->first}}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  EXPECT_EQ(opened.json()["inspection"]["kind"], "special");
  EXPECT_EQ(anonymous().get(tracking).json()["status"], "investigating");
  const std::string special = "/api/v1/inspections/" + std::to_string(opened.json()["inspection"]["id"].get<int>());
  ASSERT_EQ(ningbo.post(special + "/start", "").status, 200);
  // S15: 属实 rests on what the special inspection found, so not before it is completed.
  auto early = ningbo.post_json(complaint + "/reply", {{"substantiated", true}, {"reply", "经查属实。"}});
  EXPECT_EQ(early.status, 422) << early.body;
  EXPECT_EQ(early.json()["error"]["details"][0],
            (nlohmann::json{{"field", "substantiated"}, {"problem", "requires_a_completed_special_inspection"}}));
  ASSERT_EQ(finish(ningbo, special, "S9(3)-4", "issues_found").status, 200);
  auto replied = ningbo.post_json(complaint + "/reply", {{"substantiated", true}, {"reply", "经查属实，已责令整改。"}});
  ASSERT_EQ(replied.status, 200) << replied.body;
  auto tracked = anonymous().get(tracking).json();
  EXPECT_EQ(tracked["status"], "replied");
  EXPECT_EQ(tracked["reply"], "经查属实，已责令整改。");

  // S8, S11: the archive holds all of it, and the standing follows from it.
  auto archive = ningbo.get("/api/v1/institutions/" + std::to_string(inst2) + "/archive");
  ASSERT_EQ(archive.status, 200) << archive.body;
  const auto archived = archive.json();
  std::map<std::string, int> types;
  for (const auto& e : archived["timeline"]) ++types[e["type"].get<std::string>()];
  EXPECT_EQ(types["inspection"], 2);
  EXPECT_EQ(types["rectification"], 2);
  EXPECT_EQ(types["complaint"], 1);
  // Each entry is also data (kind + codes, dates and numbers), for the console to word in zh or en.
  for (const auto& e : archived["timeline"]) {
    EXPECT_EQ(e["event"]["kind"], e["type"]) << e.dump();
    if (e["type"] == "complaint") {
      EXPECT_EQ(e["event"]["category"], "exam_conduct");
      EXPECT_EQ(e["event"]["status"], "replied");
      EXPECT_EQ(e["event"]["substantiated"], true);
    }
    if (e["type"] == "inspection") {
      EXPECT_EQ(e["event"]["status"], "completed") << e.dump();
      EXPECT_TRUE(e["event"]["outcome"] == "issues_found" || e["event"]["outcome"] == "pass") << e.dump();
      EXPECT_TRUE(e["event"]["mode"].is_string() && e["event"]["inspection_kind"].is_string()) << e.dump();
    }
    if (e["type"] == "rectification") {
      EXPECT_TRUE(e["event"]["due_on"].is_string()) << e.dump();
      EXPECT_TRUE(e["event"].contains("verified_on")) << e.dump();
    }
  }
  EXPECT_EQ(archived["standing"]["level"], "watch") << archived["standing"].dump();
  EXPECT_EQ(as("inst").get("/api/v1/institutions/" + std::to_string(inst2) + "/archive").status, 404);

  auto audit = run_skillreg({"audit", "verify"}, db_->url());
  EXPECT_EQ(audit.exit_code, 0) << audit.output;
}

// S11 整改, S20(6): the institution reports what it did about an order; the officer accepts it or,
// on the report, finds it not done with a note, and the institution reports again. The demo's
// annual draw left 西湖区's institution with a rectification order from 杭州市.
TEST_P(Supervision, S11_S20_6_TheInstitutionReportsItsRectificationAndTheOfficerAcceptsOrRejectsIt) {
  auto inst = as("inst");
  auto hangzhou = as("hangzhou");
  std::string path;
  std::int64_t rid = 0;
  const auto completed = inst.get("/api/v1/inspections?status=completed&page_size=50").json();
  for (const auto& i : completed["items"]) {
    const std::string p = "/api/v1/inspections/" + std::to_string(i["id"].get<int>());
    const auto detail = inst.get(p).json();
    for (const auto& r : detail["rectifications"])
      if (r["status"] == "open" && path.empty()) {
        path = p;
        rid = r["id"].get<std::int64_t>();
      }
  }
  ASSERT_FALSE(path.empty()) << "the demo has an open rectification of inst's institution";
  const std::string rect = path + "/rectifications/" + std::to_string(rid);
  auto rect_of = [&](const nlohmann::json& inspection) {
    for (const auto& r : inspection["rectifications"])
      if (r["id"].get<std::int64_t>() == rid) return r;
    return nlohmann::json();
  };

  auto nothing_to_reject = hangzhou.post_json(rect + "/verify", {{"accepted", false}, {"note", "材料不全"}});
  EXPECT_EQ(nothing_to_reject.status, 409) << "found not done only on a report";
  auto no_note = hangzhou.post_json(rect + "/verify", {{"accepted", false}});
  EXPECT_EQ(no_note.status, 422);
  EXPECT_EQ(no_note.json()["error"]["details"][0],
            (nlohmann::json{{"field", "note"}, {"problem", "required_when_not_accepted"}}));
  EXPECT_EQ(inst.post_json(rect + "/report", {{"report", ""}}).status, 422);
  EXPECT_EQ(hangzhou.post_json(rect + "/report", {{"report", "代为报告"}}).status, 403) << "the institution reports";
  EXPECT_EQ(as("inst2").post_json(rect + "/report", {{"report", "x"}}).status, 404) << "another institution's";
  EXPECT_EQ(inst.post_json(rect + "/verify", {{"accepted", true}}).status, 403) << "the officer verifies";

  auto reported = inst.post_json(rect + "/report", {{"report", "已复核全部考生申报条件，补齐12份工作年限证明。"}});
  ASSERT_EQ(reported.status, 200) << reported.body;
  auto r = rect_of(reported.json());
  EXPECT_EQ(r["status"], "reported");
  EXPECT_EQ(r["report"], "已复核全部考生申报条件，补齐12份工作年限证明。");
  EXPECT_TRUE(r["reported_on"].is_string());
  const auto hz_inbox = hangzhou.get("/api/v1/notifications?kind=rectification_reported").json();
  EXPECT_GE(hz_inbox["total"].get<int>(), 1) << "the authority is told";

  auto rejected = hangzhou.post_json(rect + "/verify", {{"accepted", false}, {"note", "仍缺2份证明材料"}});
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  r = rect_of(rejected.json());
  EXPECT_EQ(r["status"], "open");
  EXPECT_EQ(r["rejection_note"], "仍缺2份证明材料");
  EXPECT_TRUE(r["rejected_on"].is_string());
  EXPECT_TRUE(r["verified_on"].is_null());
  const auto inbox = inst.get("/api/v1/notifications?kind=rectification_rejected").json();
  ASSERT_EQ(inbox["total"], 1) << "the institution is told";
  EXPECT_EQ(inbox["items"][0]["due_on"], r["due_on"]) << "the deadline still runs (S20(6))";

  ASSERT_EQ(inst.post_json(rect + "/report", {{"report", "已补齐全部证明材料。"}}).status, 200);
  auto accepted = hangzhou.post_json(rect + "/verify", {{"accepted", true}, {"note", "材料齐全"}});
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(rect_of(accepted.json())["status"], "verified");
  EXPECT_EQ(inst.post_json(rect + "/report", {{"report", "再次报告"}}).status, 409) << "verified is final";
  EXPECT_EQ(query_text(*db_, "SELECT COUNT(*) FROM audit_log WHERE action IN ('rectification.report', 'rectification.reject')"),
            "3");
}

TEST_P(Supervision, S17_ComplaintsAreLimitedPerSenderAndCheckedForShape) {
  const std::string code = as("ningbo").get("/api/v1/institutions/" + std::to_string(institution_of("inst2"))).json()["code"];
  auto bad = anonymous().post_json("/api/v1/public/complaints",
                                   {{"institution_code", code}, {"category", "gossip"}, {"content", "太短"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["error"]["details"].size(), 2u) << bad.body;
  EXPECT_EQ(anonymous().post_json("/api/v1/public/complaints", {{"institution_code", "S000033999999"}, {"category", "fees"},
                                                              {"content", "收费高于公示的标准，且不开发票。"}}).status,
            422);
  for (int i = 0; i < 5; ++i)
    ASSERT_EQ(anonymous().post_json("/api/v1/public/complaints", {{"institution_code", code}, {"category", "fees"},
                                                                 {"content", "收费高于公示的标准，且不开发票。"}}).status,
              201);
  auto flood = anonymous().post_json("/api/v1/public/complaints", {{"institution_code", code}, {"category", "fees"},
                                                                   {"content", "收费高于公示的标准，且不开发票。"}});
  EXPECT_EQ(flood.status, 429);
  EXPECT_EQ(anonymous().get("/api/v1/public/complaints/TS20260101FFFFFFFFFFFFFFFF").status, 404);
}

// S15 发生投诉举报…启动专项督查: a reply finds a complaint substantiated only on the completed special
// inspection it opened; a reply that does not (an answer, a misunderstanding cleared up) needs none.
TEST_P(Supervision, S15_AComplaintIsFoundSubstantiatedOnlyOnTheSpecialInspectionItOpened) {
  auto yinzhou = as("yinzhou");
  const std::string code = yinzhou.get("/api/v1/institutions/" + std::to_string(institution_of("inst2"))).json()["code"];
  auto file = [&](const char* content) {
    auto r = anonymous().post_json("/api/v1/public/complaints", {{"institution_code", code}, {"category", "fees"}, {"content", content}});
    EXPECT_EQ(r.status, 201) << r.body;
    const auto list = yinzhou.get("/api/v1/complaints?status=received").json();
    const std::string path = "/api/v1/complaints/" + std::to_string(list["items"][0]["id"].get<int>());
    EXPECT_EQ(yinzhou.post(path + "/accept", "").status, 200);
    return path;
  };
  const auto first = file("收费高于公示的标准，且不开发票。");
  auto unfounded = yinzhou.post_json(first + "/reply", {{"substantiated", true}, {"reply", "经查属实。"}});
  EXPECT_EQ(unfounded.status, 422) << unfounded.body;
  EXPECT_EQ(unfounded.json()["error"]["details"][0],
            (nlohmann::json{{"field", "substantiated"}, {"problem", "requires_a_completed_special_inspection"}}));
  EXPECT_EQ(yinzhou.get(first).json()["status"], "accepted") << "nothing replied";
  auto answered = yinzhou.post_json(first + "/reply", {{"substantiated", false}, {"reply", "收费标准已于本月调整并公示，经核对无多收。"}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.json()["status"], "replied");
  EXPECT_EQ(answered.json()["substantiated"], false);
}

TEST_P(Supervision, S15_S16_AnnualAssessmentTakesTheInstitutionsSelfEvaluation) {
  auto yinzhou = as("yinzhou");
  auto opened = yinzhou.post_json("/api/v1/supervision/annual-assessments", {{"year", local_date(SystemClock{}.now()).year}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  ASSERT_EQ(opened.json()["inspection_ids"].size(), 1u) << "鄞州区 supervises one active institution";
  auto again = yinzhou.post_json("/api/v1/supervision/annual-assessments", {{"year", local_date(SystemClock{}.now()).year}});
  EXPECT_EQ(again.json()["inspection_ids"].size(), 0u) << "one per institution and year";
  const std::string ins = "/api/v1/inspections/" + std::to_string(opened.json()["inspection_ids"][0].get<int>());
  ASSERT_EQ(yinzhou.post(ins + "/start", "").status, 200);
  nlohmann::json items = nlohmann::json::array();
  const auto current = yinzhou.get(ins).json();
  for (const auto& item : current["checklist"]) items.push_back({{"code", item["code"]}, {"finding", "compliant"}});
  ASSERT_EQ(yinzhou.put_json(ins + "/findings", {{"items", items}}).status, 200);
  auto early = yinzhou.post_json(ins + "/complete", {{"outcome", "pass"}, {"report", "合格"}});
  EXPECT_EQ(early.status, 409) << "S16 自评抽审: the self-evaluation comes first";
  EXPECT_EQ(as("inst").post_json(ins + "/self-evaluation", {{"text", "自评"}}).status, 404);
  ASSERT_EQ(as("inst2").post_json(ins + "/self-evaluation", {{"text", "本年度评价活动规范，自评合格。"}}).status, 200);
  auto done = yinzhou.post_json(ins + "/complete", {{"outcome", "pass"}, {"report", "抽审自评材料，合格。"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["self_evaluation"]["text"], "本年度评价活动规范，自评合格。");
  // S16 交互评估 names the peer institution that evaluates.
  auto cross = yinzhou.post_json("/api/v1/inspections", {{"institution_id", institution_of("inst2")}, {"kind", "annual_assessment"},
                                                         {"mode", "cross_evaluation"}, {"scheduled_on", today_plus(5)}});
  EXPECT_EQ(cross.status, 422);
}

SKILLREG_ON_BOTH_BACKENDS(Supervision);

}  // namespace skillreg::test
