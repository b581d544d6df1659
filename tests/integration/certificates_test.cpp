// Candidates, scores and certificates end to end on the demo province: the qualification review
// re-checked against the application conditions (S19(2)), overlapping admissions, identity numbers
// masked unless a reason is recorded, scores and the results publicity (S19(9)), certificates
// numbered in the national format and reported (S19(10)), voided with a reason (S18), and the
// public check with its signed QR code. Time moves forward by restarting the server with
// SKILLREG_CLOCK_OFFSET_DAYS on the same database.
#include <chrono>
#include <set>
#include <thread>

#include "core/clock.hpp"
#include "core/validators.hpp"
#include "support/fixture.hpp"

namespace skillreg::test {

namespace {

std::string at(int days, int hour) {
  const Date d = local_date(SystemClock{}.now()).add_days(days);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:00:00+08:00", d.to_string().c_str(), hour);
  return buf;
}

// A valid identity number born on `birth` (YYYYMMDD) with sequence `seq` (odd: male).
std::string identity(const std::string& birth, int seq) {
  char first17[18];
  std::snprintf(first17, sizeof first17, "330106%s%03d", birth.c_str(), seq);
  return std::string(first17) + identity_check_char(first17);
}

}  // namespace

class Certificates : public DemoProvinceTest {
 protected:
  std::int64_t published_plan(HttpClient& inst, std::int64_t site, const std::string& room_suffix) {
    nlohmann::json body = {
        {"subject_code", "4-01-02-01"}, {"level", 4}, {"parts", {"theory", "practical"}}, {"exam_site_id", site},
        {"planned_count", 30}, {"question_source", "unified_bank"}, {"paperless", true}, {"fee", 300},
        {"sessions", {{{"part", "theory"}, {"starts_at", at(8, 9)}, {"ends_at", at(8, 11)}, {"room", "1" + room_suffix}},
                      {{"part", "practical"}, {"starts_at", at(8, 13)}, {"ends_at", at(8, 17)}, {"room", "2" + room_suffix}}}}};
    auto r = inst.post_json("/api/v1/plans", body);
    EXPECT_EQ(r.status, 201) << r.body;
    const auto id = r.json().value("id", 0);
    EXPECT_EQ(inst.post("/api/v1/plans/" + std::to_string(id) + "/publish", "").status, 200);
    return id;
  }
};

TEST_P(Certificates, S19_2_TheReviewIsRecheckedAgainstTheApplicationConditionsAndOverlapsAreFlagged) {
  auto inst = as("inst");
  const auto inst_id = inst.get("/api/v1/institutions").json()["items"][0]["id"].get<int>();
  auto site = inst.post_json("/api/v1/institutions/" + std::to_string(inst_id) + "/exam-sites",
                             {{"name", "西湖考点"}, {"address", "文三路1号"}, {"region_code", "330106"}});
  ASSERT_EQ(site.status, 201);
  const auto plan = published_plan(inst, site.json()["id"], "01");
  const auto other = published_plan(inst, site.json()["id"], "02");
  const auto base = "/api/v1/plans/" + std::to_string(plan);

  const auto eligible = identity("19900101", 11), ineligible = identity("19950505", 22);
  auto ok = inst.post_json(base + "/candidates", {{"identity_no", eligible}, {"name", "张三"}, {"education", "high_school"},
                                                  {"years_in_trade", 7}, {"review", "admitted"}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json()["eligible"], true);
  EXPECT_EQ(ok.json()["eligibility"]["met_route"], "L4-2");
  EXPECT_EQ(ok.json()["birth_date"], "1990-01-01");
  EXPECT_EQ(ok.json()["sex"], "M");
  EXPECT_EQ(ok.json()["identity_no"], mask_identity_number(eligible)) << "masked in every answer";
  EXPECT_EQ(ok.json()["flags"], nlohmann::json::array());

  auto bad = inst.post_json(base + "/candidates", {{"identity_no", ineligible}, {"name", "李四"}, {"education", "high_school"},
                                                   {"years_in_trade", 2}, {"review", "admitted"}});
  ASSERT_EQ(bad.status, 201) << bad.body;
  EXPECT_EQ(bad.json()["eligible"], false);
  EXPECT_EQ(bad.json()["flags"], nlohmann::json({"ineligible_admitted"}));
  const auto checks = bad.json()["eligibility"]["checks"];
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(checks[1]["route"], "L4-2");
  EXPECT_EQ(checks[1]["unmet"], nlohmann::json({"years_total<6"}));

  // Refused input: a wrong check digit, a duplicate, an unknown education.
  auto wrong = eligible;
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  auto r = inst.post_json(base + "/candidates", {{"identity_no", wrong}, {"name", "王五"}, {"education", "college"}, {"years_in_trade", 3}});
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("invalid_check_digit"), std::string::npos) << r.body;
  EXPECT_EQ(inst.post_json(base + "/candidates", {{"identity_no", eligible}, {"name", "张三"}, {"education", "high_school"}, {"years_in_trade", 7}}).status, 409);
  EXPECT_EQ(inst.post_json(base + "/candidates", {{"identity_no", identity("19900101", 33)}, {"name", "赵六"}, {"education", "phd"}, {"years_in_trade", 7}}).status, 422);

  // The same person admitted to another plan at the same time: both are flagged.
  ASSERT_EQ(inst.post_json("/api/v1/plans/" + std::to_string(other) + "/candidates",
                           {{"identity_no", eligible}, {"name", "张三"}, {"education", "high_school"}, {"years_in_trade", 7},
                            {"review", "admitted"}}).status, 201);
  auto flagged = as("hangzhou").get(base + "/candidates?flagged=true").json();
  ASSERT_EQ(flagged["total"], 2) << flagged.dump();
  EXPECT_EQ(flagged["items"][0]["flags"], nlohmann::json({"overlapping_plan:" + std::to_string(other)}));
  EXPECT_EQ(flagged["items"][1]["flags"], nlohmann::json({"ineligible_admitted"}));
  EXPECT_EQ(as("hangzhou").get(base + "/candidates?eligible=false").json()["total"], 1);
  EXPECT_EQ(as("yinzhou").get(base + "/candidates").status, 404);
  // A page carries the flags of its own candidates (worked out for that page alone).
  for (const auto& [page, flags] : std::vector<std::pair<int, nlohmann::json>>{
           {1, {"overlapping_plan:" + std::to_string(other)}}, {2, {"ineligible_admitted"}}}) {
    for (const std::string filter : {"", "flagged=true&"}) {
      auto one = as("hangzhou").get(base + "/candidates?" + filter + "page_size=1&page=" + std::to_string(page)).json();
      ASSERT_EQ(one["items"].size(), 1u) << one.dump();
      EXPECT_EQ(one["items"][0]["flags"], flags) << filter << "page " << page;
      EXPECT_EQ(one["total"], 2) << filter;
    }
  }

  // The full number only for a recorded reason.
  const auto cid = std::to_string(ok.json()["id"].get<int>());
  EXPECT_EQ(as("hangzhou").post_json(base + "/candidates/" + cid + "/identity", nlohmann::json::object()).status, 400);
  auto shown = as("hangzhou").post_json(base + "/candidates/" + cid + "/identity", {{"reason", "核查投诉涉及的考生身份"}});
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(shown.json()["identity_no"], eligible);
  auto audit = as("province").get("/api/v1/audit?action=candidate.identity_view").json();
  ASSERT_EQ(audit["total"], 1);
  EXPECT_EQ(audit.dump().find(eligible), std::string::npos) << "the audit log never holds the full number";
}

// S19(2) 资格审核 comes before the exam: once it has begun, no one is registered or admitted (that
// would be a result for someone who never sat it, S14(1)); an admission can still be withdrawn.
TEST_P(Certificates, S19_2_NoOneIsRegisteredOrAdmittedOnceTheExamHasBegun) {
  auto inst = as("inst");
  const auto inst_id = inst.get("/api/v1/institutions").json()["items"][0]["id"].get<int>();
  auto site = inst.post_json("/api/v1/institutions/" + std::to_string(inst_id) + "/exam-sites",
                             {{"name", "西湖考点"}, {"address", "文三路1号"}, {"region_code", "330106"}});
  ASSERT_EQ(site.status, 201);
  const auto base = "/api/v1/plans/" + std::to_string(published_plan(inst, site.json()["id"], "01"));
  auto add = [&](int seq, const char* review) {
    return inst.post_json(base + "/candidates", {{"identity_no", identity("19900101", seq)}, {"name", "考生"},
                                                 {"education", "high_school"}, {"years_in_trade", 7}, {"review", review}});
  };
  const auto pending = add(11, "pending").json()["id"].get<int>();
  const auto admitted = add(13, "admitted").json()["id"].get<int>();

  restart_at(9);  // the exam was yesterday
  inst = as("inst");
  auto review = [&](int id, const char* decision) {
    return inst.post_json(base + "/candidates/" + std::to_string(id) + "/review", {{"decision", decision}});
  };
  auto late = add(15, "admitted");
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(late.json()["error"]["article"], "S19(2)");
  EXPECT_EQ(review(pending, "admitted").status, 409) << "not admitted after the exam";
  auto withdrawn = review(admitted, "refused");
  EXPECT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(review(admitted, "admitted").status, 409) << "nor admitted again";
  EXPECT_EQ(inst.get(base + "/candidates").json()["total"], 2);
}

TEST_P(Certificates, S19_9_S21_5_CertificatesAreIssuedAfterTheResultsPublicityAndCheckedByThePublicWhoNameTheHolder) {
  auto inst = as("inst");
  const auto inst_json = inst.get("/api/v1/institutions").json()["items"][0];
  const std::string inst_code = inst_json["code"];
  auto site = inst.post_json("/api/v1/institutions/" + std::to_string(inst_json["id"].get<int>()) + "/exam-sites",
                             {{"name", "西湖考点"}, {"address", "文三路1号"}, {"region_code", "330106"}});
  const auto plan = published_plan(inst, site.json()["id"], "01");
  const auto base = "/api/v1/plans/" + std::to_string(plan);
  std::vector<int> ids;
  for (int i = 0; i < 3; ++i) {
    auto c = inst.post_json(base + "/candidates", {{"identity_no", identity("19880808", 41 + i)}, {"name", std::string("考生") + char('A' + i)},
                                                   {"education", "college"}, {"years_in_trade", 8}, {"review", "admitted"}});
    ASSERT_EQ(c.status, 201) << c.body;
    ids.push_back(c.json()["id"].get<int>());
  }
  auto refused = inst.post_json(base + "/candidates", {{"identity_no", identity("19880808", 51)}, {"name", "未通过审核"},
                                                       {"education", "college"}, {"years_in_trade", 1}, {"review", "refused"}});
  ASSERT_EQ(refused.status, 201);

  // Scores: A passes, B fails practical, C passes; bad items refuse the whole request.
  auto item = [](int id, const char* part, double score) { return nlohmann::json{{"candidate_id", id}, {"part", part}, {"score", score}}; };
  auto bad = inst.post_json(base + "/scores", {{"items", {item(ids[0], "theory", 101), item(ids[1], "oral", 70),
                                                          item(refused.json()["id"], "theory", 80)}}});
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("items[0].score"), std::string::npos);
  EXPECT_NE(bad.body.find("items[1].part"), std::string::npos);
  EXPECT_NE(bad.body.find("not_admitted"), std::string::npos);
  // S14(1): no score for a part before it is examined (the sessions are 8 days away).
  auto early_score = inst.post_json(base + "/scores", {{"items", {item(ids[0], "theory", 75)}}});
  ASSERT_EQ(early_score.status, 422) << early_score.body;
  EXPECT_EQ(early_score.json()["error"]["details"][0],
            nlohmann::json({{"field", "items[0].part"}, {"problem", "not_yet_examined"}}));
  EXPECT_EQ(inst.post(base + "/scores/publish", "").status, 409) << "the exam has not ended";

  restart_at(10);
  inst = as("inst");
  auto scored = inst.post_json(base + "/scores", {{"items", {item(ids[0], "theory", 75), item(ids[0], "practical", 60),
                                                             item(ids[1], "theory", 88), item(ids[1], "practical", 59.5),
                                                             item(ids[2], "theory", 90)}}});
  ASSERT_EQ(scored.status, 200) << scored.body;
  EXPECT_EQ(scored.json()["items"][1]["result"], "passed") << "60 is the pass line";
  EXPECT_EQ(scored.json()["items"][3]["result"], "failed");
  // S19(9): not while an admitted candidate still lacks a part's score (C's practical).
  auto incomplete = inst.post(base + "/scores/publish", "");
  ASSERT_EQ(incomplete.status, 409) << incomplete.body;
  EXPECT_NE(incomplete.body.find("\"pending_candidates\""), std::string::npos) << incomplete.body;
  ASSERT_EQ(inst.post_json(base + "/scores", {{"items", {item(ids[2], "practical", 91)}}}).status, 200);
  auto published = inst.post(base + "/scores/publish", "");
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_FALSE(published.json()["results_publicity_ends"].is_null());
  auto early = inst.post_json("/api/v1/certificates", {{"plan_id", plan}});
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(early.json()["error"]["article"], "S19(9)");
  {
    auto b = inst.post_json("/api/v1/batches", {{"kind", "certificates"}, {"plan_id", plan}});
    const auto path = "/api/v1/batches/" + std::to_string(b.json()["id"].get<int>());
    ASSERT_EQ(inst.post(path + "/parts?commit=true", "identity_no\n" + identity("19880808", 41) + "\n").status, 202);
    nlohmann::json done = nlohmann::json::object();
    for (int i = 0; i < 200 && done.value("status", "") != "refused" && done.value("status", "") != "applied"; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      done = inst.get(path).json();
    }
    EXPECT_EQ(done["status"], "refused") << done.dump();
    ASSERT_FALSE(done["errors"].empty()) << done.dump();
    EXPECT_EQ(done["errors"][0]["row"], 0) << "the whole plan's problem, before any row";
    EXPECT_EQ(done["errors"][0]["field"], "plan_id");
    EXPECT_EQ(done["errors"][0]["problem"], "S19(9) results_publicity_not_over") << "a code, not an English sentence";
  }
  // A change after publication needs a reason and is kept.
  auto no_reason = inst.post_json(base + "/scores", {{"items", {item(ids[1], "practical", 61)}}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(no_reason.json()["error"]["article"], "S19(9)");
  auto changed = inst.post_json(base + "/scores", {{"items", {item(ids[1], "practical", 61)}}, {"reason", "复核发现漏计一题"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["items"][0]["result"], "passed");
  auto audited = as("province").get("/api/v1/audit?action=score.change").json();
  ASSERT_EQ(audited["total"], 1);

  restart_at(20);
  inst = as("inst");
  EXPECT_EQ(inst.post_json("/api/v1/certificates", {{"plan_id", plan}, {"candidate_ids", {refused.json()["id"]}}}).status, 422)
      << "no certificate for a candidate who did not pass";
  // The exam software reports the first certificate in a batch; the rest are issued by the console.
  auto batch = inst.post_json("/api/v1/batches", {{"kind", "certificates"}, {"plan_id", plan}});
  ASSERT_EQ(batch.status, 201) << batch.body;
  const auto batch_path = "/api/v1/batches/" + std::to_string(batch.json()["id"].get<int>());
  ASSERT_EQ(inst.post(batch_path + "/parts?commit=true", "identity_no\n" + identity("19880808", 41) + "\n").status, 202);
  nlohmann::json done = nlohmann::json::object();
  for (int i = 0; i < 200 && done.value("status", "") != "applied" && done.value("status", "") != "refused"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    done = inst.get(batch_path).json();
  }
  ASSERT_EQ(done["status"], "applied") << done.dump();
  const std::string yy = local_date(SystemClock{}.now() + 20 * 86400).to_string().substr(2, 2);
  const std::string first = inst_code + yy + "4" + "000001";
  EXPECT_EQ(inst.get("/api/v1/certificates?plan_id=" + std::to_string(plan)).json()["items"][0]["cert_no"], first);
  auto issued = inst.post_json("/api/v1/certificates", {{"plan_id", plan}});
  ASSERT_EQ(issued.status, 201) << issued.body;
  ASSERT_EQ(issued.json()["total"], 2);
  EXPECT_EQ(issued.json()["items"][0]["cert_no"], inst_code + yy + "4" + "000002");
  EXPECT_EQ(issued.json()["items"][1]["cert_no"], inst_code + yy + "4" + "000003");
  EXPECT_TRUE(parse_certificate_number(first).has_value());
  EXPECT_EQ(inst.post_json("/api/v1/certificates", {{"plan_id", plan}}).json()["total"], 0) << "never twice";
  // Every issue is audited with the numbers it gave, by the batch as by the console.
  auto issues = as("province").get("/api/v1/audit?action=certificate.issue").json();
  ASSERT_EQ(issues["total"], 2) << issues.dump();
  std::set<std::string> firsts;
  for (const auto& e : issues["items"]) firsts.insert(e["after"]["first"].get<std::string>());
  EXPECT_EQ(firsts, (std::set<std::string>{first, inst_code + yy + "4" + "000002"}));

  // The public check: valid with only the public fields; a wrong name is not_found.
  auto pub = anonymous();
  auto valid = pub.get("/api/v1/public/certificates/verify?cert_no=" + first + "&name=%E8%80%83%E7%94%9FA").json();
  EXPECT_EQ(valid["status"], "valid") << valid.dump();
  EXPECT_EQ(valid["institution_code"], inst_code);
  EXPECT_EQ(valid["level"], 4);
  EXPECT_EQ(valid["identity_no"], mask_identity_number(identity("19880808", 41)));
  EXPECT_EQ(pub.get("/api/v1/public/certificates/verify?cert_no=" + first + "&name=%E5%BC%A0").json()["status"], "not_found");
  // M21: a name change is recorded; the check then names the institution as it is called now
  // (the row it reads follows a rename).
  auto renamed = inst.post_json("/api/v1/institutions/" + std::to_string(inst_json["id"].get<int>()) + "/changes",
                                {{"name", "更名后的评价机构"}});
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(pub.get("/api/v1/public/certificates/verify?cert_no=" + first + "&name=%E8%80%83%E7%94%9FA").json()["institution_name"],
            "更名后的评价机构");
  EXPECT_EQ(pub.get("/api/v1/public/certificates/verify?cert_no=" + first.substr(0, 21) + "&name=x").status, 400);
  // S21(5): the QR code carries the holder's name, so, like the check, it answers only someone
  // who names the holder; the numbers follow each other and would otherwise list every name.
  EXPECT_EQ(pub.get("/api/v1/public/certificates/" + first + "/qr.png").status, 400) << "no name";
  EXPECT_EQ(pub.get("/api/v1/public/certificates/" + first + "/qr.png?name=%E5%BC%A0").status, 404) << "another name";
  auto qr = pub.get("/api/v1/public/certificates/" + first + "/qr.png?name=%E8%80%83%E7%94%9FA");
  ASSERT_EQ(qr.status, 200) << qr.body;
  EXPECT_EQ(qr.body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  auto keys = pub.get("/api/v1/public/keys").json();
  ASSERT_EQ(keys["keys"].size(), 1u);
  EXPECT_EQ(keys["keys"][0]["algorithm"], "Ed25519");

  // S19(10): reported within 30 days; the overdue list shows the others later.
  auto reported = inst.post_json("/api/v1/certificates/report",
                                 {{"cert_nos", {first}}, {"reported_on", local_date(SystemClock{}.now() + 20 * 86400).to_string()}});
  ASSERT_EQ(reported.status, 200) << reported.body;
  restart_at(60);
  auto overdue = as("hangzhou").get("/api/v1/certificates?overdue=true").json();
  EXPECT_EQ(overdue["total"], 2) << overdue.dump();

  // S18: voided by the supervisor, kept with its reason; the public sees it voided.
  EXPECT_EQ(as("inst").post_json("/api/v1/certificates/" + first + "/void", {{"reason", "x"}}).status, 403);
  EXPECT_EQ(as("yinzhou").post_json("/api/v1/certificates/" + first + "/void", {{"reason", "x"}}).status, 404);
  auto voided = as("hangzhou").post_json("/api/v1/certificates/" + first + "/void", {{"reason", "S18(1) 考评人员弄虚作假，结果无效"}});
  ASSERT_EQ(voided.status, 200) << voided.body;
  auto now_voided = anonymous().get("/api/v1/public/certificates/verify?cert_no=" + first + "&name=%E8%80%83%E7%94%9FA").json();
  EXPECT_EQ(now_voided["status"], "voided");
  EXPECT_EQ(now_voided["reason"], "S18(1) 考评人员弄虚作假，结果无效");
  EXPECT_EQ(anonymous().get("/api/v1/public/certificates/" + first + "/qr.png?name=%E8%80%83%E7%94%9FA").status, 404);
  EXPECT_EQ(as("province").get("/api/v1/audit/verify").json()["valid"], true);
}

// Only the published pass of an admitted candidate is certified. S19(2): an admission withdrawn
// after the scores kept a pass that was never published, and a named certificate or a batch row
// issued it. S19(9): a result changed after the publicity had run was certified the same day;
// it now stands in public for the whole period again. S18: a certified result is changed only by
// declaring the certificate void, not by a new score.
TEST_P(Certificates, S19_2_S19_9_S18_OnlyThePublishedPassOfAnAdmittedCandidateIsCertified) {
  auto inst = as("inst");
  const auto inst_json = inst.get("/api/v1/institutions").json()["items"][0];
  auto site = inst.post_json("/api/v1/institutions/" + std::to_string(inst_json["id"].get<int>()) + "/exam-sites",
                             {{"name", "西湖考点"}, {"address", "文三路1号"}, {"region_code", "330106"}});
  const auto plan = published_plan(inst, site.json()["id"], "01");
  const auto base = "/api/v1/plans/" + std::to_string(plan);
  std::vector<int> ids;  // A, B, C
  for (int i = 0; i < 3; ++i) {
    auto c = inst.post_json(base + "/candidates", {{"identity_no", identity("19880808", 61 + i)},
                                                   {"name", std::string("考生") + char('A' + i)}, {"education", "college"},
                                                   {"years_in_trade", 8}, {"review", "admitted"}});
    ASSERT_EQ(c.status, 201) << c.body;
    ids.push_back(c.json()["id"].get<int>());
  }
  auto item = [](int id, const char* part, double score) {
    return nlohmann::json{{"candidate_id", id}, {"part", part}, {"score", score}};
  };
  restart_at(10);
  inst = as("inst");
  ASSERT_EQ(inst.post_json(base + "/scores", {{"items", {item(ids[0], "theory", 80), item(ids[0], "practical", 80),
                                                         item(ids[1], "theory", 80), item(ids[1], "practical", 80),
                                                         item(ids[2], "theory", 80), item(ids[2], "practical", 59)}}})
                .status,
            200);
  auto withdrawn = inst.post_json(base + "/candidates/" + std::to_string(ids[1]) + "/review",
                                  {{"decision", "refused"}, {"note", "资格不符"}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  ASSERT_EQ(inst.post(base + "/scores/publish", "").status, 200);

  restart_at(20);
  inst = as("inst");
  auto named = inst.post_json("/api/v1/certificates", {{"plan_id", plan}, {"candidate_ids", {ids[1]}}});
  ASSERT_EQ(named.status, 422) << named.body;
  EXPECT_EQ(named.json()["error"]["details"][0]["problem"], "not_admitted");
  {
    auto b = inst.post_json("/api/v1/batches", {{"kind", "certificates"}, {"plan_id", plan}});
    const auto path = "/api/v1/batches/" + std::to_string(b.json()["id"].get<int>());
    ASSERT_EQ(inst.post(path + "/parts?commit=true", "identity_no\n" + identity("19880808", 62) + "\n").status, 202);
    nlohmann::json done = nlohmann::json::object();
    for (int i = 0; i < 200 && done.value("status", "") != "refused" && done.value("status", "") != "applied"; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      done = inst.get(path).json();
    }
    EXPECT_EQ(done["status"], "refused") << "the batch names the withdrawn candidate: " << done.dump();
  }
  auto a = inst.post_json("/api/v1/certificates", {{"plan_id", plan}, {"candidate_ids", {ids[0]}}});
  ASSERT_EQ(a.status, 201) << a.body;
  auto rescored = inst.post_json(base + "/scores", {{"items", {item(ids[0], "practical", 40)}}, {"reason", "复核"}});
  ASSERT_EQ(rescored.status, 422) << rescored.body;
  EXPECT_EQ(rescored.json()["error"]["details"][0]["problem"], "already_certified");

  // C's practical is corrected from 59 to 61 after the publicity had run: C now passes, and the
  // corrected results stand in public for five working days again.
  const auto ends_before = inst.get(base).json()["results_publicity_ends"].get<std::string>();
  auto corrected = inst.post_json(base + "/scores", {{"items", {item(ids[2], "practical", 61)}}, {"reason", "复核发现漏计一题"}});
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  EXPECT_EQ(corrected.json()["items"][0]["result"], "passed");
  const auto ends_after = inst.get(base).json()["results_publicity_ends"].get<std::string>();
  EXPECT_GT(ends_after, ends_before);
  EXPECT_GT(ends_after, local_date(SystemClock{}.now() + 20 * 86400).add_days(5).to_string());
  auto early = inst.post_json("/api/v1/certificates", {{"plan_id", plan}, {"candidate_ids", {ids[2]}}});
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(early.json()["error"]["article"], "S19(9)");
  EXPECT_EQ(as("province").get("/api/v1/audit?action=plan.results_publicity_extended").json()["total"], 1);
  restart_at(32);
  auto later = as("inst").post_json("/api/v1/certificates", {{"plan_id", plan}, {"candidate_ids", {ids[2]}}});
  EXPECT_EQ(later.status, 201) << later.body;
}

SKILLREG_ON_BOTH_BACKENDS(Certificates);

}  // namespace skillreg::test
